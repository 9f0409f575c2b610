"""Store location defaults and the derivation of a server's update and graph store URLs."""
from __future__ import annotations

import pytest

from unionkg.config import DEFAULT_STORE_DIR, default_store_dir, derive_endpoints


def test_default_store_dir_is_the_env_var_else_data_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UNIONKG_STORE", raising=False)
    assert default_store_dir() == DEFAULT_STORE_DIR == "./data/store"
    monkeypatch.setenv("UNIONKG_STORE", "/srv/kg")
    assert default_store_dir() == "/srv/kg"


@pytest.mark.parametrize(("query_url", "update_url", "graph_store_url"), [
    # Oxigraph: everything at the server root.
    ("http://localhost:7878/query", "http://localhost:7878/update", "http://localhost:7878/store"),
    ("http://localhost:7878/query/", "http://localhost:7878/update", "http://localhost:7878/store"),
    # Fuseki: /<dataset>/query or /<dataset>/sparql.
    ("http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data"),
    ("https://h/fuseki/unions/sparql", "https://h/fuseki/unions/update", "https://h/fuseki/unions/data"),
    ("http://h:3030/ds/query?default-graph-uri=x", "http://h:3030/ds/update", "http://h:3030/ds/data"),
    # Anything else (Virtuoso's /sparql, GraphDB): updates at the query URL, no graph store.
    ("http://h:8890/sparql", "http://h:8890/sparql", None),
    ("http://h/repositories/kg", "http://h/repositories/kg", None),
])
def test_derived_endpoints(query_url: str, update_url: str, graph_store_url: str | None) -> None:
    assert derive_endpoints(query_url, None, None) == (query_url, update_url, graph_store_url)


def test_explicit_endpoints_win() -> None:
    assert derive_endpoints("http://h/query", "http://u/up", "http://g/gs") == (
        "http://h/query", "http://u/up", "http://g/gs")
    assert derive_endpoints("http://h/query", None, "http://g/gs") == (
        "http://h/query", "http://h/update", "http://g/gs")
    assert derive_endpoints("http://h:8890/sparql", "http://h:8890/sparql-auth", None) == (
        "http://h:8890/sparql", "http://h:8890/sparql-auth", None)
