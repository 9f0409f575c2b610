"""SHACL validation: a small hand-built graph that follows docs/data-model.md conforms, and each kind
of mistake the shapes are meant to catch makes it fail."""
from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS

# Open namespaces: pytest probes module attributes, which rdflib's closed SDO/XSD warn about.
SDO = Namespace("https://schema.org/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

from unionkg.ontology.namespaces import ID, NIF, UK, entity_iri, fold
from unionkg.ontology.reference import ontology_graph, reference_graph, shapes_graph
from unionkg.validate import ValidationResult, validate_graph, validate_store

TITLE = "Công đoàn Viện Khoa học quán triệt Nghị quyết số 02-NQ/TW"
BODY_SENTENCES = [
    "Ngày 10/2/2023, Công đoàn Viện Khoa học tổ chức Hội nghị quán triệt Nghị quyết số 02-NQ/TW của Bộ Chính trị.",
    "Đồng chí Phạm Thị Thành, Phó Chủ tịch Công đoàn Viện Khoa học chủ trì Hội nghị.",
    "Công đoàn Viện Khoa học trực thuộc Công đoàn Viên chức Việt Nam.",
]
TEXT = TITLE + "\n\n" + " ".join(BODY_SENTENCES)

ARTICLE = ID["article/test-1"]
UNION = entity_iri("org", "Công đoàn Viện Khoa học")
HOST = entity_iri("org", "Viện Khoa học")
CDVC = entity_iri("org", "Công đoàn Viên chức Việt Nam")        # from the reference graph
POLITBURO = entity_iri("org", "Bộ Chính trị")                    # from the reference graph
PERSON = ID["person/pham-thi-thanh-0123456789"]
ROLE = entity_iri("role", "Phó Chủ tịch")
POST = ID["post/abc"]
RESOLUTION = ID["directive/nq-02-tw"]
PROGRAMME = ID["directive/ctr-01-cong-doan-vien-khoa-hoc"]
EVENT = ID["event/2023-02-10-cong-doan-vien-khoa-hoc-conference"]
PART = ID["part/abc"]
ACT = ID["act/abc"]
STMT = ID["stmt/abc"]


def _mention(g: Graph, sentence: str, rule: str) -> URIRef:
    begin = TEXT.index(sentence)
    end = begin + len(sentence)
    m = ID[f"mention/test-1/{begin}-{end}"]
    g.add((m, RDF.type, UK.Mention))
    g.add((m, NIF.referenceContext, ARTICLE))
    g.add((m, NIF.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)))
    g.add((m, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
    g.add((m, NIF.anchorOf, Literal(sentence)))
    g.add((m, UK.rule, Literal(rule)))
    return m


def _label(g: Graph, s: URIRef, name: str, *alts: str) -> None:
    g.add((s, SKOS.prefLabel, Literal(name, lang="vi")))
    for alt in alts:
        g.add((s, SKOS.altLabel, Literal(alt, lang="vi")))
    for key in {fold(n) for n in (name, *alts)}:
        g.add((s, UK.nameKey, Literal(key)))


def article_graph() -> Graph:
    """One article's facts, written the way docs/data-model.md describes them."""
    g = Graph()
    g.add((ARTICLE, RDF.type, SDO.NewsArticle))
    g.add((ARTICLE, DCTERMS.identifier, Literal("000_test.txt")))
    g.add((ARTICLE, DCTERMS.title, Literal(TITLE, lang="vi")))
    g.add((ARTICLE, DCTERMS.issued, Literal("2023-02-11", datatype=XSD.date)))
    g.add((ARTICLE, DCTERMS.publisher, Literal("example.vn")))
    g.add((ARTICLE, SDO.url, URIRef("https://example.vn/tin/1")))
    g.add((ARTICLE, NIF.isString, Literal(TEXT)))

    m1 = _mention(g, BODY_SENTENCES[0], "event.held")
    m2 = _mention(g, BODY_SENTENCES[1], "person.title-before-name")
    m3 = _mention(g, BODY_SENTENCES[2], "org.truc-thuoc")

    # organisations
    for t in (ORG.Organization, UK.TradeUnion):
        g.add((UNION, RDF.type, t))
    _label(g, UNION, "Công đoàn Viện Khoa học", "Công đoàn Viện")
    g.add((UNION, UK.level, UK["level-grassroots"]))
    g.add((UNION, UK.evidence, m1))
    for t in (ORG.Organization, UK.HostInstitution):
        g.add((HOST, RDF.type, t))
    _label(g, HOST, "Viện Khoa học")
    g.add((HOST, UK.evidence, m1))
    g.add((UNION, UK.unionOf, HOST))
    g.add((UNION, ORG.subOrganizationOf, CDVC))
    g.add((STMT, RDF.type, RDF.Statement))
    g.add((STMT, RDF.subject, UNION))
    g.add((STMT, RDF.predicate, ORG.subOrganizationOf))
    g.add((STMT, RDF.object, CDVC))
    g.add((STMT, UK.evidence, m3))

    # person and post
    g.add((PERSON, RDF.type, FOAF.Person))
    g.add((PERSON, FOAF.name, Literal("Phạm Thị Thành")))
    _label(g, PERSON, "Phạm Thị Thành")
    g.add((ROLE, RDF.type, SKOS.Concept))
    g.add((ROLE, RDF.type, ORG.Role))
    g.add((ROLE, SKOS.prefLabel, Literal("Phó Chủ tịch", lang="vi")))
    g.add((ROLE, SKOS.inScheme, UK.RoleScheme))
    g.add((POST, RDF.type, ORG.Membership))
    g.add((POST, ORG.member, PERSON))
    g.add((POST, ORG.organization, UNION))
    g.add((POST, ORG.role, ROLE))
    g.add((POST, UK.roleLabel, Literal("Phó Chủ tịch", lang="vi")))
    g.add((POST, UK.observedOn, Literal("2023-02-10", datatype=XSD.date)))
    g.add((POST, UK.evidence, m2))

    # directives
    g.add((RESOLUTION, RDF.type, UK.Directive))
    g.add((RESOLUTION, UK.symbol, Literal("02-NQ/TW")))
    g.add((RESOLUTION, UK.number, Literal("02")))
    g.add((RESOLUTION, DCTERMS.type, UK["doctype-nghi-quyet"]))
    g.add((RESOLUTION, UK.typeLabel, Literal("Nghị quyết", lang="vi")))
    g.add((RESOLUTION, DCTERMS.creator, POLITBURO))
    g.add((RESOLUTION, DCTERMS.issued, Literal("2021-06", datatype=XSD.gYearMonth)))
    g.add((RESOLUTION, UK.evidence, m1))
    g.add((PROGRAMME, RDF.type, UK.Directive))
    g.add((PROGRAMME, DCTERMS.type, UK["doctype-chuong-trinh"]))
    g.add((PROGRAMME, UK.typeLabel, Literal("Chương trình hành động", lang="vi")))
    g.add((PROGRAMME, DCTERMS.creator, UNION))
    g.add((PROGRAMME, UK.implementsResolution, RESOLUTION))
    g.add((PROGRAMME, UK.basedOn, RESOLUTION))
    g.add((PROGRAMME, UK.evidence, m1))

    # event and participation
    g.add((EVENT, RDF.type, UK.Event))
    g.add((EVENT, UK.eventType, UK["event-conference"]))
    g.add((EVENT, SKOS.prefLabel, Literal("Hội nghị quán triệt Nghị quyết số 02-NQ/TW", lang="vi")))
    g.add((EVENT, SDO.startDate, Literal("2023-02-10", datatype=XSD.date)))
    g.add((EVENT, SDO.organizer, UNION))
    g.add((EVENT, SDO.location, Literal("Hà Nội")))
    g.add((EVENT, UK.evidence, m1))
    g.add((PART, RDF.type, UK.Participation))
    g.add((PART, UK.event, EVENT))
    g.add((PART, UK.participant, PERSON))
    g.add((PART, UK.participantRole, UK["role-chair"]))
    g.add((PART, UK.evidence, m2))

    # implementation
    g.add((ACT, RDF.type, UK.Implementation))
    g.add((ACT, UK.actor, UNION))
    g.add((ACT, PROV.wasAssociatedWith, UNION))
    g.add((ACT, UK.directive, RESOLUTION))
    g.add((ACT, PROV.used, RESOLUTION))
    g.add((ACT, UK.actKind, UK["act-disseminate"]))
    g.add((ACT, UK.date, Literal("2023-02-10", datatype=XSD.date)))
    g.add((ACT, UK.atEvent, EVENT))
    g.add((ACT, UK.evidence, m1))
    return g


def merged_graph() -> Graph:
    """The article graph plus the reference graph, as the store's union default graph holds them."""
    return article_graph() + reference_graph()


@pytest.fixture(scope="module")
def good_result() -> ValidationResult:
    return validate_graph(merged_graph())


def test_conforming_graph(good_result):
    assert good_result.conforms, good_result.report_text
    assert good_result.violations == 0


def test_validate_graph_does_not_change_its_input():
    g = merged_graph()
    before = len(g)
    validate_graph(g)
    assert len(g) == before


def _first_mention(g: Graph) -> URIRef:
    return sorted(g.subjects(RDF.type, UK.Mention))[0]


def _remove(*triples):
    def mutate(g: Graph) -> None:
        for t in triples:
            assert (None, None, None) != t and len(list(g.triples(t))) > 0, t
            g.remove(t)
    return mutate


def _set(s, p, o):
    def mutate(g: Graph) -> None:
        g.remove((s, p, None))
        g.add((s, p, o))
    return mutate


def _no_anchor(g: Graph) -> None:
    g.remove((_first_mention(g), NIF.anchorOf, None))


def _shifted_offsets(g: Graph) -> None:
    m = _first_mention(g)
    for p in (NIF.beginIndex, NIF.endIndex):
        value = int(g.value(m, p))
        g.set((m, p, Literal(value + 1, datatype=XSD.nonNegativeInteger)))


def _empty_span(g: Graph) -> None:
    m = _first_mention(g)
    g.set((m, NIF.endIndex, g.value(m, NIF.beginIndex)))
    g.set((m, NIF.anchorOf, Literal("")))


def _unasserted_statement(g: Graph) -> None:
    g.remove((UNION, ORG.subOrganizationOf, CDVC))


def _untyped_actor(g: Graph) -> None:
    g.set((ACT, UK.actor, ID["org/khong-co-kieu"]))


def _second_event_type(g: Graph) -> None:
    g.add((EVENT, UK.eventType, UK["event-meeting"]))


def _two_articles_same_key(g: Graph) -> None:
    g.add((ARTICLE, DCTERMS.identifier, Literal("001_other.txt")))


def _unidentified_directive(g: Graph) -> None:
    for p in (UK.typeLabel, UK.implementsResolution):
        g.remove((PROGRAMME, p, None))


def _blank_evidence(g: Graph) -> None:
    g.remove((PART, UK.evidence, None))
    g.add((PART, UK.evidence, BNode()))


# Each mutation breaks one rule of the data model; the report must name the property involved.
MUTATIONS = {
    "post without org:member": (_remove((POST, ORG.member, PERSON)), "member"),
    "post without org:role": (_remove((POST, ORG.role, ROLE)), "role"),
    "mention without anchor": (_no_anchor, "anchorOf"),
    "mention offsets shifted": (_shifted_offsets, "nif:anchorOf is not the text"),
    "mention of zero length": (_empty_span, "beginIndex"),
    "mention without rule": (lambda g: g.remove((_first_mention(g), UK.rule, None)), "rule"),
    "statement not asserted": (_unasserted_statement, "is not asserted"),
    "statement without evidence": (_remove((STMT, UK.evidence, None)), "evidence"),
    "org without nameKey": (_remove((UNION, UK.nameKey, None)), "nameKey"),
    "org with unfolded nameKey": (lambda g: g.add((UNION, UK.nameKey, Literal("Công đoàn"))), "nameKey"),
    "org without prefLabel": (_remove((HOST, SKOS.prefLabel, None)), "prefLabel"),
    "org with unknown level": (_set(UNION, UK.level, UK["level-galaxy"]), "level"),
    "parent that is no organisation": (_set(UNION, ORG.subOrganizationOf, ID["org/chua-khai-bao"]),
                                       "subOrganizationOf"),
    "person without name": (_remove((PERSON, FOAF.name, None)), "name"),
    "post status outside the list": (lambda g: g.add((POST, UK.postStatus, Literal("retired"))), "postStatus"),
    "directive without type": (_remove((RESOLUTION, DCTERMS.type, None)), "type"),
    "directive without identification": (_unidentified_directive, "symbol"),
    "directive without evidence": (_remove((RESOLUTION, UK.evidence, None)), "evidence"),
    "directive issued as a string": (_set(RESOLUTION, DCTERMS.issued, Literal("06/2021")), "issued"),
    "event with two types": (_second_event_type, "eventType"),
    "event with a dateTime": (_set(EVENT, SDO.startDate, Literal("2023-02-10T08:00:00", datatype=XSD.dateTime)),
                              "startDate"),
    "event with two organisers": (lambda g: g.add((EVENT, SDO.organizer, CDVC)), "organizer"),
    "participation with unknown role": (_set(PART, UK.participantRole, UK["role-chair-person"]),
                                        "participantRole"),
    "participation with blank evidence": (_blank_evidence, "evidence"),
    "implementation actor untyped": (_untyped_actor, "actor"),
    "implementation without directive": (_remove((ACT, UK.directive, RESOLUTION)), "directive"),
    "implementation without kind": (_remove((ACT, UK.actKind, None)), "actKind"),
    "article with two identifiers": (_two_articles_same_key, "identifier"),
    "article without text": (_remove((ARTICLE, NIF.isString, None)), "isString"),
    "article issued as a year": (_set(ARTICLE, DCTERMS.issued, Literal("2023", datatype=XSD.gYear)), "issued"),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_mistake_is_reported(name):
    mutate, expected = MUTATIONS[name]
    g = merged_graph()
    mutate(g)
    result = validate_graph(g)
    assert not result.conforms
    assert result.violations > 0
    assert expected in result.report_text


def test_violations_are_counted():
    g = merged_graph()
    _remove((POST, ORG.member, PERSON))(g)
    _no_anchor(g)
    result = validate_graph(g)
    # the missing member, the missing anchor, and the SPARQL offset check that needs the anchor is
    # silent (no ?a binding), so exactly two results
    assert result.violations == 2, result.report_text


class _FakeStore:
    """The one method validate_store needs, over an rdflib graph."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.queries: list[str] = []

    def construct(self, query: str) -> list[tuple]:
        self.queries.append(query)
        return list(self.graph.query(query))


def test_validate_store_reads_the_whole_union_graph():
    store = _FakeStore(merged_graph())
    result = validate_store(store)
    assert result.conforms, result.report_text
    assert store.queries and "CONSTRUCT" in store.queries[0]


def test_validate_store_reports_violations():
    g = merged_graph()
    _no_anchor(g)
    result = validate_store(_FakeStore(g))
    assert not result.conforms and result.violations == 1


def _pyshacl_count(g: Graph) -> int:
    """Violations found by pyshacl running the full shapes file itself, SPARQL constraints included."""
    import pyshacl
    from rdflib.namespace import SH
    _, report, _ = pyshacl.validate(g, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="none")
    return sum(1 for _ in report.subjects(RDF.type, SH.ValidationResult))


@pytest.mark.parametrize("names", [
    ("mention offsets shifted",),
    ("statement not asserted",),
    ("statement not asserted", "post without org:member", "mention of zero length"),
])
def test_graph_wide_sparql_checks_match_pyshacl(names):
    # validate.py evaluates the sh:sparql constraints itself, once over the graph; the result must be
    # the one pyshacl gives when it evaluates them per focus node.
    g = merged_graph()
    for name in names:
        MUTATIONS[name][0](g)
    result = validate_graph(g)
    assert result.violations == _pyshacl_count(g) > 0


def test_validate_store_on_an_embedded_oxigraph_store():
    # the real store: one named graph for the article, one for the reference; the default graph
    # the validation reads is their union, and literals come back through pyoxigraph unchanged
    store_module = pytest.importorskip("unionkg.store")
    from unionkg.ontology.namespaces import GRAPH, REFERENCE_GRAPH
    store = store_module.EmbeddedStore(None)
    try:
        store.replace_graph(GRAPH["article/test-1"], list(article_graph()))
        store.replace_graph(REFERENCE_GRAPH, list(reference_graph()))
        result = validate_store(store)
        assert result.conforms, result.report_text
        broken = article_graph()
        broken.remove((POST, ORG.member, None))
        store.replace_graph(GRAPH["article/test-1"], list(broken))
        result = validate_store(store)
        assert not result.conforms and result.violations == 1, result.report_text
    finally:
        store.close()
