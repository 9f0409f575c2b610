"""The triple store: one small interface, an embedded Oxigraph store and a remote SPARQL server.

All our data sits in named graphs (one per article, plus the reference graph), and every
query sees the union of the named graphs as its default graph. The embedded store asks
pyoxigraph for that per query. A remote server must be configured so:
`oxigraph serve --union-default-graph`, Fuseki with `tdb2:unionDefaultGraph true`,
Virtuoso does it by default.

Query bindings are bound as RDF terms, never spliced in as text: the embedded store passes
them as pyoxigraph substitutions; where Oxigraph cannot substitute (a variable that is not
projected) and on a remote server, they become a VALUES block whose terms are escaped by
`term_text` and placed by a scanner that knows SPARQL comments, IRIs and strings.
"""
from __future__ import annotations

import abc
import os
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

# The media types a read query may be serialised to live with the query workers, which must not
# import rdflib.
from .capped import GRAPH_FORMATS as GRAPH_TYPES
from .capped import RESULTS_FORMATS as RESULTS_TYPES
from .config import default_store_dir
from .errors import QueryError, StoreError
from .rdf_text import (XSD_STRING, GraphBody, Term, Triple, graph_text, last_per_graph, quads_text, replace_update,
                       replace_updates, term_text, triples_text)

if TYPE_CHECKING:  # at run time these load lazily, see __getattr__ below
    from .store_remote import RemoteStore, bind_values, query_form, query_keywords  # noqa: F401

__all__ = ["Term", "Triple", "GraphBody", "Store", "EmbeddedStore", "RemoteStore", "open_store", "term_text",
           "triples_text", "graph_text", "quads_text", "replace_update", "replace_updates", "bind_values",
           "query_form", "query_keywords"]



