"""A real `unionkg serve` keeps answering while a real `unionkg ingest` writes the same store,
and a second writer is told the store is locked."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

from unionkg_cli import UNIONKG

REPO = Path(__file__).resolve().parents[2]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
ARTICLES = 80  # three write batches of 32: readers can see the store between them


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, accept: str = "application/sparql-results+json") -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def stored_quads(base: str) -> int:
    status, body = get(f"{base}/sparql?query={quote(COUNT)}")
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def synth_corpus(folder: Path, count: int) -> Path:
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "synth.py"), "-n", str(count), "-o", str(folder)],
                   check=True, capture_output=True, timeout=120)
    return folder


def start_serve(store: Path, port: int, log: Path) -> subprocess.Popen:
    with log.open("wb") as out:
        process = subprocess.Popen([UNIONKG, "serve", "--store", str(store), "--port", str(port)],
                                   stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            get(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D")
            return process
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"serve did not answer: {log.read_text()}")


def test_serve_answers_during_an_ingest_and_a_second_writer_is_refused(tmp_path: Path) -> None:
    corpus = synth_corpus(tmp_path / "corpus", ARTICLES)
    store, port = tmp_path / "store", free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_serve(store, port, tmp_path / "serve.log")
    try:
        writer = subprocess.Popen([UNIONKG, "ingest", "--quiet", "--store", str(store), str(corpus)],
                                  stderr=subprocess.PIPE)
        seen, second = [], None
        while writer.poll() is None:
            seen.append(stored_quads(base))
            status, page = get(f"{base}/", accept="text/html")
            assert status == 200 and b"<html" in page.lower()
            if second is None and seen[-1] > 0:
                second = subprocess.run([UNIONKG, "ingest", "--quiet", "--store", str(store), str(corpus)],
                                        capture_output=True, timeout=60)
            time.sleep(0.2)
        assert writer.wait() == 0, writer.stderr.read().decode()
        assert second is not None and second.returncode == 2
        assert f"store {store} is locked by another process" in second.stderr.decode()
        assert seen == sorted(seen) and len(set(seen)) >= 3  # readers saw the ingest progress
        time.sleep(1.5)  # the server looks for new commits once a second
        final = stored_quads(base)
    finally:
        server.terminate()
        server.wait(10)
    out = subprocess.run([UNIONKG, "query", COUNT, "--store", str(store), "--format", "json"],
                         capture_output=True, timeout=60)
    assert final == int(json.loads(out.stdout)["results"]["bindings"][0]["n"]["value"])
