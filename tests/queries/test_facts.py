"""The facts export: a hand-built dataset (two articles + reference graph) read back with SPARQL."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from unionkg.ontology import namespaces as ns
from unionkg.ontology.namespaces import DCTERMS, FOAF, GRAPH, ID, NIF, ORG, RDF, REFERENCE_GRAPH, SKOS, UK
from unionkg.queries.facts import QUERY_NAMES, export_facts, load_query, write_facts
from unionkg.store import EmbeddedStore

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

# -- the fixture ------------------------------------------------------------------------------

SRC_A = "010_a1b2c3d4e5f60718.txt"
SRC_B = "011_0f1e2d3c4b5a6978.txt"
G_A, G_B = GRAPH["article/010-a1b2c3d4e5f60718"], GRAPH["article/011-0f1e2d3c4b5a6978"]
ART_A, ART_B = ID["article/010-a1b2c3d4e5f60718"], ID["article/011-0f1e2d3c4b5a6978"]
TITLE_A = "Công đoàn Giáo dục tỉnh Hà Nam quán triệt Nghị quyết 02-NQ/TW của Bộ Chính trị"
TITLE_B = "Tổng Liên đoàn ban hành Chương trình hành động số 02 thực hiện Nghị quyết 02-NQ/TW"

CDGD = ID["org/cong-doan-giao-duc-tinh-ha-nam"]
THPT = ID["org/cong-doan-truong-thpt-chuyen-bien-hoa"]
KHOI = ID["org/khoi-thi-dua-cac-cong-doan-nganh-tinh-ha-nam"]
LDLD = ID["org/lien-doan-lao-dong-tinh-ha-nam"]
TLD = ID["org/tong-lien-doan-lao-dong-viet-nam"]
BCT = ID["org/bo-chinh-tri"]
BCHTW = ID["org/ban-chap-hanh-trung-uong-dang"]
DANG = ID["org/dang-cong-san-viet-nam"]
AN = ID["person/nguyen-van-an-1a2b3c4d5e"]
BINH = ID["person/tran-thi-binh-5e4d3c2b1a"]
DUNG = ID["person/phan-van-dung-0a9b8c7d6e"]
NQ02 = ID["directive/nq-02-tw"]
CTR02 = ID["directive/ctr-02-tong-lien-doan-lao-dong-viet-nam"]
DH13 = ID["directive/nq-dai-hoi-xiii-dang-cong-san-viet-nam"]
EV = ID["event/2023-02-10-cong-doan-giao-duc-tinh-ha-nam-conference"]
EV2 = ID["event/2021-11-tong-lien-doan-lao-dong-viet-nam-meeting"]


def vi(text: str) -> Literal:
    """A Vietnamese-tagged literal."""
    return Literal(text, lang="vi")


def day(text: str) -> Literal:
    """An xsd:date literal."""
    return Literal(text, datatype=ns.XSD.date)


def article(node: URIRef, source: str, title: str, issued: str | None) -> list[tuple]:
    """The article node of a graph (dcterms:issued as an xsd:dateTime, exported as its day)."""
    triples = [(node, RDF.type, ns.SDO.NewsArticle), (node, DCTERMS.identifier, Literal(source)),
               (node, DCTERMS.title, vi(title)), (node, NIF.isString, Literal(title + "\n\n..."))]
    return triples + ([(node, DCTERMS.issued, Literal(issued, datatype=ns.XSD.dateTime))] if issued else [])


def org(iri: URIRef, pref: str, *alts: str, kind: URIRef = UK.TradeUnion) -> list[tuple]:
    """An organisation with its labels."""
    return [(iri, RDF.type, ORG.Organization), (iri, RDF.type, kind), (iri, SKOS.prefLabel, vi(pref))] + [
        (iri, SKOS.altLabel, vi(a)) for a in alts]


def person(iri: URIRef, name: str) -> list[tuple]:
    """A person with a name."""
    return [(iri, RDF.type, FOAF.Person), (iri, FOAF.name, Literal(name)), (iri, SKOS.prefLabel, vi(name))]


def post(key: str, who: URIRef, role: str, where: URIRef) -> list[tuple]:
    """An org:Membership node."""
    node = ID[f"post/{key}"]
    return [(node, RDF.type, ORG.Membership), (node, ORG.member, who), (node, ORG.organization, where),
            (node, ORG.role, ID["role/chu-tich"]), (node, UK.roleLabel, vi(role))]


def participation(key: str, event: URIRef, who: URIRef, role: str | None) -> list[tuple]:
    """A uk:Participation node; no role when `role` is None."""
    node = ID[f"part/{key}"]
    triples = [(node, RDF.type, UK.Participation), (node, UK.event, event), (node, UK.participant, who)]
    return triples + ([(node, UK.participantRole, UK[f"role-{role}"])] if role else [])


def act(key: str, actor: URIRef, directive: URIRef, kind: str, event: URIRef | None = None) -> list[tuple]:
    """A uk:Implementation node."""
    node = ID[f"act/{key}"]
    triples = [(node, RDF.type, UK.Implementation), (node, UK.actor, actor), (node, UK.directive, directive),
               (node, UK.actKind, UK[f"act-{kind}"])]
    return triples + ([(node, UK.atEvent, event)] if event else [])


def directive(iri: URIRef, **values: object) -> list[tuple]:
    """A uk:Directive with the given attribute triples (lists for several values)."""
    preds = {"symbol": UK.symbol, "number": UK.number, "type": UK.typeLabel, "creator": DCTERMS.creator,
             "issued": DCTERMS.issued, "title": DCTERMS.title, "congress": UK.congress}
    triples = [(iri, RDF.type, UK.Directive)]
    for key, value in values.items():
        for v in value if isinstance(value, list) else [value]:
            triples.append((iri, preds[key], v))
    return triples


def graph_a() -> list[tuple]:
    """Article A: the Hà Nam education union's conference on Resolution 02-NQ/TW."""
    mention = ID["mention/010-a1b2c3d4e5f60718/0-80"]
    stmt = ID["stmt/0a1b2c3d4e"]
    return [
        *article(ART_A, SRC_A, TITLE_A, "2023-02-10T08:30:00+07:00"),
        *org(CDGD, "Công đoàn Giáo dục tỉnh Hà Nam", "CĐGD tỉnh"),
        *org(THPT, "Công đoàn Trường THPT Chuyên Biên Hòa"),
        *org(KHOI, "Khối thi đua các Công đoàn ngành tỉnh Hà Nam", kind=UK.EmulationBloc),
        *org(LDLD, "Liên đoàn Lao động tỉnh Hà Nam", "LĐLĐ tỉnh"),
        *org(TLD, "Tổng Liên đoàn"),
        *org(BCT, "Bộ Chính trị", kind=UK.PartyBody),
        (THPT, ORG.subOrganizationOf, CDGD), (CDGD, ORG.subOrganizationOf, LDLD), (CDGD, ORG.memberOf, KHOI),
        (stmt, RDF.type, RDF.Statement), (stmt, RDF.subject, THPT),
        (stmt, RDF.predicate, ORG.subOrganizationOf), (stmt, RDF.object, CDGD),
        (stmt, UK.evidence, mention), (CDGD, UK.evidence, mention),
        (mention, RDF.type, UK.Mention), (mention, NIF.referenceContext, ART_A),
        (mention, NIF.beginIndex, Literal(0)), (mention, NIF.endIndex, Literal(80)),
        *person(AN, "Nguyễn Văn An"), *person(BINH, "Trần Thị Bình"),
        *post("a1", AN, "Chủ tịch", CDGD), *post("a2", BINH, "Phó Chủ tịch thường trực", CDGD),
        *directive(NQ02, symbol=Literal("02-NQ/TW"), number=Literal("02"), type=vi("Nghị quyết"), creator=BCT,
                   issued=day("2021-06-12"),
                   title=vi("Về đổi mới tổ chức và hoạt động của Công đoàn Việt Nam trong tình hình mới")),
        *directive(CTR02, number=Literal("02"), type=vi("Chương trình hành động"), creator=TLD),
        (EV, RDF.type, UK.Event), (EV, UK.eventType, UK["event-conference"]),
        (EV, SKOS.prefLabel, vi("Hội nghị quán triệt Nghị quyết 02-NQ/TW")),
        (EV, ns.SDO.startDate, day("2023-02-10")), (EV, ns.SDO.organizer, CDGD),
        (EV, ns.SDO.location, Literal("Hội trường Sở Giáo dục và Đào tạo tỉnh Hà Nam")),
        *participation("a1", EV, AN, "chair"), *participation("a2", EV, BINH, "speaker"),
        *participation("a3", EV, BINH, "attendee"),
        *act("a1", CDGD, NQ02, "disseminate", EV), *act("a2", CDGD, NQ02, "carry-out"),
    ]