class Store(abc.ABC):
    """A SPARQL store whose default graph is the union of its named graphs."""

    @abc.abstractmethod
    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[dict[str, Term]]:
        """The rows of a SELECT query; unbound variables are absent from a row."""

    @abc.abstractmethod
    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        """The answer to an ASK query."""

    @abc.abstractmethod
    def construct(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[Triple]:
        """The triples of a CONSTRUCT or DESCRIBE query."""

    @abc.abstractmethod
    def serialize_query(self, query: str, media_type: str) -> tuple[bytes, str]:
        """Run any read query and return (body, content type) in the asked type or the form's default."""

    @abc.abstractmethod
    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """Drop and refill one named graph in a single transaction."""

    @abc.abstractmethod
    def replace_graphs(self, bodies: Sequence[GraphBody], search_rows: Mapping | None = None) -> None:
        """Drop and refill several named graphs, each from its N-Triples lines, in one transaction.

        `search_rows` (graph -> search_index.IndexRows) saves a store with a search index from
        deriving them again; others ignore it."""

    @abc.abstractmethod
    def drop_graph(self, graph: URIRef) -> None:
        """Remove one named graph (no error when it is absent)."""

    @abc.abstractmethod
    def graphs(self) -> list[URIRef]:
        """The names of the non-empty named graphs, sorted."""

    def count_graphs(self, prefix: str = "") -> int:
        """How many named graphs have a name starting with `prefix`."""
        return sum(1 for graph in self.graphs() if str(graph).startswith(prefix))

    @abc.abstractmethod
    def triple_count(self) -> int:
        """The number of quads in all graphs."""

    @abc.abstractmethod
    def dump(self, out: BinaryIO, fmt: str) -> None:
        """Write every quad to `out` as "nquads" or "trig"."""

    def version(self) -> Hashable | None:
        """A token that changes whenever the data may have changed, for caches of results; None when
        it cannot be known (a server that others write to)."""
        return None

    def close(self) -> None:
        """Release the store."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def to_ox(term: Term) -> ox.NamedNode | ox.Literal:
    """The pyoxigraph term of an rdflib IRI or literal (blank nodes cannot be bound)."""
    try:
        if isinstance(term, URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None:
                return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            return ox.Literal(str(term))
    except ValueError as error:
        raise QueryError(f"bad binding {term!r}: {error}") from None
    raise QueryError(f"cannot bind {term!r}: only IRIs and literals can be bound")


def from_ox(term: object) -> Term:
    """The rdflib term of a pyoxigraph term; xsd:string literals become plain literals."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    raise QueryError(f"unsupported term in results (RDF-star?): {term}")


def rows_of(solutions: ox.QuerySolutions) -> list[dict[str, Term]]:
    """rdflib rows of pyoxigraph solutions, without the unbound variables."""
    names = [(variable, variable.value) for variable in solutions.variables]
    return [{name: from_ox(solution[variable]) for variable, name in names if solution[variable] is not None}
            for solution in solutions]


def triples_of(triples: Iterable[ox.Triple]) -> list[Triple]:
    """rdflib triples of pyoxigraph triples."""
    return [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in triples]


def media_format(query_kind: str, media_type: str) -> ox.QueryResultsFormat | ox.RdfFormat:
    """The serialisation of a `query_kind` ("results" or "graph") result in `media_type`, else the default."""
    base = media_type.split(";")[0].strip().lower()
    table = RESULTS_TYPES if query_kind == "results" else GRAPH_TYPES
    return table.get(base, next(iter(table.values())))


# (query text, variables...) that Oxigraph would not substitute (not projected), so that a page
# binding one query per row shown does not have each refused first. Page and library queries only:
# a handful of texts.
_BOUND_BY_VALUES: set[tuple] = set()


class EmbeddedStore(Store):
    """An Oxigraph store in this process: on disk in a folder, or in memory."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self._writes = 0  # only this process writes to it (Oxigraph locks the folder): its version
        try:
            if path is not None:
                os.makedirs(path, exist_ok=True)  # Oxigraph creates the folder but not its parents
            self._store: ox.Store | None = ox.Store(path)
        except OSError as error:
            if "current process" in str(error):
                raise StoreError(f"store {path} is already open in this process") from None
            if "lock" in str(error).lower():
                raise StoreError(f"store {path} is locked by another process") from None
            raise StoreError(f"cannot open store {path}: {error}") from None

    @property
    def _db(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"store {self.path or '(in memory)'} is closed")
        return self._store

    def _query(self, query: str, bindings: Mapping[str, Term] | None) -> object:
        """Run a read query, with the bindings substituted, else bound by VALUES."""
        substitutions = {_variable(name): to_ox(term) for name, term in (bindings or {}).items()}
        try:
            if (query, *substitutions) not in _BOUND_BY_VALUES:
                try:
                    return self._db.query(query, use_default_graph_as_union=True, substitutions=substitutions)
                except RuntimeError as error:
                    # Oxigraph substitutes only projected variables; VALUES binds the others.
                    if not substitutions or "does not contain" not in str(error):
                        raise
                    if len(_BOUND_BY_VALUES) >= 1024:  # a bound, should texts ever be made per call
                        _BOUND_BY_VALUES.clear()
                    _BOUND_BY_VALUES.add((query, *substitutions))
            from .store_remote import bind_values
            return self._db.query(bind_values(query, bindings or {}), use_default_graph_as_union=True)
        except (SyntaxError, RuntimeError, ValueError) as error:
            raise QueryError(f"{error}; query: {query[:200]}") from None
        except OSError as error:
            raise StoreError(f"store {self.path or '(in memory)'}: {error}") from None

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[dict[str, Term]]:
        """The rows of a SELECT query; unbound variables are absent from a row."""
        return rows_of(_expect(self._query(query, bindings), ox.QuerySolutions, "SELECT", query))

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        """The answer to an ASK query."""
        return bool(_expect(self._query(query, bindings), ox.QueryBoolean, "ASK", query))

    def construct(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[Triple]:
        """The triples of a CONSTRUCT or DESCRIBE query."""
        return triples_of(_expect(self._query(query, bindings), ox.QueryTriples, "CONSTRUCT or DESCRIBE", query))

    def serialize_query(self, query: str, media_type: str) -> tuple[bytes, str]:
        """Run any read query and return (body, content type) in the asked type or the form's default."""
        from .store_remote import query_form
        if query_form(query) == "UPDATE":
            raise QueryError(f"updates are refused here; query: {query[:200]}")
        result = self._query(query, None)
        kind = "graph" if isinstance(result, ox.QueryTriples) else "results"
        fmt = media_format(kind, media_type)
        return result.serialize(format=fmt), fmt.media_type

    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """Drop and refill one named graph in a single transaction."""
        self.replace_graphs([(graph, triples_text(triples))])

    def search_link(self):
        """The tie to the search index beside this store (unionkg.search_index), opened on first use."""
        if getattr(self, "_search_link", None) is None:
            from .search_index import IndexLink
            self._search_link = IndexLink(self)
        return self._search_link

    def replace_graphs(self, bodies: Sequence[GraphBody], search_rows: Mapping | None = None) -> None:
        """Drop and refill several named graphs in one transaction.

        New graphs are loaded as N-Quads (parsed in Oxigraph, no SPARQL); a batch that replaces a
        graph already stored goes as one DROP ... INSERT DATA update, also one transaction."""
        latest = last_per_graph(bodies)
        for graph, _ in latest:
            graph_text(graph)  # refuses a name that is not an IRI before anything is written
        link = self.search_link()
        rows = link.rows_for(latest, search_rows)
        counted = link.fresh  # the index keeps the quad count only while it is in step
        before = self._quads_in(graph for graph, _ in latest) if counted else 0
        link.before_write()
        self._write(latest)
        link.after_write(rows, self._quads_in(graph for graph, _ in latest) - before if counted else 0)

    def _quads_in(self, graphs: Iterable[URIRef]) -> int:
        """The number of quads in these named graphs (an article's: hundreds), counted in one query:
        walking them in Python took a third of an ingest's write time."""
        names = " ".join(graph_text(graph) for graph in graphs)
        if not names:
            return 0
        count = "SELECT (COUNT(*) AS ?n) WHERE { VALUES ?g { %s } GRAPH ?g { ?s ?p ?o } }" % names
        return int(next(iter(self._db.query(count)))["n"].value)

    def version(self) -> int:
        """How many writes this store has taken: nobody else can write to it while it is open."""
        return self._writes

    def _write(self, latest: list[GraphBody]) -> None:
        """One transaction: an N-Quads load of new graphs, else one DROP ... INSERT DATA update."""
        if any(self._db.contains_named_graph(ox.NamedNode(str(graph))) for graph, _ in latest):
            self._update(replace_updates(latest))
            return
        self._writes += 1
        text = "".join(quads_text(graph, body) for graph, body in latest)
        try:
            if text:
                self._db.load(text, format=ox.RdfFormat.N_QUADS)
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"store {self.path or '(in memory)'} refused the data: {error}") from None
        except OSError as error:
            raise StoreError(f"store {self.path or '(in memory)'}: {error}") from None

    def flush(self) -> None:
        """Write Oxigraph's in-memory buffers to disk; a long ingest calls it so its memory stays flat."""
        if self.path:
            try:
                self._db.flush()
            except OSError as error:
                raise StoreError(f"store {self.path}: {error}") from None

    def drop_graph(self, graph: URIRef) -> None:
        """Remove one named graph (no error when it is absent)."""
        name = graph_text(graph)
        link = self.search_link()
        before = self._quads_in([graph]) if link.fresh else 0
        link.before_write()
        self._update(f"DROP SILENT GRAPH {name}")
        link.after_write([(str(graph), None)], -before)

    def _update(self, update: str) -> None:
        self._writes += 1
        try:
            self._db.update(update)
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"store {self.path or '(in memory)'} refused the update: {error}") from None
        except OSError as error:
            raise StoreError(f"store {self.path or '(in memory)'}: {error}") from None

    def graphs(self) -> list[URIRef]:
        """The names of the named graphs, sorted."""
        return sorted(URIRef(g.value) for g in self._db.named_graphs() if isinstance(g, ox.NamedNode))

    def count_graphs(self, prefix: str = "") -> int:
        """How many named graphs have a name starting with `prefix`: from the search index when it is
        in step (listing the store's graphs takes a second at 40,000 articles), else counted."""
        index = self.search_link().usable()
        return index.count_graphs(prefix) if index is not None else super().count_graphs(prefix)

    def triple_count(self) -> int:
        """The number of quads in all graphs: as the search index recorded it at the last write when
        it is in step (counting is a scan of the whole store: 15 s at 50 million), else counted."""
        index = self.search_link().usable()
        known = index.quad_count() if index is not None else None
        return known if known is not None else len(self._db)

    def dump(self, out: BinaryIO, fmt: str) -> None:
        """Write every quad to `out` as "nquads" or "trig"."""
        if fmt == "nquads":
            self._db.dump(out, ox.RdfFormat.N_QUADS)
        elif fmt == "trig":
            from .ontology.namespaces import PREFIXES
            self._db.dump(out, ox.RdfFormat.TRIG, prefixes=PREFIXES)
        else:
            raise StoreError(f"unknown dump format {fmt!r} (expected nquads or trig)")

    def close(self) -> None:
        """Release the store; an on-disk store is unlocked once Python drops it."""
        if self._store is not None and self.path:
            self._store.flush()
        self._store = None
        if getattr(self, "_search_link", None) is not None and self._search_link.index is not None:
            self._search_link.index.close()
        self._search_link = None


