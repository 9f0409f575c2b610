"""A small, hand-written knowledge graph for the query library, analytics and API tests.

Four article graphs and the reference graph, shaped like what the loaders write (see
docs/data-model.md). The tests write their expected rows by hand from the facts below:

reference: Tổng Liên đoàn (confederation) > Công đoàn Viên chức Việt Nam (sector) and
           Liên đoàn Lao động thành phố Hà Nội (provincial); Bộ Chính trị; Đảng Cộng sản Việt Nam.
a1.txt (2021-11-10): Nghị quyết 02-NQ/TW (Bộ Chính trị, 2021-06-12) and Chương trình hành động số
           02 of Tổng Liên đoàn, based on it. Tổng Liên đoàn disseminates and carries out 02-NQ/TW on
           2021-11-10 at a conference (two acts, two sentences) chaired by Nguyễn Văn An, Phó Chủ
           tịch; Trần Thị Bình and Lê Văn Cường attend.
a2.txt (2022-03-30): Khối Thi đua III (bloc, unit of Công đoàn Viên chức) with members Công đoàn
           Học viện Chính trị quốc gia Hồ Chí Minh (union of the Học viện) and Công đoàn Đài Tiếng nói
           Việt Nam; the Ban Chấp hành of the Học viện union. The bloc carries out 02-NQ/TW on
           2022-03-29 at a conference chaired by Trần Thị Bình (Chủ tịch of the Học viện union),
           Lê Văn Cường speaking.
a3.txt (2023-02-12): the Ban Chấp hành of the Học viện union disseminates 02-NQ/TW on 2023-02-10;
           Liên đoàn Lao động quận Ba Đình (under the Hà Nội federation) carries out Chương trình 02
           on 2022-01-15; Công đoàn Trường Tiểu học Kim Đồng is under the Ba Đình federation;
           Bình is again seen as Chủ tịch; a meeting of February 2023 (month only); Chỉ thị 05-CT/TW
           and two congress resolutions XIII (of the Party, of the confederation).
a4.txt (no date): Công đoàn Đài Tiếng nói Việt Nam reviews 02-NQ/TW (no date); Lê Văn Cường is
           the former Chủ tịch of that union.
"""
from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from unionkg.ontology.namespaces import (DCTERMS, FOAF, GRAPH, ID, NIF, ORG, RDF, REFERENCE_GRAPH, SDO,
                                         SKOS, UK)
from unionkg.store import Store

Triple = tuple[URIRef, URIRef, object]

TLD, CDVC, LDHN = ID["org/tld"], ID["org/cdvc"], ID["org/ldhn"]
BCT, DANG = ID["org/bo-chinh-tri"], ID["org/dang"]
KHOI, CDHV, CDDAI, BCHHV, HV = (ID["org/khoi-iii"], ID["org/cd-hoc-vien"], ID["org/cd-dai"],
                                 ID["org/bch-cd-hoc-vien"], ID["org/hoc-vien"])
BADINH, KIMDONG = ID["org/ldld-ba-dinh"], ID["org/cd-kim-dong"]
NQ02, CTR02, CT05 = ID["directive/nq-02-tw"], ID["directive/ctr-02-tld"], ID["directive/ct-05-tw"]
NQDH_DANG, NQDH_TLD = ID["directive/nq-dai-hoi-xiii-dang"], ID["directive/nq-dai-hoi-xiii-tld"]
AN, BINH, CUONG = ID["person/nguyen-van-an"], ID["person/tran-thi-binh"], ID["person/le-van-cuong"]
E1, E2, E3 = ID["event/2021-11-10-tld"], ID["event/2022-03-29-khoi"], ID["event/2023-02-ba-dinh"]
POST_AN, POST_BINH, POST_CUONG = ID["post/an-tld"], ID["post/binh-hv"], ID["post/cuong-dai"]

SENTENCES = {
    "a1": ["Tổng Liên đoàn quán triệt Nghị quyết 02-NQ/TW của Bộ Chính trị.",
           "Tổng Liên đoàn triển khai thực hiện Nghị quyết 02-NQ/TW tại hội nghị.",
           "Đồng chí Nguyễn Văn An, Phó Chủ tịch Tổng Liên đoàn, chủ trì hội nghị."],
    "a2": ["Khối Thi đua III triển khai thực hiện Nghị quyết số 02 của Bộ Chính trị.",
           "Đồng chí Trần Thị Bình, Chủ tịch Công đoàn Học viện, chủ trì hội nghị."],
    "a3": ["Ban Chấp hành Công đoàn Học viện quán triệt Nghị quyết 02-NQ/TW.",
           "Liên đoàn Lao động quận Ba Đình thực hiện Chương trình 02.",
           "Chủ tịch Công đoàn Học viện Trần Thị Bình phát biểu."],
    "a4": ["Công đoàn Đài Tiếng nói Việt Nam tổng kết Nghị quyết 02-NQ/TW.",
           "Nguyên Chủ tịch Lê Văn Cường dự."],
}
ISSUED = {"a1": "2021-11-10", "a2": "2022-03-30", "a3": "2023-02-12", "a4": None}


