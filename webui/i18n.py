"""The UI's two languages: Vietnamese by default, English on ?lang=en (remembered in a cookie).

Chrome strings come from strings.tsv beside this module; entity names come from the data
(model.label prefers an @en label in English and falls back to the Vietnamese one).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from flask import Flask, Response, g, request

LANGS = ("vi", "en")
DEFAULT = "vi"
COOKIE = "lang"
STRINGS = Path(__file__).parent / "strings.tsv"


@lru_cache(maxsize=None)
def entries() -> tuple[tuple[str, dict[str, str], str], ...]:
    """(key, {lang: text}, note) for each line of strings.tsv; a short line or a repeated key is an error."""
    rows: list[tuple[str, dict[str, str], str]] = []
    seen: set[str] = set()
    for number, line in enumerate(STRINGS.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 + len(LANGS) or not all(part.strip() for part in parts):
            raise ValueError(f"{STRINGS}:{number}: expected key, {len(LANGS)} texts and a note, "
                             f"all non-empty and separated by tabs: {line[:80]!r}")
        if parts[0] in seen:
            raise ValueError(f"{STRINGS}:{number}: key {parts[0]!r} is defined twice")
        seen.add(parts[0])
        rows.append((parts[0], dict(zip(LANGS, parts[1:-1])), parts[-1]))
    return tuple(rows)


@lru_cache(maxsize=None)
def strings() -> dict[str, dict[str, str]]:
    """key -> {lang: text}, read from strings.tsv."""
    return {key: texts for key, texts, _ in entries()}


def current() -> str:
    """The language of this request: ?lang=, else the cookie, else Vietnamese."""
    if "lang" not in g:
        asked = request.args.get("lang") or request.cookies.get(COOKIE)
        g.lang = asked if asked in LANGS else DEFAULT
    return g.lang


def translate(key: str, default: str | None = None) -> str:
    """The chrome string `key` in the current language; when unknown, `default` or else the key, so gaps show."""
    texts = strings().get(key)
    if texts is None:
        return key if default is None else default
    return texts[current()]


def switch_url(lang: str) -> str:
    """This page's URL with ?lang= set to `lang`."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"] + [("lang", lang)]
    return f"{request.path}?{urlencode(args)}"


def remember(response: Response) -> Response:
    """Set the cookie when the request chose a language with ?lang=."""
    asked = request.args.get("lang")
    if asked in LANGS and request.cookies.get(COOKIE) != asked:
        response.set_cookie(COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


def init_app(app: Flask) -> None:
    """Register the template helpers and the cookie hook."""
    app.jinja_env.globals.update(t=translate, lang=current, lang_url=switch_url, LANGS=LANGS)
    app.after_request(remember)
