"""The remote store (a SPARQL 1.1 server), and the query scanner it binds values with.

Reads go through SPARQLWrapper as POSTed queries. Each write is one SPARQL Update request
(`DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }`), which Oxigraph and Fuseki run
as one transaction. The Graph Store Protocol is used for reads only: Oxigraph's PUT clears the
graph and loads the new one in two steps, so a reader could see the graph empty in between.
The server must present the union of its named graphs as the default graph (see `store`).

The scanner tells comments, IRIs and string literals (long ones too) from the query around
them, so that bindings land in the right group and SERVICE or LOAD inside a string or a
comment is not mistaken for a keyword.
"""
from __future__ import annotations

import functools
import re
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import BinaryIO, NamedTuple

import pyoxigraph as ox
from rdflib import URIRef
from SPARQLWrapper import POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from .config import derive_endpoints
from .errors import QueryError, StoreError
from .store import (GraphBody, Store, Term, Triple, graph_text, media_format, replace_update, replace_updates,
                    rows_of, term_text, triples_of)

__all__ = ["RemoteStore", "tokens", "query_form", "query_keywords", "bind_values", "Token"]


# The query scanner.

_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_STRING = (r"'''(?:[^'\\]|\\.|'(?!''))*(?:'''|\Z)" r'|"""(?:[^"\\]|\\.|"(?!""))*(?:"""|\Z)'
           r"|'(?:[^'\\\n\r]|\\[^\n\r])*'?" r'|"(?:[^"\\\n\r]|\\[^\n\r])*"?')
_TOKEN = re.compile("|".join([
    r"(?P<ws>\s+)", r"(?P<comment>#[^\n\r]*)", f"(?P<string>{_STRING})",
    r"(?P<var>[?$]\w+)", r"(?P<bnode>_:[\w.-]*)",
    rf"(?P<pname>(?:[^\W\d_](?:[\w.-]*[\w-])?)?:(?:(?:[\w:]|{_PLX})(?:(?:[\w.:-]|{_PLX})*(?:[\w:-]|{_PLX}))?)?)",
    r"(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)", r"(?P<word>[^\W\d]\w*)",
    r"(?P<num>\d*\.\d+(?:[eE][+-]?\d+)?|\d+\.?\d*[eE][+-]?\d+|\d+)", r"(?P<punct>.)",
]), re.S)
_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_OPERANDS = {"var", "string", "num", "pname", "iri", "lang"}
READ_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


class Token(NamedTuple):
    """One significant token of a query, with its offset."""
    kind: str
    text: str
    start: int


def tokens(query: str) -> list[Token]:
    """The significant tokens of a query (no spaces, no comments), with their offsets."""
    found: list[Token] = []
    stack: list[str] = []  # open brackets: "{", "[", "data(" (VALUES rows, lists), "expr(" (expressions)
    pos = 0
    while pos < len(query):
        # "<" is the less-than operator after an operand inside an expression; else it opens an IRI.
        iri = _IRI.match(query, pos) if query[pos] == "<" and not _after_operand(stack, found) else None
        match = iri or _TOKEN.match(query, pos)
        kind = "iri" if iri else match.lastgroup
        if kind not in ("ws", "comment"):
            token = Token(kind, match.group(), pos)
            if kind == "punct" and token.text in "{[(":
                stack.append(token.text if token.text != "(" else _paren_kind(stack, found))
            elif kind == "punct" and token.text in "}])" and stack:
                stack.pop()
            found.append(token)
        pos = match.end()
    return found


def _is_word(token: Token | None, *words: str) -> bool:
    return token is not None and token.kind == "word" and token.text.upper() in words


def _after_operand(stack: list[str], found: list[Token]) -> bool:
    if not stack or stack[-1] != "expr(" or not found:
        return False
    last = found[-1]
    return last.kind in _OPERANDS or last.text == ")" or _is_word(last, "TRUE", "FALSE")


