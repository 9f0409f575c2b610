"""/sparql refuses, before any connection, whatever would make the server fetch a URL or write.

A listener on 127.0.0.1 stands for the attacker's server and counts the connections it gets;
and the negative tests of the W3C SPARQL 1.1 Protocol test suite, in our own words, get 4xx.
"""
from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import quote, urlencode

import pytest

from connection_counter import ConnectionCounter


@pytest.fixture
def attacker() -> Iterator[ConnectionCounter]:
    listener = ConnectionCounter()
    yield listener
    listener.close()


def hostile_queries(port: int) -> list[str]:
    """Queries and updates that would reach the listener if they ran."""
    url = f"http://127.0.0.1:{port}"
    return [
        f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?where {{ <{url}/sparql> }} SERVICE ?where {{ ?s ?p ?o }} }}",
        f"PREFIX x: <{url}/>\nSELECT * WHERE {{ SERVICE x:sparql {{ ?s ?p ?o }} }}",
        f"LOAD <{url}/data.ttl>",
        f"LOAD SILENT <{url}/data.ttl> INTO GRAPH <https://w3id.org/unionkg/graph/x>",
        f"SELECT * FROM <{url}/data.ttl> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"PREFIX x: <{url}/>\nSELECT * FROM x:data WHERE {{ ?s ?p ?o }}",
        f"CONSTRUCT {{ ?s ?p ?o }} FROM <{url}/data.ttl> WHERE {{ ?s ?p ?o }}",
        "CLEAR ALL", "DROP ALL", "DROP GRAPH <https://w3id.org/unionkg/graph/reference>",
        "INSERT DATA { <http://a/s> <http://a/p> <http://a/o> }",
    ]


def status_of(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None) -> int:
    """The HTTP status of a request."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _try(call) -> None:
    """Run a request whose connection the listener resets."""
    try:
        call()
    except OSError:
        pass


def test_the_listener_counts_connections(attacker: ConnectionCounter) -> None:
    _try(lambda: urllib.request.urlopen(f"http://127.0.0.1:{attacker.port}/", timeout=2))
    time.sleep(0.3)
    assert attacker.connections >= 1


@pytest.mark.parametrize("how", ["get", "form", "direct", "update"])
def test_hostile_requests_are_refused_before_any_connection(live_server: str, attacker: ConnectionCounter, how: str) -> None:
    for query in hostile_queries(attacker.port):
        if how == "get":
            status = status_of(f"{live_server}/sparql?query={quote(query)}")
        elif how == "form":
            status = status_of(f"{live_server}/sparql", urlencode({"query": query}).encode(),
                               {"Content-Type": "application/x-www-form-urlencoded"})
        elif how == "direct":
            status = status_of(f"{live_server}/sparql", query.encode(), {"Content-Type": "application/sparql-query"})
        else:
            status = status_of(f"{live_server}/sparql", query.encode(), {"Content-Type": "application/sparql-update"})
        assert 400 <= status < 500, (how, query, status)
    time.sleep(0.5)
    assert attacker.connections == 0


def test_from_our_own_graphs_is_allowed(web_client) -> None:
    query = ("SELECT ?o FROM <https://w3id.org/unionkg/graph/reference> "
             "WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?o }")
    response = web_client.get("/sparql", query_string={"query": query})
    assert response.status_code == 200
    assert "Tổng Liên đoàn Lao động Việt Nam" in [b["o"]["value"] for b in response.json["results"]["bindings"]]


# The negative tests of the SPARQL 1.1 Protocol test suite (protocol/manifest.ttl, bad_*).

ASK = "ASK { ?s ?p ?o }"
FORM = "application/x-www-form-urlencoded"
VI = "SELECT ?s WHERE { ?s ?p \"Công đoàn\" }"


@pytest.mark.parametrize("send", [
    pytest.param(lambda c: c.put("/sparql", query_string={"query": ASK}), id="bad_query_method"),
    pytest.param(lambda c: c.delete("/sparql", query_string={"query": ASK}), id="bad_query_method_delete"),
    pytest.param(lambda c: c.get("/sparql?" + urlencode([("query", ASK), ("query", "SELECT * { ?s ?p ?o }")])),
                 id="bad_multiple_queries"),
    pytest.param(lambda c: c.post("/sparql", data={"query": ASK, "format": "json"}, query_string={"query": ASK}),
                 id="bad_multiple_queries_post"),
    pytest.param(lambda c: c.post("/sparql", data=ASK.encode(), content_type="text/plain"),
                 id="bad_query_wrong_media_type"),
    pytest.param(lambda c: c.post("/sparql", data=urlencode({"query": ASK}).encode(), content_type=""),
                 id="bad_query_missing_form_type"),
    pytest.param(lambda c: c.post("/sparql", data=ASK.encode(), content_type=""),
                 id="bad_query_missing_direct_type"),
    pytest.param(lambda c: c.post("/sparql", data=VI.encode("cp1258", "replace"),
                                  content_type="application/sparql-query; charset=ISO-8859-1"),
                 id="bad_query_non_utf8"),
    pytest.param(lambda c: c.post("/sparql", data=VI.encode("utf-16"), content_type="application/sparql-query"),
                 id="bad_query_non_utf8_bytes"),
    pytest.param(lambda c: c.get("/sparql", query_string={"query": "ASK { ?s ?p ?o"}), id="bad_query_syntax"),
    pytest.param(lambda c: c.get("/sparql", query_string={"update": "CLEAR ALL"}), id="bad_update_get"),
    pytest.param(lambda c: c.post("/sparql", data=urlencode([("update", "CLEAR ALL"), ("update", "CLEAR ALL")]),
                                  content_type=FORM), id="bad_multiple_updates"),
    pytest.param(lambda c: c.post("/sparql", data=b"CLEAR ALL", content_type="text/plain"),
                 id="bad_update_wrong_media_type"),
    pytest.param(lambda c: c.post("/sparql", data=urlencode({"update": "CLEAR ALL"}).encode(), content_type=""),
                 id="bad_update_missing_form_type"),
    pytest.param(lambda c: c.post("/sparql", data="CLEAR GRAPH <http://á/>".encode("latin-1"),
                                  content_type="application/sparql-update; charset=ISO-8859-1"),
                 id="bad_update_non_utf8"),
    pytest.param(lambda c: c.post("/sparql", data={"update": "CLEAR XYZ"}), id="bad_update_syntax"),
    pytest.param(lambda c: c.post("/sparql", data={"update": "CLEAR ALL", "using-graph-uri": "http://g/"},
                                  query_string={"using-named-graph-uri": "http://h/"}),
                 id="bad_update_dataset_conflict"),
])
def test_w3c_protocol_negative_tests_are_4xx(web_client, web_store, send) -> None:
    before = web_store.triple_count()
    response = send(web_client)
    assert 400 <= response.status_code < 500, response.data
    assert web_store.triple_count() == before