def graph_b() -> list[tuple]:
    """Article B: the Confederation's action programme 02, citing the same conference."""
    return [
        *article(ART_B, SRC_B, TITLE_B, None),
        *org(CDGD, "Công đoàn ngành GD Hà Nam"),
        *org(LDLD, "Liên đoàn Lao động tỉnh Hà Nam"), (LDLD, SKOS.prefLabel, vi("LĐLĐ Hà Nam")),
        *org(TLD, "Tổng Liên đoàn", "TLĐLĐVN"),
        *org(BCT, "Bộ Chính trị", kind=UK.PartyBody),
        *org(DANG, "Đảng", kind=UK.PartyBody),
        (CDGD, ORG.subOrganizationOf, LDLD),
        *person(AN, "Nguyễn Văn An"), *person(BINH, "Trần Thị Bình"), *person(DUNG, "Phan Văn Dũng"),
        *post("b1", AN, "chủ tịch", CDGD), *post("b2", DUNG, "Phó Chủ tịch", TLD),
        *directive(NQ02, symbol=Literal("02-NQ/TW"), number=Literal("02"), type=vi("Nghị quyết"),
                   creator=[BCT, BCHTW], issued=day("2021-06-12"),
                   title=vi("Đổi mới tổ chức và hoạt động của Công đoàn Việt Nam trong tình hình mới")),
        *directive(CTR02, number=Literal("02"), type=vi("Chương trình hành động"), creator=TLD,
                   issued=Literal("2021-11", datatype=ns.XSD.gYearMonth)),
        *directive(DH13, type=vi("Nghị quyết"), creator=DANG, congress=Literal("XIII")),
        (CTR02, UK.basedOn, NQ02), (CTR02, UK.implementsResolution, NQ02), (CTR02, UK.basedOn, DH13),
        (EV, RDF.type, UK.Event), (EV, ns.SDO.startDate, day("2023-02-10")), (EV, ns.SDO.organizer, CDGD),
        (EV2, RDF.type, UK.Event), (EV2, ns.SDO.startDate, Literal("2021-11", datatype=ns.XSD.gYearMonth)),
        (EV2, ns.SDO.organizer, TLD),
        *participation("b1", EV, AN, "attendee"), *participation("b2", EV2, DUNG, None),
        *act("b1", CDGD, CTR02, "disseminate", EV), *act("b2", TLD, NQ02, "plan"),
    ]


