"""SHACL validation of the knowledge graph against ontology/shapes.ttl.

The data is checked as one merged graph (every article graph plus the reference graph). pyshacl
runs with inference "none" and the ontology as ``ont_graph``: pyshacl copies the ontology's class
and property axioms into (a copy of) the data graph, and SHACL's own sh:targetClass / sh:class
semantics already follow rdfs:subClassOf chains, so a node typed only uk:TradeUnion is still seen as
an org:Organization. "rdfs" inference would add nothing the shapes need (they do not rely on
rdfs:domain / rdfs:range entailments, which would rather hide a missing type triple) and multiplies
the size of the graph, so it is not used.
"""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph
from rdflib.namespace import RDF, SH

__all__ = ["ValidationResult", "validate_graph", "validate_store"]

ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of one validation: `violations` counts the SHACL validation results."""

    conforms: bool
    violations: int
    report_text: str


def _run(data: Graph, inplace: bool) -> ValidationResult:
    import pyshacl

    from unionkg.ontology.reference import ontology_graph, shapes_graph

    conforms, report_graph, report_text = pyshacl.validate(
        data,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        abort_on_first=False,
        allow_warnings=False,
        meta_shacl=False,
        advanced=False,
        inplace=inplace,
    )
    violations = sum(1 for _ in report_graph.subjects(RDF.type, SH.ValidationResult))
    return ValidationResult(conforms=bool(conforms), violations=violations, report_text=str(report_text))


def validate_graph(data: Graph) -> ValidationResult:
    """Validate one rdflib graph (a merged graph, or a single article graph plus what it points to).
    `data` is not modified."""
    return _run(data, inplace=False)


def validate_store(store) -> ValidationResult:
    """Validate everything in the store: its default graph is the union of all named graphs.
    `store` needs one method, ``construct(query) -> iterable of (s, p, o)`` rdflib terms."""
    graph = Graph()
    for triple in store.construct(ALL_TRIPLES):
        graph.add(tuple(triple))
    return _run(graph, inplace=True)
