"""The evidence panel shows, side by side, what two articles state differently about one thing."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from unionkg.ontology.namespaces import GRAPH, ID, NIF, UK
from unionkg.store import EmbeddedStore
from unionkg.webui import create_app

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
EVENT, PERSON, UNION = ID["event/2023-04-04-hoi-nghi"], ID["person/nguyen-van-a"], ID["org/cong-doan-x"]


def article(key: str, outlet: str, issued: str, sentence: str, facts: list[tuple]) -> tuple[URIRef, list[tuple]]:
    """One article graph: the article, one evidence mention, and the facts that cite it."""
    art, mention = ID[f"article/{key}"], ID[f"mention/{key}"]
    triples = [(art, RDF.type, SCHEMA.NewsArticle), (art, DCTERMS.title, Literal(f"Bài {key}")),
               (art, DCTERMS.publisher, Literal(outlet)), (art, DCTERMS.issued, Literal(issued, datatype=XSD.date)),
               (mention, NIF.anchorOf, Literal(sentence)), (mention, NIF.referenceContext, art),
               (mention, NIF.beginIndex, Literal(0)), (mention, NIF.endIndex, Literal(len(sentence)))]
    for subject, predicate, obj in facts:
        triples += [(subject, predicate, obj), (subject, UK.evidence, mention)]
    return GRAPH[f"article/{key}"], triples


def post(key: str, role: str) -> list[tuple]:
    node = ID[f"post/{key}"]
    return [(node, RDF.type, ORG.Membership), (node, ORG.member, PERSON), (node, ORG.organization, UNION),
            (node, UK.roleLabel, Literal(role, lang="vi"))]


@pytest.fixture
def client() -> Iterator[object]:
    graphs = [
        article("a", "Báo Lao Động", "2023-04-05", "Sáng 4/4, hội nghị do đồng chí Nguyễn Văn A, Chủ tịch, chủ trì.",
                [(EVENT, SCHEMA.startDate, Literal("2023-04-04", datatype=XSD.date)), *post("a", "Chủ tịch")]),
        article("b", "Báo Người Lao Động", "2023-04-06", "Ngày 3/4, Phó Chủ tịch Nguyễn Văn A dự hội nghị.",
                [(EVENT, SCHEMA.startDate, Literal("2023-04-03", datatype=XSD.date)), *post("b", "Phó Chủ tịch")]),
    ]
    with EmbeddedStore(None) as store:
        for graph, triples in graphs:
            store.replace_graph(graph, triples)
        store.replace_graph(GRAPH["reference"], [(EVENT, RDF.type, UK.Event), (PERSON, SKOS.prefLabel, Literal("Nguyễn Văn A", lang="vi")),
                                                 (UNION, SKOS.prefLabel, Literal("Công đoàn X", lang="vi")),
                                                 (PERSON, RDF.type, URIRef("http://xmlns.com/foaf/0.1/Person"))])
        yield create_app(store, {"TESTING": True}).test_client()


def test_event_dates_that_differ_are_shown_side_by_side(client) -> None:
    data = client.get("/id/event/2023-04-04-hoi-nghi.json").json
    [dates] = data["disagreements"]
    claims = {c["value"]: c["sources"] for c in dates["claims"]}
    assert set(claims) == {"2023-04-03", "2023-04-04"}
    assert [s["publisher"] for s in claims["2023-04-04"]] == ["Báo Lao Động"]
    assert claims["2023-04-03"][0]["sentence"].startswith("Ngày 3/4") and claims["2023-04-03"][0]["date"] == "2023-04-06"
    page = client.get("/id/event/2023-04-04-hoi-nghi").get_data(as_text=True)
    panel = page[page.index('id="disagreements"'):]
    assert panel.count('<div class="claim">') == 2 and "Báo Người Lao Động" in panel and "Sáng 4/4" in panel


def test_posts_of_a_person_that_differ_between_articles(client) -> None:
    data = client.get("/id/person/nguyen-van-a.json").json
    [posts] = data["disagreements"]
    assert posts["subject"]["label"] == "Công đoàn X"
    claims = {c["value"]: c["sources"] for c in posts["claims"]}
    assert set(claims) == {"Chủ tịch", "Phó Chủ tịch"}
    assert claims["Phó Chủ tịch"][0]["publisher"] == "Báo Người Lao Động"
    union = client.get("/id/org/cong-doan-x.json").json
    assert union["disagreements"][0]["subject"]["label"] == "Nguyễn Văn A"


def test_one_article_stating_two_posts_is_no_disagreement(example_client) -> None:
    for path in ("/id/org/tong-lien-doan-lao-dong-viet-nam.json", "/id/directive/nq-2-tw.json"):
        assert example_client.get(path).json["disagreements"] == [], path
