"""`unionkg export --format nquads --shard-size N -o DIR`: whole graphs per shard, the same quads as one export."""
from __future__ import annotations

from pathlib import Path

import pytest

from unionkg_cli import run_unionkg

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "corpus"


run = run_unionkg  # the installed command, as a user runs it


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("shards") / "store"
    out = run("ingest", "--quiet", "--store", str(path), str(EXAMPLES))
    assert out.returncode == 0, out.stderr.decode()
    return path


def graph_of(line: str) -> str:
    return line.rstrip(" .").rsplit(" ", 1)[-1]


def test_shards_hold_whole_graphs_and_the_same_quads(store, tmp_path):
    whole = run("export", "--store", str(store), "--format", "nquads").stdout.decode().splitlines()
    graphs = {graph_of(line) for line in whole}
    out = run("export", "--store", str(store), "--format", "nquads", "--shard-size", "2", "-o", str(tmp_path / "out"))
    assert out.returncode == 0, out.stderr.decode()
    shards = sorted((tmp_path / "out").iterdir())
    assert [p.name for p in shards] == [f"shard-{i:05d}.nq" for i in range((len(graphs) + 1) // 2)]
    seen: list[str] = []
    lines: list[str] = []
    for shard in shards:
        text = shard.read_text(encoding="utf-8").splitlines()
        in_shard = {graph_of(line) for line in text}
        assert 1 <= len(in_shard) <= 2
        assert not in_shard & set(seen), "a graph is split over two shards"
        seen += in_shard
        lines += text
    assert sorted(lines) == sorted(whole)
    # The shards parse as N-Quads.
    import pyoxigraph as ox
    for shard in shards:
        assert list(ox.parse(path=str(shard), format=ox.RdfFormat.N_QUADS))


def test_a_second_export_replaces_the_first(store, tmp_path):
    folder = tmp_path / "out"
    assert run("export", "--store", str(store), "--format", "nquads", "--shard-size", "1", "-o", str(folder)).returncode == 0
    many = len(list(folder.iterdir()))
    assert run("export", "--store", str(store), "--format", "nquads", "--shard-size", "100", "-o", str(folder)).returncode == 0
    assert [p.name for p in folder.iterdir()] == ["shard-00000.nq"]
    assert many > 1


def test_shard_size_needs_nquads_and_a_folder(store, tmp_path):
    assert run("export", "--store", str(store), "--format", "facts", "--shard-size", "2", "-o", str(tmp_path)).returncode == 2
    assert run("export", "--store", str(store), "--format", "nquads", "--shard-size", "2").returncode == 2
    out = run("export", "--store", str(store), "--format", "nquads", "-o", str(tmp_path))
    assert out.returncode == 2 and b"folder" in out.stderr
