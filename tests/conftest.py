"""Shared fixtures: embedded stores, a real Oxigraph server, and a remote store on it."""
from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from unionkg.store import EmbeddedStore, RemoteStore


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str | None:
    """The `oxigraph` server CLI of this virtualenv, else the one on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def stop_process(process: subprocess.Popen, grace: float = 10) -> None:
    """SIGTERM (the servers shut down cleanly on it), then SIGKILL after `grace` seconds."""
    process.terminate()
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_until_answers(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    """Poll `url` until it answers; fail if the process dies or the time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers, even if not with 200
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@pytest.fixture
def memory_store() -> Iterator[EmbeddedStore]:
    """An empty in-memory embedded store."""
    with EmbeddedStore(None) as store:
        yield store


@pytest.fixture
def kg(memory_store: EmbeddedStore) -> EmbeddedStore:
    """The hand-built graph of tests/support/kg_fixture.py in an in-memory store."""
    import kg_fixture
    return kg_fixture.load(memory_store)


@pytest.fixture
def disk_store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    """An empty embedded store in a temporary folder."""
    with EmbeddedStore(str(tmp_path / "store")) as store:
        yield store


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a real `oxigraph serve --union-default-graph` for this test session."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server CLI is not installed (pip install 'oxigraph>=0.5,<0.6')")
    folder = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    with open(folder / "server.log", "wb") as log:
        process = subprocess.Popen(
            [binary, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}",
             "--union-default-graph"], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answers(f"{base}/query?query=ASK%7B%7D", process)
        yield base
    finally:
        stop_process(process)


@pytest.fixture
def remote_store(oxigraph_server: str) -> Iterator[RemoteStore]:
    """A RemoteStore on the session's Oxigraph server, emptied before the test."""
    store = RemoteStore(f"{oxigraph_server}/query")
    for graph in store.graphs():
        store.drop_graph(graph)
    with store:
        yield store


# The web UI over a small in-memory graph.

WEB_ID = "https://w3id.org/unionkg/id/"


def _web_data() -> dict:
    """Two article graphs and the reference graph, as rdflib triples by graph IRI."""
    from rdflib import Literal, URIRef
    from unionkg.ontology.namespaces import GRAPH, ORG, RDF, REFERENCE_GRAPH, SKOS, UK

    tld, vc, person = (URIRef(WEB_ID + s) for s in ("org/tld", "org/cdvc", "person/pham-thi-thanh"))
    return {
        REFERENCE_GRAPH: [(tld, RDF.type, UK.TradeUnion),
                          (tld, SKOS.prefLabel, Literal("Tổng Liên đoàn Lao động Việt Nam", lang="vi"))],
        GRAPH["article/a1"]: [(vc, RDF.type, UK.TradeUnion),
                              (vc, SKOS.prefLabel, Literal("Công đoàn Viên chức Việt Nam", lang="vi")),
                              (vc, ORG.subOrganizationOf, tld)],
        GRAPH["article/a2"]: [(person, SKOS.prefLabel, Literal('Phạm Thị Thành "<b>"', lang="vi")),
                              (person, UK.nameKey, Literal("pham thi thanh"))],
    }


@pytest.fixture
def web_data() -> dict:
    """The triples of the web UI's store, by graph."""
    return _web_data()


@pytest.fixture
def web_store(web_data: dict) -> Iterator[EmbeddedStore]:
    """An in-memory store holding `web_data`."""
    with EmbeddedStore(None) as store:
        for graph, triples in web_data.items():
            store.replace_graph(graph, triples)
        yield store


@pytest.fixture
def web_app(web_store: EmbeddedStore):
    """The Flask app over `web_store`."""
    from unionkg.webui import create_app
    app = create_app(web_store, {"TESTING": True})
    return app


@pytest.fixture
def web_client(web_app):
    """A Flask test client of `web_app`."""
    return web_app.test_client()


@contextlib.contextmanager
def serve_in_thread(app) -> Iterator[str]:
    """Serve a WSGI app with werkzeug on 127.0.0.1 in a thread; yields its base URL."""
    import threading
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)
        server.server_close()


@pytest.fixture(scope="session")
def live_server_of():
    """`serve_in_thread`, for tests that serve an app of their own."""
    return serve_in_thread


@pytest.fixture
def live_server(web_app) -> Iterator[str]:
    """The base URL of `web_app` served by werkzeug on 127.0.0.1 in a thread, for real HTTP clients."""
    with serve_in_thread(web_app) as url:
        yield url


# The web UI over the example corpus, ingested once per session.

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.fixture(scope="session")
def example_store() -> Iterator[EmbeddedStore]:
    """An in-memory store holding the ingested example corpus (shared: tests must not write to it)."""
    from unionkg.loaders.pipeline import ingest
    with EmbeddedStore(None) as store:
        ingest(sorted(str(p) for p in EXAMPLES.iterdir()), store)
        yield store


@pytest.fixture(scope="session")
def example_client(example_store: EmbeddedStore):
    """A Flask test client of the web UI over `example_store`."""
    from unionkg.webui import create_app
    return create_app(example_store, {"TESTING": True}).test_client()
