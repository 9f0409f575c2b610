"""Rows of slow page queries, kept across requests while the store's data is unchanged.

A hub's page lists every act, post or value of the hub before it cuts a page of 50 rows: at 34M
quads the directive acted on most spends 17.6 s listing its 44,406 acts, and each further page of
them, and the page's `.json` twin, listed them again. Rows of a query that took at least
`UNIONKG_SLOW_RESULTS_SECONDS` are kept here, keyed on the store's version token
(`Store.version()`: a write counter in process, the files of a store another process writes), so
the next request for the same query and values reads them instead, and the first write after
makes them unreachable. A store whose version cannot be known (a SPARQL server others write to)
keeps nothing. At most `UNIONKG_SLOW_RESULTS_ROWS` rows are kept in all, the least recently used
dropped first.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from ..store import Store

Rows = list[dict[str, Any]]


class SlowResults:
    """The rows of slow queries for one store version, least recently used dropped past a bound."""

    def __init__(self, slow_seconds: float, max_rows: int) -> None:
        self.slow_seconds, self.max_rows = slow_seconds, max_rows
        self._kept: OrderedDict[Hashable, Rows] = OrderedDict()
        self._version: Hashable | None = None
        self._rows = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0  # for tests and for whoever tunes the two settings

    def rows(self, store: Store, key: Hashable, run: Callable[[], Rows]) -> Rows:
        """The rows of `key` for the store as it is now: kept ones, else `run()`, kept if slow."""
        version = store.version() if self.max_rows > 0 else None
        if version is None:
            return run()
        with self._lock:
            if version != self._version:  # the data changed: nothing kept can be shown
                self._kept.clear()
                self._version, self._rows = version, 0
            if key in self._kept:
                self.hits += 1
                self._kept.move_to_end(key)
                return self._kept[key]
            self.misses += 1
        start = time.perf_counter()
        rows = run()
        if time.perf_counter() - start >= self.slow_seconds and len(rows) <= self.max_rows:
            self._keep(version, key, rows)
        return rows

    def _keep(self, version: Hashable, key: Hashable, rows: Rows) -> None:
        """Keep `rows` if the store is still at `version`, dropping the least recently used past the bound."""
        with self._lock:
            if version != self._version or key in self._kept:
                return
            self._kept[key] = rows
            self._rows += len(rows)
            while self._rows > self.max_rows:
                _, dropped = self._kept.popitem(last=False)
                self._rows -= len(dropped)


def init_app(app) -> None:
    """Give the app its store of slow results, from its two settings."""
    app.extensions["unionkg_slow_results"] = SlowResults(
        float(app.config["UNIONKG_SLOW_RESULTS_SECONDS"]), int(app.config["UNIONKG_SLOW_RESULTS_ROWS"]))
