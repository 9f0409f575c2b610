"""/trace/<key>: the implementation tree with lags, and coverage under a chosen parent."""
from __future__ import annotations

ID = "https://w3id.org/unionkg/id/"
CDVC = ID + "org/cong-doan-vien-chuc-viet-nam"
TLD = ID + "org/tong-lien-doan-lao-dong-viet-nam"


def flatten(nodes: list[dict], parent: str | None = None) -> list[tuple[str | None, dict]]:
    out = []
    for node in nodes:
        out.append((parent, node))
        out += flatten(node["children"], node["actor"]["iri"])
    return out


def test_tree_hangs_each_actor_under_its_nearest_acting_ancestor(example_client) -> None:
    data = example_client.get("/trace/nq-2-tw.json").json
    assert [n["actor"]["iri"] for n in data["tree"]] == [TLD]
    placed = {node["actor"]["label"]: (parent, node) for parent, node in flatten(data["tree"])}
    assert len(placed) == len({a["actor"]["iri"] for a in data["timeline"]})
    parent, bloc = placed["Khối Thi đua III - Công đoàn Viên chức Việt Nam"]
    assert parent == TLD and bloc["level"]["key"] == "level-bloc"
    assert bloc["first_date"] == "2023-04-04" and bloc["lag_days"] == 661 and bloc["lag_after_parent"] == 298
    assert bloc["acts"][0]["evidence"] and bloc["acts"][0]["evidence"][0]["sentence"]
    assert placed["Tổng Liên đoàn Lao động Việt Nam"][1]["lag_days"] == 363


def test_tree_and_timeline_on_the_page(example_client) -> None:
    page = example_client.get("/trace/nq-2-tw").get_data(as_text=True)
    tree = page[page.index('id="impl-tree"'):page.index('id="coverage"')]
    assert tree.count('<li class="unit level-') == 4 and "+661 ngày" in tree and "(+298 ngày" in tree
    assert tree.count('<details class="evidence">') == 4
    assert page.count('<li class="act level-') == 4 and "level-level-bloc" in page


def test_coverage_lists_units_that_have_not_acted(example_client) -> None:
    data = example_client.get("/trace/nq-2-tw.json", query_string={"parent": CDVC}).json
    coverage = data["coverage"]
    assert coverage["parent"]["iri"] == CDVC
    assert [u["label"] for u in coverage["acted"]] == ["Khối Thi đua III - Công đoàn Viên chức Việt Nam"]
    assert "Công đoàn Đài Tiếng nói Việt Nam" in {u["label"] for u in coverage["not_acted"]}
    assert CDVC in {p["iri"] for p in data["parents"]}
    by_name = example_client.get("/trace/nq-2-tw", query_string={"parent": "Công đoàn Viên chức Việt Nam"})
    page = by_name.get_data(as_text=True)
    assert 'id="coverage-missing"' in page and "Công đoàn Đài Tiếng nói Việt Nam" in page
    assert f'<option value="{CDVC}">' in page or f'<option value="{CDVC}" selected>' in page


def test_coverage_of_an_unknown_parent_is_a_400(example_client) -> None:
    response = example_client.get("/trace/nq-2-tw.json", query_string={"parent": "no such union anywhere"})
    assert response.status_code == 400 and "parameter parent='no such union anywhere'" in response.json["error"]
    assert example_client.get("/trace/nq-2-tw", query_string={"parent": "zzz"}).status_code == 400
    assert example_client.get("/trace/nq-2-tw.json").json["coverage"] is None


def _actor_levels(rows) -> set[tuple[str, str | None]]:
    """(actor, level) of each row."""
    return {(str(r["actor"]), str(r["level"]) if r.get("level") is not None else None) for r in rows}


def _acted_directives(store) -> set:
    """Every directive some act is on."""
    return {row["d"] for row in store.select(
        "SELECT DISTINCT ?d WHERE { ?act <https://w3id.org/unionkg/ont#directive> ?d }")}


def test_the_traces_levels_are_directive_traces_on_every_directive(example_store, kg) -> None:
    from rdflib import URIRef

    from unionkg.queries import library
    from unionkg.webui import rq
    text = rq.load("actor_levels")
    for store in (example_store, kg):
        directives = _acted_directives(store)
        assert len(directives) >= 2
        every = set()
        for directive in directives:
            levels = _actor_levels(store.select(text, {"directive": URIRef(str(directive))}))
            assert levels == _actor_levels(library.run(store, "directive_trace", {"directive": directive})), directive
            every |= levels
        assert len({level for _, level in every if level}) >= 2


def test_a_traces_names_in_one_query_are_each_entitys_names(example_store) -> None:
    from rdflib import URIRef

    from unionkg.webui import rq
    directives = _acted_directives(example_store)
    for directive in directives:
        rows = example_store.select(rq.load("act_labels"), {"directive": URIRef(str(directive))})
        together = {(str(r["this"]), r["label"], str(r["property"])) for r in rows}
        named = {row["this"] for row in rows}
        assert named, directive
        one_by_one = {(str(entity), r["label"], str(r["property"]))
                      for entity in named for r in example_store.select(rq.load("labels"), {"this": entity})}
        assert together == one_by_one, directive
    acted = {r["x"] for r in example_store.select(
        "PREFIX uk: <https://w3id.org/unionkg/ont#> SELECT DISTINCT ?x WHERE { ?act uk:directive ?d . "
        "{ ?act uk:actor ?x } UNION { ?act uk:atEvent ?x } }")}
    assert acted == {row["this"] for d in directives for row in example_store.select(
        rq.load("act_labels"), {"directive": URIRef(str(d))})}
