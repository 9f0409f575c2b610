"""/sparql: the SPARQL 1.1 Protocol query operation, through Flask's test client and over real HTTP."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from rdflib import Graph, Literal, URIRef
from SPARQLWrapper import CSV, GET, JSON, JSONLD, N3, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper

from unionkg.ontology.namespaces import ORG, SKOS
from unionkg.store import RemoteStore
from unionkg.webui import create_app

ID = "https://w3id.org/unionkg/id/"
PREFIXES = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nPREFIX uk: <https://w3id.org/unionkg/ont#>\n"
            "PREFIX org: <http://www.w3.org/ns/org#>\n")
UNIONS = PREFIXES + "SELECT ?u ?name WHERE { ?u a uk:TradeUnion ; skos:prefLabel ?name } ORDER BY ?name"
UNION_NAMES = ["Công đoàn Viên chức Việt Nam", "Tổng Liên đoàn Lao động Việt Nam"]
PARTS = PREFIXES + "CONSTRUCT { ?c org:subOrganizationOf ?p } WHERE { ?c org:subOrganizationOf ?p }"
PART_TRIPLES = {(URIRef(ID + "org/cdvc"), ORG.subOrganizationOf, URIRef(ID + "org/tld"))}
ASK = PREFIXES + "ASK { ?u org:subOrganizationOf ?p }"
FORM = "application/x-www-form-urlencoded"


def names_in(body: bytes, content_type: str) -> list[str]:
    """The ?name values of a SELECT result in any results format."""
    text = body.decode("utf-8")
    kind = content_type.split(";")[0]
    if kind == "application/sparql-results+json":
        return [row["name"]["value"] for row in json.loads(text)["results"]["bindings"]]
    if kind == "application/sparql-results+xml":
        ns = "{http://www.w3.org/2005/sparql-results#}"
        return [b.find(f"{ns}literal").text for b in ET.fromstring(body).iter(f"{ns}binding")
                if b.get("name") == "name"]
    if kind == "text/csv":
        return [row["name"] for row in csv.DictReader(io.StringIO(text))]
    if kind == "text/tab-separated-values":
        rows = [line.split("\t") for line in text.splitlines()]
        return [Literal(cell[1:cell.rindex('"')]).value for cell in (r[rows[0].index("?name")] for r in rows[1:])]
    raise AssertionError(f"not a results type: {content_type}")


# Ways to send a query


def test_get_post_form_and_post_body_give_the_same_results(web_client) -> None:
    got = [
        web_client.get(f"/sparql?query={quote(UNIONS)}"),
        web_client.post("/sparql", data={"query": UNIONS}),
        web_client.post("/sparql", data=UNIONS.encode(), content_type="application/sparql-query"),
    ]
    for response in got:
        assert response.status_code == 200, response.data
        assert response.mimetype == "application/sparql-results+json"
        assert names_in(response.data, response.content_type) == UNION_NAMES
        assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(("accept", "expected"), [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("*/*", "application/sparql-results+json"),
    ("image/png", "application/sparql-results+json"),
])
def test_select_negotiates_by_accept(web_client, accept: str, expected: str) -> None:
    response = web_client.get(f"/sparql?query={quote(UNIONS)}", headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == expected
    assert names_in(response.data, response.content_type) == UNION_NAMES


@pytest.mark.parametrize(("fmt", "expected"), [
    ("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml"),
    ("csv", "text/csv"), ("tsv", "text/tab-separated-values"),
    ("turtle", "application/sparql-results+json"),  # no Turtle for SELECT: the default
    ("text/csv", "text/csv"),
])
def test_select_format_parameter_overrides_accept(web_client, fmt: str, expected: str) -> None:
    response = web_client.post("/sparql", data={"query": UNIONS, "format": fmt},
                               headers={"Accept": "application/sparql-results+xml"})
    assert response.status_code == 200 and response.mimetype == expected
    assert names_in(response.data, response.content_type) == UNION_NAMES


@pytest.mark.parametrize(("fmt", "accept", "expected", "rdflib_format"), [
    (None, None, "text/turtle", "turtle"),
    (None, "application/n-triples", "application/n-triples", "nt"),
    (None, "application/ld+json", "application/ld+json", "json-ld"),
    (None, "application/turtle", "text/turtle", "turtle"),
    ("turtle", "application/ld+json", "text/turtle", "turtle"),
    ("ntriples", None, "application/n-triples", "nt"),
    ("jsonld", None, "application/ld+json", "json-ld"),
    ("json", None, "application/ld+json", "json-ld"),
    ("xml", None, "application/rdf+xml", "xml"),
    ("csv", None, "text/turtle", "turtle"),  # no CSV for CONSTRUCT: the default
])
def test_construct_negotiates(web_client, fmt: str | None, accept: str | None, expected: str,
                              rdflib_format: str) -> None:
    params = {"query": PARTS, **({"format": fmt} if fmt else {})}
    response = web_client.get("/sparql", query_string=params, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200 and response.mimetype == expected
    assert set(Graph().parse(data=response.data, format=rdflib_format)) == PART_TRIPLES


def test_ask_and_describe(web_client) -> None:
    response = web_client.get("/sparql", query_string={"query": ASK})
    assert response.mimetype == "application/sparql-results+json" and response.json == {
        "head": {}, "boolean": True}
    response = web_client.get("/sparql", query_string={"query": ASK, "format": "xml"})
    assert b"<boolean>true</boolean>" in response.data
    response = web_client.get("/sparql", query_string={"query": f"DESCRIBE <{ID}org/tld>"})
    assert response.mimetype == "text/turtle" and response.content_type.endswith("charset=utf-8")
    described = Graph().parse(data=response.data, format="turtle")
    assert (URIRef(ID + "org/tld"), SKOS.prefLabel, Literal("Tổng Liên đoàn Lao động Việt Nam", lang="vi")) \
        in described


# Refusals and errors


@pytest.mark.parametrize("send", [
    lambda c: c.get("/sparql", query_string={"update": "DROP ALL"}),
    lambda c: c.post("/sparql", data={"update": "DROP ALL"}),
    lambda c: c.post("/sparql", data=b"DROP ALL", content_type="application/sparql-update"),
    lambda c: c.get("/sparql", query_string={"query": "DROP ALL"}),
    lambda c: c.post("/sparql", data={"query": "PREFIX a: <http://a/>\nINSERT DATA { a:s a:p a:o }"}),
    lambda c: c.post("/sparql", data=b"CLEAR ALL", content_type="application/sparql-query"),
])
def test_updates_are_refused(web_client, web_store, send) -> None:
    before = web_store.triple_count()
    response = send(web_client)
    assert response.status_code == 403 and b"read-only" in response.data
    assert response.mimetype == "text/plain"
    assert web_store.triple_count() == before


@pytest.mark.parametrize(("query", "status"), [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", 403),
    ("select * where { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", 403),
    ("LOAD <http://127.0.0.1:9/data.ttl>", 403),
    ('SELECT * WHERE { ?s ?p "SERVICE <http://x/> { }" } # SERVICE\n', 200),
    ("SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }", 200),
])
def test_service_and_load_are_refused_outside_strings_and_comments(web_client, query: str, status: int) -> None:
    response = web_client.get("/sparql", query_string={"query": query})
    assert response.status_code == status, response.data


def test_bad_requests(web_client) -> None:
    response = web_client.get("/sparql", query_string={"query": "SELECT ?s WHERE { ?s ?p"})
    assert response.status_code == 400 and response.mimetype == "text/plain"
    assert b"malformed query" in response.data and b"error at 1:" in response.data
    assert b"SELECT ?s WHERE { ?s ?p" in response.data
    response = web_client.get("/sparql", headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 400 and b"missing query" in response.data
    response = web_client.post("/sparql", data={"format": "json"})
    assert response.status_code == 400 and b"missing query" in response.data
    response = web_client.get("/sparql", query_string={"query": UNIONS, "format": "yaml"})
    assert response.status_code == 400 and b"unknown format 'yaml'" in response.data
    response = web_client.post("/sparql", data=UNIONS.encode(), content_type="text/plain")
    assert response.status_code == 415
    response = web_client.get("/sparql", query_string={"query": UNIONS, "default-graph-uri": "http://g"})
    assert response.status_code == 400 and b"default-graph-uri" in response.data
    response = web_client.post("/sparql", data={"query": UNIONS + " " * 1_100_000})
    assert response.status_code == 413


def test_an_unreachable_store_is_a_503() -> None:
    app = create_app(RemoteStore("http://127.0.0.1:9/query", timeout=5), {"TESTING": True})
    response = app.test_client().get("/sparql", query_string={"query": UNIONS})
    assert response.status_code == 503 and b"127.0.0.1:9" in response.data


def test_browsers_get_a_query_form(web_client) -> None:
    response = web_client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert b"<form" in response.data and b'name="query"' in response.data and b'name="format"' in response.data


def test_cors_preflight(web_client) -> None:
    response = web_client.options("/sparql", headers={"Origin": "https://example.org",
                                                      "Access-Control-Request-Method": "POST"})
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]


# A real client over real HTTP


@pytest.mark.parametrize("method", [GET, POST, POSTDIRECTLY])
@pytest.mark.parametrize(("fmt", "only_conneg"), [(JSON, False), (XML, False), (CSV, False), (TSV, False),
                                                  (JSON, True), (XML, True), (CSV, True), (TSV, True)])
def test_sparqlwrapper_select(live_server: str, method: str, fmt: str, only_conneg: bool) -> None:
    client = client_for(live_server, UNIONS, method, fmt, only_conneg)
    result = client.query()
    converted = result.convert()
    if fmt == JSON:
        names = [row["name"]["value"] for row in converted["results"]["bindings"]]
    elif fmt == XML:
        names = [node.firstChild.data for node in converted.getElementsByTagName("literal")]
    else:
        names = names_in(converted, result.info()["content-type"])
    assert names == UNION_NAMES


@pytest.mark.parametrize("method", [GET, POST])
def test_sparqlwrapper_ask(live_server: str, method: str) -> None:
    assert client_for(live_server, ASK, method, JSON, False).queryAndConvert()["boolean"] is True
    no = PREFIXES + "ASK { ?p org:subOrganizationOf ?c FILTER(?p = ?c) }"
    assert client_for(live_server, no, method, JSON, True).queryAndConvert()["boolean"] is False


@pytest.mark.parametrize("method", [GET, POST, POSTDIRECTLY])
@pytest.mark.parametrize(("fmt", "only_conneg"), [(TURTLE, False), (TURTLE, True), (JSONLD, False),
                                                  (JSONLD, True), (N3, True)])
def test_sparqlwrapper_construct(live_server: str, method: str, fmt: str, only_conneg: bool) -> None:
    client = client_for(live_server, PARTS, method, fmt, only_conneg)
    if fmt == N3:
        client.addCustomHttpHeader("Accept", "application/n-triples")
    result = client.query()
    content_type = result.info()["content-type"]
    converted = result.convert()
    if fmt == JSONLD:
        assert content_type.startswith("application/ld+json")
        graph = converted  # SPARQLWrapper parses JSON-LD itself
    else:
        expected = "application/n-triples" if fmt == N3 else "text/turtle"
        assert content_type.startswith(expected)
        graph = Graph().parse(data=converted, format="nt" if fmt == N3 else "turtle")
    assert set(graph) == PART_TRIPLES


def client_for(base: str, query: str, method: str, fmt: str, only_conneg: bool) -> SPARQLWrapper:
    """A SPARQLWrapper on the live server's /sparql."""
    client = SPARQLWrapper(f"{base}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setOnlyConneg(only_conneg)
    client.setTimeout(10)
    if method == POSTDIRECTLY:
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
    else:
        client.setMethod(method)
    return client
