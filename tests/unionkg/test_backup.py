"""`unionkg backup` and `unionkg restore` of the embedded store, through the real command."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from unionkg_cli import run_unionkg

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "corpus"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
NAMES = ("SELECT ?name WHERE { ?o a <http://www.w3.org/ns/org#Organization> ; "
         "<http://www.w3.org/2004/02/skos/core#prefLabel> ?name } ORDER BY ?name")


def run(*args: str) -> subprocess.CompletedProcess:
    return run_unionkg(*args, text=True)


def answer(store: Path, query: str) -> list[dict]:
    out = run("query", query, "--store", str(store), "--format", "json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["results"]["bindings"]


def quads(store: Path) -> int:
    return int(answer(store, COUNT)[0]["n"]["value"])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("backup") / "store"
    out = run("ingest", "--quiet", "--store", str(path), str(EXAMPLES))
    assert out.returncode == 0, out.stderr
    return path


def test_backup_then_restore_gives_the_same_graph(store: Path, tmp_path: Path) -> None:
    before, names = quads(store), answer(store, NAMES)
    assert before > 1000 and len(names) > 5
    out = run("backup", "--store", str(store), str(tmp_path / "copy"))
    assert out.returncode == 0 and f"{before} quads" in out.stderr, out.stderr
    restored = tmp_path / "restored"
    out = run("restore", str(tmp_path / "copy"), "--store", str(restored))
    assert out.returncode == 0, out.stderr
    assert quads(restored) == before and answer(restored, NAMES) == names


def test_restore_refuses_to_overwrite_without_force(store: Path, tmp_path: Path) -> None:
    run("backup", "--store", str(store), str(tmp_path / "copy"))
    target = tmp_path / "other"
    out = run("ingest", "--quiet", "--store", str(target), str(EXAMPLES / sorted(p.name for p in EXAMPLES.iterdir())[0]))
    assert out.returncode == 0, out.stderr
    small = quads(target)
    out = run("restore", str(tmp_path / "copy"), "--store", str(target))
    assert out.returncode == 2 and "already holds a store; add --force" in out.stderr
    assert "Traceback" not in out.stderr and quads(target) == small
    out = run("restore", "--force", str(tmp_path / "copy"), "--store", str(target))
    assert out.returncode == 0, out.stderr
    assert quads(target) == quads(store) > small
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == ["copy", "other"]  # no staging or old


def test_backup_refuses_an_existing_destination_and_a_non_store(store: Path, tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    out = run("backup", "--store", str(store), str(tmp_path / "taken"))
    assert out.returncode == 2 and "already exists" in out.stderr
    out = run("backup", "--store", str(tmp_path / "nothing"), str(tmp_path / "copy"))
    assert out.returncode == 2 and "is not a store" in out.stderr
    out = run("restore", str(tmp_path / "taken"), "--store", str(tmp_path / "new"))
    assert out.returncode == 2 and "is not a store backup" in out.stderr
