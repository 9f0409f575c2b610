"""The `unionkg` command end to end, on real stores (embedded on disk, and a real oxigraph server)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from unionkg_cli import run_unionkg

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
EXAMPLES = REPO / "examples" / "corpus"


run = run_unionkg  # the installed command, as a user runs it


def triple_count(store: Path) -> int:
    out = run("query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", str(store), "--format", "json")
    assert out.returncode == 0, out.stderr.decode()
    return int(json.loads(out.stdout)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def examples_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("examples") / "store"
    out = run("ingest", "--quiet", "--store", str(store), str(EXAMPLES))
    assert out.returncode == 0, out.stderr.decode()
    return store


def test_ingest_prints_a_summary_and_stores_every_article(examples_store):
    facts = json.loads(run("export", "--store", str(examples_store)).stdout)
    sources = {a["source"] for a in facts["articles"]}
    assert {"01_tld_hoi_nghi_nq02.txt", "02_ldld_nghe_an.txt", "03_cdvc_khoi_thi_dua.txt",
            "https://example.org/tin/cong-doan-giao-duc-2024"} <= sources


def test_ingesting_again_changes_nothing(examples_store):
    before = triple_count(examples_store)
    out = run("ingest", "--quiet", "--store", str(examples_store), str(EXAMPLES))
    assert out.returncode == 0
    assert triple_count(examples_store) == before > 0


def test_bad_files_are_reported_and_the_rest_goes_in(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_text("")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00")
    good = (EXAMPLES / "02_ldld_nghe_an.txt").read_text(encoding="utf-8")
    (inputs / "good.txt").write_text(good, encoding="utf-8")
    record = {"source": "rec-1", "title": "Tin ngắn", "published": "2022-05-01", "text": good}
    (inputs / "news.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    store = tmp_path / "store"
    out = run("ingest", "--quiet", "--store", str(store), str(inputs))
    err = out.stderr.decode()
    assert out.returncode == 1
    assert "empty.txt" in err and "binary.txt" in err and "news.jsonl:2" in err
    assert "Traceback" not in err
    sources = {a["source"] for a in json.loads(run("export", "--store", str(store)).stdout)["articles"]}
    assert sources == {"good.txt", "rec-1"}


def test_stdin_is_read_with_a_dash(tmp_path):
    text = (EXAMPLES / "01_tld_hoi_nghi_nq02.txt").read_bytes()
    store = tmp_path / "store"
    assert run("ingest", "--quiet", "--store", str(store), "-", stdin=text).returncode == 0
    assert [a["source"] for a in json.loads(run("export", "--store", str(store)).stdout)["articles"]] == ["stdin"]


def test_validate_reports_no_violations(examples_store):
    out = run("validate", "--store", str(examples_store))
    assert out.returncode == 0, out.stdout.decode()[-2000:]
    assert b"0 SHACL violations" in out.stdout


def test_rdf_exports_parse(examples_store, tmp_path):
    from rdflib import Dataset, Graph
    nquads = tmp_path / "all.nq"
    assert run("export", "--store", str(examples_store), "--format", "nquads", "-o", str(nquads)).returncode == 0
    ds = Dataset()
    ds.parse(nquads, format="nquads")
    assert sum(1 for _ in ds.quads()) == triple_count(examples_store)
    turtle = run("export", "--store", str(examples_store), "--format", "turtle").stdout
    assert len(Graph().parse(data=turtle, format="turtle")) > 100


def test_missing_store_option_value_is_a_clear_error():
    out = run("export", "--endpoint", "http://127.0.0.1:9/query")
    assert out.returncode == 2 and b"Traceback" not in out.stderr and b"127.0.0.1:9" in out.stderr


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is not here")
def test_remote_store_gives_the_same_facts_as_the_embedded_one(tmp_path, oxigraph_server, remote_store):
    # remote_store empties the server first, so only what this test ingests is there.
    store = tmp_path / "store"
    assert run("ingest", "--quiet", "--store", str(store), str(SEEDS)).returncode == 0
    remote = ["--endpoint", f"{oxigraph_server}/query"]
    out = run("ingest", "--quiet", *remote, str(SEEDS))
    assert out.returncode == 0, out.stderr.decode()
    embedded_facts = run("export", "--store", str(store)).stdout
    remote_facts = run("export", *remote).stdout
    assert json.loads(embedded_facts)["organizations"] and embedded_facts == remote_facts


def test_parallel_ingest_stores_what_a_serial_one_does(tmp_path, examples_store):
    store = tmp_path / "store"
    assert run("ingest", "--quiet", "--jobs", "2", "--store", str(store), str(EXAMPLES)).returncode == 0
    serial = sorted(run("export", "--store", str(examples_store), "--format", "nquads").stdout.splitlines())
    parallel = sorted(run("export", "--store", str(store), "--format", "nquads").stdout.splitlines())
    assert serial == parallel and len(serial) > 100