def vi(text: str) -> Literal:
    return Literal(text, lang="vi")


def day(text: str) -> Literal:
    return Literal(text, datatype=XSD.date)


def article(key: str) -> URIRef:
    return ID[f"article/{key}"]


def mention(key: str, index: int) -> URIRef:
    """The mention of the index-th sentence of an article; sentences follow each other, one space apart."""
    begin = sum(len(s) + 1 for s in SENTENCES[key][:index])
    return ID[f"mention/{key}/{begin}-{begin + len(SENTENCES[key][index])}"]


def _mentions(key: str) -> list[Triple]:
    triples = []
    for index, sentence in enumerate(SENTENCES[key]):
        node = mention(key, index)
        begin = sum(len(s) + 1 for s in SENTENCES[key][:index])
        triples += [(node, RDF.type, UK.Mention), (node, NIF.referenceContext, article(key)),
                    (node, NIF.beginIndex, Literal(begin)), (node, NIF.endIndex, Literal(begin + len(sentence))),
                    (node, NIF.anchorOf, Literal(sentence))]
    triples += [(article(key), RDF.type, SDO.NewsArticle), (article(key), DCTERMS.identifier, Literal(f"{key}.txt")),
                (article(key), NIF.isString, Literal(" ".join(SENTENCES[key])))]
    if ISSUED[key]:
        triples.append((article(key), DCTERMS.issued, day(ISSUED[key])))
    return triples


def _org(iri: URIRef, kind: URIRef, label: str, *keys: str) -> list[Triple]:
    return ([(iri, RDF.type, ORG.Organization), (iri, RDF.type, kind), (iri, SKOS.prefLabel, vi(label))]
            + [(iri, UK.nameKey, Literal(k)) for k in keys])


def _person(iri: URIRef, name: str, key: str) -> list[Triple]:
    return [(iri, RDF.type, FOAF.Person), (iri, FOAF.name, Literal(name)), (iri, SKOS.prefLabel, Literal(name)),
            (iri, UK.nameKey, Literal(key))]


def _act(node: URIRef, actor: URIRef, directive: URIRef, kind: str, date: str | None,
         evidence: URIRef, event: URIRef | None = None) -> list[Triple]:
    triples = [(node, RDF.type, UK.Implementation), (node, UK.actor, actor), (node, UK.directive, directive),
               (node, UK.actKind, UK[f"act-{kind}"]), (node, UK.evidence, evidence)]
    triples += [(node, UK.date, day(date))] if date else []
    return triples + ([(node, UK.atEvent, event)] if event else [])


def _post(node: URIRef, person: URIRef, org: URIRef, role: str, label: str, observed: str | None,
          evidence: URIRef, status: str | None = None) -> list[Triple]:
    triples = [(node, RDF.type, ORG.Membership), (node, ORG.member, person), (node, ORG.organization, org),
               (node, ORG.role, ID[f"role/{role}"]), (node, UK.roleLabel, vi(label)), (node, UK.evidence, evidence)]
    triples += [(node, UK.observedOn, day(observed))] if observed else []
    return triples + ([(node, UK.postStatus, Literal(status))] if status else [])


def _part(node: URIRef, event: URIRef, person: URIRef, role: str, evidence: URIRef) -> list[Triple]:
    return [(node, RDF.type, UK.Participation), (node, UK.event, event), (node, UK.participant, person),
            (node, UK.participantRole, UK[f"role-{role}"]), (node, UK.evidence, evidence)]


def _directive(iri: URIRef, type_slug: str, type_label: str, issuer: URIRef, number: str | None = None,
               symbol: str | None = None, issued: str | None = None, title: str | None = None,
               congress: str | None = None) -> list[Triple]:
    triples = [(iri, RDF.type, UK.Directive), (iri, DCTERMS.type, UK[f"doctype-{type_slug}"]),
               (iri, UK.typeLabel, vi(type_label)), (iri, DCTERMS.creator, issuer)]
    for prop, value in ((UK.number, number), (UK.symbol, symbol), (UK.congress, congress)):
        triples += [(iri, prop, Literal(value))] if value else []
    triples += [(iri, DCTERMS.issued, day(issued))] if issued else []
    return triples + ([(iri, DCTERMS.title, vi(title))] if title else [])


