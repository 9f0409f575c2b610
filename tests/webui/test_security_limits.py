"""/sparql under limits: runaway queries stopped at the time limit, results capped, slots bounded.

An on-disk store (worker processes that are killed on time-out) and an in-memory one (threads
that are abandoned) over the example corpus, served over real HTTP.
"""
from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from unionkg.loaders.pipeline import ingest
from unionkg.readonly import ReadOnlyStore
from unionkg.store import EmbeddedStore
from unionkg.webui import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"
TIMEOUT = 1.5
MAX_ROWS = 50
LIMITS = {"UNIONKG_QUERY_TIMEOUT": TIMEOUT, "UNIONKG_MAX_ROWS": MAX_ROWS, "UNIONKG_QUERY_WORKERS": 2}
# The path query of the issue streams its rows, so the row cap ends it; counted, it must run to the end.
PATH_ROWS = "SELECT * WHERE { ?a (<http://x/>|!<http://x/>)+ ?b }"
RUNAWAY_PATH = ("SELECT (COUNT(*) AS ?n) WHERE { ?a (<http://x/>|!<http://x/>)+ ?b . "
                "?c (<http://x/>|!<http://x/>)+ ?d }")
RUNAWAY_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# Slow (about 10 s on the examples) but finite: an abandoned thread must end within the session.
SLOW_FINITE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(?c = ?d || ?a = ?f) }"
CHEAP = "ASK { ?s ?p ?o }"
ALL_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


def fetch(url: str, accept: str = "application/sparql-results+json", timeout: float = 30) -> tuple[int, dict, bytes]:
    """GET a URL: status, headers and body (errors included)."""
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def sparql(base: str, query: str, **params: str) -> str:
    """The /sparql URL of a query."""
    extra = "".join(f"&{k}={quote(v)}" for k, v in params.items())
    return f"{base}/sparql?query={quote(query)}{extra}"


@pytest.fixture(scope="module")
def example_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An on-disk store holding the example corpus."""
    path = str(tmp_path_factory.mktemp("limits") / "store")
    with EmbeddedStore(path) as store:
        ingest(sorted(str(p) for p in EXAMPLES.iterdir()), store)
    return path


@pytest.fixture(scope="module")
def disk_server(example_dir: str, live_server_of) -> Iterator[str]:
    """A live server over the on-disk store read-only, with a short time limit."""
    app = create_app(ReadOnlyStore(example_dir), LIMITS)
    with live_server_of(app) as url:
        yield url
    app.extensions["unionkg_runner"].close()


@pytest.mark.parametrize("query", [RUNAWAY_PATH, RUNAWAY_JOIN])
def test_a_runaway_query_is_stopped_and_the_next_answers_at_once(disk_server: str, query: str) -> None:
    fetch(sparql(disk_server, CHEAP))  # the workers are up
    start = time.monotonic()
    status, headers, body = fetch(sparql(disk_server, query))
    took = time.monotonic() - start
    assert status == 503 and b"time limit of 1.5 s" in body, body
    assert headers["Content-Type"].startswith("text/plain")
    assert TIMEOUT <= took < TIMEOUT + 2
    start = time.monotonic()
    status, _, body = fetch(sparql(disk_server, CHEAP))
    assert status == 200 and json.loads(body)["boolean"] is True
    assert time.monotonic() - start < 1.0


def test_results_are_capped_and_the_cut_is_stated(disk_server: str) -> None:
    status, headers, body = fetch(sparql(disk_server, ALL_TRIPLES))
    document = json.loads(body)
    assert status == 200 and headers["Results-Truncated"] == str(MAX_ROWS)
    assert len(document["results"]["bindings"]) == MAX_ROWS and document["truncated"] == {"limit": MAX_ROWS}
    status, headers, body = fetch(sparql(disk_server, ALL_TRIPLES), accept="text/csv")
    assert status == 200 and headers["Results-Truncated"] == str(MAX_ROWS)
    assert len(body.decode().strip().splitlines()) == MAX_ROWS + 1  # the header line and the rows
    status, headers, body = fetch(sparql(disk_server, "CONSTRUCT WHERE { ?s ?p ?o }"),
                                  accept="application/n-triples")
    assert status == 200 and headers["Results-Truncated"] == str(MAX_ROWS)
    assert len(body.decode().strip().splitlines()) == MAX_ROWS


def test_the_streaming_path_query_is_ended_by_the_row_cap(disk_server: str) -> None:
    start = time.monotonic()
    status, headers, body = fetch(sparql(disk_server, PATH_ROWS))
    assert status == 200 and headers["Results-Truncated"] == str(MAX_ROWS)
    assert len(json.loads(body)["results"]["bindings"]) == MAX_ROWS
    assert time.monotonic() - start < TIMEOUT + 2


def test_a_result_under_the_cap_is_whole_and_unmarked(disk_server: str) -> None:
    query = ALL_TRIPLES + f" LIMIT {MAX_ROWS}"
    status, headers, body = fetch(sparql(disk_server, query))
    document = json.loads(body)
    assert status == 200 and "Results-Truncated" not in headers and "truncated" not in document
    assert len(document["results"]["bindings"]) == MAX_ROWS


def test_malformed_queries_are_still_400(disk_server: str) -> None:
    status, _, body = fetch(sparql(disk_server, "SELECT ?s WHERE { ?s"))
    assert status == 400 and b"malformed query" in body


def test_pages_answer_while_runaway_queries_hold_every_slot(disk_server: str) -> None:
    runaways = [threading.Thread(target=fetch, args=(sparql(disk_server, RUNAWAY_JOIN),)) for _ in range(4)]
    for thread in runaways:
        thread.start()
    time.sleep(0.3)
    try:
        for path in ["/", "/search?q=c%C3%B4ng%20%C4%91o%C3%A0n", "/orgchart"]:
            start = time.monotonic()
            status, _, _ = fetch(disk_server + path, accept="text/html")
            assert status == 200 and time.monotonic() - start < TIMEOUT, path
    finally:
        for thread in runaways:
            thread.join(30)


def test_queries_beyond_the_slots_wait_then_are_told_to_retry(example_dir: str, live_server_of) -> None:
    app = create_app(ReadOnlyStore(example_dir), {**LIMITS, "UNIONKG_QUERY_WORKERS": 1, "UNIONKG_QUERY_WAIT": 0.5})
    with live_server_of(app) as base:
        fetch(sparql(base, CHEAP))
        first = threading.Thread(target=fetch, args=(sparql(base, RUNAWAY_JOIN),))
        first.start()
        time.sleep(0.3)
        status, headers, body = fetch(sparql(base, CHEAP))
        first.join(30)
        assert status == 503 and headers["Retry-After"] == "2" and b"busy" in body
        assert fetch(sparql(base, CHEAP))[0] == 200
    app.extensions["unionkg_runner"].close()


def test_an_in_memory_store_answers_the_client_at_the_time_limit(example_store, live_server_of) -> None:
    app = create_app(example_store, LIMITS)
    with live_server_of(app) as base:
        start = time.monotonic()
        status, _, body = fetch(sparql(base, SLOW_FINITE))
        assert status == 503 and b"abandoned after the time limit" in body
        assert time.monotonic() - start < TIMEOUT + 2
        status, headers, body = fetch(sparql(base, ALL_TRIPLES))
        assert status == 200 and headers["Results-Truncated"] == str(MAX_ROWS)
