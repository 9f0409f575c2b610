"""Turn a SourceDocument into an Article: normalised text without site chrome, title, date, site."""
from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from unionkg.errors import InputError
from unionkg.loaders.dates import is_date_line, parse_date
from unionkg.loaders.htmltext import parse_html
from unionkg.loaders.model import Article, SourceDocument
from unionkg.ontology.namespaces import fold

__all__ = ["clean_document", "normalise_text", "split_paragraphs", "load_rules", "parse_date"]

_HERE = Path(__file__).resolve().parent
# Vietnamese letters by case, for the {UP}/{LO} placeholders of the rule files.
_UP = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_LO = _UP.lower()

_LINE_BREAKS = re.compile(r"\r\n?|[\v\f\x85\u2028\u2029]")
_SPACE_LIKE = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Zero-width and soft-hyphen characters, and C0 controls other than \n: invisible, they only break matching.
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x09\x0b-\x1f\x7f]")
_SPACE_RUNS = re.compile(r" {2,}")
_BULLET = re.compile(r"^[•·▪◦►▶»›◆■□●○*+\-–—]+\s*")
_SENTENCE_END = re.compile(r"[.!?…:;][\"”’»)\]]*$")
_INNER_SENTENCE = re.compile(rf"[.!?]\s+[{_UP}]")
_DOMAIN = r"(?:[a-z0-9][a-z0-9-]*\.)+(?:vn|com|net|org|gov|edu|info|int|news|online|asia)"
_LEAD_SITE = re.compile(rf"^\(?({_DOMAIN})\)?\s*[-–—:]\s+(?=\S)", re.IGNORECASE)
# Closing credits: "(BBT dẫn tin từ hcma.vn)", "Theo Vusta", "Nguồn: https://...", "(Theo báo Lao Động)".
_CREDIT = re.compile(
    r"\(?\s*(?:[\w/ ]{0,20}?\b(?:dẫn|lấy|đăng lại|trích|lược)\s+(?:tin|bài|nguồn)?\s*(?:từ|theo)"
    r"|theo|nguồn(?:\s+tin|\s+bài)?)\s*:?\s+(?P<site>[^(),;]{2,80}?)\s*\)?\.?",
    re.IGNORECASE,
)
_TITLE_SCAN = 12      # a page's title is among its first lines once the chrome is gone
_SHORT_TITLE = 5      # headlines are longer; a shorter first line may be a section label above the title
_DATE_WINDOW = 8      # the publication date line sits just under the title (or above it)
_CREDIT_WINDOW = 4    # closing credits sit in the last lines
_CAPTION_WORDS = 80   # an accent-less caption repeats at most this many words of another line before "-Hinh-2"
# An all-caps line at the top is a site banner unless it reads like a headline (a number or an event word).
_CAPS_TITLE_WORDS = frozenset(("hoi nghi", "dai hoi", "to chuc", "trien khai", "quan triet", "tong ket", "so ket",
                               "ky niem", "trao", "tham", "phat dong", "hop", "ky ket", "tap huan", "thuc hien"))


def clean_document(doc: SourceDocument) -> Article:
    """Clean one document into an Article, or raise InputError when no article text is left."""
    page = parse_html(doc.body) if doc.media == "html" else None
    lines = split_paragraphs(normalise_text(page.text if page else doc.body))
    lines = _drop_top_banner(_drop_chrome(lines))
    given = _normalise_line(doc.title or (page.title if page else None) or "")
    title, before, after = _split_title(lines, given)
    line_date, body = _take_date_line(before, after)
    body = _drop_trailing_caps(_drop_related_lists(body))
    lead_site, body = _take_lead_site(body)
    credit_site, body = _take_credit_site(body)
    body = _drop_repeats(_drop_folded_duplicates(body, title), title)
    if not body:
        raise InputError(doc.origin, "no article text after cleaning")
    url = doc.url or (page.url if page else None)
    published = _first_date(doc.published, page.published if page else None) or line_date
    return Article(
        source=doc.source, origin=doc.origin, title=title,
        text="\n\n".join([title, *body] if title else body), published=published,
        site=doc.site or _host(url) or lead_site or credit_site, url=url,
    )


