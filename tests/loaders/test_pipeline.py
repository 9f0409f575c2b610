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


# -- the ingest as a whole: parallel equals serial, a killed run re-run equals an uninterrupted one

import importlib.util  # noqa: E402
import io  # noqa: E402
import signal  # noqa: E402
import sqlite3  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from unionkg.loaders.pipeline import ingest  # noqa: E402
from unionkg.store import EmbeddedStore  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def synthetic_corpus(folder: Path, count: int) -> Path:
    """The benchmark's deterministic synthetic articles (benchmarks/synth.py)."""
    spec = importlib.util.spec_from_file_location("synth", ROOT / "benchmarks" / "synth.py")
    synth = sys.modules["synth"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    synth.write_corpus(folder, count, 7)
    return folder


def nquads(store: EmbeddedStore) -> list[str]:
    out = io.BytesIO()
    store.dump(out, "nquads")
    return sorted(out.getvalue().decode("utf-8").splitlines())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return synthetic_corpus(tmp_path_factory.mktemp("synth") / "corpus", 70)


@pytest.fixture(scope="module")
def serial_quads(corpus: Path) -> list[str]:
    with EmbeddedStore(None) as store:
        report = ingest([str(corpus), str(ROOT / "examples" / "corpus")], store, jobs=1)
        assert report.articles >= 70 and not report.errors
        return nquads(store)


def test_two_jobs_store_exactly_what_one_job_stores(corpus, serial_quads):
    with EmbeddedStore(None) as store:
        ingest([str(corpus), str(ROOT / "examples" / "corpus")], store, jobs=2)
        assert nquads(store) == serial_quads


def test_the_synthetic_corpus_has_plans_based_on_a_directive_and_acted_on_below(serial_quads):
    """Unions' plans (kh-, ctr-) are based on a directive and acted on in other articles (synth.py)."""
    ont = "<https://w3id.org/unionkg/ont#"
    triples = [quad.split(" ", 3)[:3] for quad in serial_quads]
    plans = {s for s, p, _ in triples if p == f"{ont}basedOn>" and ("/directive/kh-" in s or "/directive/ctr-" in s)}
    acts_on_plans = {s for s, p, o in triples if p == f"{ont}directive>" and o in plans}
    assert len(plans) >= 5 and len(acts_on_plans) >= 10


def by_graph(lines: list[str]) -> dict[str, set[str]]:
    """N-Quads lines by their graph (the last IRI of the line)."""
    out: dict[str, set[str]] = {}
    for line in lines:
        out.setdefault(line.rsplit("<", 1)[1], set()).add(line)
    return out


def indexed_graphs(store_dir: Path) -> int:
    """How many graphs the search index beside a store says are written (readable while ingest runs)."""
    try:
        with sqlite3.connect(f"file:{store_dir}.search.sqlite?mode=ro", uri=True) as db:
            return db.execute("SELECT COUNT(*) FROM graph").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_a_killed_ingest_run_again_stores_what_an_uninterrupted_one_does(corpus, serial_quads, tmp_path):
    store_dir = tmp_path / "store"
    command = [sys.executable, "-m", "unionkg.cli", "ingest", "-q", "--store", str(store_dir), "--jobs", "2",
               str(corpus), str(ROOT / "examples" / "corpus")]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while indexed_graphs(store_dir) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    with EmbeddedStore(str(store_dir)) as store:
        partial = by_graph(nquads(store))
    complete = by_graph(serial_quads)
    assert 1 < len(partial) < len(complete), "the kill should land after the first batch and before the end"
    assert all(quads == complete[graph] for graph, quads in partial.items())  # no article half-written
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with EmbeddedStore(str(store_dir)) as store:
        assert nquads(store) == serial_quads
        assert store.search_link().usable() is not None


def bad_and_good_inputs(folder: Path) -> list[str]:
    """A folder of unreadable files and a JSONL with bad lines, between readable articles."""
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "utf16-no-bom.txt").write_bytes("Công đoàn".encode("utf-16-le"))  # NUL bytes: binary
    (folder / "records.jsonl").write_text('{"source": "a.txt", "text": "Sáng 9/3/2022, Công đoàn tỉnh họp."}\n'
                                          '[1, 2]\n{"source": "b.txt"}\n', encoding="utf-8")
    return [str(folder), str(ROOT / "examples" / "corpus"), str(folder / "missing.txt")]


def test_two_jobs_report_unreadable_inputs_as_one_job_does(tmp_path):
    inputs = bad_and_good_inputs(tmp_path / "mixed")
    outcomes = []
    for jobs in ("1", "2"):
        store = tmp_path / f"store-{jobs}"
        # A timeout, because an error that cannot cross between processes used to hang the pool.
        done = subprocess.run([sys.executable, "-m", "unionkg.cli", "ingest", "-q", "--store", str(store),
                               "--jobs", jobs, *inputs], capture_output=True, text=True, timeout=120)
        with EmbeddedStore(str(store)) as opened:
            errors = sorted(line for line in done.stderr.splitlines() if line.startswith("error: "))
            outcomes.append((done.returncode, errors, nquads(opened)))
    assert outcomes[0] == outcomes[1]
    returncode, errors, quads = outcomes[0]
    assert returncode == 1 and len(quads) > 500
    for where in ("empty.txt:", "utf16-no-bom.txt:", "missing.txt:", "records.jsonl:2:", "records.jsonl:3:"):
        assert sum(where in line for line in errors) == 1, (where, errors)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_an_ingest_asked_to_stop_ends_after_a_batch_with_the_index_in_step(corpus, serial_quads, tmp_path, stop):
    store_dir = tmp_path / "store"
    command = [sys.executable, "-m", "unionkg.cli", "ingest", "-q", "--store", str(store_dir), "--jobs", "2",
               str(corpus), str(ROOT / "examples" / "corpus")]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while indexed_graphs(store_dir) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(stop)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 128 + stop, stderr
    assert "stopped on request" in stderr and "Traceback" not in stderr
    with EmbeddedStore(str(store_dir)) as store:
        partial = by_graph(nquads(store))
        assert store.search_link().usable() is not None  # in step: nothing to rebuild
    complete = by_graph(serial_quads)
    assert 1 < len(partial) < len(complete)
    assert all(quads == complete[graph] for graph, quads in partial.items())
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with EmbeddedStore(str(store_dir)) as store:
        assert nquads(store) == serial_quads
