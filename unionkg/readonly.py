"""A read-only view of an on-disk store that follows a writer in another process.

`unionkg serve` reads the store this way, so that `unionkg ingest` can write to it at the same
time: no lock is taken, and the view is reopened when the store's files change (checked at
most once every `recheck` seconds), so readers see each article once its graph is committed.
pyoxigraph calls reading during a write undefined: a file the old view needs may be compacted
away, so a failed read reopens the view and is tried once more.
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Mapping

import pyoxigraph as ox

from .errors import StoreError
from .guard import open_read_only, store_signature
from .store import EmbeddedStore, Term

__all__ = ["ReadOnlyStore"]


class ReadOnlyStore(EmbeddedStore):
    """An embedded on-disk store opened read-only, reopened when another process commits."""

    def __init__(self, path: str, recheck: float = 1.0) -> None:
        if not os.path.exists(os.path.join(path, "CURRENT")):
            EmbeddedStore(path).close()  # an empty store to read, so serve can start before ingest
        self.path, self.recheck = path, recheck
        self._lock = threading.Lock()
        self._signature = store_signature(path)
        self._checked = time.monotonic()
        self._store = open_read_only(path)

    @property
    def _db(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"store {self.path} is closed")
        if time.monotonic() - self._checked >= self.recheck:
            self.refresh()
        return self._store

    def refresh(self, force: bool = False) -> None:
        """Reopen the view if the store's files changed since it was opened (or if `force`)."""
        with self._lock:
            self._checked = time.monotonic()
            now = store_signature(self.path)
            if force or now != self._signature:
                self._store, self._signature = open_read_only(self.path), now

    def version(self) -> tuple:
        """The store's files as last seen (checked as reads are): they change when a writer commits."""
        self._db  # noqa: B018 (rechecks the files when `recheck` has passed)
        return self._signature

    def _query(self, query: str, bindings: Mapping[str, Term] | None) -> object:
        try:
            return super()._query(query, bindings)
        except StoreError:
            self.refresh(force=True)
            return super()._query(query, bindings)

    def _update(self, update: str) -> None:
        raise StoreError(f"store {self.path} is open read-only here; write with `unionkg ingest`")

    def replace_graphs(self, *args: object, **kwargs: object) -> None:
        """Refused: this view never writes (nor marks the search index beside the store)."""
        self._update("")

    def drop_graph(self, *args: object, **kwargs: object) -> None:
        """Refused: this view never writes."""
        self._update("")

    def close(self) -> None:
        """Release the view (nothing to flush) and whatever the embedded store holds beside it."""
        self._store = None
        super().close()