NQ02_TITLE = "Đổi mới tổ chức và hoạt động của Công đoàn Việt Nam trong tình hình mới"


def _reference() -> list[Triple]:
    return (_org(TLD, UK.TradeUnion, "Tổng Liên đoàn Lao động Việt Nam", "tong lien doan lao dong viet nam",
                 "tong lien doan", "cong doan viet nam") + [(TLD, UK.level, UK["level-confederation"])]
            + _org(CDVC, UK.TradeUnion, "Công đoàn Viên chức Việt Nam", "cong doan vien chuc viet nam")
            + [(CDVC, UK.level, UK["level-sector"]), (CDVC, ORG.subOrganizationOf, TLD)]
            + _org(LDHN, UK.TradeUnion, "Liên đoàn Lao động thành phố Hà Nội", "lien doan lao dong thanh pho ha noi")
            + [(LDHN, UK.level, UK["level-provincial"]), (LDHN, ORG.subOrganizationOf, TLD)]
            + _org(BCT, UK.PartyBody, "Bộ Chính trị", "bo chinh tri")
            + _org(DANG, UK.PartyBody, "Đảng Cộng sản Việt Nam", "dang cong san viet nam", "dang"))


def _a1() -> list[Triple]:
    return (_mentions("a1") + _org(TLD, UK.TradeUnion, "Tổng Liên đoàn Lao động Việt Nam", "tong lien doan")
            + _org(BCT, UK.PartyBody, "Bộ Chính trị", "bo chinh tri")
            + _directive(NQ02, "nghi-quyet", "Nghị quyết", BCT, "02", "02-NQ/TW", "2021-06-12", NQ02_TITLE)
            + _directive(CTR02, "chuong-trinh", "Chương trình", TLD, "02")
            + [(CTR02, UK.basedOn, NQ02), (CTR02, UK.implementsResolution, NQ02)]
            + [(E1, RDF.type, UK.Event), (E1, UK.eventType, UK["event-conference"]), (E1, SDO.startDate, day("2021-11-10")),
               (E1, SDO.organizer, TLD), (E1, SKOS.prefLabel, vi("Hội nghị triển khai Nghị quyết 02")),
               (E1, SDO.location, Literal("Hà Nội"))]
            + _act(ID["act/a1-1"], TLD, NQ02, "disseminate", "2021-11-10", mention("a1", 0), E1)
            + _act(ID["act/a1-2"], TLD, NQ02, "carry-out", "2021-11-10", mention("a1", 1), E1)
            + _person(AN, "Nguyễn Văn An", "nguyen van an") + _person(BINH, "Trần Thị Bình", "tran thi binh")
            + _person(CUONG, "Lê Văn Cường", "le van cuong")
            + _post(POST_AN, AN, TLD, "pho-chu-tich", "Phó Chủ tịch", "2021-11-10", mention("a1", 2))
            + _part(ID["part/a1-an"], E1, AN, "chair", mention("a1", 2))
            + _part(ID["part/a1-binh"], E1, BINH, "attendee", mention("a1", 2))
            + _part(ID["part/a1-cuong"], E1, CUONG, "attendee", mention("a1", 2)))


