"""`unionkg ingest` on a folder of messy files: one clear line per bad file, the rest goes in."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from unionkg_cli import UNIONKG

REPO = Path(__file__).resolve().parents[2]
ARTICLE = ("Liên đoàn Lao động tỉnh Nghệ An tổ chức hội nghị triển khai Nghị quyết số 02-NQ/TW\n\n"
           "Sáng 12/3/2022, Liên đoàn Lao động tỉnh Nghệ An tổ chức hội nghị tại Vinh. Đồng chí Nguyễn Văn "
           "Hưởng, Chủ tịch Liên đoàn Lao động tỉnh, chủ trì hội nghị.\n")
TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Text in windows-1258: precomposed where the code page can, else base letter and tone mark."""
    import unicodedata
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out += base.encode("cp1258") + "".join(c for c in parts if c in TONES).encode("cp1258")
    return bytes(out)


def messy_folder(root: Path) -> Path:
    """Good files in odd encodings and forms, and bad ones; returns the folder."""
    folder = root / "in"
    folder.mkdir()
    (root / "outside.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "logo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "huge.txt").write_text(ARTICLE * 200, encoding="utf-8")
    (folder / "latin.txt").write_bytes(ARTICLE.encode("utf-8") + b"caf\xe9\n")
    (folder / "utf16.txt").write_bytes(ARTICLE.replace("Vinh", "Vinh (utf16)").encode("utf-16"))
    (folder / "cu.txt").write_bytes(cp1258(ARTICLE.replace("Vinh", "Vinh (cp1258)")))
    (folder / "news.jsonl").write_text(
        json.dumps({"url": "https://example.org/a", "text": ARTICLE}, ensure_ascii=False) + "\n"
        + '{"url": "https://example.org/b", "text": \n'
        + json.dumps({"url": "https://example.org/../../c", "text": ARTICLE.replace("Vinh", "Cửa Lò")}) + "\n",
        encoding="utf-8")
    (folder / "page.html").write_text(
        "<html><head><script>alert('x')</script><style>p{}</style></head><body><h1>Liên đoàn Lao động "
        "tỉnh Nghệ An &amp; C&ocirc;ng đo&#224;n</h1><p>" + ARTICLE.replace("\n", "</p><p>")
        + "<script>document.write('owned')</script></p></body></html>", encoding="utf-8")
    (folder / "spaces.txt").write_text(ARTICLE.replace("Nghệ An", "Nghệ\u00a0An").replace("Hưởng", "\u200bHưởng"),
                                       encoding="utf-8")
    (folder / "link.txt").symlink_to("../outside.txt")
    return folder


def test_messy_files_one_line_each_and_the_rest_goes_in(tmp_path: Path) -> None:
    folder = messy_folder(tmp_path)
    store = tmp_path / "store"
    out = subprocess.run([UNIONKG, "ingest", "--quiet", "--max-bytes", "20000", "--store", str(store), str(folder)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    errors = sorted(line for line in out.stderr.splitlines() if line.startswith("error:"))
    expected = [
        rf"error: {folder}/empty\.txt: empty file$",
        rf"error: {folder}/huge\.txt: file is [\d,]+ bytes, over the limit of 20,000 bytes$",
        rf"error: {folder}/latin\.txt: not valid UTF-8 \(byte 0xe9 at offset \d+\)$",
        rf"error: {folder}/link\.txt: symbolic link points outside .*not followed$",
        rf"error: {folder}/logo\.txt: binary file \(NUL byte at offset 8\)$",
        rf"error: {folder}/news\.jsonl:2: invalid JSON: .*\(column \d+\)$",
    ]
    assert len(errors) == len(expected), errors
    for line, pattern in zip(errors, expected):
        assert re.match(pattern, line), (line, pattern)
    assert re.search(r"^6 articles, \d+ triples, \d+ entities, 6 errors", out.stderr, re.M), out.stderr
    text = stored_text(store)
    assert "alert(" not in text and "owned" not in text and "&amp;" not in text and "&ocirc;" not in text
    assert "Vinh (utf16)" in text and "Vinh (cp1258)" in text and "Cửa Lò" in text
    assert "\u200b" not in text


def stored_text(store: Path) -> str:
    """Every literal and IRI in the store, as one string."""
    out = subprocess.run([UNIONKG, "export", "--format", "nquads", "--store", str(store)],
                         capture_output=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.decode("utf-8")
