"""Read input paths, folders, JSONL files and stdin into SourceDocuments, reporting bad inputs."""
from __future__ import annotations

import codecs
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from unionkg.errors import InputError
from unionkg.loaders.model import SourceDocument

__all__ = ["read_inputs", "count_inputs", "SUPPORTED_SUFFIXES", "decode_bytes"]

# File suffix -> how the file is read ("jsonl" files hold one record a line).
SUPPORTED_SUFFIXES: dict[str, str] = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}

Result = SourceDocument | InputError

# Checked longest first: the UTF-32 LE BOM starts with the UTF-16 LE BOM.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_NUL = b"\x00"
# Old Vietnamese sites sometimes serve windows-1258 or similar; an HTML page may say so itself.
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# A well-formed UTF-8 multi-byte sequence. In UTF-8 with a bad byte nearly all high bytes sit in
# one; in windows-1258 only by chance (a tone mark before a curly quote), so the share tells them apart.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# What windows-1258 Vietnamese is made of beyond ASCII: the letters with a breve, circumflex,
# horn or stroke, and the five combining tone marks the code page writes after a vowel.
_VIETNAMESE = set("ăâđêôơưĂÂĐÊÔƠƯ\u0300\u0301\u0303\u0309\u0323")
_VIETNAMESE_SHARE = 0.5  # of the non-ASCII characters, for bytes to be taken as windows-1258
_VIETNAMESE_MIN = 8  # Vietnamese characters at least: a few stray bytes are not an article
_UTF8_SHARE = 0.2  # of the high bytes inside UTF-8 sequences, above which bytes are broken UTF-8


def read_inputs(paths: Sequence[str], stdin: BinaryIO | None = None,
                max_bytes: int = 5_000_000) -> Iterator[SourceDocument | InputError]:
    """Yield a document or an error for every input, arguments in order, folders sorted."""
    for path in [paths] if isinstance(paths, str) else paths:  # a lone path string is one path
        if path == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
        else:
            yield from _read_path(path, max_bytes)


def count_inputs(paths: Sequence[str]) -> int | None:
    """About how many documents and errors `read_inputs` will yield, for a progress bar: a JSONL
    file counts its lines (blank ones too), any other path one. None when stdin is an input."""
    if "-" in paths:
        return None
    total = 0
    for path in paths:
        if os.path.isdir(path):
            total += sum(1 if isinstance(found, InputError) else _records_in(found)
                         for found in _files_under(path, os.path.realpath(path)))
        else:
            total += _records_in(path) if _suffix(path) in SUPPORTED_SUFFIXES else 1
    return total


def _records_in(path: str) -> int:
    """The number of lines of a JSONL file (read in blocks, not parsed), else 1."""
    if SUPPORTED_SUFFIXES[_suffix(path)] != "jsonl":
        return 1
    lines, last = 0, b"\n"
    try:
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                lines, last = lines + block.count(b"\n"), block[-1:]
    except OSError:
        return 1  # reading it reports the error, one item
    return max(1, lines + (last != b"\n"))


def _read_path(path: str, max_bytes: int) -> Iterator[Result]:
    """One named path: a folder is walked, a file must have a supported suffix."""
    if not os.path.exists(path):
        yield InputError(path, "no such file or directory")
    elif os.path.isdir(path):
        yield from _walk(path, os.path.realpath(path), max_bytes)
    elif _suffix(path) not in SUPPORTED_SUFFIXES:
        wanted = ", ".join(SUPPORTED_SUFFIXES)
        yield InputError(path, f"unsupported file type {_suffix(path) or '(no suffix)'!r} (expected {wanted})")
    else:
        yield from _read_file(path, max_bytes)


def _walk(folder: str, root: str, max_bytes: int) -> Iterator[Result]:
    """Files under a folder, sorted, skipping hidden and unsupported ones and links leaving `root`."""
    for found in _files_under(folder, root):
        if isinstance(found, InputError):
            yield found
        else:
            yield from _read_file(found, max_bytes)


def _files_under(folder: str, root: str) -> Iterator[str | InputError]:
    """The supported files under a folder, sorted, and an error for each folder or link refused."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield InputError(folder, f"cannot list folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            target = os.path.realpath(entry.path)
            if not _inside(target, root):
                yield InputError(entry.path, f"symbolic link points outside {root} (to {target}); not followed")
                continue
            if os.path.isdir(target):
                continue  # its files are inside the walked folder and read there: no duplicates, no loops
        if entry.is_dir():
            yield from _files_under(entry.path, root)
        elif _suffix(entry.name) in SUPPORTED_SUFFIXES and os.path.exists(entry.path):
            yield entry.path


def _inside(target: str, root: str) -> bool:
    """Whether the resolved `target` is `root` or below it."""
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _suffix(name: str) -> str:
    """The lower-cased suffix of a file name ("" if none)."""
    return os.path.splitext(name)[1].lower()


def _read_file(path: str, max_bytes: int) -> Iterator[Result]:
    """Read one supported file into documents (several for JSONL) or one error."""
    if SUPPORTED_SUFFIXES[_suffix(path)] == "jsonl" and not _starts_with_wide_bom(path):
        yield from _stream_jsonl(path, max_bytes)
        return
    try:
        size = os.path.getsize(path)
        if size <= max_bytes:
            with open(path, "rb") as handle:
                data = handle.read(max_bytes + 1)
            size = len(data)  # the file may have grown since it was listed
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")
        return
    if size > max_bytes:
        yield InputError(path, f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes")
        return
    kind = SUPPORTED_SUFFIXES[_suffix(path)]
    text = decode_bytes(data, path, html=kind == "html")
    yield from _documents(text, kind, path, os.path.basename(path))


def _starts_with_wide_bom(path: str) -> bool:
    """Whether a file starts with a UTF-16 or UTF-32 byte-order mark (read whole, not line by line)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
    except OSError:
        return False  # reading it line by line reports the error
    return any(head.startswith(bom) for bom, _ in _BOMS)