def _paren_kind(stack: list[str], found: list[Token]) -> str:
    """Whether a "(" opens data (a VALUES row, an RDF list) or an expression, from what precedes it."""
    last = found[-1] if found else None
    before = found[-2] if len(found) > 1 else None
    inner = stack[-1] if stack else None
    if _is_word(last, "VALUES") or inner in ("[", "data("):
        return "data("
    if inner == "{":
        if last is not None and last.kind == "word" and not _is_word(last, "A"):
            return "expr("  # FILTER (, BIND (, regex (, ...
        if last is not None and last.kind in ("pname", "iri") and _is_word(before, "FILTER"):
            return "expr("  # FILTER ex:function (
        return "data("
    return "expr("


def query_form(query: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE for a query, UPDATE for an update, None when unknown."""
    for token in tokens(query):
        if token.kind == "word" and not _is_word(token, "BASE", "PREFIX"):
            word = token.text.upper()
            return word if word in READ_FORMS else "UPDATE" if word in UPDATE_WORDS else None
    return None


def query_keywords(query: str) -> set[str]:
    """The upper-cased bare words of a query outside comments, IRIs and strings (SERVICE, LOAD, ...)."""
    return {token.text.upper() for token in tokens(query) if token.kind == "word"}


def bind_values(query: str, bindings: Mapping[str, Term]) -> str:
    """The query with the bindings as a VALUES block opening its outermost WHERE group."""
    if not bindings:
        return query
    names = [name.lstrip("?$") for name in bindings]
    if not all(re.fullmatch(r"\w+", name) for name in names):
        raise QueryError(f"bad variable name in {list(bindings)}")
    row = " ".join(term_text(term) for term in bindings.values())
    before, after = _values_slot(query)
    return f"{before} VALUES ({' '.join('?' + name for name in names)}) {{ ({row}) }} {after}"


@functools.lru_cache(maxsize=512)
def _values_slot(query: str) -> tuple[str, str]:
    """The query cut where a VALUES block opens its outermost WHERE group (the same few texts are
    bound over and over: a page binds one query per row shown, and tokenizing is the cost)."""
    found = tokens(query) + [Token("end", "", len(query))]
    form = next((i for i, t in enumerate(found) if t.kind == "word" and not _is_word(t, "BASE", "PREFIX")), 0)
    if not _is_word(found[form], *READ_FORMS):
        raise QueryError(f"bindings need a SELECT, ASK, CONSTRUCT or DESCRIBE query: {query[:200]}")
    short = _is_word(found[form], "CONSTRUCT") and _is_word(found[form + 1], "WHERE")
    start = form + 1
    if _is_word(found[form], "CONSTRUCT") and not short:
        start = _closing(found, _opening(found, start, query)) + 1  # skip the template
    open_at = _opening(found, start, query)
    close_at = _closing(found, open_at)
    begin, end = found[open_at].start, found[close_at].start
    if short:  # CONSTRUCT WHERE { T } has no room for VALUES: spell it CONSTRUCT { T } WHERE { VALUES T }
        body = query[begin + 1:end]
        return f"{query[:found[form + 1].start]}{{{body}}} WHERE {{", f"{body}}}{query[end + 1:]}"
    if _is_word(found[open_at + 1], "SELECT"):
        # A sub-select must stand alone in its group, so it moves into a group of its own.
        return query[:begin + 1], f"{{{query[begin + 1:end]}}}{query[end:]}"
    return query[:begin + 1], query[begin + 1:]


def _opening(found: list[Token], start: int, query: str) -> int:
    """The index of the first "{" from `start` that is not inside parentheses."""
    depth = 0
    for i in range(start, len(found)):
        text = found[i].text if found[i].kind == "punct" else ""
        depth += (text == "(") - (text == ")")
        if text == "{" and depth == 0:
            return i
    raise QueryError(f"bindings need a WHERE group: {query[:200]}")


def _closing(found: list[Token], open_at: int) -> int:
    """The index of the "}" that closes the "{" at `open_at` (the end token when unbalanced)."""
    depth = 0
    for i in range(open_at, len(found) - 1):
        text = found[i].text if found[i].kind == "punct" else ""
        depth += (text == "{") - (text == "}")
        if depth == 0:
            return i
    return len(found) - 1



class RemoteStore(Store):
    """A SPARQL 1.1 server: queries through SPARQLWrapper, each write one SPARQL Update request."""

    def __init__(self, query_url: str, update_url: str | None = None, graph_store_url: str | None = None,
                 timeout: float = 60) -> None:
        self.query_url, self.update_url, self.graph_store_url = derive_endpoints(
            query_url, update_url, graph_store_url)
        self.timeout = timeout

    def _read_form(self, query: str, allowed: tuple[str, ...]) -> str:
        """The query's form, which must be one of `allowed` (None, unknown: let the server judge)."""
        form = query_form(query)
        if form == "UPDATE":
            raise QueryError(f"updates are refused here; query: {query[:200]}")
        if form is not None and form not in allowed:
            raise QueryError(f"expected a {' or '.join(allowed)} query: {query[:200]}")
        return form or allowed[0]

    def _request(self, query: str, form: str, accept: str) -> tuple[bytes, str]:
        """POST a read query; the server's body and content type."""
        client = SPARQLWrapper(self.query_url)
        client.setMethod(POST)
        client.setOnlyConneg(True)  # the Accept header alone asks for the format
        client.setTimeout(self.timeout)  # type: ignore[arg-type]  (urllib takes a float)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # it warns about forms its own regex cannot tell
            client.setQuery(query)
        client.queryType = form  # our scanner's answer, so a read is never sent as an update
        client.addCustomHttpHeader("Accept", accept)
        try:
            response = client.query().response
            return response.read(), response.headers.get("Content-Type", "")
        except QueryBadFormed as error:
            raise QueryError(f"{self.query_url} refused the query: {_reason(error)}; query: {query[:200]}") from None
        except SPARQLWrapperException as error:
            raise StoreError(f"{self.query_url}: {_reason(error)}") from None
        except urllib.error.HTTPError as error:
            raise StoreError(f"{self.query_url} answered {error.code}: {_reason(error)}") from None
        except OSError as error:  # URLError, timeouts, refused connections
            raise StoreError(f"cannot reach {self.query_url}: {getattr(error, 'reason', error)}") from None

    def _send(self, request: urllib.request.Request) -> tuple[bytes, str]:
        """Send a plain HTTP request (updates, graph store reads); the body and content type."""
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            raise StoreError(f"{request.full_url} answered {error.code}: {_reason(error)}") from None
        except OSError as error:
            raise StoreError(f"cannot reach {request.full_url}: {getattr(error, 'reason', error)}") from None

    def _solutions(self, query: str, bindings: Mapping[str, Term] | None, form: str) -> object:
        self._read_form(query, (form,))
        body, _ = self._request(bind_values(query, bindings or {}), form, "application/sparql-results+json")
        try:
            return ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"{self.query_url} sent unreadable results: {error}") from None

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[dict[str, Term]]:
        """The rows of a SELECT query; unbound variables are absent from a row."""
        solutions = self._solutions(query, bindings, "SELECT")
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError(f"expected a SELECT query: {query[:200]}")
        return rows_of(solutions)

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        """The answer to an ASK query."""
        answer = self._solutions(query, bindings, "ASK")
        if not isinstance(answer, ox.QueryBoolean):
            raise QueryError(f"expected an ASK query: {query[:200]}")
        return bool(answer)

    def construct(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[Triple]:
        """The triples of a CONSTRUCT or DESCRIBE query."""
        form = self._read_form(query, ("CONSTRUCT", "DESCRIBE"))
        body, content_type = self._request(bind_values(query, bindings or {}), form, "application/n-triples")
        return triples_of(self._parse_rdf(body, content_type))

    def _parse_rdf(self, body: bytes, content_type: str) -> list[ox.Quad]:
        """The triples (as default-graph quads) of an RDF body in the format the server named."""
        fmt = ox.RdfFormat.from_media_type(content_type) if content_type else None
        try:
            return list(ox.parse(body, format=fmt or ox.RdfFormat.N_TRIPLES))
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"{self.query_url} sent unreadable RDF ({content_type}): {error}") from None

    def serialize_query(self, query: str, media_type: str) -> tuple[bytes, str]:
        """Run any read query and return the server's (body, content type) for the asked type."""
        form = self._read_form(query, ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"))
        fmt = media_format("graph" if form in ("CONSTRUCT", "DESCRIBE") else "results", media_type)
        body, content_type = self._request(query, form, fmt.media_type)
        return body, content_type or fmt.media_type

    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """Drop and refill one named graph in one SPARQL Update request (one transaction)."""
        self._update(replace_update(graph, triples))

    def replace_graphs(self, bodies: Sequence[GraphBody], search_rows: Mapping | None = None) -> None:
        """Drop and refill several named graphs in one SPARQL Update request (one transaction)."""
        if bodies:
            self._update(replace_updates(bodies))

    def drop_graph(self, graph: URIRef) -> None:
        """Remove one named graph (no error when it is absent)."""
        self._update(f"DROP SILENT GRAPH {graph_text(graph)}")

    def _update(self, update: str) -> None:
        data = urllib.parse.urlencode({"update": update}).encode("ascii")
        self._send(urllib.request.Request(self.update_url, data=data, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded"}))

    def graphs(self) -> list[URIRef]:
        """The names of the non-empty named graphs, sorted."""
        # GROUP BY, not DISTINCT: Virtuoso 7 answers the DISTINCT form from its graph list,
        # skipping graph-level security, so its private graphs (virtrdf#) would be listed.
        rows = self.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return sorted(row["g"] for row in rows if isinstance(row.get("g"), URIRef))

    def triple_count(self) -> int:
        """The number of quads in the named graphs (the default graph is their union)."""
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]) if rows else 0

    def _graph_quads(self, graph: URIRef) -> list[ox.Quad]:
        """One graph's quads: a Graph Store Protocol GET when there is a graph store, else CONSTRUCT."""
        name = ox.NamedNode(str(graph))
        if self.graph_store_url:
            sep = "&" if "?" in self.graph_store_url else "?"
            url = f"{self.graph_store_url}{sep}{urllib.parse.urlencode({'graph': str(graph)})}"
            body, content_type = self._send(urllib.request.Request(url, headers={"Accept": "application/n-triples"}))
        else:
            query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph_text(graph)} {{ ?s ?p ?o }} }}"
            body, content_type = self._request(query, "CONSTRUCT", "application/n-triples")
        return [ox.Quad(q.subject, q.predicate, q.object, name) for q in self._parse_rdf(body, content_type)]

    def dump(self, out: BinaryIO, fmt: str) -> None:
        """Write every quad to `out` as "nquads" (graph by graph) or "trig"."""
        if fmt not in ("nquads", "trig"):
            raise StoreError(f"unknown dump format {fmt!r} (expected nquads or trig)")
        quads: list[ox.Quad] = []
        for graph in self.graphs():
            if fmt == "nquads":
                ox.serialize(self._graph_quads(graph), out, ox.RdfFormat.N_QUADS)
            else:
                quads.extend(self._graph_quads(graph))
        if fmt == "trig":
            from .ontology.namespaces import PREFIXES
            ox.serialize(quads, out, ox.RdfFormat.TRIG, prefixes=PREFIXES)


def _reason(error: Exception) -> str:
    """The server's own words for an HTTP error, shortened to one line."""
    body = getattr(error, "response", None)
    if body is None and isinstance(error, urllib.error.HTTPError):
        body = error.read()
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body or error)
    return " ".join(text.split())[:300]
