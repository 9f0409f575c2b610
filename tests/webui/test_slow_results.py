"""Rows of slow page queries kept across requests (webui/slow_results.py): the same pages with
and without them, forgotten at the first write, bounded, and never kept for a server's store."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rdflib import Literal, URIRef

from unionkg.ontology.namespaces import GRAPH, ORG, RDF, SKOS, UK
from unionkg.readonly import ReadOnlyStore
from unionkg.store import EmbeddedStore, RemoteStore
from unionkg.webui import create_app
from unionkg.webui.slow_results import SlowResults

KEEP_ALL = {"TESTING": True, "UNIONKG_SLOW_RESULTS_SECONDS": 0}  # every query counts as slow
KEEP_NONE = {"TESTING": True, "UNIONKG_SLOW_RESULTS_ROWS": 0}
PAGES = ["/id/org/cdvc.json", "/id/org/tld.json", "/id/person/pham-thi-thanh.json", "/id/org/cdvc",
         "/orgchart.json", "/orgchart"]


def _kept(app) -> SlowResults:
    return app.extensions["unionkg_slow_results"]


def _assert_kept_pages_are_fresh_pages(store, paths: list[str]) -> None:
    """Each page asked twice of an app that keeps every result reads kept rows the second time,
    and both answers are those of an app that keeps none."""
    keeping, fresh = create_app(store, KEEP_ALL), create_app(store, KEEP_NONE)
    for path in paths:
        first = keeping.test_client().get(path)
        hits = _kept(keeping).hits
        again = keeping.test_client().get(path)
        assert _kept(keeping).hits > hits, path  # the second request read kept rows
        assert first.status_code == again.status_code == 200, path
        assert again.data == first.data == fresh.test_client().get(path).data, path
    assert _kept(fresh).hits == 0


def test_pages_read_from_kept_rows_are_the_pages_computed_afresh(web_store) -> None:
    _assert_kept_pages_are_fresh_pages(web_store, PAGES)


def test_a_write_makes_the_kept_rows_unreachable(web_store) -> None:
    app = create_app(web_store, KEEP_ALL)
    client = app.test_client()
    assert client.get("/id/org/cdvc.json").get_json()["label"] == "Công đoàn Viên chức Việt Nam"
    vc = URIRef("https://w3id.org/unionkg/id/org/cdvc")
    web_store.replace_graph(GRAPH["article/a1"], [(vc, RDF.type, UK.TradeUnion),
                                                  (vc, SKOS.prefLabel, Literal("Công đoàn Viên chức", lang="vi")),
                                                  (vc, ORG.subOrganizationOf, URIRef("https://w3id.org/unionkg/id/org/tld"))])
    page = client.get("/id/org/cdvc.json").get_json()
    assert page["label"] == "Công đoàn Viên chức"
    assert page == create_app(web_store, KEEP_NONE).test_client().get("/id/org/cdvc.json").get_json()


def _counted(rows: list) -> tuple[list, Callable[[], list]]:
    """A query stand-in returning `rows`, and the list that records each run."""
    runs: list = []
    return runs, lambda: runs.append(1) or rows


def test_the_least_recently_used_rows_go_first_past_the_bound(memory_store) -> None:
    kept = SlowResults(slow_seconds=0, max_rows=5)
    runs_a, run_a = _counted([{"n": 1}] * 3)
    runs_b, run_b = _counted([{"n": 2}] * 2)
    runs_c, run_c = _counted([{"n": 3}] * 2)
    kept.rows(memory_store, "a", run_a)
    kept.rows(memory_store, "b", run_b)  # 5 rows kept: a and b
    kept.rows(memory_store, "a", run_a)  # a is now the most recently used
    kept.rows(memory_store, "c", run_c)  # 7 rows: b goes
    for key, run in (("c", run_c), ("a", run_a), ("b", run_b)):  # b last: keeping it again drops c
        kept.rows(memory_store, key, run)
    assert (len(runs_a), len(runs_b), len(runs_c)) == (1, 2, 1)
    too_many, run_big = _counted([{"n": 4}] * 6)
    kept.rows(memory_store, "big", run_big)
    kept.rows(memory_store, "big", run_big)
    assert len(too_many) == 2  # more rows than the bound: never kept


def test_fast_results_and_a_servers_results_are_not_kept(memory_store) -> None:
    runs, run = _counted([{"n": 1}])
    slow_only = SlowResults(slow_seconds=60, max_rows=100)
    slow_only.rows(memory_store, "q", run)
    slow_only.rows(memory_store, "q", run)
    server = RemoteStore("http://127.0.0.1:9/sparql")  # nothing is asked of it
    assert server.version() is None
    every = SlowResults(slow_seconds=0, max_rows=100)
    every.rows(server, "q", run)
    every.rows(server, "q", run)
    assert len(runs) == 4 and every.hits == slow_only.hits == 0


def test_an_in_process_write_changes_the_version(memory_store) -> None:
    before = memory_store.version()
    memory_store.replace_graph(GRAPH["article/x"], [(URIRef("https://example.org/s"), SKOS.prefLabel, Literal("x"))])
    middle = memory_store.version()
    memory_store.drop_graph(GRAPH["article/x"])
    assert len({before, middle, memory_store.version()}) == 3


def test_a_read_only_view_sees_another_writers_commit_as_a_new_version(tmp_path: Path) -> None:
    path = str(tmp_path / "store")
    subject = URIRef("https://example.org/s")
    with EmbeddedStore(path) as writer:
        writer.replace_graph(GRAPH["article/x"], [(subject, SKOS.prefLabel, Literal("x"))])
    view = ReadOnlyStore(path, recheck=0)
    before = view.version()
    assert view.version() == before  # reading alone changes nothing
    with EmbeddedStore(path) as writer:
        writer.replace_graph(GRAPH["article/y"], [(subject, SKOS.prefLabel, Literal("y"))])
    assert view.version() != before
    view.close()


EXAMPLE_PAGES = ["/trace/nq-2-tw.json", "/trace/nq-2-tw.json?parent=C%C3%B4ng+%C4%91o%C3%A0n+Vi%C3%AAn+ch%E1%BB%A9c+Vi%E1%BB%87t+Nam",
                 "/id/directive/nq-2-tw.json", "/id/org/tong-lien-doan-lao-dong-viet-nam.json",
                 "/id/org/tong-lien-doan-lao-dong-viet-nam.json?officials_page=1"]


def test_the_trace_and_hub_pages_of_the_example_corpus_are_the_same_from_kept_rows(example_store) -> None:
    _assert_kept_pages_are_fresh_pages(example_store, EXAMPLE_PAGES)