def _a2() -> list[Triple]:
    return (_mentions("a2")
            + _org(CDVC, UK.TradeUnion, "Công đoàn Viên chức Việt Nam", "cong doan vien chuc viet nam")
            + _org(KHOI, UK.EmulationBloc, "Khối Thi đua III - Công đoàn Viên chức Việt Nam",
                   "khoi thi dua iii cong doan vien chuc viet nam", "khoi thi dua iii")
            + [(KHOI, ORG.subOrganizationOf, CDVC), (KHOI, ORG.unitOf, CDVC)]
            + _org(CDHV, UK.TradeUnion, "Công đoàn Học viện Chính trị quốc gia Hồ Chí Minh",
                   "cong doan hoc vien chinh tri quoc gia ho chi minh", "cong doan hoc vien")
            + [(CDHV, ORG.memberOf, KHOI), (CDHV, UK.unionOf, HV)]
            + _org(HV, UK.HostInstitution, "Học viện Chính trị quốc gia Hồ Chí Minh",
                   "hoc vien chinh tri quoc gia ho chi minh")
            + _org(CDDAI, UK.TradeUnion, "Công đoàn Đài Tiếng nói Việt Nam", "cong doan dai tieng noi viet nam")
            + [(CDDAI, ORG.memberOf, KHOI)]
            + _org(BCHHV, UK.Committee, "Ban Chấp hành Công đoàn Học viện Chính trị quốc gia Hồ Chí Minh",
                   "ban chap hanh cong doan hoc vien chinh tri quoc gia ho chi minh")
            + [(BCHHV, ORG.unitOf, CDHV)]
            + _directive(NQ02, "nghi-quyet", "Nghị quyết", BCT, "02")
            + [(E2, RDF.type, UK.Event), (E2, UK.eventType, UK["event-conference"]), (E2, SDO.startDate, day("2022-03-29")),
               (E2, SDO.organizer, KHOI), (E2, SKOS.prefLabel, vi("Hội nghị Khối Thi đua III"))]
            + _act(ID["act/a2-1"], KHOI, NQ02, "carry-out", "2022-03-29", mention("a2", 0), E2)
            + _person(BINH, "Trần Thị Bình", "tran thi binh") + _person(CUONG, "Lê Văn Cường", "le van cuong")
            + _post(POST_BINH, BINH, CDHV, "chu-tich", "Chủ tịch", "2022-03-30", mention("a2", 1))
            + _part(ID["part/a2-binh"], E2, BINH, "chair", mention("a2", 1))
            + _part(ID["part/a2-cuong"], E2, CUONG, "speaker", mention("a2", 1)))


def _a3() -> list[Triple]:
    return (_mentions("a3")
            + _org(BCHHV, UK.Committee, "Ban Chấp hành Công đoàn Học viện Chính trị quốc gia Hồ Chí Minh")
            + [(BCHHV, ORG.unitOf, CDHV)]
            + _org(BADINH, UK.TradeUnion, "Liên đoàn Lao động quận Ba Đình", "lien doan lao dong quan ba dinh")
            + [(BADINH, ORG.subOrganizationOf, LDHN)]
            + _org(KIMDONG, UK.TradeUnion, "Công đoàn Trường Tiểu học Kim Đồng", "cong doan truong tieu hoc kim dong")
            + [(KIMDONG, ORG.subOrganizationOf, BADINH)]
            + _directive(NQ02, "nghi-quyet", "Nghị quyết", BCT, "02", "02-NQ/TW")
            + _directive(CTR02, "chuong-trinh", "Chương trình", TLD, "02")
            + _directive(CT05, "chi-thi", "Chỉ thị", BCT, "05", "05-CT/TW", "2016-05-15")
            + _directive(NQDH_DANG, "nghi-quyet", "Nghị quyết", DANG, congress="XIII")
            + _directive(NQDH_TLD, "nghi-quyet", "Nghị quyết", TLD, congress="XIII")
            + _act(ID["act/a3-1"], BCHHV, NQ02, "disseminate", "2023-02-10", mention("a3", 0))
            + _act(ID["act/a3-2"], BADINH, CTR02, "carry-out", "2022-01-15", mention("a3", 1))
            + [(E3, RDF.type, UK.Event), (E3, UK.eventType, UK["event-meeting"]),
               (E3, SDO.startDate, Literal("2023-02", datatype=XSD.gYearMonth)), (E3, SDO.organizer, BADINH),
               (E3, SKOS.prefLabel, vi("Họp Liên đoàn Lao động quận Ba Đình"))]
            + _person(BINH, "Trần Thị Bình", "tran thi binh")
            + _post(POST_BINH, BINH, CDHV, "chu-tich", "Chủ tịch", "2023-02-12", mention("a3", 2)))


def _a4() -> list[Triple]:
    return (_mentions("a4") + _org(CDDAI, UK.TradeUnion, "Công đoàn Đài Tiếng nói Việt Nam")
            + _act(ID["act/a4-1"], CDDAI, NQ02, "review", None, mention("a4", 0))
            + _person(CUONG, "Lê Văn Cường", "le van cuong")
            + _post(POST_CUONG, CUONG, CDDAI, "chu-tich", "Chủ tịch", None, mention("a4", 1), status="former"))


def graphs() -> dict[URIRef, list[Triple]]:
    """The fixture's triples by named graph."""
    return {REFERENCE_GRAPH: _reference(), GRAPH["article/a1"]: _a1(), GRAPH["article/a2"]: _a2(),
            GRAPH["article/a3"]: _a3(), GRAPH["article/a4"]: _a4()}


def load(store: Store) -> Store:
    """Fill a store with the fixture, one named graph at a time, and return it."""
    for graph, triples in graphs().items():
        store.replace_graph(graph, triples)
    return store
