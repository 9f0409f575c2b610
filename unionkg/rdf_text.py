"""RDF terms as SPARQL and N-Triples text, and the update requests that replace named graphs.

Terms are escaped here rather than by rdflib's n3(), which mis-escapes a multi-line literal that
ends in a backslash and a quote; every value stays inside its term whatever it holds.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rdflib import Literal, URIRef
from rdflib.term import Node

from .errors import QueryError, StoreError

Term = Node  # URIRef | Literal | BNode
Triple = tuple[Term, Term, Term]
GraphBody = tuple[URIRef, str]  # a named graph and its content as N-Triples lines (see triples_text)

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def replace_update(graph: URIRef, triples: Iterable[Triple]) -> str:
    """The one SPARQL Update request that drops `graph` and fills it with `triples`."""
    name = graph_text(graph)
    body = triples_text(triples)
    drop = f"DROP SILENT GRAPH {name}"
    return f"{drop} ;\nINSERT DATA {{ GRAPH {name} {{\n{body}}} }}" if body else drop


def replace_updates(bodies: Sequence[GraphBody]) -> str:
    """One SPARQL Update request that drops and refills each graph from its N-Triples lines."""
    parts = []
    for graph, body in last_per_graph(bodies):
        name = graph_text(graph)
        parts.append(f"DROP SILENT GRAPH {name}")
        if body:
            parts.append(f"INSERT DATA {{ GRAPH {name} {{\n{body}}} }}")
    return " ;\n".join(parts)


def last_per_graph(bodies: Sequence[GraphBody]) -> list[GraphBody]:
    """The bodies with only the last one of a graph given twice, as when written one after the other."""
    return list(dict(bodies).items())


def quads_text(graph: URIRef, body: str) -> str:
    """N-Quads lines of a graph's N-Triples lines as triples_text writes them (each ends in " .\\n")."""
    if body.count("\n") != body.count(" .\n") or (body and not body.endswith("\n")):
        raise StoreError(f"graph {graph}: N-Triples text not in triples_text's one-statement-a-line form")
    return body.replace(" .\n", f" {graph_text(graph)} .\n")


def graph_text(graph: URIRef) -> str:
    """The SPARQL text of a graph name, which must be an IRI."""
    if not isinstance(graph, URIRef):
        raise StoreError(f"a graph name must be an IRI, not {graph!r}")
    try:
        return term_text(graph)
    except QueryError as error:
        raise StoreError(str(error)) from None


_IRI_BAD = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_LANG = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*")
_ECHARS = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
_ECHAR_RE = re.compile(r'[\\"\n\r]')


def term_text(term: Term) -> str:
    """The SPARQL and N-Triples text of an IRI or literal, escaped so no value can change the syntax."""
    kind = type(term)  # exact types first: isinstance on rdflib's abstract classes is slow
    if kind is URIRef or (kind is not Literal and isinstance(term, URIRef)):
        if _IRI_BAD.search(term):
            raise QueryError(f"not a valid IRI: {str(term)[:200]!r}")
        return f"<{term}>"
    if kind is Literal or isinstance(term, Literal):
        text = '"' + _ECHAR_RE.sub(lambda m: _ECHARS[m.group()], str(term)) + '"'
        if term.language:
            if not _LANG.fullmatch(term.language):
                raise QueryError(f"not a valid language tag: {term.language!r}")
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != XSD_STRING:
            return f"{text}^^{term_text(term.datatype)}"
        return text
    raise QueryError(f"cannot write {term!r} as SPARQL: only IRIs and literals (no blank nodes)")


def triples_text(triples: Iterable[Triple]) -> str:
    """N-Triples lines for the triples, which are also the content of an INSERT DATA graph."""
    lines = []
    iris: dict[URIRef, str] = {}  # an article repeats its IRIs (predicates above all): escape each once
    for s, p, o in triples:
        # `type(...) is URIRef` first: isinstance on rdflib's abstract classes is slow, and this runs per triple.
        if (type(s) is not URIRef and isinstance(s, Literal)) or (type(p) is not URIRef and not isinstance(p, URIRef)):
            problem = "a subject cannot be a literal and a predicate must be an IRI"
            raise StoreError(f"cannot store ({s!r}, {p!r}, {o!r}): {problem}"[:600])
        try:
            lines.append(f"{_iri_text(s, iris)} {_iri_text(p, iris)} {_iri_text(o, iris)} .\n")
        except QueryError as error:
            raise StoreError(f"cannot store ({s!r}, {p!r}, {o!r}): {error}"[:600]) from None
    return "".join(lines)


def _iri_text(term: Term, seen: dict[URIRef, str]) -> str:
    """term_text, remembered for IRIs in `seen`."""
    if type(term) is not URIRef:
        return term_text(term)
    text = seen.get(term)
    if text is None:
        text = seen[term] = term_text(term)
    return text