def _stream_jsonl(path: str, max_bytes: int) -> Iterator[Result]:
    """A UTF-8 JSONL file a line at a time, so that an archive of any size streams; the limit is per line."""
    name, blank = os.path.basename(path), True
    try:
        with open(path, "rb") as handle:
            for number, line in enumerate(_bounded_lines(handle, max_bytes), start=1):
                if line is None:
                    yield InputError(path, f"record is over the limit of {max_bytes:,} bytes", line=number)
                elif line.strip():
                    blank = False
                    yield _jsonl_line(line[3:] if number == 1 and line.startswith(codecs.BOM_UTF8) else line,
                                      path, name, number)
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")
        return
    if blank:
        yield InputError(path, "empty file (only whitespace)" if os.path.getsize(path) else "empty file")


def _bounded_lines(handle: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """The file's lines; None for a line over `max_bytes`, which is skipped without being held."""
    while line := handle.readline(max_bytes + 1):
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _jsonl_line(data: bytes, origin: str, name: str, number: int) -> Result:
    """The document of one JSONL line's bytes, or why it is not one (with the line number)."""
    text = decode_bytes(data, origin)
    if isinstance(text, InputError):
        return InputError(origin, text.reason, line=number)
    return _jsonl_record(text, origin, name, number)


def _read_stdin(stream: BinaryIO, max_bytes: int) -> Iterator[Result]:
    """Read stdin bytes and sniff JSONL, HTML or text from the first non-space character."""
    origin = "<stdin>"
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield InputError(origin, f"input is over the limit of {max_bytes:,} bytes")
        return
    text = decode_bytes(data, origin, html=data.lstrip()[:1] == b"<")
    first = text.lstrip()[:1] if isinstance(text, str) else ""
    kind = "jsonl" if first == "{" else "html" if first == "<" else "text"
    yield from _documents(text, kind, origin, "stdin")


def _documents(text: str | InputError, kind: str, origin: str, name: str) -> Iterator[Result]:
    """The documents of one decoded input (or its decoding error)."""
    if isinstance(text, InputError):
        yield text
    elif kind == "jsonl":
        yield from _jsonl_documents(text, origin, name)
    else:
        yield SourceDocument(source=name, origin=origin, media=kind, body=text)


def decode_bytes(data: bytes, origin: str, html: bool = False) -> str | InputError:
    """UTF-8 (BOM stripped) or BOM-marked UTF-16/32 text, or the reason it is not readable text."""
    if not data.strip():
        return InputError(origin, "empty file" if not data else "empty file (only whitespace)")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                return InputError(origin, f"not valid {codec.upper()} ({exc.reason} at offset {exc.start})")
            return text if text.strip() else InputError(origin, "empty file (only whitespace)")
    if _NUL in data:
        return InputError(origin, f"binary file (NUL byte at offset {data.find(_NUL)})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        declared = (_declared_charset(data) if html else None) or _windows_1258(data)
        if declared is not None:
            return declared
        return InputError(origin, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})")
    return text if text.strip() else InputError(origin, "empty file (only whitespace)")


def _declared_charset(data: bytes) -> str | None:
    """Decode an HTML page with the non-UTF-8 charset its <meta> declares, if that works."""
    match = _HTML_CHARSET.search(data[:4096])
    if match is None:
        return None
    try:
        return data.decode(match.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


def _windows_1258(data: bytes) -> str | None:
    """The text of Vietnamese windows-1258 bytes (in NFC), or None when they do not look like it."""
    high = sum(byte > 127 for byte in data)
    if sum(len(match) for match in _UTF8_SEQUENCE.findall(data)) > _UTF8_SHARE * high:
        return None
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return None
    foreign = [char for char in text if ord(char) > 127]
    vietnamese = sum(char in _VIETNAMESE for char in foreign)
    if vietnamese < _VIETNAMESE_MIN or vietnamese < _VIETNAMESE_SHARE * len(foreign):
        return None
    return unicodedata.normalize("NFC", text)


def _jsonl_documents(text: str, origin: str, name: str) -> Iterator[Result]:
    """One document per non-blank JSONL line; a bad line fails alone."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _jsonl_record(line, origin, name, number)


def _jsonl_record(line: str, origin: str, name: str, number: int) -> Result:
    """Build the document of one JSONL line, or the error that says why it is not one."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(origin, f"invalid JSON: {exc.msg} (column {exc.colno})", line=number)
    if not isinstance(record, dict):
        return InputError(origin, f"record is a JSON {type(record).__name__}, not an object", line=number)
    text, media = _record_body(record)
    if text is None:
        return InputError(origin, 'record has no text (expected a non-empty "text" or "html" string)', line=number)
    url = _string(record, "url")
    source = _string(record, "source") or url or f"{name}#{number}"
    return SourceDocument(
        source=source, origin=f"{origin}:{number}", media=media, body=text,
        title=_string(record, "title"), published=_string(record, "published"),
        url=url, site=_string(record, "site"),
    )


def _record_body(record: dict) -> tuple[str | None, str]:
    """The record's article body and its media: "text" first, else "html"."""
    for key, media in (("text", "text"), ("html", "html")):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value, media
    return None, "text"


def _string(record: dict, key: str) -> str | None:
    """A non-blank string field of a record, stripped (other types are ignored)."""
    value = record.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None