def graph_reference() -> list[tuple]:
    """The curated reference graph: labels and hierarchy, no article."""
    return [
        (TLD, RDF.type, ORG.Organization), (TLD, SKOS.prefLabel, vi("Tổng Liên đoàn Lao động Việt Nam")),
        (TLD, SKOS.prefLabel, Literal("VGCL", lang="en")),
        (TLD, SKOS.altLabel, vi("Công đoàn Việt Nam")),
        (DANG, RDF.type, ORG.Organization), (DANG, SKOS.prefLabel, vi("Đảng Cộng sản Việt Nam")),
        (BCHTW, RDF.type, ORG.Organization), (BCHTW, SKOS.prefLabel, vi("Ban Chấp hành Trung ương Đảng")),
        (BCT, RDF.type, ORG.Organization), (BCT, ORG.subOrganizationOf, BCHTW),
    ]


# -- the store ------------------------------------------------------------------------------------

def make_store(reverse: bool = False) -> EmbeddedStore:
    """An in-memory store holding the fixture; `reverse` loads graphs and triples in reverse order."""
    store = EmbeddedStore(None)
    graphs = [(G_A, graph_a()), (G_B, graph_b()), (REFERENCE_GRAPH, graph_reference())]
    for graph, triples in reversed(graphs) if reverse else graphs:
        store.replace_graph(graph, list(reversed(triples)) if reverse else triples)
    return store


