"""Public queries under limits: a time limit, a row cap and a bounded number running at once.

pyoxigraph cannot cancel a running query, so on an on-disk store each public query runs in a
worker process that opens the store read-only; a query over the time limit has its worker
killed (SIGKILL) and a fresh one started, and the other workers keep answering. Workers run
at a lower CPU priority than the server, so page views go first. An in-memory or remote store
cannot be shared with another process: its queries run in a thread of the server, and a query
over the limit is answered with the time-out error while its thread runs on to the end (remote:
until the HTTP time-out); the slot it holds is freed only then, which still bounds the load.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection

import pyoxigraph as ox

from .capped import Capped, capped
from .errors import QueryError, StoreError, UnionKGError

__all__ = ["QueryTimeout", "QueryBusy", "QueryPool", "ThreadRunner", "store_signature", "open_read_only"]

WORKER_NICENESS = 5  # above the server's priority, so heavy queries yield the CPU to page views


class QueryTimeout(UnionKGError):
    """A query ran over the time limit and was stopped."""


class QueryBusy(UnionKGError):
    """Every query slot stayed busy for longer than a request may wait."""


def store_signature(path: str) -> tuple:
    """What changes on disk when a writer commits to the store: names, sizes and times of its files."""
    try:
        entries = sorted(os.scandir(path), key=lambda entry: entry.name)
        return tuple((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in entries if e.is_file())
    except OSError:
        return ()


def open_read_only(path: str) -> ox.Store:
    """A read-only pyoxigraph store on `path` (the folder must hold a store)."""
    try:
        return ox.Store.read_only(path)
    except OSError as error:
        raise StoreError(f"cannot open store {path} read-only: {error}") from None


def run_query(db: ox.Store, query: str, media_type: str, max_rows: int) -> Capped:
    """Run a read query on a pyoxigraph store and serialise at most `max_rows` of its result."""
    try:
        result = db.query(query, use_default_graph_as_union=True)
        return capped(result, media_type, max_rows)
    except (SyntaxError, RuntimeError, ValueError) as error:
        raise QueryError(f"{error}; query: {query[:200]}") from None


def _worker(conn: Connection, path: str) -> None:
    """A worker process: answer (query, media type, max rows) requests until the pipe closes."""
    os.nice(WORKER_NICENESS)
    db, signature = None, None
    while True:
        try:
            query, media_type, max_rows = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        try:
            now = store_signature(path)
            if db is None or now != signature:  # a writer committed: read its data
                db, signature = open_read_only(path), now
            try:
                reply = ("ok", run_query(db, query, media_type, max_rows))
            except OSError:  # a file the old view used was compacted away: look again
                db, signature = open_read_only(path), store_signature(path)
                reply = ("ok", run_query(db, query, media_type, max_rows))
        except QueryError as error:
            reply = ("query", str(error))
        except (StoreError, OSError) as error:
            reply = ("store", f"store {path}: {error}")
        conn.send(reply)


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, path: str) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, path), daemon=True, name="unionkg-query")
        self.process.start()
        child.close()

    def stop(self) -> None:
        """Kill the process at once (a runaway query cannot be asked to stop) and reap it."""
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """`size` worker processes reading the on-disk store at `path`, each query under `timeout` seconds."""

    def __init__(self, path: str, size: int = 2, timeout: float = 10.0, max_rows: int = 10_000,
                 wait: float | None = None) -> None:
        self.path, self.timeout, self.max_rows = path, timeout, max_rows
        self.wait = timeout if wait is None else wait
        self._idle: queue.Queue[_Worker] = queue.Queue()
        for _ in range(size):
            self._idle.put(_Worker(path))

    def run(self, query: str, media_type: str) -> Capped:
        """The capped, serialised result of `query`, or QueryTimeout, QueryBusy, QueryError, StoreError."""
        try:
            worker = self._idle.get(timeout=self.wait)
        except queue.Empty:
            raise QueryBusy(f"all query slots stayed busy for {self.wait:g} s; try again shortly") from None
        try:
            worker.conn.send((query, media_type, self.max_rows))
            if not worker.conn.poll(self.timeout):
                worker.stop()
                worker = _Worker(self.path)
                raise QueryTimeout(f"query stopped after the time limit of {self.timeout:g} s")
            kind, value = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as error:
            worker.stop()
            worker = _Worker(self.path)
            raise StoreError(f"the query worker for {self.path} failed: {error or type(error).__name__}") from None
        finally:
            self._idle.put(worker)
        if kind == "query":
            raise QueryError(value)
        if kind == "store":
            raise StoreError(value)
        return value

    def close(self) -> None:
        """Stop every idle worker."""
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                return


class ThreadRunner:
    """Queries in threads of this process (in-memory and remote stores): answered or timed out, never cancelled."""

    def __init__(self, run: Callable[[str, str, int], Capped], size: int = 2, timeout: float = 10.0,
                 max_rows: int = 10_000, wait: float | None = None) -> None:
        self._run, self.timeout, self.max_rows = run, timeout, max_rows
        self.wait = timeout if wait is None else wait
        self._slots = threading.BoundedSemaphore(size)

    def run(self, query: str, media_type: str) -> Capped:
        """The capped result, or QueryTimeout while the query's thread runs on holding its slot."""
        if not self._slots.acquire(timeout=self.wait):
            raise QueryBusy(f"all query slots stayed busy for {self.wait:g} s; try again shortly")
        outcome: dict[str, object] = {}
        done = threading.Event()

        def work() -> None:
            try:
                outcome["value"] = self._run(query, media_type, self.max_rows)
            except UnionKGError as error:
                outcome["error"] = error
            finally:
                done.set()
                self._slots.release()

        threading.Thread(target=work, daemon=True, name="unionkg-query").start()
        if not done.wait(self.timeout):
            raise QueryTimeout(f"query abandoned after the time limit of {self.timeout:g} s "
                               "(it cannot be stopped on an in-memory or remote store)")
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        return outcome["value"]  # type: ignore[return-value]

    def close(self) -> None:
        """Nothing to stop: threads end with their queries."""
