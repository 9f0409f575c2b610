"""The whole loader pipeline on one document: the same article in any Unicode form gives the same graph."""
import unicodedata

from rdflib import URIRef

from unionkg.loaders.model import SourceDocument
from unionkg.loaders.pipeline import ArticleGraph, document_to_graph

ARTICLE = (
    "Công đoàn Viên chức tỉnh Khánh Hòa quán triệt Nghị quyết 02-NQ/TW\n\n"
    "Sáng 9/3/2022, Công đoàn Viên chức tỉnh Khánh Hòa tổ chức hội nghị quán triệt Nghị quyết số 02-NQ/TW "
    "ngày 12/6/2021 của Bộ Chính trị. Đồng chí Hoàng Thị Thủy, Ủy viên Ban Chấp hành, Chủ tịch Công đoàn "
    "Viên chức tỉnh Khánh Hòa chủ trì hội nghị.\n"
)
OLD_TONES = ARTICLE.replace("Hòa", "Hoà").replace("Thủy", "Thuỷ").replace("Ủy", "Uỷ")


def graph_of(text: str) -> ArticleGraph:
    result = document_to_graph(SourceDocument(source="khanh-hoa.txt", origin="test", media="text", body=text))
    assert isinstance(result, ArticleGraph)
    return result


def iris(result: ArticleGraph) -> set[str]:
    return {str(t) for triple in result.triples for t in triple if isinstance(t, URIRef)}


def test_nfd_and_old_tone_placement_give_the_same_entities():
    nfc = graph_of(ARTICLE)
    nfd = graph_of(unicodedata.normalize("NFD", ARTICLE))
    old = graph_of(OLD_TONES)
    assert nfc.entities and nfc.entities == nfd.entities == old.entities
    assert iris(nfc) == iris(nfd) == iris(old)


def test_zero_width_and_non_breaking_spaces_change_nothing():
    noisy = ARTICLE.replace("Công đoàn", "Công\u00a0đoàn").replace("Khánh", "\u200bKhánh")
    assert iris(graph_of(noisy)) == iris(graph_of(ARTICLE))


def test_every_fact_has_evidence_with_offsets_into_the_text():
    from unionkg.ontology.namespaces import NIF, UK
    result = graph_of(ARTICLE)
    text = next(str(o) for s, p, o in result.triples if p == NIF.isString)
    spans = {}
    for s, p, o in result.triples:
        if p in (NIF.beginIndex, NIF.endIndex, NIF.anchorOf):
            spans.setdefault(s, {})[p] = o
    assert spans
    for mention in spans.values():
        assert text[int(mention[NIF.beginIndex]):int(mention[NIF.endIndex])] == str(mention[NIF.anchorOf])
    with_evidence = {s for s, p, o in result.triples if p == UK.evidence}
    assert result.entities <= with_evidence


def person_iris(text: str, source: str) -> set[str]:
    from unionkg.ontology.namespaces import FOAF, RDF
    result = document_to_graph(SourceDocument(source=source, origin="test", media="text", body=text))
    return {str(s) for s, p, o in result.triples if p == RDF.type and o == FOAF.Person}


def test_same_name_same_union_is_one_person_across_articles():
    a = person_iris("Tin A\n\nĐồng chí Nguyễn Văn Bình, Chủ tịch Công đoàn Điện lực Việt Nam phát biểu.", "a.txt")
    b = person_iris("Tin B\n\nChủ tịch Công đoàn Điện lực Việt Nam Nguyễn Văn Bình dự lễ.", "b.txt")
    assert len(a) == 1 and a == b


def test_same_name_in_two_unions_stays_two_people():
    a = person_iris("Tin A\n\nĐồng chí Nguyễn Văn Bình, Chủ tịch Công đoàn Điện lực Việt Nam phát biểu.", "a.txt")
    b = person_iris("Tin B\n\nĐồng chí Nguyễn Văn Bình, Chủ tịch Công đoàn Cao su Việt Nam phát biểu.", "b.txt")
    assert len(a) == len(b) == 1 and a != b