@pytest.fixture(scope="module")
def facts() -> dict:
    return export_facts(make_store())


# -- expected, by hand from the fixture ----------------------------------------------------------

I = str  # noqa: E741  (IRIs are exported as plain strings)
BOTH = [SRC_A, SRC_B]
EXPECTED = {
    "articles": [
        {"source": SRC_A, "title": TITLE_A, "published": "2023-02-10"},
        {"source": SRC_B, "title": TITLE_B, "published": None},
    ],
    "organizations": [
        {"id": I(BCT), "name": "Bộ Chính trị", "aliases": [], "articles": BOTH},
        # tie 1-1 between the article prefLabels: the shorter wins, though alphabetically later
        {"id": I(CDGD), "name": "Công đoàn ngành GD Hà Nam",
         "aliases": ["Công đoàn Giáo dục tỉnh Hà Nam", "CĐGD tỉnh"], "articles": BOTH},
        {"id": I(THPT), "name": "Công đoàn Trường THPT Chuyên Biên Hòa", "aliases": [], "articles": [SRC_A]},
        {"id": I(DANG), "name": "Đảng Cộng sản Việt Nam", "aliases": ["Đảng"], "articles": [SRC_B]},
        {"id": I(KHOI), "name": "Khối thi đua các Công đoàn ngành tỉnh Hà Nam", "aliases": [],
         "articles": [SRC_A]},
        # 2 votes against 1: the more common label wins over the shorter one
        {"id": I(LDLD), "name": "Liên đoàn Lao động tỉnh Hà Nam", "aliases": ["LĐLĐ Hà Nam", "LĐLĐ tỉnh"],
         "articles": BOTH},
        # the reference label wins over "Tổng Liên đoàn" although both articles use that
        {"id": I(TLD), "name": "Tổng Liên đoàn Lao động Việt Nam",
         # the English prefLabel is an alias, though shorter than the Vietnamese one
         "aliases": ["Công đoàn Việt Nam", "TLĐLĐVN", "Tổng Liên đoàn", "VGCL"],
         "articles": BOTH},
    ],
    "persons": [
        {"id": I(AN), "name": "Nguyễn Văn An", "articles": BOTH},
        {"id": I(DUNG), "name": "Phan Văn Dũng", "articles": [SRC_B]},
        {"id": I(BINH), "name": "Trần Thị Bình", "articles": BOTH},
    ],
    "posts": [
        {"person": I(AN), "role": "Chủ tịch", "organization": I(CDGD), "articles": BOTH},
        {"person": I(DUNG), "role": "Phó Chủ tịch", "organization": I(TLD), "articles": [SRC_B]},
        {"person": I(BINH), "role": "Phó Chủ tịch thường trực", "organization": I(CDGD), "articles": [SRC_A]},
    ],
    "sub_organizations": [
        {"child": I(CDGD), "parent": I(LDLD), "articles": BOTH},
        {"child": I(THPT), "parent": I(CDGD), "articles": [SRC_A]},
    ],
    "memberships": [{"member": I(CDGD), "group": I(KHOI), "articles": [SRC_A]}],
    "directives": [
        {"id": I(CTR02), "symbol": "02", "type": "Chương trình hành động", "issuer": I(TLD),
         "date": "2021-11", "title": None, "congress": None, "articles": BOTH},
        # issuer: Bộ Chính trị in 2 articles beats the lexically earlier BCH TW in 1;
        # title: a 1-1 tie, "V" < "Đ"
        {"id": I(NQ02), "symbol": "02-NQ/TW", "type": "Nghị quyết", "issuer": I(BCT), "date": "2021-06-12",
         "title": "Về đổi mới tổ chức và hoạt động của Công đoàn Việt Nam trong tình hình mới",
         "congress": None, "articles": BOTH},
        {"id": I(DH13), "symbol": None, "type": "Nghị quyết", "issuer": I(DANG), "date": None, "title": None,
         "congress": "XIII", "articles": [SRC_B]},
    ],
    "directive_bases": [
        {"directive": I(CTR02), "basis": I(NQ02), "articles": [SRC_B]},
        {"directive": I(CTR02), "basis": I(DH13), "articles": [SRC_B]},
    ],
    "events": [
        {"id": I(EV2), "date": "2021-11", "organizer": I(TLD), "directives": [],
         "participants": [{"person": I(DUNG), "role": "attendee"}], "location": None, "articles": [SRC_B]},
        {"id": I(EV), "date": "2023-02-10", "organizer": I(CDGD), "directives": [I(CTR02), I(NQ02)],
         "participants": [{"person": I(AN), "role": "chair"}, {"person": I(BINH), "role": "speaker"}],
         "location": "Hội trường Sở Giáo dục và Đào tạo tỉnh Hà Nam", "articles": BOTH},
    ],
    "implementations": [
        {"actor": I(CDGD), "directive": I(CTR02), "articles": [SRC_B]},
        {"actor": I(CDGD), "directive": I(NQ02), "articles": [SRC_A]},
        {"actor": I(TLD), "directive": I(NQ02), "articles": [SRC_B]},
    ],
}