def normalise_text(text: str) -> str:
    """NFC, one kind of line break and space, no invisible characters, single spaces, trimmed lines."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _SPACE_LIKE.sub(" ", _INVISIBLE.sub("", text))
    text = unicodedata.normalize("NFC", text)
    return "\n".join(_SPACE_RUNS.sub(" ", line).strip() for line in text.split("\n"))


def _normalise_line(text: str) -> str:
    """One line normalised like the text (for titles given by a record or page metadata)."""
    return " ".join(normalise_text(text).split())


def split_paragraphs(text: str) -> list[str]:
    """Non-blank lines as paragraphs, re-joining lines hard-wrapped in the middle of a sentence."""
    paragraphs: list[str] = []
    joinable = False
    for line in text.split("\n"):
        if not line:
            joinable = False  # a blank line always ends a paragraph
        elif joinable and line[0].islower():
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
        if line:
            last = paragraphs[-1]
            # Wrapped text breaks long lines between words; captions and headings are short or end a sentence.
            joinable = len(line) >= 40 and not _SENTENCE_END.search(last)
    return paragraphs


@lru_cache(maxsize=None)
def load_rules(name: str) -> tuple[re.Pattern[str], ...]:
    """Compile a rule file beside this module: a regex, a tab and a comment a line; # comments."""
    rules = []
    for number, raw in enumerate((_HERE / name).read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        pattern, tab, comment = raw.partition("\t")
        if not tab or not comment.strip():
            raise ValueError(f"{name}:{number}: expected a regex, a tab and a comment")
        # {UP}/{LO} ask for a letter case, so those rules are case-sensitive.
        cased = "{UP}" in pattern or "{LO}" in pattern
        pattern = pattern.replace("{UP}", f"[{_UP}]").replace("{LO}", f"[{_LO}]")
        rules.append(re.compile(unicodedata.normalize("NFC", pattern), 0 if cased else re.IGNORECASE))
    return tuple(rules)


def _matches(line: str, rule_file: str) -> bool:
    """Whether the whole line (bullet set aside) matches a rule of the file."""
    bare = _BULLET.sub("", line).strip()
    return any(rule.fullmatch(bare) for rule in load_rules(rule_file))


def _is_chrome(line: str) -> bool:
    """A menu, counter, share link, credit or banner line (never a date line)."""
    return not is_date_line(line) and _matches(line, "chrome.tsv")


def _is_related_marker(line: str) -> bool:
    """A line that opens a list of related-article headlines ("Tin liên quan")."""
    return _matches(line, "related.tsv")


def _drop_chrome(lines: list[str]) -> list[str]:
    """Drop the lines that are site chrome."""
    return [line for line in lines if not _is_chrome(line)]


def _is_caps(line: str) -> bool:
    """Whether a line has at least two letters and none of them lower-case."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


def _is_caps_title(line: str) -> bool:
    """An all-caps line that reads like a headline rather than a site name."""
    words = fold(line).split()
    padded = f" {' '.join(words)} "
    return len(words) >= 6 and (any(c.isdigit() for c in line)
                                or any(f" {w} " in padded for w in _CAPS_TITLE_WORDS))


def _drop_top_banner(lines: list[str]) -> list[str]:
    """Drop the all-caps site-name banner block ("CÔNG ĐOÀN ... / ENGLISH NAME") at the top."""
    start = 0
    while start < len(lines) and _is_caps(lines[start]) and not _is_caps_title(lines[start]):
        start += 1
    return lines[start:]


def _not_title(line: str) -> bool:
    """Lines skipped when looking for the title: dates, banners, slogans, labels, box markers."""
    return (is_date_line(line) or (_is_caps(line) and not _is_caps_title(line)) or line.endswith("!")
            or _word_count(line) < 3 or _is_related_marker(line))


def _reads_as_body(line: str) -> bool:
    """A line that is article text, not a headline: the page begins mid-article."""
    words = len(line.split())
    stripped = line.lstrip("…. \"“'(")
    return (line.startswith(("…", "...")) or (stripped[:1].islower()) or words > 60
            or (words >= 12 and (line.endswith(".") and not line.endswith("..")
                                 or bool(_INNER_SENTENCE.search(line)))))


def _split_title(lines: list[str], given: str) -> tuple[str, list[str], list[str]]:
    """The title, the lines above it (dropped) and those below it (the body)."""
    if given:
        return (given, *_split_at_given(lines, given))
    candidates = []
    for index, line in enumerate(lines[:_TITLE_SCAN]):
        if _not_title(line):
            continue
        if _reads_as_body(line):
            break
        candidates.append(index)
        if _word_count(line) >= _SHORT_TITLE or len(candidates) == 2:
            break
    if not candidates:
        return "", [], lines
    # A short line followed by a full headline is a section label ("Chính sách - Pháp luật").
    index = candidates[-1] if _word_count(lines[candidates[-1]]) >= _SHORT_TITLE else candidates[0]
    return lines[index], lines[:index], lines[index + 1:]


def _split_at_given(lines: list[str], given: str) -> tuple[list[str], list[str]]:
    """The lines above and below the line that repeats a title given by the record or page."""
    key = fold(given)
    for index, line in enumerate(lines[:_TITLE_SCAN]):
        found = fold(line)
        if found and (found == key or (key.startswith(found) and len(found.split()) >= 3)):
            return lines[:index], lines[index + 1:]
    return [], lines


def _word_count(line: str) -> int:
    """The number of words with a letter or digit in them."""
    return sum(1 for word in line.split() if any(c.isalnum() for c in word))


def _take_date_line(before: list[str], after: list[str]) -> tuple[dt.date | None, list[str]]:
    """The date of the date line under the title (else the last above it); date lines leave the body."""
    below = [parse_date(line) for line in after[:_DATE_WINDOW]]
    above = [parse_date(line) for line in before]
    found = next((d for d in below if d), None) or next((d for d in reversed(above) if d), None)
    body = [line for line, d in zip(after, below) if d is None] + after[_DATE_WINDOW:]
    return found, body


def _first_date(*values: str | None) -> dt.date | None:
    """The first of the raw date values that parses."""
    for value in values:
        parsed = parse_date(value) if value else None
        if parsed:
            return parsed
    return None


def _drop_related_lists(lines: list[str]) -> list[str]:
    """Drop "Tin liên quan"-like markers and the headlines listed under them."""
    kept: list[str] = []
    in_list = False
    for line in lines:
        if _is_related_marker(line):
            in_list = True
        elif in_list and not _SENTENCE_END.search(line) and len(line.split()) <= 40:
            continue  # a headline: no sentence-final punctuation
        else:
            in_list = False
            kept.append(line)
    return kept


def _drop_trailing_caps(lines: list[str]) -> list[str]:
    """Drop all-caps lines at the very end (headlines of related articles)."""
    end = len(lines)
    while end and _is_caps(lines[end - 1]):
        end -= 1
    return lines[:end]


def _take_lead_site(lines: list[str]) -> tuple[str | None, list[str]]:
    """A lead prefix "hcma.vn - Sáng ngày ..." names the site; the sentence stays without it."""
    match = _LEAD_SITE.match(lines[0]) if lines else None
    if match is None:
        return None, lines
    return match.group(1).lower(), [lines[0][match.end():], *lines[1:]]


def _take_credit_site(lines: list[str]) -> tuple[str | None, list[str]]:
    """A closing credit line ("Theo Vusta", "(... dẫn tin từ hcma.vn)") names the site and leaves."""
    start = max(0, len(lines) - _CREDIT_WINDOW)
    for index in range(len(lines) - 1, start - 1, -1):
        match = _CREDIT.fullmatch(lines[index])
        site = match.group("site").strip() if match else ""
        if site and len(site.split()) <= 6 and not _SENTENCE_END.search(site):
            return _host(site) or site, lines[:index] + lines[index + 1:]
    return None, lines


def _host(value: str | None) -> str | None:
    """The host of a URL or bare domain, lower-cased, without "www."."""
    if not value:
        return None
    if re.fullmatch(_DOMAIN, value.strip(), re.IGNORECASE):
        return value.strip().lower().removeprefix("www.")
    host = urlsplit(value.strip()).hostname if "://" in value else None
    return host.removeprefix("www.") if host else None


def _has_diacritics(line: str) -> bool:
    """Whether a line has a non-ASCII letter (Vietnamese always does, folded captions do not)."""
    return any(c.isalpha() and not c.isascii() for c in line)


def _drop_folded_duplicates(lines: list[str], title: str) -> list[str]:
    """Drop accent-less lines that repeat another line ("Cong doan ... mo rong-Hinh-2")."""
    keys = {fold(line) for line in [title, *lines] if _has_diacritics(line)}
    originals = {key for key in keys if len(key.split()) >= 3}
    ordered = sorted(originals)  # lines starting with a given key are neighbours here: bisect, not a scan
    kept = []
    for line in lines:
        key = "" if _has_diacritics(line) else fold(line)
        if key and (_starts_with_any(key, originals) or _is_start_of_any(key, ordered)):
            continue
        kept.append(line)
    return kept


def _starts_with_any(key: str, originals: set[str]) -> bool:
    """Whether the folded line equals or begins with (whole words of) one of the originals."""
    if key in originals:
        return True
    prefix = ""
    for word in key.split()[:_CAPTION_WORDS]:  # bounded: a huge accent-less line must stay cheap
        prefix = f"{prefix} {word}" if prefix else word
        if prefix in originals:
            return True
    return False


def _is_start_of_any(key: str, ordered: list[str]) -> bool:
    """Whether a folded line of four words or more is the beginning of an original (a cut caption)."""
    if len(key.split()) < 4:
        return False
    index = bisect.bisect_left(ordered, key)
    return index < len(ordered) and ordered[index].startswith(key)


def _drop_repeats(lines: list[str], title: str) -> list[str]:
    """Drop exact repeats of an earlier paragraph or of the title, keeping the first."""
    seen = {title}
    kept = []
    for line in lines:
        if line not in seen:
            seen.add(line)
            kept.append(line)
    return kept
