"""Long lists on entity pages come a page at a time, in HTML and in the .json twin."""
from __future__ import annotations

from collections.abc import Iterator
from html import unescape
from urllib.parse import quote

import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, XSD

from unionkg.ontology.namespaces import GRAPH, ID, NIF, UK
from unionkg.store import EmbeddedStore
from unionkg.webui import create_app
from unionkg.webui.paging import PAGE_SIZE

SCHEMA = Namespace("https://schema.org/")
UNION = ID["org/cong-doan-lon"]
OFFICIALS = 2 * PAGE_SIZE + 7  # three pages, the last one short
CHANGED_TITLE = "nguoi-0"  # the one official two articles give different titles


def official_article(number: int, title: str, day: str) -> tuple[URIRef, list[tuple]]:
    """One article stating one post of UNION, with the sentence behind it."""
    key = f"a{number:03d}"
    art, mention, person = ID[f"article/{key}"], ID[f"mention/{key}"], ID[f"person/nguoi-{number % OFFICIALS}"]
    post = ID[f"post/{number % OFFICIALS}-{quote(title)}"]
    sentence = f"Ông {number} giữ chức {title}."
    return GRAPH[f"article/{key}"], [
        (art, RDF.type, SCHEMA.NewsArticle), (art, DCTERMS.issued, Literal(day, datatype=XSD.date)),
        (mention, NIF.anchorOf, Literal(sentence)), (mention, NIF.referenceContext, art),
        (post, ORG.organization, UNION), (post, ORG.member, person),
        (post, UK.roleLabel, Literal(title, lang="vi")), (post, UK.observedOn, Literal(day, datatype=XSD.date)),
        (post, UK.evidence, mention)]


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    """A union with OFFICIALS officials, one of them (observed earliest, so on the last page)
    given two titles by two articles."""
    with EmbeddedStore(None) as store:
        store.replace_graph(GRAPH["article/ref"], [(UNION, RDF.type, UK.TradeUnion)])
        for number in range(1, OFFICIALS):
            store.replace_graph(*official_article(number, "Ủy viên", f"2024-{1 + number % 12:02d}-10"))
        store.replace_graph(*official_article(OFFICIALS, "Phó Chủ tịch", "2001-01-01"))
        store.replace_graph(*official_article(OFFICIALS * 2, "Chủ tịch", "2001-01-02"))
        yield create_app(store, {"TESTING": True}).test_client()


def page_json(client, query: str = "") -> dict:
    response = client.get(f"/id/org/cong-doan-lon.json{query}")
    assert response.status_code == 200, response.data[:300]
    return response.json


def test_the_pages_hold_every_official_once_in_order(client) -> None:
    first = page_json(client)
    pager = first["pages"]["officials"]
    assert (pager["total"], pager["pages"], pager["page"], pager["previous"]) == (OFFICIALS + 1, 3, 1, None)
    assert pager["next"] == "/id/org/cong-doan-lon.json?officials_page=2#officials"
    seen, query = [], ""
    while True:
        data = page_json(client, query)
        seen += [(o["person"]["iri"], o["role"], o["observed"]) for o in data["officials"]]
        following = data["pages"]["officials"]["next"]
        if following is None:
            break
        query = following.split(".json", 1)[1].split("#")[0]
    assert len(seen) == OFFICIALS + 1 and len(set(seen)) == len(seen)
    dates = [observed for _, _, observed in seen]
    assert dates == sorted(dates, reverse=True)
    assert [len(page_json(client, f"?officials_page={n}")["officials"]) for n in (1, 2, 3)] == \
        [PAGE_SIZE, PAGE_SIZE, OFFICIALS + 1 - 2 * PAGE_SIZE]


def test_only_the_rows_shown_carry_evidence_and_all_carry_it(client) -> None:
    data = page_json(client, "?officials_page=2")
    assert all(len(o["evidence"]) == 1 and o["evidence"][0]["sentence"].startswith("Ông ") for o in data["officials"])


def test_disagreements_cover_the_whole_list_not_the_page(client) -> None:
    data = page_json(client)  # the official with two titles is on the last page
    assert CHANGED_TITLE not in {o["person"]["iri"].rsplit("/", 1)[-1] for o in data["officials"]}
    subjects = [d["subject"]["iri"] for d in data["disagreements"]]
    assert subjects == [str(ID["person/" + CHANGED_TITLE])]
    assert {c["value"] for c in data["disagreements"][0]["claims"]} == {"Phó Chủ tịch", "Chủ tịch"}


def test_html_pager_links_keep_the_other_arguments_and_are_escaped(client) -> None:
    response = client.get("/id/org/cong-doan-lon?lang=en&officials_page=2&x=%22%3E%3Cb%3E")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'class="pager"' in html and "<b>" not in html
    links = [unescape(part.split('"', 1)[0]) for part in html.split('href="')[1:]]
    assert f"/id/org/cong-doan-lon?lang=en&x={quote(chr(34) + '><b>')}#officials" in links  # page 1
    assert f"/id/org/cong-doan-lon?lang=en&x={quote(chr(34) + '><b>')}&officials_page=3#officials" in links
    assert "Page 2 / 3" in html


def test_a_short_list_has_no_pager(client) -> None:
    data = page_json(client)
    assert data["pages"]["events"]["pages"] == 1 and data["pages"]["events"]["next"] is None
    assert 'class="pager"' not in client.get("/id/org/cong-doan-lon?officials_page=3").get_data(as_text=True) \
        .split('id="officials"')[0]


@pytest.mark.parametrize("query, status", [("?officials_page=0", 400), ("?officials_page=abc", 400),
                                           ("?officials_page=%EF%BC%92", 400), ("?officials_page=4", 404),
                                           ("?events_page=2", 404)])
def test_a_page_that_is_not_there_is_a_clear_error(client, query: str, status: int) -> None:
    response = client.get(f"/id/org/cong-doan-lon.json{query}")
    assert response.status_code == status
    assert query.split("=")[0][1:] in response.json["error"]


def test_a_directives_basis_lists_are_paged_each_on_its_own() -> None:
    directive = ID["directive/ct-1-tw"]
    with EmbeddedStore(None) as store:
        store.replace_graph(GRAPH["article/ref"], [(directive, RDF.type, UK.Directive),
                                                   (directive, UK.basedOn, ID["directive/nq-9-tw"])])
        for number in range(PAGE_SIZE + 10):
            store.replace_graph(GRAPH[f"article/k{number:03d}"],
                                [(ID[f"directive/kh-{number:03d}"], UK.basedOn, directive)])
        client = create_app(store, {"TESTING": True}).test_client()
        first = client.get("/id/directive/ct-1-tw.json").json
        second = client.get("/id/directive/ct-1-tw.json?basis_of_page=2").json
        html = client.get("/id/directive/ct-1-tw?basis_of_page=2").get_data(as_text=True)
    assert [d["iri"] for d in first["based_on"]] == [str(ID["directive/nq-9-tw"])]
    assert first["pages"]["basis_of"]["total"] == PAGE_SIZE + 10 and len(first["basis_of"]) == PAGE_SIZE
    assert [d["iri"].rsplit("-", 1)[-1] for d in second["basis_of"]] == [f"{n:03d}" for n in range(PAGE_SIZE, PAGE_SIZE + 10)]
    assert second["based_on"] == first["based_on"] and 'id="basis_of"' in html and 'rel="prev"' in html
