"""The records that flow between pipeline steps."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class SourceDocument:
    """One article as read from a file, a JSONL record or stdin, before cleaning."""

    source: str                 # the article's key in the facts format: file name, or URL/source of a record
    origin: str                 # where it came from, for messages: a path, "path:line" or "<stdin>"
    media: str                  # "text" or "html"
    body: str                   # decoded text (NFC not yet applied) or HTML
    title: str | None = None    # given by the record (JSONL), else found by cleaning
    published: str | None = None  # as given by the record, raw
    url: str | None = None
    site: str | None = None


@dataclass(frozen=True)
class Article:
    """One cleaned article: NFC text with the site chrome dropped."""

    source: str
    origin: str
    title: str
    text: str                   # title, a blank line, then the cleaned body; evidence offsets point here
    published: dt.date | None = None
    site: str | None = None
    url: str | None = None
