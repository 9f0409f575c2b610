"""The web UI's SPARQL: one .rq file per query under webui/queries, each with a `#+ summary:` header.

Values reach a query only as bindings (RDF terms bound by the store), never as text.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from flask import current_app, g

from ..queries import library
from ..store import Store, Term
from . import get_store

FOLDER = Path(__file__).parent / "queries"


@lru_cache(maxsize=None)
def load(name: str) -> str:
    """The text of queries/<name>.rq."""
    return (FOLDER / f"{name}.rq").read_text(encoding="utf-8")


def summary(name: str) -> str:
    """The `#+ summary:` line of a query."""
    for line in load(name).splitlines():
        if line.startswith("#+ summary:"):
            return line.split(":", 1)[1].strip()
    return ""


def names() -> list[str]:
    """The names of every query in the folder."""
    return sorted(path.stem for path in FOLDER.glob("*.rq"))


def select(name: str, **bindings: Term) -> list[dict[str, Term]]:
    """The rows of a SELECT query, memoised for the current request (and, when slow, for later
    requests while the store is unchanged: webui/slow_results.py). Callers must not change them."""
    key = (name, tuple(sorted(bindings.items())))
    cache = g.setdefault("rq_cache", {})
    if key not in cache:
        cache[key] = _kept_when_slow(key, lambda store: store.select(load(name), bindings))
    return cache[key]


def library_rows(name: str, params: dict[str, Term]) -> list[dict[str, Term]]:
    """The rows of library query `name` (queries/), kept like a page query's when slow."""
    key = ("library", name, tuple(sorted(params.items())))
    return _kept_when_slow(key, lambda store: library.run(store, name, params))


def _kept_when_slow(key: tuple, run: Callable[[Store], list[dict[str, Term]]]) -> list[dict[str, Term]]:
    """`run(store)`'s rows, or those kept for `key` from an earlier request (webui/slow_results.py)."""
    store = get_store()
    return current_app.extensions["unionkg_slow_results"].rows(store, key, lambda: run(store))


def cached(name: str, **bindings: Term) -> list[dict[str, Term]] | None:
    """The rows of `name` this request already has (asked or primed), else None."""
    return g.get("rq_cache", {}).get((name, tuple(sorted(bindings.items()))))


def prime(name: str, rows: list[dict[str, Term]], key: str | tuple[str, ...], variable: str | tuple[str, ...] = "this",
          every: tuple = ()) -> None:
    """Answer `name` for every value of `key` in `rows` (and with no rows for the other nodes in
    `every`) from these rows, for the rest of the request: one query for many nodes instead of one
    query per node. A tuple `key` names several columns, bound to the same-length tuple `variable`
    (and `every` then holds tuples of values)."""
    keys = key if isinstance(key, tuple) else (key,)
    variables = variable if isinstance(variable, tuple) else (variable,)
    cache = g.setdefault("rq_cache", {})
    grouped: dict[tuple, list[dict[str, Term]]] = {
        node if isinstance(node, tuple) else (node,): [] for node in every}
    for row in rows:
        grouped.setdefault(tuple(row[k] for k in keys), []).append(row)
    for values, group in grouped.items():
        cache.setdefault((name, tuple(sorted(zip(variables, values)))), group)


def construct(name: str, **bindings: Term) -> list:
    """The triples of a CONSTRUCT query."""
    return get_store().construct(load(name), bindings)