def _variable(name: str) -> ox.Variable:
    try:
        return ox.Variable(name.lstrip("?$"))
    except ValueError:
        raise QueryError(f"bad variable name {name!r}") from None


def _expect(result: object, kind: type, form: str, query: str) -> object:
    if not isinstance(result, kind):
        raise QueryError(f"expected a {form} query: {query[:200]}")
    return result


def open_store(store_dir: str | None = None, endpoint: str | None = None, update_endpoint: str | None = None,
               graph_store: str | None = None, in_memory: bool = False) -> Store:
    """Open the embedded store in `store_dir` (default $UNIONKG_STORE or ./data/store), or a remote one."""
    if in_memory:
        return EmbeddedStore(None)
    if endpoint:
        if store_dir:
            raise StoreError(f"give a store folder ({store_dir}) or an endpoint ({endpoint}), not both")
        from .store_remote import RemoteStore
        return RemoteStore(endpoint, update_endpoint, graph_store)
    if update_endpoint or graph_store:
        raise StoreError("an update or graph store URL needs a query endpoint too")
    return EmbeddedStore(store_dir or default_store_dir())


def __getattr__(name: str) -> object:
    # The remote store and the query scanner live in store_remote, which builds on this module;
    # they load on first use so that either module can be imported first.
    if name in ("RemoteStore", "bind_values", "query_form", "query_keywords", "tokens"):
        from . import store_remote
        return getattr(store_remote, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
