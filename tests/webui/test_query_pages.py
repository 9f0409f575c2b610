"""/queries: the query library as pages, with .json and .csv twins, over the example corpus."""
from __future__ import annotations

import csv
import io
from urllib.parse import quote

import pytest

from unionkg.queries import library

ID = "https://w3id.org/unionkg/id/"
TRACE = "/queries/directive_trace?directive=02-NQ%2FTW"


def test_index_lists_every_library_query_with_its_summary(example_client) -> None:
    page = example_client.get("/queries").get_data(as_text=True)
    for name in library.names():
        assert f'href="/queries/{name}"' in page
        assert library.load(name).summary.replace("'", "&#39;") in page
    listed = example_client.get("/queries.json").json
    assert [q["name"] for q in listed] == library.names()
    assert next(q for q in listed if q["name"] == "directive_coverage")["params"][1]["name"] == "org"


def test_form_is_built_from_the_parameters_and_prefilled_from_the_url(example_client) -> None:
    page = example_client.get("/queries/directive_coverage?directive=02-NQ%2FTW&org=cong+doan+vien+chuc+viet+nam"
                              "&include=all").get_data(as_text=True)
    assert 'name="directive" value="02-NQ/TW"' in page and 'name="by" value=""' in page
    assert 'type="date" name="by"' in page and '<option value="all" selected>all</option>' in page
    assert 'id="query-results"' in page and "Khối Thi đua III - Công đoàn Viên chức Việt Nam" in page


def test_an_empty_form_does_not_run(example_client) -> None:
    response = example_client.get("/queries/directive_trace")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="query-results"' not in page and 'id="query-form"' in page
    assert 'id="fill-example" href="/queries/directive_trace?directive=02-NQ/TW' in page
    assert '<option value="false" selected>false</option>' in page  # the declared default


def test_results_link_iris_to_entity_pages_with_labels_and_a_timeline(example_client) -> None:
    page = example_client.get(TRACE).get_data(as_text=True)
    assert '<a href="/id/org/tong-lien-doan-lao-dong-viet-nam" title="' + ID + 'org/tong-lien-doan-lao-dong-viet-nam">' \
           "Tổng Liên đoàn Lao động Việt Nam</a>" in page
    assert 'id="query-timeline"' in page and 'id="graph-data"' in page and "/static/graphview.js" in page
    timeline = page[page.index('id="query-timeline"'):]
    dates = [part.split("<", 1)[0] for part in timeline.split('<span class="date">')[1:]]
    assert dates == sorted(dates) and dates[0] == "2022-03-14"


def test_json_twin_has_the_same_rows_as_the_page(example_client) -> None:
    data = example_client.get(TRACE.replace("directive_trace?", "directive_trace.json?")).json
    assert data["ran"] and data["values"] == {"directive": "02-NQ/TW"}
    assert data["columns"][:3] == ["date", "lag", "actor"]
    first = data["rows"][0]
    assert first["date"] == {"value": "2022-03-14", "type": "literal",
                             "datatype": "http://www.w3.org/2001/XMLSchema#date"}
    assert first["actor"]["href"] == "/id/org/lien-doan-lao-dong-tinh-nghe-an"
    assert first["actor"]["label"] == "Liên đoàn Lao động tỉnh Nghệ An" and first["lag"]["value"] == "275"


def test_csv_twin(example_client) -> None:
    response = example_client.get(TRACE.replace("directive_trace?", "directive_trace.csv?"))
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["date"] for r in rows][:2] == ["2022-03-14", "2022-06-10"]
    assert rows[0]["actor"] == ID + "org/lien-doan-lao-dong-tinh-nghe-an"


def test_page_links_its_twins_with_the_same_parameters(example_client) -> None:
    page = example_client.get(TRACE + "&run=1").get_data(as_text=True)
    assert 'href="/queries/directive_trace.json?directive=02-NQ%2FTW"' in page
    assert 'href="/queries/directive_trace.csv?directive=02-NQ%2FTW"' in page


@pytest.mark.parametrize(("url", "parameter", "value"), [
    ("/queries/events{}?start=31-12-2022", "start", "31-12-2022"),
    ("/queries/directive_trace{}?directive=02-NQ%2FTW&derived=maybe", "derived", "maybe"),
    ("/queries/directive_trace{}?directive=99-XX%2FZZ", "directive", "99-XX/ZZ"),
    ("/queries/search{}?q=cong&kind=planet", "kind", "planet"),
    ("/queries/org_subtree{}?org=" + quote("http://x/<script>"), "org", "http://x/<script>"),
])
def test_bad_values_are_a_400_naming_the_parameter_and_value(example_client, url, parameter, value) -> None:
    response = example_client.get(url.format(".json"))
    assert response.status_code == 400 and response.json["status"] == 400
    assert f"parameter {parameter}=" in response.json["error"] and value in response.json["error"]
    page = example_client.get(url.format(""))
    assert page.status_code == 400 and page.mimetype == "text/html"
    assert f"parameter {parameter}=" in page.get_data(as_text=True)
    assert "<script>" not in page.get_data(as_text=True).replace("<script src=", "")
    twin = example_client.get(url.format(".csv"))
    assert twin.status_code == 400 and twin.mimetype == "text/plain"
    text = twin.get_data(as_text=True)
    assert text.startswith(f"parameter {parameter}=") and value in text
    assert text.count("\n") == 1 and text.endswith("\n") and "<html" not in text.lower()


def test_missing_required_unknown_parameter_and_unknown_query(example_client) -> None:
    missing = example_client.get("/queries/directive_trace.json")
    assert missing.status_code == 400 and "parameter directive is required" in missing.json["error"]
    missing_csv = example_client.get("/queries/directive_trace.csv")
    assert missing_csv.status_code == 400 and missing_csv.mimetype == "text/plain"
    assert missing_csv.get_data(as_text=True).startswith("parameter directive is required")
    unknown_csv = example_client.get("/queries/stats.csv?colour=red")
    assert unknown_csv.status_code == 400 and unknown_csv.mimetype == "text/plain"
    assert "colour" in unknown_csv.get_data(as_text=True)
    absent_csv = example_client.get("/queries/no_such_query.csv")
    assert absent_csv.status_code == 404 and absent_csv.get_data(as_text=True).startswith("no library query named")
    unknown = example_client.get("/queries/stats.json?colour=red")
    assert unknown.status_code == 400 and "colour" in unknown.json["error"]
    assert example_client.get("/queries/no_such_query").status_code == 404
    assert example_client.get("/queries/no_such_query.json").json["status"] == 404


@pytest.mark.parametrize("name", library.names())
def test_every_library_query_page_answers(example_client, name: str) -> None:
    """Each query with its required parameters' examples gives a page, or a clear 400 where the
    example names something the example corpus does not hold."""
    query = library.load(name)
    args = {p.name: str(p.example) for p in query.params if p.required}
    for suffix in ("", ".json", ".csv"):
        response = example_client.get(f"/queries/{name}{suffix}", query_string={**args, "run": "1"})
        assert response.status_code in (200, 400), (name, suffix, response.status_code)
        if response.status_code == 400:
            assert "parameter " in response.get_data(as_text=True)
