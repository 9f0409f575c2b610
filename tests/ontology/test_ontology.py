"""The ontology (unionkg.ttl) and the shapes (shapes.ttl): they parse, they declare every uk: term of
docs/data-model.md with Vietnamese and English labels, and they only refine the W3C vocabularies."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS

# Open namespaces: pytest probes module attributes, which rdflib's closed SDO/TIME warn about.
SDO = Namespace("https://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")

from unionkg.ontology.namespaces import ID, NIF, UK, entity_iri, fold
from unionkg.ontology.reference import ontology_graph, shapes_graph

ROOT = Path(__file__).resolve().parents[2]
DATA_MODEL = ROOT / "docs" / "data-model.md"
SCHEMES = ["LevelScheme", "DirectiveTypeScheme", "EventTypeScheme", "ActKindScheme", "ParticipantRoleScheme",
           "RoleScheme"]
REUSED = {"org": ORG, "prov": PROV, "skos": SKOS, "dcterms": DCTERMS, "time": TIME, "foaf": FOAF,
          "schema": SDO, "nif": NIF, "rdf": RDF, "rdfs": RDFS, "owl": OWL}


@pytest.fixture(scope="module")
def ont():
    return ontology_graph()


def _labels(g, term) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in (RDFS.label, SKOS.prefLabel):
        for o in g.objects(term, p):
            if isinstance(o, Literal):
                out.setdefault(o.language or "", []).append(str(o))
    return out


def _data_model_terms() -> list[str]:
    return sorted(set(re.findall(r"uk:([A-Za-z][A-Za-z-]*[A-Za-z])", DATA_MODEL.read_text(encoding="utf-8"))))


def test_files_parse():
    assert len(ontology_graph()) > 300
    assert len(shapes_graph()) > 200
    assert (None, RDF.type, OWL.Ontology) in ontology_graph()
    assert len(set(shapes_graph().subjects(RDF.type, SH.NodeShape))) >= 10


def test_data_model_is_scanned():
    terms = _data_model_terms()
    # guards the scan itself: a broken regex or a moved file would make the next test vacuous
    assert {"TradeUnion", "evidence", "level-sector", "RoleScheme", "implementsResolution"} <= set(terms)
    assert len(terms) >= 40


@pytest.mark.parametrize("local", _data_model_terms())
def test_every_data_model_term_is_declared_with_vi_and_en_labels(ont, local):
    term = UK[local]
    assert (term, RDF.type, None) in ont, f"uk:{local} is used in docs/data-model.md but not declared"
    labels = _labels(ont, term)
    assert labels.get("vi") and labels.get("en"), f"uk:{local} needs @vi and @en labels, has {labels}"


def test_every_uk_term_has_labels_and_a_comment(ont):
    declared = {s for s in ont.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(str(UK))}
    assert len(declared) > 60
    for term in declared:
        labels = _labels(ont, term)
        assert labels.get("vi") and labels.get("en"), term
        if (term, RDF.type, SKOS.Concept) not in ont:
            comments = {o.language for o in ont.objects(term, RDFS.comment)}
            assert {"vi", "en"} <= comments, f"{term} needs an rdfs:comment in vi and en"


def test_properties_have_ranges_and_classes_have_superclasses(ont):
    props = set(ont.subjects(RDF.type, OWL.ObjectProperty)) | set(ont.subjects(RDF.type, OWL.DatatypeProperty))
    assert len(props) >= 25
    for p in props:
        assert ont.value(p, RDFS.range) is not None, f"{p} has no rdfs:range"
    for c in ont.subjects(RDF.type, OWL.Class):
        if c in (UK.Participation,):          # an n-ary relation node: no W3C class fits
            continue
        assert ont.value(c, RDFS.subClassOf) is not None, f"{c} refines no W3C class"


@pytest.mark.parametrize("sub, rel, sup", [
    (UK.TradeUnion, RDFS.subClassOf, ORG.Organization),
    (UK.PartyBody, RDFS.subClassOf, ORG.Organization),
    (UK.StateBody, RDFS.subClassOf, ORG.Organization),
    (UK.HostInstitution, RDFS.subClassOf, ORG.Organization),
    (UK.EmulationBloc, RDFS.subClassOf, ORG.OrganizationalCollaboration),
    (UK.Committee, RDFS.subClassOf, ORG.OrganizationalUnit),
    (UK.Department, RDFS.subClassOf, ORG.OrganizationalUnit),
    (UK.Event, RDFS.subClassOf, SDO.Event),
    (UK.Event, RDFS.subClassOf, PROV.Activity),
    (UK.Implementation, RDFS.subClassOf, PROV.Activity),
    (UK.Directive, RDFS.subClassOf, PROV.Entity),
    (UK.implementsResolution, RDFS.subPropertyOf, UK.basedOn),
    (UK.actor, RDFS.subPropertyOf, PROV.wasAssociatedWith),
    (UK.directive, RDFS.subPropertyOf, PROV.used),
])
def test_links_to_reused_vocabularies(ont, sub, rel, sup):
    assert (sub, rel, sup) in ont


def test_organisation_classes_reach_org_organization_directly(ont):
    # SHACL follows rdfs:subClassOf only through triples it can see; the W3C ORG ontology is not
    # loaded, so every organisation class must name org:Organization itself.
    for c in (UK.TradeUnion, UK.PartyBody, UK.StateBody, UK.HostInstitution, UK.EmulationBloc, UK.Committee,
              UK.Department):
        assert (c, RDFS.subClassOf, ORG.Organization) in ont, c


def test_no_reused_vocabulary_term_is_redefined(ont):
    for prefix, ns in REUSED.items():
        redefined = {s for s in ont.subjects() if isinstance(s, URIRef) and s.startswith(str(ns))}
        assert not redefined, f"{prefix}: terms are given triples in unionkg.ttl: {sorted(redefined)}"


def _scheme_concepts(ont, local: str) -> set:
    return set(ont.subjects(SKOS.inScheme, UK[local]))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_scheme_concept_has_vi_and_en_labels(ont, scheme):
    assert (UK[scheme], RDF.type, SKOS.ConceptScheme) in ont
    concepts = _scheme_concepts(ont, scheme)
    assert len(concepts) >= 3, scheme
    for c in concepts:
        assert (c, RDF.type, SKOS.Concept) in ont, c
        langs = [o.language for o in ont.objects(c, SKOS.prefLabel)]
        assert sorted(langs) == ["en", "vi"], f"{c}: one prefLabel per language, got {langs}"


def test_expected_concepts(ont):
    expect = {
        "LevelScheme": {"confederation", "provincial", "sector", "upper-grassroots", "grassroots", "department",
                        "group"},
        "DirectiveTypeScheme": {"nghi-quyet", "chi-thi", "chuong-trinh", "ke-hoach", "ket-luan", "quyet-dinh",
                                "huong-dan", "quy-dinh", "thong-bao", "cong-van", "luat", "nghi-dinh", "thong-tu",
                                "dieu-le"},
        "EventTypeScheme": {"conference", "meeting", "congress", "ceremony", "training", "other"},
        "ActKindScheme": {"disseminate", "carry-out", "review", "plan", "goal"},
        "ParticipantRoleScheme": {"chair", "speaker", "attendee"},
    }
    prefix = {"LevelScheme": "level-", "DirectiveTypeScheme": "doctype-", "EventTypeScheme": "event-",
              "ActKindScheme": "act-", "ParticipantRoleScheme": "role-"}
    for scheme, locals_ in expect.items():
        assert _scheme_concepts(ont, scheme) == {UK[prefix[scheme] + x] for x in locals_}, scheme


def test_directive_type_notations(ont):
    notation = {c: str(ont.value(c, SKOS.notation)) for c in _scheme_concepts(ont, "DirectiveTypeScheme")}
    assert None not in notation.values() and len(set(notation.values())) == len(notation)
    assert notation[UK["doctype-nghi-quyet"]] == "NQ"
    assert notation[UK["doctype-chuong-trinh"]] == "CTr"
    assert notation[UK["doctype-quy-dinh"]] == "QĐi"
    alts = {str(o) for o in ont.objects(UK["doctype-chuong-trinh"], SKOS.altLabel)}
    assert "Chương trình hành động" in alts


def test_levels_are_ordered(ont):
    levels = _scheme_concepts(ont, "LevelScheme")
    depth = {c: ont.value(c, UK.depth).toPython() for c in levels}
    assert all(isinstance(d, int) and 0 <= d <= 6 for d in depth.values())
    assert depth[UK["level-confederation"]] == 0
    assert depth[UK["level-provincial"]] == depth[UK["level-sector"]] == 1
    assert depth[UK["level-group"]] == max(depth.values())
    for c in levels:
        for b in ont.objects(c, SKOS.broader):
            assert depth[b] == depth[c] - 1, (c, b)
            assert (b, SKOS.narrower, c) in ont, f"{b} skos:narrower {c} is missing"
        for n in ont.objects(c, SKOS.narrower):
            assert (n, SKOS.broader, c) in ont
    roots = [c for c in levels if ont.value(c, SKOS.broader) is None]
    assert roots == [UK["level-confederation"]]


def test_role_concepts_use_entity_iris(ont):
    roles = _scheme_concepts(ont, "RoleScheme")
    assert len(roles) >= 14
    for role in roles:
        vi = [str(o) for o in ont.objects(role, SKOS.prefLabel) if o.language == "vi"]
        assert role == entity_iri("role", vi[0]), role
        assert (role, RDF.type, ORG.Role) in ont
    assert URIRef("https://w3id.org/unionkg/id/role/pho-chu-tich") in roles
    assert ID["role/" + fold("Phó Chủ tịch thường trực").replace(" ", "-")] in roles


def _loader_table(name: str) -> list[list[str]]:
    path = ROOT / "loaders" / "extract" / name
    if not path.is_file():
        pytest.skip(f"{name} is not there")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = [f.strip() for f in line.split("\t")]
        if fields and fields[0] and not fields[0].startswith("#"):
            rows.append(fields)
    return rows


@pytest.mark.parametrize("table, column, prefix", [
    ("doc_types.tsv", 2, "doctype-"),
    ("event_types.tsv", 1, "event-"),
    ("acts.tsv", 1, "act-"),
    ("participant_cues.tsv", 1, "role-"),
])
def test_loader_tables_name_declared_concepts(ont, table, column, prefix):
    # the extraction tables write concept slugs; each must be a concept of the ontology
    for row in _loader_table(table):
        concept = UK[prefix + row[column]]
        assert (concept, RDF.type, SKOS.Concept) in ont, f"{table}: {row}"


def _uk_terms_in(g) -> set:
    return {t for triple in g for t in triple if isinstance(t, URIRef) and t.startswith(str(UK))}


def test_shapes_only_use_declared_terms(ont):
    undeclared = {t for t in _uk_terms_in(shapes_graph()) if (t, RDF.type, None) not in ont}
    assert not undeclared


def _in_lists(shapes, path) -> list[set]:
    out = []
    for prop in shapes.subjects(SH.path, path):
        for lst in shapes.objects(prop, SH["in"]):
            out.append(set(Collection(shapes, lst)))
    return out


@pytest.mark.parametrize("path, scheme", [
    (UK.level, "LevelScheme"),
    (DCTERMS.type, "DirectiveTypeScheme"),
    (UK.eventType, "EventTypeScheme"),
    (UK.actKind, "ActKindScheme"),
    (UK.participantRole, "ParticipantRoleScheme"),
])
def test_shape_value_lists_match_the_schemes(ont, path, scheme):
    lists = _in_lists(shapes_graph(), path)
    assert lists, f"no sh:in list for {path}"
    for values in lists:
        assert values == _scheme_concepts(ont, scheme)


def test_shapes_target_every_node_kind_of_the_data_model():
    targets = set(shapes_graph().objects(None, SH.targetClass))
    assert {SDO.NewsArticle, ORG.Organization, FOAF.Person, ORG.Membership, UK.Directive, UK.Event,
            UK.Participation, UK.Implementation, UK.Mention, RDF.Statement} <= targets


def _fold_by_whole_text(text: str) -> str:
    """The plain definition of fold: NFD the whole text, drop the marks, đ -> d, lower case, punctuation to spaces."""
    text = unicodedata.normalize("NFD", text.replace("&", " và "))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").replace("đ", "d").replace("Đ", "D").lower()
    return re.sub(r"[^0-9a-z]+", " ", text).strip()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aăâeêioôơuưyAĂÂĐđ &-.,0123456789")) | st.characters(), max_size=30))
def test_fold_by_character_table_matches_the_plain_definition(text: str) -> None:
    assert fold(text) == _fold_by_whole_text(text)
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))
