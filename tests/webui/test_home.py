"""The start page, its JSON twin, and the app factory."""
from __future__ import annotations

from pathlib import Path

from unionkg.store import EmbeddedStore, RemoteStore
from unionkg.webui import create_app


def test_home_page_shows_the_store_and_links_to_sparql(web_client, web_data) -> None:
    response = web_client.get("/")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    triples = sum(len(t) for t in web_data.values())
    assert f'<dd id="triples">{triples}</dd>' in page
    assert '<dd id="article-graphs">2</dd>' in page and '<dd id="graphs">3</dd>' in page
    assert 'href="/sparql"' in page and 'href="/sparql?query=' in page
    # The example query is shown escaped, not as markup.
    assert "&lt;http://www.w3.org/2004/02/skos/core#&gt;" in page


def test_index_json_is_the_twin_of_the_home_page(web_client, web_data) -> None:
    response = web_client.get("/index.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.json == {
        "triples": sum(len(t) for t in web_data.values()),
        "graphs": 3,
        "article_graphs": 2,
        "reference_graph": True,
        "sparql_endpoint": "http://localhost/sparql",
    }


def test_the_example_query_link_runs(web_client) -> None:
    page = web_client.get("/").get_data(as_text=True)
    start = page.index('href="/sparql?query=') + len('href="')
    link = page[start:page.index('"', start)].replace("&amp;", "&")
    response = web_client.get(link)
    assert response.status_code == 200
    names = {row["name"]["value"] for row in response.json["results"]["bindings"]}
    assert names == {"Công đoàn Viên chức Việt Nam", "Tổng Liên đoàn Lao động Việt Nam"}


def test_an_unavailable_store_is_a_503_with_the_message_escaped() -> None:
    store = RemoteStore("http://127.0.0.1:9/<script>alert(1)</script>/query", timeout=5)
    client = create_app(store, {"TESTING": True}).test_client()
    response = client.get("/")
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "<script>" not in page and "&lt;script&gt;" in page
    response = client.get("/index.json")
    assert response.status_code == 503 and "127.0.0.1:9" in response.json["error"]


def test_static_style_sheet(web_client) -> None:
    response = web_client.get("/static/style.css")
    assert response.status_code == 200 and response.mimetype == "text/css"


def test_create_app_opens_the_store_its_config_names(tmp_path: Path) -> None:
    app = create_app(config={"UNIONKG_STORE_DIR": str(tmp_path / "store"), "TESTING": True})
    store = app.extensions["unionkg_store"]
    try:
        assert isinstance(store, EmbeddedStore) and store.path == str(tmp_path / "store")
        assert app.test_client().get("/index.json").json["triples"] == 0
    finally:
        store.close()
    app = create_app(config={"UNIONKG_ENDPOINT": "http://127.0.0.1:9/query"})
    remote = app.extensions["unionkg_store"]
    assert isinstance(remote, RemoteStore) and remote.update_url == "http://127.0.0.1:9/update"
