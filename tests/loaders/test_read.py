"""Tests of loaders/read.py: files, folders, JSONL, stdin and every kind of bad input."""
from __future__ import annotations

import codecs
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unionkg.errors import InputError
from unionkg.loaders.model import SourceDocument
from unionkg.loaders.read import count_inputs, read_inputs

ARTICLE = "Liên đoàn Lao động tỉnh Nghệ An tổ chức hội nghị\n\nSáng 12/3, hội nghị đã diễn ra tại Vinh.\n"


def _read(*paths: str | Path, stdin: bytes | None = None, max_bytes: int = 5_000_000) -> list:
    """All results of read_inputs as a list."""
    stream = io.BytesIO(stdin) if stdin is not None else None
    return list(read_inputs([str(p) for p in paths], stdin=stream, max_bytes=max_bytes))


def _one_error(results: list) -> InputError:
    """The single result, which must be an InputError."""
    assert len(results) == 1 and isinstance(results[0], InputError), results
    return results[0]


# --- plain files -----------------------------------------------------------------------------

def test_text_file_is_a_text_document_named_by_its_base_name(tmp_path: Path) -> None:
    path = tmp_path / "bai_01.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [doc] = _read(path)
    assert doc == SourceDocument(source="bai_01.txt", origin=str(path), media="text", body=ARTICLE)


