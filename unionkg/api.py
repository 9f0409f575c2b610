"""The Python API for notebooks: `unionkg.open(...)` and the handle it returns.

    >>> import unionkg
    >>> kg = unionkg.open(store="data/store")           # or endpoint="http://localhost:7878/query"
    >>> kg.query("search", q="cong doan vien chuc", kind="organization")[0]["label"]
    'Công đoàn Viên chức Việt Nam'
    >>> [(r["date"], r["lag"], r["level"]) for r in kg.directive_trace("02-NQ/TW")][0]
    (datetime.date(2021, 11, 10), 151, 'confederation')
    >>> kg.to_networkx("hierarchy", root="Công đoàn Viên chức Việt Nam")   # a networkx DiGraph

Rows are dicts of Python values: IRIs and text as str, numbers as int or float, xsd:date as
datetime.date; a column a row has no value for is absent from it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from .store import Store, open_store

__all__ = ["KnowledgeGraph", "open"]

GRAPH_KINDS = ("network", "hierarchy", "coattendance", "diffusion")


class KnowledgeGraph:
    """A store with the query library and the analytics at hand."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def queries(self) -> list[str]:
        """The names of the library's queries."""
        from .queries.library import names
        return names()

    def query(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """The rows of a library query (or .rq file) as dicts of Python values."""
        from .queries.library import plain, run
        return plain(run(self.store, name, {k: v for k, v in params.items() if v is not None}))

    def directive_trace(self, directive: str, derived: bool = False) -> list[dict[str, Any]]:
        """Who acted on a directive, when, how long after its issue, at which level, with evidence."""
        return self.query("directive_trace", directive=directive, derived=derived)

    def diffusion(self, directive: str, derived: bool = False):
        """The directive's diffusion cascade (queries.analytics.Cascade): lags per level and medians."""
        from .queries.analytics import diffusion
        return diffusion(self.store, directive, derived)

    def to_networkx(self, kind: str = "network", **options: Any) -> nx.Graph:
        """A networkx graph: "network" (everything), "hierarchy" (root=), "coattendance" (start=, end=),
        or "diffusion" (directive=, derived=)."""
        from .queries import analytics, library
        if kind == "network":
            return analytics.network(self.store)
        if kind == "hierarchy":
            root = options.get("root")
            return analytics.hierarchy(self.store, str(library.resolve_org(self.store, root)) if root else None)
        if kind == "coattendance":
            return analytics.coattendance(self.store, options.get("start"), options.get("end"))
        if kind == "diffusion":
            return self.diffusion(options["directive"], options.get("derived", False)).graph
        raise ValueError(f"unknown graph kind {kind!r}: use one of {', '.join(GRAPH_KINDS)}")

    def export(self, path: str | Path, kind: str = "network", fmt: str | None = None, **options: Any) -> list[Path]:
        """Write one of the graphs as GraphML, GEXF or CSV (format from `fmt` or the suffix)."""
        from .queries.analytics import export
        return export(self.to_networkx(kind, **options), path, fmt)

    def plot_diffusion(self, directive: str, path: str | Path, derived: bool = False) -> Path:
        """A PNG or SVG of the directive's diffusion over time, by level."""
        from .queries.plot import plot_diffusion
        return plot_diffusion(self.diffusion(directive, derived), path)

    def close(self) -> None:
        """Release the store."""
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open(store: str | None = None, endpoint: str | None = None, *, update_endpoint: str | None = None,  # noqa: A001
         graph_store: str | None = None, in_memory: bool = False) -> KnowledgeGraph:
    """Open the embedded store in folder `store` (default $UNIONKG_STORE or ./data/store) or a SPARQL `endpoint`."""
    return KnowledgeGraph(open_store(store_dir=store, endpoint=endpoint, update_endpoint=update_endpoint,
                                     graph_store=graph_store, in_memory=in_memory))
