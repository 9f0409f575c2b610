"""Languages: Vietnamese by default, English on ?lang=en (kept in a cookie), chrome from strings.tsv."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from unionkg.webui import i18n

TLD = "/id/org/tong-lien-doan-lao-dong-viet-nam"


@pytest.fixture
def client(example_client):
    """A client of the example app with a cookie jar of its own, so a chosen language stays here."""
    return example_client.application.test_client()


def test_every_string_has_both_languages() -> None:
    table = i18n.strings()
    assert table["nav.orgchart"] == {"vi": "Sơ đồ tổ chức", "en": "Org chart"}
    assert all(text["vi"].strip() and text["en"].strip() for text in table.values())


def test_vietnamese_by_default_english_on_request_and_remembered(client) -> None:
    page = client.get(TLD).get_data(as_text=True)
    assert '<html lang="vi">' in page and ">Sơ đồ tổ chức</a>" in page
    assert "<h1>Tổng Liên đoàn Lao động Việt Nam</h1>" in page
    english = client.get(TLD + "?lang=en")
    assert "lang=en" in english.headers["Set-Cookie"]
    page = english.get_data(as_text=True)
    assert '<html lang="en">' in page and ">Org chart</a>" in page
    assert "<h1>Vietnam General Confederation of Labour</h1>" in page  # the reference data's @en label
    remembered = client.get(TLD).get_data(as_text=True)  # the test client keeps the cookie
    assert '<html lang="en">' in remembered
    back = client.get(TLD + "?lang=vi")
    assert "lang=vi" in back.headers["Set-Cookie"] and '<html lang="vi">' in back.get_data(as_text=True)


def test_english_falls_back_to_vietnamese_labels(client) -> None:
    data = client.get("/id/org/khoi-thi-dua-iii-cong-doan-vien-chuc-viet-nam.json?lang=en").json
    assert data["label"] == "Khối Thi đua III - Công đoàn Viên chức Việt Nam"


@pytest.mark.parametrize("path", ["/", "/orgchart", "/queries", "/queries/stats", "/trace/nq-2-tw", TLD,
                                  "/search?q=vien", "/graph?iri=https://w3id.org/unionkg/id/org/cong-doan-vien-chuc-viet-nam"])
def test_the_switch_is_on_every_page(example_client, path: str) -> None:
    page = example_client.get(path, headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'id="lang-switch"' in page and 'hreflang="en"' in page


def test_a_bad_language_is_ignored(client) -> None:
    response = client.get("/?lang=xx")
    assert "Set-Cookie" not in response.headers and '<html lang="vi">' in response.get_data(as_text=True)


# Every page family: Vietnamese chrome by default, English chrome on ?lang=en, never the other.
PAGES = {
    "home": "/", "search": "/search?q=vien+chuc", "search-empty": "/search", "orgchart": "/orgchart",
    "sparql-editor": "/sparql", "queries": "/queries", "query-form": "/queries/directive_trace",
    "query-result": "/queries/directive_trace?directive=02-NQ%2FTW", "trace": "/trace/nq-2-tw",
    "graph": "/graph?iri=https://w3id.org/unionkg/id/org/cong-doan-vien-chuc-viet-nam", "org": TLD,
    "org-unit": "/id/org/cong-doan-vien-chuc-viet-nam", "person": "/id/person/vu-minh-duc-46ad70e54e",
    "directive": "/id/directive/nq-2-tw", "event": "/id/event/2023-04-04-khoi-thi-dua-iii-cong-doan-vien-chuc-viet-nam-conference",
    "article": "/id/article/02-ldld-nghe-an-txt-0dbc427cea", "entity": "/id/role/pho-tong-giam-doc",
    "error-404": "/id/org/no-such-union", "error-400": "/queries/events?start=31-12-2022",
}
# Elements whose text is chrome (headings, table heads, labels, hints …), and classes that mark chrome text.
CHROME_TAGS = {"title", "h1", "h2", "h3", "th", "dt", "label", "button", "summary"}
CHROME_CLASSES = {"kind", "hint", "none", "no-evidence", "legend"}
CHROME_ATTRS = ("placeholder", "aria-label", "title")
# Elements holding identifiers or quoted data, never chrome, even inside a chrome element.
DATA_TAGS = {"code", "q", "pre", "script"}
SEPARATORS = re.compile(r"\s*(?:·|—|:|\(|\))\s*")


class ChromeText(HTMLParser):
    """Collects the text of chrome elements and chrome attributes, cut at separators into fragments."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[bool] = []
        self.fragments: set[str] = set()

    def add(self, text: str) -> None:
        self.fragments.update(part.strip(" .,;") for part in SEPARATORS.split(" ".join(text.split())) if part.strip())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        for attr in CHROME_ATTRS:
            if named.get(attr):
                self.add(named[attr] or "")
        chrome = tag in CHROME_TAGS or bool(CHROME_CLASSES & set((named.get("class") or "").split()))
        if tag not in VOID:
            inherited = bool(self.open) and self.open[-1]
            self.open.append(tag not in DATA_TAGS and (chrome or inherited))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1]:
            self.add(data)


