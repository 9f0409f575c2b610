"""The query runner of the app: /sparql queries under the time limit, row cap and slot count.

Config keys (see DEFAULTS in webui/__init__.py): UNIONKG_QUERY_TIMEOUT (seconds),
UNIONKG_MAX_ROWS (rows or triples per result), UNIONKG_QUERY_WORKERS (queries at once),
UNIONKG_QUERY_WAIT (seconds a query waits for a slot).
The runner starts on the first /sparql query, so apps that never get one start no process.
"""
from __future__ import annotations

import threading

from flask import Flask, current_app

from ..capped import Capped
from ..guard import QueryPool, ThreadRunner
from ..store import EmbeddedStore, Store

__all__ = ["query_runner"]

_starting = threading.Lock()


def query_runner() -> QueryPool | ThreadRunner:
    """The runner of the current app, started on first use."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    runner = app.extensions.get("unionkg_runner")
    if runner is None:
        with _starting:
            runner = app.extensions.get("unionkg_runner") or _start(app)
            app.extensions["unionkg_runner"] = runner
    return runner


def _start(app: Flask) -> QueryPool | ThreadRunner:
    """Worker processes for an on-disk store; threads for an in-memory or remote one."""
    store: Store = app.extensions["unionkg_store"]
    limits = {"size": int(app.config["UNIONKG_QUERY_WORKERS"]), "timeout": float(app.config["UNIONKG_QUERY_TIMEOUT"]),
              "max_rows": int(app.config["UNIONKG_MAX_ROWS"]), "wait": app.config["UNIONKG_QUERY_WAIT"]}
    if isinstance(store, EmbeddedStore) and store.path:
        return QueryPool(store.path, **limits)
    if isinstance(store, EmbeddedStore):
        from ..capped import capped
        return ThreadRunner(lambda query, media, rows: capped(store._query(query, None), media, rows), **limits)

    def remote(query: str, media_type: str, rows: int) -> Capped:
        body, content_type = store.serialize_query(query, media_type)  # the server's own limits apply
        return Capped(body, content_type)
    return ThreadRunner(remote, **limits)
