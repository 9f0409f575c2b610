"""/graph: the neighbourhood of an entity, bookmarkable, with a .json twin and enforced bounds."""
from __future__ import annotations

from urllib.parse import quote

import pytest

ID = "https://w3id.org/unionkg/id/"
KHOI = ID + "org/khoi-thi-dua-iii-cong-doan-vien-chuc-viet-nam"
CDVC = ID + "org/cong-doan-vien-chuc-viet-nam"


def graph_json(client, iri: str, **args: str) -> dict:
    response = client.get("/graph.json", query_string={"iri": iri, **args})
    assert response.status_code == 200, response.data[:300]
    return response.json


def test_depth_one_is_the_direct_links(example_client) -> None:
    data = graph_json(example_client, KHOI)
    assert data["depth"] == 1 and data["limit"] == 60 and data["iri"] == KHOI
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id[KHOI]["distance"] == 0 and by_id[CDVC]["distance"] == 1
    assert by_id[CDVC]["label"] == "Công đoàn Viên chức Việt Nam" and by_id[CDVC]["href"] == "/id/org/cong-doan-vien-chuc-viet-nam"
    assert {"source": ID + "org/cong-doan-dai-tieng-noi-viet-nam", "target": KHOI, "relation": "memberOf",
            "label": "thành viên của"} in data["edges"]
    assert any(e["relation"] == "act" and e["source"] == KHOI for e in data["edges"])
    assert all(n["distance"] <= 1 for n in data["nodes"])
    assert all(e["source"] in by_id and e["target"] in by_id for e in data["edges"])


def test_depth_two_reaches_further_and_the_limit_cuts(example_client) -> None:
    one = graph_json(example_client, KHOI, depth="1", limit="300")
    two = graph_json(example_client, KHOI, depth="2", limit="300")
    assert len(two["nodes"]) > len(one["nodes"]) and max(n["distance"] for n in two["nodes"]) == 2
    assert ID + "org/tong-lien-doan-lao-dong-viet-nam" in {n["id"] for n in two["nodes"]}
    cut = graph_json(example_client, KHOI, depth="2", limit="5")
    assert len(cut["nodes"]) == 5 and cut["truncated"] is True


@pytest.mark.parametrize(("args", "message"), [
    ({"depth": "4"}, "depth must be an integer from 1 to 3, not '4'"),
    ({"depth": "two"}, "depth must be an integer from 1 to 3, not 'two'"),
    ({"limit": "0"}, "limit must be an integer from 1 to 300, not '0'"),
    ({"limit": "100000"}, "limit must be an integer from 1 to 300"),
])
def test_bounds_are_enforced(example_client, args, message) -> None:
    response = example_client.get("/graph.json", query_string={"iri": KHOI, **args})
    assert response.status_code == 400 and message in response.json["error"]
    assert example_client.get("/graph", query_string={"iri": KHOI, **args}).status_code == 400


def test_bad_and_unknown_entities(example_client) -> None:
    for bad in ("", "http://example.org/x", ID + "org/x>y"):
        response = example_client.get("/graph.json", query_string={"iri": bad})
        assert response.status_code == 400 and "parameter iri" in response.json["error"]
    assert example_client.get("/graph.json", query_string={"iri": ID + "org/nothing"}).status_code == 404


def test_page_draws_with_cytoscape_and_entity_pages_link_to_it(example_client) -> None:
    page = example_client.get(f"/graph?iri={quote(KHOI, safe='')}&depth=2&limit=40").get_data(as_text=True)
    assert 'id="graph-view"' in page and 'id="graph-data"' in page and "/vendor/cytoscape.min.js" in page
    assert 'name="depth" min="1" max="3" value="2"' in page and 'name="limit" min="1" max="300" value="40"' in page
    for path in ("/id/org/khoi-thi-dua-iii-cong-doan-vien-chuc-viet-nam", "/id/directive/nq-2-tw", "/id/role/chu-tich"):
        entity = example_client.get(path).get_data(as_text=True)
        assert f'class="graph-link" href="/graph?iri={ID}{path[4:]}"' in entity, path
