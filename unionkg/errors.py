"""Errors that carry the bad value and where it came from."""
from __future__ import annotations


class UnionKGError(Exception):
    """Base class of the errors unionkg reports to users as one clear line."""


class InputError(UnionKGError):
    """An input file, record or line that cannot be read as an article."""

    def __init__(self, origin: str, reason: str, line: int | None = None) -> None:
        self.origin = origin
        self.reason = reason
        self.line = line
        where = f"{origin}:{line}" if line is not None else origin
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):
        # Workers of a parallel ingest send these back and forth; the default pickling would call
        # __init__ with the message alone, and the pool would hang on the failed unpickling.
        return InputError, (self.origin, self.reason, self.line)


class StoreError(UnionKGError):
    """The store could not be opened, read or written."""


class QueryError(UnionKGError):
    """A SPARQL query that is malformed or refused."""
