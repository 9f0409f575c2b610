"""A real OpenLink Virtuoso (Debian's virtuoso-opensource) on loopback, for this folder's tests.

The session fixture writes a virtuoso.ini whose database lives in a temporary folder, starts
`virtuoso-t +foreground` on two free 127.0.0.1 ports (SQL and HTTP), waits until /sparql answers,
then prepares it with `isql-vt` as dba (the default password of a fresh database, which never
leaves loopback): the anonymous SPARQL user may update, and Virtuoso's own graphs are hidden or
dropped, so that the default graph and `GRAPH ?g` see only what the tests write, as on Oxigraph.
Everything is skipped, with the reason, where virtuoso-t or isql-vt is not installed.
"""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from unionkg.store import RemoteStore


def _shared_conftest():
    """tests/conftest.py as a module, for its free_port, wait_until_answers and stop_process."""
    name = "unionkg_tests_conftest"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).parents[1] / "conftest.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


shared = _shared_conftest()

# Debian installs the server as virtuoso-t and its SQL client as isql-vt (upstream: isql-v).
SERVER_NAMES = ("virtuoso-t",)
ISQL_NAMES = ("isql-vt", "isql-v")

# The server's settings; {folder}, {sql_port} and {http_port} are filled in per session.
INI = """\
[Database]
DatabaseFile       = {folder}/virtuoso.db
ErrorLogFile       = {folder}/virtuoso.log
LockFile           = {folder}/virtuoso.lck
TransactionFile    = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
; no striping, small growth steps: a throwaway database
Striping           = 0
FileExtend         = 200
MaxCheckpointRemap = 2000
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {folder}/virtuoso-temp.db
TransactionFile    = {folder}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
; loopback only: the fresh database keeps the default dba password
ServerPort         = 127.0.0.1:{sql_port}
DirsAllowed        = {folder}
; about 80 MB of buffers, on a machine shared with other work
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 6000
ThreadsPerQuery    = 2
; no periodic checkpoints while the tests run
CheckpointInterval = 0

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {folder}
MaxClientConnections = 4
ServerThreads        = 4

[SPARQL]
ResultSetMaxRows        = 1000000
MaxQueryExecutionTime   = 120
MaxQueryCostEstimationTime = 0
"""

# Run once as dba. Why each line:
SETUP_SQL = """\
-- /sparql runs updates as the SQL user "SPARQL", which may only read by default.
GRANT SPARQL_UPDATE TO "SPARQL";
-- virtrdf# holds Virtuoso's own mapping metadata and cannot be dropped: make it a private
-- graph that anonymous users cannot read, so it is neither in the default graph nor in GRAPH ?g.
DB.DBA.RDF_GRAPH_GROUP_CREATE ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', 1);
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 0, 1);
DB.DBA.RDF_GRAPH_GROUP_INS ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', 'http://www.openlinksw.com/schemas/virtrdf#');
-- Two small graphs a fresh database ships with (the LDP vocabulary, the service description).
SPARQL DROP SILENT GRAPH <http://www.w3.org/ns/ldp#>;
SPARQL DROP SILENT GRAPH <http://localuriqaserver/sparql>;
"""


def _installed(names: tuple[str, ...]) -> str | None:
    """The path of the first of `names` on PATH."""
    return next((path for path in map(shutil.which, names) if path), None)


def _prepare(isql: str, sql_port: int, folder: Path) -> None:
    """Run SETUP_SQL through isql as dba; fail with isql's output when a statement errs."""
    script = folder / "setup.sql"
    script.write_text(SETUP_SQL, encoding="utf-8")
    out = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", str(script)],
                         capture_output=True, text=True, timeout=60)
    if out.returncode != 0 or "*** Error" in out.stdout + out.stderr:
        raise RuntimeError(f"{isql} {script} failed: {(out.stdout + out.stderr).strip()[-800:]}")


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL (http://127.0.0.1:PORT) of a fresh Virtuoso for this test session."""
    server, isql = _installed(SERVER_NAMES), _installed(ISQL_NAMES)
    if server is None or isql is None:
        pytest.skip("OpenLink Virtuoso is not installed (apt install virtuoso-opensource-7-bin: "
                    "virtuoso-t and isql-vt)")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port = http_port = shared.free_port()
    while http_port == sql_port:
        http_port = shared.free_port()
    (folder / "virtuoso.ini").write_text(
        INI.format(folder=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    with open(folder / "server.log", "wb") as log:
        process = subprocess.Popen([server, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
                                   cwd=folder, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    try:
        shared.wait_until_answers(f"{base}/sparql?query=ASK%7B%7D", process, seconds=120)
        _prepare(isql, sql_port, folder)
        yield base
    finally:
        shared.stop_process(process, grace=20)  # Virtuoso checkpoints on SIGTERM


@pytest.fixture
def virtuoso_store(virtuoso_server: str) -> Iterator[RemoteStore]:
    """A RemoteStore on the session's Virtuoso (/sparql for queries and updates), emptied first."""
    store = RemoteStore(f"{virtuoso_server}/sparql")
    for graph in store.graphs():
        store.drop_graph(graph)
    assert store.graphs() == [], "the Virtuoso store could not be emptied"
    with store:
        yield store