# -- tests ---------------------------------------------------------------------------------------------

def test_top_level_keys(facts: dict) -> None:
    assert list(facts) == list(EXPECTED)


@pytest.mark.parametrize("category", list(EXPECTED))
def test_category_records(facts: dict, category: str) -> None:
    assert facts[category] == EXPECTED[category]


def test_articles_lists_merge_both_graphs(facts: dict) -> None:
    categories = ("organizations", "persons", "directives", "events")
    by_id = {c: {r["id"]: r for r in facts[c]} for c in categories}
    assert by_id["organizations"][I(TLD)]["articles"] == BOTH
    assert by_id["persons"][I(AN)]["articles"] == BOTH
    assert by_id["directives"][I(NQ02)]["articles"] == BOTH
    assert by_id["events"][I(EV)]["articles"] == BOTH
    assert by_id["events"][I(EV2)]["articles"] == [SRC_B]


def test_reference_graph_states_no_facts(facts: dict) -> None:
    assert I(BCHTW) not in {o["id"] for o in facts["organizations"]}
    assert (I(BCT), I(BCHTW)) not in {(r["child"], r["parent"]) for r in facts["sub_organizations"]}


def test_output_is_stable_across_runs_and_load_orders() -> None:
    runs = []
    for store in (make_store(), make_store(), make_store(reverse=True)):
        out = io.StringIO()
        write_facts(store, out)
        runs.append(out.getvalue())
    assert runs[0] == runs[1] == runs[2]


def test_write_facts_is_sorted_utf8_json() -> None:
    out = io.StringIO()
    write_facts(make_store(), out)
    text = out.getvalue()
    assert "Công đoàn Giáo dục tỉnh Hà Nam" in text  # not \u-escaped
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    assert json.loads(text)["events"] == EXPECTED["events"]


def test_every_query_file_is_listed() -> None:
    files = {p.name for p in resources.files("unionkg.queries").joinpath("facts").iterdir()
             if p.name.endswith(".rq")}
    assert files == {f"{name}.rq" for name in QUERY_NAMES}


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_query_header_and_syntax(name: str) -> None:
    text = load_query(name)
    lines = text.splitlines()
    assert lines[0].startswith("#+ summary: ") and len(lines[0]) > len("#+ summary: ") + 10
    assert any(line.startswith("#+ description: ") for line in lines[:5])
    assert "#+ endpoint_in_url: False" in lines[:5]
    prepareQuery(text)
    assert isinstance(ox.Store().query(text), ox.QuerySolutions)


def test_load_query_rejects_unknown_names() -> None:
    with pytest.raises(ValueError):
        load_query("../organizations")


def test_scores_perfectly_against_itself(tmp_path: Path) -> None:
    scorer = SHARED / "tools" / "score_facts.py"
    if not scorer.exists():
        pytest.skip(f"{scorer} is absent")
    path = tmp_path / "facts.json"
    with path.open("w", encoding="utf-8") as out:
        write_facts(make_store(), out)
    run = subprocess.run([sys.executable, str(scorer), str(path), str(path), "--json"],
                         capture_output=True, text=True, check=True)
    summary = json.loads(run.stdout)
    assert summary["articles_found"] == summary["articles_in_gold"] == 2
    assert summary["micro"]["fp"] == summary["micro"]["fn"] == 0
    assert summary["micro"]["tp"] > 20 and summary["micro"]["f1"] == 1.0
