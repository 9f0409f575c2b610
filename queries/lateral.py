"""LATERAL blocks and the SPARQL 1.1 twins of the queries that use them.

LATERAL (SEP-0006) evaluates a block once per row found so far, with that row's values, so a
query can look a name up from the entity at hand instead of grouping every name in the store
first. Oxigraph (embedded and `oxigraph serve`) and Apache Jena run it; Virtuoso 7 and rdflib
do not. Each library query that uses it has a twin in `queries/sparql11/` that gives the same
rows in plain SPARQL 1.1, and a store that refuses LATERAL is given the twin.

A few queries without LATERAL have twins too: their texts are shaped for Oxigraph's planner
(chains of nested EXISTS), which Virtuoso cannot compile or run in time; their twins are written
for it (flat tests, shortest paths as a grouped union), and the same LATERAL probe selects them.
"""
from __future__ import annotations

import weakref
from importlib import resources

from unionkg.errors import QueryError
from unionkg.store import Store
from unionkg.store_remote import tokens

__all__ = ["has_lateral", "uses_lateral", "sparql11_twin", "TWINS"]

_PACKAGE = __package__ or "unionkg.queries"
TWINS = "sparql11"  # the folder of the twins, beside the library's queries
_PROBE = "SELECT ?y WHERE { BIND(1 AS ?x) LATERAL { BIND(?x AS ?y) } }"
_support: weakref.WeakKeyDictionary[Store, bool] = weakref.WeakKeyDictionary()


def has_lateral(store: Store) -> bool:
    """Whether `store` runs LATERAL blocks (asked once per store, with a query of one row)."""
    if store not in _support:
        try:
            rows = store.select(_PROBE)
            _support[store] = len(rows) == 1 and str(rows[0].get("y")) == "1"
        except QueryError:  # a parser that does not know the keyword
            _support[store] = False
    return _support[store]


def uses_lateral(text: str) -> bool:
    """Whether a query has the keyword LATERAL outside comments and strings."""
    return any(t.kind == "word" and t.text.upper() == "LATERAL" for t in tokens(text))


def sparql11_twin(name: str) -> str | None:
    """The text of the SPARQL 1.1 twin of library query `name`, if it has one."""
    twin = resources.files(_PACKAGE).joinpath(TWINS, f"{name}.rq")
    return twin.read_text(encoding="utf-8") if twin.is_file() else None
