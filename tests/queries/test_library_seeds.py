"""The query library on the seed articles: every query parses and has its header; the directive
trace of 02-NQ/TW reads as a researcher expects (skipped where ../shared is absent)."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

from unionkg.loaders.pipeline import ingest
from unionkg.queries import library

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"


def test_every_library_query_has_a_header_and_parses():
    assert {"org_subtree", "org_ancestors", "officials", "person_career", "directive", "directive_trace",
            "directive_coverage", "events", "search", "stats"} <= set(library.names())
    for name in library.names():
        text = Path(library.load(name).path).read_text(encoding="utf-8")
        assert text.startswith("#+ summary:"), name
        pyoxigraph.Store().query(text) if "SELECT" in text.upper() else None


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not here")
    from unionkg.store import EmbeddedStore
    store = EmbeddedStore(str(tmp_path_factory.mktemp("seeds") / "store"))
    ingest([str(SEEDS)], store)
    yield store
    store.close()


def test_directive_trace_of_02_nq_tw(seeds_store):
    rows = library.plain(library.run(seeds_store, "directive_trace", {"directive": "02-NQ/TW"}))
    got = [(r["actorLabel"], str(r["date"]), int(r["lag"])) for r in rows]
    assert got == [("Tổng Liên đoàn Lao động Việt Nam", "2021-11-10", 151),
                   ("Khối Thi đua III - Công đoàn Viên chức Việt Nam", "2022-03-29", 290),
                   ("Công đoàn Viện Khoa học Công nghệ Mỏ", "2023-02-10", 608)]
    assert all(r["evidence"] for r in rows)


def test_programme_02_is_based_on_the_resolution(seeds_store):
    rows = library.plain(library.run(seeds_store, "directive", {"directive": "Chương trình hành động số 02"}))
    assert any("02-NQ/TW" in str(value) for row in rows for value in row.values())


def test_search_folds_case_and_diacritics(seeds_store):
    rows = library.plain(library.run(seeds_store, "search", {"q": "cong doan hoc vien"}))
    from unionkg.ontology.namespaces import fold
    assert fold("Công đoàn Học viện Chính trị quốc gia Hồ Chí Minh") in {fold(str(v)) for r in rows for v in r.values()}
