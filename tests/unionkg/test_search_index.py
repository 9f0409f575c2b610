"""The search index beside the embedded store: it finds folded names, agrees with the SPARQL search,
stays in step through re-ingest and drops, and is not used (then rebuilt) when stale."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from unionkg.loaders.pipeline import ingest
from unionkg.ontology.namespaces import RDF, UK
from unionkg.queries import library
from unionkg.search_index import library_rows, sparql_fold
from unionkg.store import EmbeddedStore

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "corpus"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
WEB_SEARCH = (ROOT / "webui" / "queries" / "search.rq").read_text(encoding="utf-8")
TEXTS = ["cong doan hoc vien", "cong doan vien chuc", "cong doan", "02 nq", "nghi quyet", "chi thi so", "lien doan",
         "nguyen", "a", "dai hoi", "tong lien doan lao dong viet nam", "khong co ai ten nay"]


def sparql_rows(store: EmbeddedStore, text: str, kind: str | None) -> list[dict]:
    query = library.load("search")
    return store.select(query.text, library.bind(store, query, {"q": text, "kind": kind}))


def index_rows_of(store: EmbeddedStore, text: str, kind: str | None) -> list[dict] | None:
    bindings = library.bind(store, library.load("search"), {"q": text, "kind": kind})
    return library_rows(store, bindings["q"], bindings.get("kind"))


def web_rows(store: EmbeddedStore, key: str) -> tuple[list, list]:
    """webui/queries/search.rq over SPARQL and the index's name search, as comparable tuples."""
    sparql = [(str(r["entity"]), str(r["match"]), int(r["prefix"])) for r in store.select(WEB_SEARCH, {"q": Literal(key)})]
    return sparql, store.search_link().usable().name_search(key)


def assert_agrees(store: EmbeddedStore) -> None:
    assert store.search_link().usable() is not None
    # The quad count it keeps for the start page is the store's, counted.
    assert store.search_link().usable().quad_count() == len(store._db) == store.triple_count() > 0
    graphs = [str(graph) for graph in store.graphs()]
    for prefix in ("", "https://w3id.org/unionkg/graph/article/", "https://w3id.org/unionkg/graph/reference"):
        assert store.count_graphs(prefix) == sum(graph.startswith(prefix) for graph in graphs) > 0, prefix
    for text in TEXTS:
        for kind in (None, "organization", "person", "directive"):
            assert index_rows_of(store, text, kind) == sparql_rows(store, text, kind), (text, kind)
        sparql, index = web_rows(store, library._folded(text).value)
        assert index == sparql, text


@pytest.fixture
def examples_store(tmp_path: Path):
    with EmbeddedStore(str(tmp_path / "store")) as store:
        ingest([str(p) for p in sorted(EXAMPLES.iterdir())], store)
        yield store


def test_a_folded_query_finds_the_union_by_its_vietnamese_name(examples_store):
    rows = library.plain(library.run(examples_store, "search", {"q": "cong doan vien chuc viet nam",
                                                                  "kind": "organization"}))
    assert rows[0]["label"] == "Công đoàn Viên chức Việt Nam"
    assert rows[0]["rank"] == 0
    assert examples_store.search_link().fresh


def test_the_index_agrees_with_the_sparql_search_on_the_examples(examples_store):
    assert_agrees(examples_store)


def test_the_index_agrees_with_the_sparql_search_on_the_seeds(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not here")
    with EmbeddedStore(str(tmp_path / "store")) as store:
        ingest([str(SEEDS)], store)
        hits = library.plain(library.run(store, "search", {"q": "Công đoàn Học viện"}))
        assert hits and all("học viện" in r["label"].lower() for r in hits[:3])
        assert_agrees(store)


def test_reingest_and_drop_keep_the_index_in_step(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    with EmbeddedStore(str(tmp_path / "store")) as store:
        ingest([str(corpus)], store)
        article = corpus / "03_cdvc_khoi_thi_dua.txt"
        article.write_text(article.read_text(encoding="utf-8").replace("Viên chức", "Giáo dục"), encoding="utf-8")
        ingest([str(corpus)], store)  # every graph exists: the replacing path
        assert index_rows_of(store, "cong doan giao duc", None)
        assert_agrees(store)
        for graph in store.graphs()[:2]:
            store.drop_graph(graph)
        assert_agrees(store)


def test_a_stale_index_is_not_used_and_ingest_rebuilds_it(tmp_path):
    path = str(tmp_path / "store")
    with EmbeddedStore(path) as store:
        ingest([str(EXAMPLES)], store)
        store.search_link().index.mark_dirty()  # as if killed between the store write and the index write
    with EmbeddedStore(path) as store:
        assert store.search_link().usable() is None
        assert index_rows_of(store, "cong doan", None) is None  # the library falls back to SPARQL
        assert library.run(store, "search", {"q": "cong doan"}) == sparql_rows(store, "cong doan", None)
    Path(f"{path}.search.sqlite").unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}.search.sqlite{suffix}").unlink(missing_ok=True)
    with EmbeddedStore(path) as store:
        assert store.search_link().usable() is None  # missing beside a non-empty store: stale
        ingest([str(EXAMPLES / "01_tld_hoi_nghi_nq02.txt")], store)
        assert_agrees(store)


def test_a_store_written_without_the_index_is_seen_as_stale(tmp_path):
    path = str(tmp_path / "store")
    with EmbeddedStore(path) as store:
        ingest([str(EXAMPLES)], store)
        store._db.update("INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/s> "
                         "<https://w3id.org/unionkg/ont#nameKey> \"cong doan lac loai\" } }")
    with EmbeddedStore(path) as store:
        assert store.search_link().usable() is None
        store.search_link().rebuild()
        assert index_rows_of(store, "lac loai", None) == sparql_rows(store, "lac loai", None)


def test_an_index_without_a_quad_count_is_counted_once_then_kept(tmp_path):
    path = str(tmp_path / "store")
    with EmbeddedStore(path) as store:
        ingest([str(EXAMPLES / "01_tld_hoi_nghi_nq02.txt")], store)
        index = store.search_link().usable()
        index.db.execute("DELETE FROM meta WHERE k = 'quads'")  # as an index written before counts were kept
        index.db.commit()
        assert index.quad_count() is None and store.triple_count() == len(store._db)  # counted
        ingest([str(EXAMPLES)], store)
        assert_agrees(store)


def test_sparql_fold_is_the_fold_of_search_rq(memory_store):
    texts = ["Nghị quyết số 02-NQ/TW", "ĐẠI HỘI  XIII & khóa", "Chỉ thị Ñandú ç", " -Ủy ban- "]
    for text in texts:
        directive = URIRef("https://example.org/d")
        memory_store.replace_graph(URIRef("https://example.org/g"), [
            (directive, RDF.type, UK.Directive), (directive, UK.symbol, Literal(text))])
        rows = sparql_rows(memory_store, sparql_fold(text), None)
        assert [r["rank"].value for r in rows] == [0], text
