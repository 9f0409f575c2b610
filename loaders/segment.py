"""Split cleaned article text into sentences and tokens, keeping character offsets."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from unionkg.ontology.namespaces import tone_key

# A token is a word with inner . , / & ("10.11", "PGS,TS", "Đ/c") and dashes only before digits or
# an all-caps code ("02-NQ/TW", "NĐ-CP"), so "III-Công đoàn" splits into "III", "-", "Công";
# or one punctuation character.
_TOKEN = re.compile(r"\w+(?:[./,&]\w+|[-–](?:\d+\b|[A-ZĐ]+\b))*|[^\w\s]", re.UNICODE)

# Sentence ends: . ! ? … followed by space and an upper-case letter, digit or opening quote,
# or a line break. Abbreviations with inner dots ("PGS.TS", "TP.HCM") never have a space after the dot.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[A-ZĐÀ-Ỹ0-9])|\n+")


@functools.lru_cache(maxsize=1 << 16)  # words repeat a lot; the key is on the hot path
def word_key(text: str) -> str:
    """Tone-placement- and case-insensitive key of one word; diacritics kept, so "Đài" is not "Đại"."""
    return tone_key(text)


class Token(NamedTuple):
    """One token with its offsets in the article text, and its word_key (phrase tables look it up at
    every position, so it is computed once here)."""

    text: str
    begin: int
    end: int
    key: str

    @property
    def is_capitalised(self) -> bool:
        """Starts with an upper-case letter (Vietnamese proper names capitalise every syllable)."""
        return self.text[:1].isupper()


@dataclass
class Sentence:
    """One sentence: its text, offsets in the article text and tokens."""

    index: int
    begin: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)

    def span_text(self, start: int, stop: int) -> str:
        """The article text covered by tokens[start:stop], spacing as written."""
        if start >= stop:
            return ""
        return self.text[self.tokens[start].begin - self.begin:self.tokens[stop - 1].end - self.begin]


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text`, with offsets shifted by `offset`."""
    new = tuple.__new__  # Token's generated __new__ is a Python function, slow at one call per token
    return [new(Token, (word, begin, begin + len(word), word_key(word)))
            for word, begin in ((m.group(), m.start() + offset) for m in _TOKEN.finditer(text))]


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of the article text, in order, with tokens."""
    sentences: list[Sentence] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        _append_sentence(sentences, text, start, match.start())
        start = match.end()
    _append_sentence(sentences, text, start, len(text))
    return sentences


def _append_sentence(sentences: list[Sentence], text: str, begin: int, end: int) -> None:
    """Add text[begin:end] as a sentence, trimmed, unless it is blank."""
    chunk = text[begin:end]
    stripped = chunk.strip()
    if not stripped:
        return
    begin += len(chunk) - len(chunk.lstrip())
    end = begin + len(stripped)
    sentences.append(Sentence(len(sentences), begin, end, stripped, tokenize(stripped, begin)))