@pytest.mark.parametrize("name", ["trang.html", "trang.htm", "TRANG.HTML"])
def test_html_files_are_html_documents(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("<html><body><p>Công đoàn cơ sở họp.</p></body></html>", encoding="utf-8")
    [doc] = _read(path)
    assert (doc.media, doc.source) == ("html", name)


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"))
    [doc] = _read(path)
    assert doc.body == ARTICLE


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(tmp_path: Path, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    path = tmp_path / "u16.txt"
    path.write_bytes(bom + ARTICLE.encode(codec))
    [doc] = _read(path)
    assert doc.body == ARTICLE


def test_html_in_a_declared_legacy_charset_is_decoded(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1258"></head><body><p>Công đoàn</p></body></html>'
    path = tmp_path / "cu.html"
    path.write_bytes(page.encode("cp1258"))  # "ô", "đ", "à" are single bytes there, not UTF-8
    [doc] = _read(path)
    assert "<p>Công đoàn</p>" in doc.body


# --- bad files -------------------------------------------------------------------------------

def test_missing_path_is_an_error(tmp_path: Path) -> None:
    error = _one_error(_read(tmp_path / "khong_co.txt"))
    assert error.origin == str(tmp_path / "khong_co.txt") and "no such file" in error.reason


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_or_blank_file_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "rong.txt"
    path.write_bytes(content)
    assert "empty file" in _one_error(_read(path)).reason


def test_binary_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "anh.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    error = _one_error(_read(path))
    assert "binary" in error.reason and "offset 8" in error.reason


def test_oversized_file_reports_size_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "dai.txt"
    path.write_text("Công đoàn " * 200, encoding="utf-8")
    size = path.stat().st_size
    error = _one_error(_read(path, max_bytes=1000))
    assert f"{size:,}" in error.reason and "1,000" in error.reason


def test_file_exactly_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "vua.txt"
    path.write_bytes(b"a" * 1000)
    [doc] = _read(path, max_bytes=1000)
    assert isinstance(doc, SourceDocument)


def test_invalid_utf8_reports_byte_and_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Công đoàn".encode("utf-8") + b" caf\xe9 ok")
    error = _one_error(_read(path))
    offset = len("Công đoàn".encode("utf-8")) + 4
    assert error.reason == f"not valid UTF-8 (byte 0xe9 at offset {offset})"


def test_unsupported_file_named_explicitly_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bao_cao.pdf"
    path.write_bytes(b"%PDF-1.4")
    error = _one_error(_read(path))
    assert "unsupported file type '.pdf'" in error.reason


def test_error_message_names_the_origin(tmp_path: Path) -> None:
    path = tmp_path / "rong.txt"
    path.write_bytes(b"")
    assert str(_one_error(_read(path))).startswith(f"{path}: ")


# --- folders ---------------------------------------------------------------------------------

def test_folder_is_walked_recursively_sorted_skipping_hidden_and_other_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".an").mkdir()
    for rel in ("b/2.txt", "a.html", "b/1.htm", "c.txt", ".an/x.txt", ".an.txt", "ghi_chu.md", "b/anh.jpg"):
        (tmp_path / rel).write_text(ARTICLE, encoding="utf-8")
    results = _read(tmp_path)
    assert [r.origin for r in results] == [str(tmp_path / p) for p in ("a.html", "b/1.htm", "b/2.txt", "c.txt")]
    assert all(isinstance(r, SourceDocument) for r in results)


def test_arguments_are_read_in_the_order_given(tmp_path: Path) -> None:
    for name in ("z.txt", "a.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    results = _read(tmp_path / "z.txt", tmp_path / "missing.txt", tmp_path / "a.txt")
    assert [type(r).__name__ for r in results] == ["SourceDocument", "InputError", "SourceDocument"]
    assert [r.origin for r in results][::2] == [str(tmp_path / "z.txt"), str(tmp_path / "a.txt")]


def test_errors_inside_a_folder_do_not_stop_the_walk(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_bytes(b"")
    (tmp_path / "2.txt").write_text(ARTICLE, encoding="utf-8")
    results = _read(tmp_path)
    assert isinstance(results[0], InputError) and isinstance(results[1], SourceDocument)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_symlink_outside_the_folder_is_reported_and_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "ngoai.txt"
    outside.write_text(ARTICLE, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "that.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "link.txt").symlink_to(outside)
    (corpus / "linkdir").symlink_to(tmp_path)
    results = _read(corpus)
    errors = [r for r in results if isinstance(r, InputError)]
    docs = [r for r in results if isinstance(r, SourceDocument)]
    assert [d.source for d in docs] == ["that.txt"]
    assert sorted(Path(e.origin).name for e in errors) == ["link.txt", "linkdir"]
    assert all("outside" in e.reason for e in errors)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_symlink_inside_the_folder_is_followed(tmp_path: Path) -> None:
    (tmp_path / "goc").mkdir()
    (tmp_path / "goc" / "bai.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "moi.txt").symlink_to(tmp_path / "goc" / "bai.txt")
    (tmp_path / "vong").symlink_to(tmp_path)  # a loop back to the root: not walked twice
    docs = _read(tmp_path)
    assert [d.source for d in docs] == ["bai.txt", "moi.txt"]


# --- JSONL -----------------------------------------------------------------------------------

def _jsonl(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "tin.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_records_become_documents_with_their_fields(tmp_path: Path) -> None:
    record = {"text": ARTICLE, "title": "Hội nghị", "published": "2021-01-18", "url": "https://ldld.vn/a.html"}
    path = _jsonl(tmp_path, json.dumps(record, ensure_ascii=False))
    [doc] = _read(path)
    assert doc == SourceDocument(source="https://ldld.vn/a.html", origin=f"{path}:1", media="text", body=ARTICLE,
                                 title="Hội nghị", published="2021-01-18", url="https://ldld.vn/a.html")


def test_jsonl_source_prefers_source_then_url_then_name_and_line(tmp_path: Path) -> None:
    path = _jsonl(tmp_path,
                  json.dumps({"text": "Một", "source": "bai-1", "url": "https://x.vn/1"}),
                  "",
                  json.dumps({"text": "Hai", "url": "https://x.vn/2"}),
                  json.dumps({"text": "Ba"}))
    assert [d.source for d in _read(path)] == ["bai-1", "https://x.vn/2", "tin.jsonl#4"]


def test_jsonl_html_record_is_html(tmp_path: Path) -> None:
    [doc] = _read(_jsonl(tmp_path, json.dumps({"html": "<p>Công đoàn</p>"})))
    assert (doc.media, doc.body) == ("html", "<p>Công đoàn</p>")


def test_jsonl_bad_line_fails_alone_with_its_line_number(tmp_path: Path) -> None:
    path = _jsonl(tmp_path,
                  json.dumps({"text": "Dòng một"}),
                  json.dumps({"text": "Dòng hai"}),
                  '{"text": "thiếu ngoặc"',
                  json.dumps({"text": "Dòng bốn"}))
    results = _read(path)
    assert [type(r).__name__ for r in results] == ["SourceDocument", "SourceDocument", "InputError", "SourceDocument"]
    error = results[2]
    assert error.line == 3 and error.reason.startswith("invalid JSON: ")
    assert str(error).startswith(f"{path}:3: invalid JSON")
    assert results[3].origin == f"{path}:4"


@pytest.mark.parametrize("line, words", [
    ('["một", "hai"]', "not an object"),
    ('"chỉ là chuỗi"', "not an object"),
    ('{"title": "Không có nội dung"}', "no text"),
    ('{"text": "   "}', "no text"),
    ('{"text": 42}', "no text"),
])
def test_jsonl_record_without_text_or_not_an_object_is_an_error(tmp_path: Path, line: str, words: str) -> None:
    error = _one_error(_read(_jsonl(tmp_path, line)))
    assert words in error.reason and error.line == 1


def test_jsonl_over_the_size_limit_streams_and_the_limit_holds_per_record(tmp_path: Path) -> None:
    small = [json.dumps({"text": f"Bài {i}: " + "công đoàn " * 20}, ensure_ascii=False) for i in range(40)]
    path = _jsonl(tmp_path, *small[:20], json.dumps({"text": "x" * 3000}), *small[20:])
    results = _read(path, max_bytes=2000)  # the file is about 10 kB: over the limit as a whole
    errors = [r for r in results if isinstance(r, InputError)]
    assert len(results) == 41 and len(errors) == 1
    assert (errors[0].line, errors[0].reason) == (21, "record is over the limit of 2,000 bytes")
    assert results[21].origin == f"{path}:22" and results[21].body.startswith("Bài 20:")


def test_jsonl_line_that_is_not_utf8_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "tin.jsonl"
    path.write_bytes(codecs.BOM_UTF8 + b'{"text": "M\xe1\xbb\x99t"}\n{"text": "\xc3\x28"}\n{"text": "Ba"}\n')
    results = _read(path)
    assert [getattr(r, "body", None) for r in results] == ["Một", None, "Ba"]
    assert results[1].line == 2 and "not valid UTF-8" in results[1].reason


def test_jsonl_record_may_hold_a_line_separator_character(tmp_path: Path) -> None:
    # JSON allows U+2028 unescaped inside a string; only a newline ends a record.
    path = _jsonl(tmp_path, json.dumps({"text": "Một\u2028hai"}, ensure_ascii=False), json.dumps({"text": "Ba"}))
    assert [d.body for d in _read(path)] == ["Một\u2028hai", "Ba"]


@pytest.mark.parametrize("data, words", [(b"", "empty file"), (b"\n  \n", "only whitespace")])
def test_blank_jsonl_file_is_one_error(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "tin.jsonl"
    path.write_bytes(data)
    assert words in _one_error(_read(path)).reason


# --- stdin -----------------------------------------------------------------------------------

@pytest.mark.parametrize("data, media", [
    (ARTICLE.encode("utf-8"), "text"),
    (b"  \n<html><body><p>C\xc3\xb4ng \xc4\x91o\xc3\xa0n</p></body></html>", "html"),
])
def test_stdin_is_sniffed_as_text_or_html(data: bytes, media: str) -> None:
    [doc] = _read("-", stdin=data)
    assert (doc.media, doc.source, doc.origin) == (media, "stdin", "<stdin>")


def test_stdin_jsonl_is_sniffed_and_split(tmp_path: Path) -> None:
    data = (json.dumps({"text": "Một"}) + "\n" + json.dumps({"text": "Hai"}) + "\n").encode()
    docs = _read("-", stdin=data)
    assert [(d.source, d.origin) for d in docs] == [("stdin#1", "<stdin>:1"), ("stdin#2", "<stdin>:2")]


@pytest.mark.parametrize("data, words", [(b"", "empty"), (b"ab\x00cd", "binary"), (b"\xc3\x28 abc", "not valid UTF-8")])
def test_bad_stdin_is_an_error(data: bytes, words: str) -> None:
    error = _one_error(_read("-", stdin=data))
    assert words in error.reason and error.origin == "<stdin>"


def test_oversized_stdin_is_an_error() -> None:
    error = _one_error(_read("-", stdin=b"x" * 101, max_bytes=100))
    assert "100" in error.reason and "limit" in error.reason


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_documents_or_errors_never_an_exception(data: bytes) -> None:
    results = _read("-", stdin=data)
    assert results and all(isinstance(r, (SourceDocument, InputError)) for r in results)


# --- windows-1258 (old Vietnamese sites and files) ------------------------------------------

_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _to_cp1258(text: str) -> bytes:
    """Text as windows-1258 writes it: precomposed letters where the code page has them, else a
    base letter followed by a combining tone mark."""
    import unicodedata
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tone = "".join(c for c in parts if c in _TONES)
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


LONG_ARTICLE = ARTICLE + "Đồng chí Nguyễn Văn Hưởng, Chủ tịch Công đoàn ngành, phát biểu “chỉ đạo” tại hội nghị.\n"


def test_vietnamese_windows_1258_is_decoded_to_nfc(tmp_path: Path) -> None:
    import unicodedata
    path = tmp_path / "cu.txt"
    data = _to_cp1258(LONG_ARTICLE)
    assert b"\xd2" in data and b"\xf2" in data  # combining hook above and dot below, as the code page does
    path.write_bytes(data)
    [doc] = _read(path)
    assert doc.body == unicodedata.normalize("NFC", LONG_ARTICLE)


@pytest.mark.parametrize("data", [
    "Grüße aus Köln, café crème, señor".encode("latin-1"),   # Western European, not Vietnamese
    LONG_ARTICLE.encode("utf-8") + b"\xff",                    # UTF-8 with one bad byte
    b"\xc3\x28 abc",                                            # a few stray bytes
])
def test_bytes_that_are_not_vietnamese_windows_1258_stay_an_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    error = _one_error(_read(path))
    assert error.reason.startswith("not valid UTF-8 (byte 0x") and error.origin == str(path)


# --- paths that leave the input folder ------------------------------------------------------

def test_dot_dot_links_and_links_to_outside_folders_are_reported(tmp_path: Path) -> None:
    inside, outside = tmp_path / "in", tmp_path / "out"
    (inside / "sub").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.txt").write_text(ARTICLE, encoding="utf-8")
    (inside / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink("../../out", inside / "sub" / "up")                 # a folder link climbing out with ..
    os.symlink("../out/secret.txt", inside / "dotdot.txt")          # a file link climbing out with ..
    os.symlink(inside / "sub" / "up" / "secret.txt", inside / "chain.txt")  # through the link above
    results = _read(inside)
    docs = [r for r in results if isinstance(r, SourceDocument)]
    errors = {Path(r.origin).name: r.reason for r in results if isinstance(r, InputError)}
    assert [d.source for d in docs] == ["ok.txt"]
    assert set(errors) == {"up", "dotdot.txt", "chain.txt"}
    assert all("points outside" in reason and "not followed" in reason for reason in errors.values())


# --- the count for the progress bar -----------------------------------------------------------

def test_count_inputs_is_the_number_of_results_reading_gives(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "sub" / "b.html").write_text(f"<p>{ARTICLE}</p>", encoding="utf-8")
    (corpus / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "notes.pdf").write_bytes(b"%PDF")
    record = json.dumps({"source": "r.txt", "text": ARTICLE}, ensure_ascii=False)
    (corpus / "archive.jsonl").write_text(f"{record}\n{record}\n{{broken", encoding="utf-8")  # no final newline
    paths = [str(corpus), str(tmp_path / "missing.txt"), str(tmp_path / "x.doc")]
    assert count_inputs(paths) == len(_read(*paths)) == 7


def test_count_inputs_is_unknown_when_stdin_is_read() -> None:
    assert count_inputs(["-"]) is None
