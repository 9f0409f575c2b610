"""Rules as data: load the tables beside this module and match their phrases on tokens."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from ..segment import Token
from ..segment import word_key as _word_key


def _rows(name: str) -> list[list[str]]:
    """Rows of a data file: tab-separated fields, '#' starts a comment, blank lines skipped."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        fields = []
        for field in line.split("\t"):
            if field.lstrip().startswith("#"):
                break
            fields.append(field.strip())
        if fields and fields[0]:
            rows.append(fields)
    return rows


@dataclass(frozen=True)
class PhraseMatch:
    """A phrase of a table found at tokens[start:stop], with the row's other fields."""

    start: int
    stop: int
    phrase: str
    fields: tuple[str, ...]


class PhraseTable:
    """Phrases of a data file, matched longest-first on folded token keys."""

    def __init__(self, rows: list[list[str]], capitalised: bool = False) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str, tuple[str, ...]]]] = {}
        self._capitalised = capitalised
        for row in rows:
            keys = tuple(_word_key(w) for w in row[0].split())
            entry = (keys, row[0], tuple(row[1:]))
            self._by_first.setdefault(keys[0], []).append(entry)
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))

    def match_at(self, tokens: list[Token], i: int) -> PhraseMatch | None:
        """The longest phrase starting at tokens[i], or None."""
        if i >= len(tokens):
            return None
        first = tokens[i]
        if self._capitalised and not first.text[:1].isupper():
            return None
        entries = self._by_first.get(first.key)
        return self._longest(tokens, i, entries) if entries else None

    @staticmethod
    def _longest(tokens: list[Token], i: int, entries: list) -> PhraseMatch | None:
        """The first (longest) of the entries sharing tokens[i]'s key whose other words follow it."""
        for keys, phrase, fields in entries:
            stop = i + len(keys)
            if stop <= len(tokens) and all(tokens[i + k].key == keys[k] for k in range(1, len(keys))):
                return PhraseMatch(i, stop, phrase, fields)
        return None

    def find_all(self, tokens: list[Token]) -> list[PhraseMatch]:
        """Non-overlapping matches, left to right."""
        found, i, count = [], 0, len(tokens)
        by_first, capitalised = self._by_first, self._capitalised
        while i < count:
            first = tokens[i]
            entries = by_first.get(first.key)
            m = self._longest(tokens, i, entries) if entries and (
                not capitalised or first.text[:1].isupper()) else None
            if m:
                found.append(m)
                i = m.stop
            else:
                i += 1
        return found


@functools.cache
def table(name: str, capitalised: bool = False) -> PhraseTable:
    """The phrase table of a data file, loaded once."""
    return PhraseTable(_rows(name), capitalised)


@functools.cache
def word_set(name: str) -> frozenset[str]:
    """The keyed first fields of a data file, as a set (look words up with `word_key`)."""
    return frozenset(_word_key(row[0]) for row in _rows(name))


@functools.cache
def phrase_set(name: str) -> frozenset[str]:
    """The keyed phrases of a data file, as a set (look phrases up with `phrase_key`)."""
    return frozenset(phrase_key(row[0]) for row in _rows(name))


def phrase_key(text: str) -> str:
    """The key of a phrase: word keys joined by single spaces."""
    return " ".join(_word_key(w) for w in text.split())


@functools.cache
def mapping(name: str) -> dict[str, tuple[str, ...]]:
    """First field -> the other fields, for small lookup tables."""
    return {row[0]: tuple(row[1:]) for row in _rows(name)}


word_key = _word_key

ORG_HEADS = "org_heads.tsv"
ROLES = "roles.tsv"
ACTS = "acts.tsv"
DOC_TYPES = "doc_types.tsv"
EVENT_TYPES = "event_types.tsv"
PARTICIPANT_CUES = "participant_cues.tsv"
HONORIFICS = "honorifics.txt"
SURNAMES = "surnames.txt"
NAME_STOPS = "name_stops.txt"
NAME_TAILS = "name_tails.txt"
PROTECTED = "protected_names.txt"
ISSUER_CODES = "issuer_codes.tsv"
POST_CUES = "post_cues.txt"
GENERIC_NAMES = "generic_names.txt"
RETROSPECTIVE_CUES = "retrospective_cues.txt"
ABBREVIATIONS = "abbreviations.tsv"
