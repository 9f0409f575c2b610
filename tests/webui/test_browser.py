"""The web UI in a real browser: Debian's chromium driven by Playwright, on a live server over the seeds.

Skipped when Playwright, /usr/bin/chromium, the seed articles or webui/node_modules are missing.
Screenshots go to test-artifacts/.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
ID = "https://w3id.org/unionkg/id/"

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
    pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed articles are not at {SEEDS}"),
    pytest.mark.skipif(not (ROOT / "webui" / "node_modules" / "cytoscape").is_dir(),
                       reason="webui/node_modules is not installed (npm ci)"),
]


@pytest.fixture(scope="module")
def seeds_server(live_server_of) -> Iterator[str]:
    """A live server over an in-memory store with the seeds ingested."""
    from unionkg.loaders.pipeline import ingest
    from unionkg.store import EmbeddedStore
    from unionkg.webui import create_app
    with EmbeddedStore(None) as store:
        ingest(sorted(str(p) for p in SEEDS.iterdir()), store)
        with live_server_of(create_app(store, {"TESTING": True})) as url:
            yield url


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh page; fails the test on any console error or CSP violation."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(15_000)
    yield page
    context.close()
    assert not errors, errors


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_org_chart_expands_the_bloc_of_cdvc(page, seeds_server: str) -> None:
    root = quote(ID + "org/cong-doan-vien-chuc-viet-nam", safe="")
    page.goto(f"{seeds_server}/orgchart?root={root}")
    page.wait_for_selector("#cy[data-ready]")
    labels = page.evaluate("() => window.unionkgChart.nodes().map(n => n.data('name'))")
    assert "Khối Thi đua III - Công đoàn Viên chức Việt Nam" in labels
    before = len(labels)
    bloc = ID + "org/khoi-thi-dua-iii-cong-doan-vien-chuc-viet-nam"
    page.evaluate("(id) => window.unionkgChart.getElementById(id).emit('tap')", bloc)
    page.wait_for_function(f"() => window.unionkgChart.nodes().length > {before}")
    labels = page.evaluate("() => window.unionkgChart.nodes().map(n => n.data('name'))")
    assert {"Công đoàn Đài Tiếng nói Việt Nam", "Công đoàn Thông tấn xã Việt Nam"} <= set(labels)
    assert "expand=" in page.url  # the view is a deep link
    assert page.locator("#orgchart-panel a.open-page").get_attribute("href") == "/id/org/khoi-thi-dua-iii-cong-doan-vien-chuc-viet-nam"
    shot(page, "orgchart-cdvc-expanded")
    page.goto(page.url)  # the deep link reopens the bloc
    page.wait_for_selector("#cy[data-ready]")
    assert page.evaluate("() => window.unionkgChart.nodes().length") == len(labels)


def test_editor_runs_a_query_and_shows_rows(page, seeds_server: str) -> None:
    page.goto(f"{seeds_server}/sparql")
    page.wait_for_selector(".CodeMirror")
    page.evaluate("""() => window.unionkgEditor.setValue(
        'PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\\nPREFIX uk: <https://w3id.org/unionkg/ont#>\\n' +
        'SELECT DISTINCT ?u ?name WHERE { ?u a uk:TradeUnion ; skos:prefLabel ?name } ORDER BY ?name LIMIT 5')""")
    page.click("#run-table")
    page.wait_for_selector("#results-table tbody tr")
    assert page.locator("#results-table tbody tr").count() == 5
    assert page.locator("#results-table thead th").all_text_contents() == ["u", "name"]
    assert "5 rows" in page.locator("#results-status").text_content()
    assert page.locator("#share-link").get_attribute("href").startswith("/sparql#query=")
    shot(page, "sparql-editor")


def test_trace_of_02_nq_tw_draws_three_acts_in_date_order(page, seeds_server: str) -> None:
    page.goto(f"{seeds_server}/trace/nq-2-tw")
    acts = page.locator("#timeline li.act")
    assert acts.count() == 3
    dates = acts.locator(".date").all_text_contents()
    assert dates == sorted(dates)
    acts.first.locator("details.evidence summary").click()
    assert acts.first.locator("details.evidence q").first.is_visible()
    shot(page, "trace-nq-2-tw")


def test_article_highlights_a_person_and_links_to_them(page, seeds_server: str) -> None:
    page.goto(f"{seeds_server}/search?q=pham+thi+thanh")
    page.locator("ul.results a[href^='/id/person/']").first.click()
    page.locator("details.evidence summary").first.click()
    page.locator("details.evidence a[href^='/id/article/']").first.click()
    person = page.locator("article a.mention-person").first
    assert person.is_visible()
    href = person.get_attribute("href")
    shot(page, "article-with-mentions")
    person.click()
    page.wait_for_url(f"**{href}")
    assert page.locator("h1").text_content()


def test_search_box_suggests_as_you_type(page, seeds_server: str) -> None:
    page.goto(seeds_server + "/")
    page.fill("#search-box", "CONG DOAN VIEN CHUC")
    page.wait_for_selector("#search-suggestions li a")
    assert "Công đoàn Viên chức Việt Nam" in page.locator("#search-suggestions").text_content()
    shot(page, "search-suggestions")


def test_query_page_form_runs_and_shows_rows(page, seeds_server: str) -> None:
    page.goto(f"{seeds_server}/queries/directive_trace")
    assert page.locator("#query-results").count() == 0
    page.fill("#query-form input[name=directive]", "02-NQ/TW")
    page.click("#query-form button[type=submit]")
    page.wait_for_selector("#query-results tbody tr")
    assert page.locator("#query-results tbody tr").count() == 3
    assert "directive=02-NQ%2FTW" in page.url  # the result URL is shareable
    assert page.locator("#query-results tbody tr").first.locator("a[href^='/id/org/']").count() >= 1
    assert page.locator("#query-timeline li").count() == 3
    page.wait_for_selector("#graph-view[data-ready]")
    shot(page, "query-directive-trace")
    json_link = page.locator("#twin-json").get_attribute("href")
    assert json_link == "/queries/directive_trace.json?directive=02-NQ%2FTW&derived=false"


def test_trace_page_shows_the_implementation_tree_and_coverage(page, seeds_server: str) -> None:
    page.goto(f"{seeds_server}/trace/nq-2-tw")
    tree = page.locator("#impl-tree li.unit")
    assert tree.count() == 3
    assert page.locator("#impl-tree li.unit li.unit").count() >= 1  # someone hangs under an acting parent
    assert "+151" in page.locator("#impl-tree").text_content()
    tree.first.locator("details.evidence summary").first.click()
    assert tree.first.locator("details.evidence q").first.is_visible()
    page.select_option("#coverage-parent", ID + "org/cong-doan-vien-chuc-viet-nam")
    page.click("#coverage-form button[type=submit]")
    page.wait_for_selector("#coverage-missing li")
    assert page.locator("#coverage-acted li a").count() >= 1
    assert page.locator("#coverage-missing li a").count() >= 1
    shot(page, "trace-nq-2-tw-tree")


def test_graph_view_draws_nodes_and_opens_a_page(page, seeds_server: str) -> None:
    page.goto(f"{seeds_server}/id/org/cong-doan-vien-chuc-viet-nam")
    page.click("a.graph-link")
    page.wait_for_selector("#graph-view[data-ready]")
    count = page.evaluate("() => window.unionkgGraph.nodes().length")
    assert count > 3
    assert page.evaluate("() => window.unionkgGraph.edges().length") >= count - 1
    assert page.evaluate("() => window.unionkgGraph.nodes().filter(n => n.visible()).length") == count
    shot(page, "graph-cdvc")
    target = ID + "org/khoi-thi-dua-iii-cong-doan-vien-chuc-viet-nam"
    page.evaluate("(id) => window.unionkgGraph.getElementById(id).emit('tap')", target)
    page.wait_for_url("**/id/org/khoi-thi-dua-iii-cong-doan-vien-chuc-viet-nam")
    assert "Khối Thi đua III" in page.locator("h1").text_content()


def test_language_switch_is_visible_and_remembered(page, seeds_server: str) -> None:
    page.goto(f"{seeds_server}/id/org/tong-lien-doan-lao-dong-viet-nam")
    assert page.locator("h1").text_content() == "Tổng Liên đoàn Lao động Việt Nam"
    page.click("#lang-switch a[hreflang=en]")
    page.wait_for_selector("html[lang=en]")
    assert page.locator("h1").text_content() == "Vietnam General Confederation of Labour"
    page.goto(f"{seeds_server}/orgchart")
    assert page.locator("nav").text_content().count("Org chart") == 1
    shot(page, "orgchart-english")
