"""Where the store lives: the default embedded folder and the URLs of a remote SPARQL server."""
from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

DEFAULT_STORE_DIR = "./data/store"


def default_store_dir() -> str:
    """The embedded store folder: $UNIONKG_STORE, else ./data/store."""
    return os.environ.get("UNIONKG_STORE") or DEFAULT_STORE_DIR


def derive_endpoints(query_url: str, update_url: str | None = None,
                     graph_store_url: str | None = None) -> tuple[str, str, str | None]:
    """The (query, update, graph store) URLs of a server, derived from its query URL unless given.

    Oxigraph serves `/query`, `/update` and `/store` at the server root; Fuseki serves
    `/<dataset>/query` (or `/<dataset>/sparql`), `/<dataset>/update` and `/<dataset>/data`.
    Any other URL (Virtuoso's `/sparql`, GraphDB, Blazegraph, ...) is taken to accept updates
    at the query URL itself, and to have no graph store we know of.
    """
    parts = urlsplit(query_url)
    head, _, last = parts.path.rstrip("/").rpartition("/")

    def at(path: str) -> str:
        # Derived URLs drop the query string: it belongs to the query endpoint only.
        return urlunsplit((parts.scheme, parts.netloc, path, "", ""))

    if last == "query" and not head:
        derived: tuple[str, str | None] = (at("/update"), at("/store"))
    elif last in ("query", "sparql") and head:
        derived = (at(f"{head}/update"), at(f"{head}/data"))
    else:
        derived = (query_url, None)
    return query_url, update_url or derived[0], graph_store_url or derived[1]
