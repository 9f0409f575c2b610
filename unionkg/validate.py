"""SHACL validation of the knowledge graph against ontology/shapes.ttl.

The data is checked as one merged graph (every article graph plus the reference graph).

Inference: pyshacl runs with inference "none" and the ontology as ``ont_graph``. pyshacl copies the
ontology's class and property axioms into a copy of the data graph, and SHACL's sh:targetClass and
sh:class already follow rdfs:subClassOf chains, so a node typed only uk:TradeUnion still counts as an
org:Organization. "rdfs" inference would add nothing the shapes need, would hide a missing type
triple behind an rdfs:domain entailment, and multiplies the size of the graph.

SPARQL constraints: pyshacl parses an sh:sparql query again for every focus node (about 0.1 s each),
which makes the two cross-node checks of shapes.ttl (mention offsets against the article text; a
reified statement's triple is asserted) cost minutes on a real corpus. So the shapes run through
pyshacl without their sh:sparql constraints, and each of those constraints is evaluated here once over
the whole graph, with $this free, keeping the rows whose $this is a target of the shape. For the
node-shape, SELECT-$this constraints that shapes.ttl uses this gives exactly the SHACL results.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.plugins.sparql import prepareQuery

__all__ = ["ValidationResult", "validate_graph", "validate_store"]

ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of one validation: `violations` counts the SHACL validation results."""

    conforms: bool
    violations: int
    report_text: str


@dataclass(frozen=True)
class _SparqlCheck:
    shape: URIRef | BNode
    target_classes: frozenset
    query: object               # a prepared rdflib query selecting ?this
    message: str


@functools.cache
def _split_shapes() -> tuple[Graph, tuple[_SparqlCheck, ...]]:
    """The shapes without their sh:sparql constraints, and those constraints as prepared queries."""
    from unionkg.ontology.reference import ontology_graph, shapes_graph

    shapes = shapes_graph()
    ontology = ontology_graph()
    core = Graph()
    for prefix, ns in shapes.namespaces():
        core.bind(prefix, ns)
    sparql_nodes = set(shapes.objects(None, SH.sparql))
    skip: set = set()
    for node in sparql_nodes:               # the constraint node and its own triples
        skip.add(node)
    for s, p, o in shapes:
        if p == SH.sparql or s in skip:
            continue
        core.add((s, p, o))

    checks = []
    for shape, node in shapes.subject_objects(SH.sparql):
        if shapes.value(node, SH.deactivated) == Literal(True):
            continue
        select = shapes.value(node, SH.select)
        targets = set(shapes.objects(shape, SH.targetClass))
        if select is None or not targets or shapes.value(shape, SH.path) is not None:
            raise ValueError(f"sh:sparql on {shape}: only SELECT constraints of node shapes with "
                             "sh:targetClass are supported")
        prefixes = {}
        for decl_owner in shapes.objects(node, SH.prefixes):
            for decl in shapes.objects(decl_owner, SH.declare):
                prefixes[str(shapes.value(decl, SH.prefix))] = str(shapes.value(decl, SH.namespace))
        header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(prefixes.items()))
        classes = set()
        for t in targets:                   # the target classes and their subclasses in the ontology
            classes |= set(ontology.transitive_subjects(RDFS.subClassOf, t))
        message = shapes.value(node, SH.message)
        checks.append(_SparqlCheck(shape, frozenset(classes), prepareQuery(header + str(select)),
                                   str(message) if message is not None else "SPARQL constraint"))
    return core, tuple(checks)


def _sparql_results(data: Graph, check: _SparqlCheck, shapes: Graph) -> list[str]:
    focus = set()
    for row in data.query(check.query):
        this = row.this if hasattr(row, "this") else row[0]
        if this is not None and any((this, RDF.type, c) in data for c in check.target_classes):
            focus.add(this)
    shape_name = shapes.namespace_manager.normalizeUri(check.shape) if isinstance(check.shape, URIRef) \
        else str(check.shape)
    return [
        "Constraint Violation in SPARQLConstraintComponent "
        "(http://www.w3.org/ns/shacl#SPARQLConstraintComponent):\n"
        "\tSeverity: sh:Violation\n"
        f"\tSource Shape: {shape_name}\n"
        f"\tFocus Node: {f.n3()}\n"
        f"\tValue Node: {f.n3()}\n"
        f"\tMessage: {check.message}\n"
        for f in sorted(focus)
    ]


def _run(data: Graph, inplace: bool) -> ValidationResult:
    import pyshacl

    from unionkg.ontology.reference import ontology_graph, shapes_graph

    core_shapes, checks = _split_shapes()
    extra: list[str] = []
    for check in checks:                    # before pyshacl, which may add the ontology to `data`
        extra.extend(_sparql_results(data, check, shapes_graph()))
    conforms, report_graph, report_text = pyshacl.validate(
        data,
        shacl_graph=core_shapes,
        ont_graph=ontology_graph(),
        inference="none",
        abort_on_first=False,
        allow_warnings=False,
        meta_shacl=False,
        advanced=False,
        inplace=inplace,
    )
    core_count = sum(1 for _ in report_graph.subjects(RDF.type, SH.ValidationResult))
    body = str(report_text).split("\n")
    body = body[3:] if core_count else []   # drop "Validation Report", "Conforms: ...", "Results (n):"
    total = core_count + len(extra)
    ok = bool(conforms) and not extra
    text = f"Validation Report\nConforms: {ok}\n"
    if total:
        text += f"Results ({total}):\n" + "\n".join(body).rstrip("\n") + ("\n" if body else "") + "".join(extra)
    return ValidationResult(conforms=ok, violations=total, report_text=text)


def validate_graph(data: Graph) -> ValidationResult:
    """Validate one rdflib graph (normally the merged graph of all articles plus the reference).
    `data` is not modified."""
    return _run(data, inplace=False)


def validate_store(store) -> ValidationResult:
    """Validate everything in the store: its default graph is the union of all named graphs.
    `store` needs one method, ``construct(query) -> iterable of (s, p, o)`` rdflib terms."""
    graph = Graph()
    for triple in store.construct(ALL_TRIPLES):
        graph.add(tuple(triple))
    return _run(graph, inplace=True)
