"""Serialise a query result with at most `max_rows` rows (or triples), saying when it was cut.

A SELECT result is read row by row and stops one row past the cap, so a result of a billion
rows costs no more than one of `max_rows + 1`. The rows are written as SPARQL JSON results
here and, for the other results formats, converted by pyoxigraph. A truncated JSON result
carries the top-level member `"truncated": {"limit": N}` (the JSON results format lets a
document carry members a client does not know; clients ignore it); every truncated response
also gets the `Results-Truncated: N` header, set by the caller from `Capped.truncated`.

This module imports only pyoxigraph, so that query worker processes start fast.
"""
from __future__ import annotations

import itertools
import json
from dataclasses import dataclass

import pyoxigraph as ox

__all__ = ["Capped", "capped", "RESULTS_FORMATS", "GRAPH_FORMATS"]

RESULTS_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Capped:
    """A serialised result: its body, content type, and the cap when rows were left out (else None)."""

    body: bytes
    content_type: str
    truncated: int | None = None


def _chosen(table: dict, media_type: str):
    """The format `media_type` names in `table`, else the table's default."""
    base = media_type.split(";")[0].strip().lower()
    return table.get(base, next(iter(table.values())))


def capped(result: object, media_type: str, max_rows: int) -> Capped:
    """The result of a pyoxigraph query in `media_type` (or its form's default), cut at `max_rows`."""
    if isinstance(result, ox.QueryBoolean):
        fmt = _chosen(RESULTS_FORMATS, media_type)
        return Capped(result.serialize(format=fmt), fmt.media_type)
    if isinstance(result, ox.QueryTriples):
        triples = list(itertools.islice(result, max_rows + 1))
        fmt = _chosen(GRAPH_FORMATS, media_type)
        cut = max_rows if len(triples) > max_rows else None
        return Capped(ox.serialize(triples[:max_rows], format=fmt), fmt.media_type, cut)
    return _capped_solutions(result, media_type, max_rows)


def _capped_solutions(solutions: ox.QuerySolutions, media_type: str, max_rows: int) -> Capped:
    """SELECT rows, at most `max_rows`, in the chosen results format."""
    names = [variable.value for variable in solutions.variables]
    rows = []
    for solution in itertools.islice(solutions, max_rows + 1):
        rows.append({name: _json_term(solution[name]) for name in names if solution[name] is not None})
    cut = max_rows if len(rows) > max_rows else None
    document: dict = {"head": {"vars": names}, "results": {"bindings": rows[:max_rows]}}
    fmt = _chosen(RESULTS_FORMATS, media_type)
    if fmt == ox.QueryResultsFormat.JSON:
        if cut is not None:
            document["truncated"] = {"limit": cut}
        return Capped(json.dumps(document, ensure_ascii=False).encode("utf-8"), fmt.media_type, cut)
    parsed = ox.parse_query_results(json.dumps(document).encode("utf-8"), ox.QueryResultsFormat.JSON)
    return Capped(parsed.serialize(format=fmt), fmt.media_type, cut)


def _json_term(term: object) -> dict:
    """The SPARQL JSON results form of one term."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        cell = {"type": "literal", "value": term.value}
        if term.language:
            cell["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            cell["datatype"] = term.datatype.value
        return cell
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    raise ValueError(f"unsupported term in results: {term!r}")
