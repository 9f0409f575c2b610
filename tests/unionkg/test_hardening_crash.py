"""kill -9 of `unionkg ingest` half-way, then a re-run: the same graph as an uninterrupted run,
and no article half-written in between. Slow: `make test-slow` (UNIONKG_CRASH_ARTICLES sets the size)."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from unionkg_cli import UNIONKG

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
# Ingest writes 32 articles a transaction: enough articles for several, so the kill lands between two.
ARTICLES = int(os.environ.get("UNIONKG_CRASH_ARTICLES", "120"))
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
ENTITIES = ("PREFIX org: <http://www.w3.org/ns/org#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
            "PREFIX uk: <https://w3id.org/unionkg/ont#> SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { "
            "VALUES ?class { org:Organization foaf:Person uk:Directive uk:Event } ?e a ?class }")


def query(store: Path, text: str) -> list[dict]:
    out = subprocess.run([UNIONKG, "query", text, "--store", str(store), "--format", "json"],
                         capture_output=True, timeout=300)
    assert out.returncode == 0, out.stderr.decode()
    return json.loads(out.stdout)["results"]["bindings"]


def graph_sizes(store: Path) -> dict[str, int]:
    return {row["g"]["value"]: int(row["n"]["value"]) for row in query(store, PER_GRAPH)}


def entity_count(store: Path) -> int:
    return int(query(store, ENTITIES)[0]["n"]["value"])


def stored_graphs(store: Path) -> int:
    """Named graphs in a store another process is writing (0 while it is still being created)."""
    import pyoxigraph
    try:
        return sum(1 for _ in pyoxigraph.Store.read_only(str(store)).named_graphs())
    except (OSError, RuntimeError):  # no folder yet, or its column families not made yet
        return 0


def ingest(store: Path, corpus: Path) -> tuple[subprocess.CompletedProcess, float]:
    start = time.monotonic()
    out = subprocess.run([UNIONKG, "ingest", "--quiet", "--store", str(store), str(corpus)],
                         capture_output=True, text=True, timeout=3600)
    return out, time.monotonic() - start


def summary(stderr: str) -> tuple[int, int, int]:
    """Articles, triples and entities of an ingest's closing line."""
    found = re.search(r"^(\d+) articles, (\d+) triples, (\d+) entities", stderr, re.M)
    assert found, stderr
    return tuple(int(n) for n in found.groups())  # type: ignore[return-value]


def test_kill_9_mid_ingest_then_rerun_gives_the_uninterrupted_graph(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "synth.py"), "-n", str(ARTICLES), "-o", str(corpus)],
                   check=True, capture_output=True, timeout=300)
    whole, _ = ingest(tmp_path / "whole", corpus)
    assert whole.returncode == 0, whole.stderr
    expected = graph_sizes(tmp_path / "whole")
    assert len(expected) == ARTICLES + 1  # and the reference graph

    crashed = tmp_path / "crashed"
    victim = subprocess.Popen([UNIONKG, "ingest", "--quiet", "--store", str(crashed), str(corpus)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while victim.poll() is None and stored_graphs(crashed) <= 1:  # until the first articles are committed
        time.sleep(0.1)
    assert victim.poll() is None, "the ingest finished before it could be killed"
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()

    partial = graph_sizes(crashed)
    assert 1 < len(partial) < len(expected)  # killed half-way
    assert {g: expected[g] for g in partial} == partial  # every stored article is whole

    again, _ = ingest(crashed, corpus)
    assert again.returncode == 0, again.stderr
    assert graph_sizes(crashed) == expected
    assert summary(again.stderr) == summary(whole.stderr)
    assert entity_count(crashed) == entity_count(tmp_path / "whole")