VOID = {"meta", "link", "input", "br", "img", "hr", "source", "col", "area", "base", "wbr"}


def chrome_of(page: str) -> set[str]:
    parser = ChromeText()
    parser.feed(page)
    return parser.fragments


def only_in(lang: str) -> set[str]:
    """The chrome texts of `lang` that differ from every text of the other language, cut like pages are."""
    other = "en" if lang == "vi" else "vi"
    mine = {part.strip(" .,;") for texts in i18n.strings().values()
            for part in SEPARATORS.split(texts[lang]) if part.strip()}
    theirs = {part.strip(" .,;") for texts in i18n.strings().values()
              for part in SEPARATORS.split(texts[other]) if part.strip()}
    return mine - theirs


@pytest.mark.parametrize("family", sorted(PAGES))
def test_each_page_speaks_one_language(client, family: str) -> None:
    vietnamese, english = only_in("vi"), only_in("en")
    for lang, wanted, foreign in (("vi", vietnamese, english), ("en", english, vietnamese)):
        path = PAGES[family] + ("&" if "?" in PAGES[family] else "?") + f"lang={lang}"
        response = client.get(path, headers={"Accept": "text/html"})
        assert response.mimetype == "text/html" and response.status_code in (200, 400, 404), (path, response.status_code)
        chrome = chrome_of(response.get_data(as_text=True))
        assert chrome & wanted, (path, "no chrome of its own language")
        assert not chrome & foreign, (path, sorted(chrome & foreign))


def test_entity_sections_follow_the_language(client) -> None:
    table = i18n.strings()
    for lang in ("vi", "en"):
        page = client.get(f"{TLD}?lang={lang}").get_data(as_text=True)
        for key in ("org.parents", "org.children", "org.officials", "kind.org", "common.evidence_col"):
            assert table[key][lang] in page, (lang, key)


def test_error_headings_are_translated(client) -> None:
    table = i18n.strings()
    for lang in ("vi", "en"):
        page = client.get(f"/id/org/no-such-union?lang={lang}").get_data(as_text=True)
        assert f"<h1>{table['error.not_found'][lang]}</h1>" in page
        page = client.get(f"/queries/events?start=31-12-2022&lang={lang}").get_data(as_text=True)
        assert f"<h1>{table['error.bad_request'][lang]}</h1>" in page


TEMPLATES = Path(i18n.__file__).parent / "templates"
LOOKUP = re.compile(r"""\bt\(\s*(['"])([^'"]+)\1\s*[,)]""")


def test_every_key_a_template_looks_up_is_in_strings_tsv() -> None:
    used = {match[1]: path.name for path in TEMPLATES.rglob("*.html")
            for match in LOOKUP.findall(path.read_text(encoding="utf-8"))}
    assert len(used) > 50  # the scan found the lookups
    assert sorted(set(used) - set(i18n.strings())) == []


def test_every_entry_has_both_languages_and_a_note() -> None:
    entries = i18n.entries()
    assert len(entries) == len(i18n.strings())
    for key, texts, note in entries:
        assert set(texts) == set(i18n.LANGS) and all(t.strip() for t in texts.values()) and note.strip(), key


def test_a_line_without_its_note_is_refused(tmp_path, monkeypatch) -> None:
    broken = tmp_path / "strings.tsv"
    broken.write_text("nav.home\tTrang chủ\tHome\n", encoding="utf-8")
    monkeypatch.setattr(i18n, "STRINGS", broken)
    i18n.entries.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"strings.tsv:1: expected key, 2 texts and a note"):
            i18n.entries()
    finally:
        i18n.entries.cache_clear()
