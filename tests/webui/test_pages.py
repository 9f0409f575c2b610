"""Entity pages, search, org chart, trace, vendor files and headers, over the example corpus."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from rdflib import Graph, Literal, URIRef

from unionkg.ontology.namespaces import ORG
from unionkg.webui import rq

ID = "https://w3id.org/unionkg/id/"
CDVC = "org/cong-doan-vien-chuc-viet-nam"
KHOI = "org/khoi-thi-dua-iii-cong-doan-vien-chuc-viet-nam"
NQ02 = "directive/nq-2-tw"
CTR02 = "directive/ctr-2-tong-lien-doan-lao-dong-viet-nam"
EVENT = "event/2023-04-04-khoi-thi-dua-iii-cong-doan-vien-chuc-viet-nam-conference"
ARTICLE = "article/02-ldld-nghe-an-txt-0dbc427cea"


def json_of(client, path: str) -> dict:
    response = client.get(path)
    assert response.status_code == 200, response.data[:500]
    assert response.mimetype == "application/json"
    return response.json


def page_of(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.data[:500]
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def person_path(client, name_key: str) -> str:
    item = next(r for r in json_of(client, f"/search.json?q={quote(name_key)}")["results"] if r["kind"] == "person")
    return item["href"][1:]


# Entity pages


def test_organisation_page_and_twin(example_client) -> None:
    data = json_of(example_client, f"/id/{CDVC}.json")
    assert data["label"] == "Công đoàn Viên chức Việt Nam" and data["kind"] == "org"
    assert data["level"]["key"] == "level-sector"
    assert [p["iri"] for p in data["parents"]] == [ID + "org/tong-lien-doan-lao-dong-viet-nam"]
    khoi = next(c for c in data["children"] if c["iri"] == ID + KHOI)
    assert khoi["evidence"] and "Khối Thi đua III" in khoi["evidence"][0]["sentence"]
    assert khoi["evidence"][0]["href"].startswith("/id/article/03-cdvc")
    by_accept = example_client.get(f"/id/{CDVC}", headers={"Accept": "application/json"})
    assert by_accept.mimetype == "application/json" and by_accept.json == data
    page = page_of(example_client, f"/id/{CDVC}")
    assert "Khối Thi đua III - Công đoàn Viên chức Việt Nam" in page and 'id="officials"' in page
    assert "<details class=\"evidence\">" in page


def test_organisation_officials_events_and_acts(example_client) -> None:
    data = json_of(example_client, f"/id/{KHOI}.json")
    members = {c["label"] for c in data["children"] if c["link"] == "thành viên của"}
    assert "Công đoàn Đài Tiếng nói Việt Nam" in members
    assert data["events"] and data["events"][0]["date"] == "2023-04-04"
    assert {a["directive"]["label"] for a in data["acts"]} >= {"02-NQ/TW"}
    assert all(a["evidence"] for a in data["acts"])
    tld = json_of(example_client, "/id/org/tong-lien-doan-lao-dong-viet-nam.json")
    assert tld["officials"] and all(o["evidence"] for o in tld["officials"])


def test_person_page(example_client) -> None:
    path = person_path(example_client, "vu minh duc")
    data = json_of(example_client, f"/{path}.json")
    assert data["kind"] == "person" and data["label"] == "Vũ Minh Đức"
    assert data["career"] and data["career"][0]["organisation"]["href"].startswith("/id/org/")
    assert data["events"] and data["events"][0]["evidence"]
    assert "Vũ Minh Đức" in page_of(example_client, f"/{path}")


def test_directive_page(example_client) -> None:
    data = json_of(example_client, f"/id/{NQ02}.json")
    assert data["label"] == "02-NQ/TW"
    assert any(d["iri"] == ID + CTR02 for d in data["basis_of"])
    assert len(data["acts"]) >= 5 and all(a["evidence"] for a in data["acts"])
    programme = json_of(example_client, f"/id/{CTR02}.json")
    assert any(d["iri"] == ID + NQ02 and d["evidence"] for d in programme["based_on"])
    page = page_of(example_client, f"/id/{NQ02}")
    assert 'href="/trace/nq-2-tw"' in page


def test_event_page(example_client) -> None:
    data = json_of(example_client, f"/id/{EVENT}.json")
    assert data["kind"] == "event" and data["participants"]
    assert {a["directive"]["label"] for a in data["acts"]} >= {"02-NQ/TW"}
    assert "Hội nghị triển khai" in page_of(example_client, f"/id/{EVENT}")


def test_article_page_highlights_and_links_mentions(example_client) -> None:
    data = json_of(example_client, f"/id/{ARTICLE}.json")
    text = "".join(s["text"] for s in data["segments"])
    assert len(text) == data["text_length"] and text.startswith("Liên đoàn Lao động tỉnh Nghệ An")
    linked = {s["kind"] for s in data["segments"] if s.get("href")}
    assert {"person", "org", "directive"} <= linked
    page = page_of(example_client, f"/id/{ARTICLE}?hl=364-485")
    assert re.search(r'<a class="mention mention-person[^"]*" href="/id/person/', page)
    assert 'id="m-364"' in page and ("<mark>" in page or "mention hl" in page or " hl\"" in page)


SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"
ARTICLES = "PREFIX schema: <https://schema.org/> SELECT ?a WHERE { ?a a schema:NewsArticle }"
STATED_IN_AN_ARTICLE = """SELECT ?g WHERE { GRAPH ?g { ?entity ?p ?v }
  FILTER(STR(?v) = ?name && ?g != <https://w3id.org/unionkg/graph/reference>) } LIMIT 1"""


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles (../shared/corpus/seeds) are not here")
def test_article_pages_link_the_short_names_of_the_curated_reference(memory_store) -> None:
    # The page reads names in the article's own graph and in the reference graph only (not in
    # every article), so a short name only the reference knows must still be linked.
    from unionkg.loaders.pipeline import ingest
    from unionkg.webui import create_app
    ingest(sorted(str(p) for p in SEEDS.iterdir()), memory_store)
    client = create_app(memory_store, {"TESTING": True}).test_client()
    reference_only = set()
    for row in memory_store.select(ARTICLES):
        for segment in json_of(client, "/id/" + str(row["a"]).split("/id/", 1)[1] + ".json")["segments"]:
            if segment.get("href") and not memory_store.select(
                    STATED_IN_AN_ARTICLE, {"entity": URIRef(segment["entity"]), "name": Literal(segment["text"])}):
                reference_only.add(segment["text"])
    assert "Tổng Liên đoàn" in reference_only


def test_generic_entity_and_missing_entity(example_client) -> None:
    data = json_of(example_client, "/id/role/chu-tich.json")
    assert data["kind"] == "entity" and any(p["name"] == "prefLabel" for p in data["properties"])
    assert "Chủ tịch" in page_of(example_client, "/id/role/chu-tich")
    missing = example_client.get("/id/org/no-such-union")
    assert missing.status_code == 404 and missing.mimetype == "text/html"
    missing = example_client.get("/id/org/no-such-union.json")
    assert missing.status_code == 404 and missing.json["status"] == 404


@pytest.mark.parametrize(("suffix", "accept", "media_type", "rdflib_format"), [
    (".ttl", None, "text/turtle", "turtle"), (".nt", None, "application/n-triples", "nt"),
    (".jsonld", None, "application/ld+json", "json-ld"), ("", "text/turtle", "text/turtle", "turtle"),
    ("", "application/ld+json", "application/ld+json", "json-ld"),
    ("", "application/n-triples", "application/n-triples", "nt"),
])
def test_entity_iris_dereference_to_rdf(example_client, suffix, accept, media_type, rdflib_format) -> None:
    response = example_client.get(f"/id/{KHOI}{suffix}", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200 and response.mimetype == media_type
    graph = Graph().parse(data=response.data, format=rdflib_format)
    assert (URIRef(ID + KHOI), ORG.subOrganizationOf, URIRef(ID + CDVC)) in graph


def test_browsers_get_html_by_default(example_client) -> None:
    response = example_client.get(f"/id/{CDVC}", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.mimetype == "text/html" and response.headers["Vary"] == "Accept"


# Search


@pytest.mark.parametrize("typed", ["cong doan vien chuc", "CÔNG ĐOÀN VIÊN CHỨC", "Công  đoàn,viên-chức", "vien chuc"])
def test_search_ignores_case_diacritics_and_punctuation(example_client, typed: str) -> None:
    results = json_of(example_client, f"/search.json?q={quote(typed)}")["results"]
    assert ID + CDVC in [r["iri"] for r in results]
    assert all(r["href"] and r["label"] for r in results)


def test_search_page_prefix_first_and_escaped(example_client) -> None:
    results = json_of(example_client, "/search.json?q=cong+doan+vien")["results"]
    assert results[0]["match"].startswith("cong doan vien")
    page = page_of(example_client, "/search?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert json_of(example_client, "/search.json?q=")["results"] == []
    assert "Công đoàn Viên chức Việt Nam" in page_of(example_client, "/search?q=vien+chuc")


# Org chart


def test_orgchart_json_expands_a_unit_with_heads(example_client) -> None:
    root = quote(ID + CDVC, safe="")
    data = json_of(example_client, f"/orgchart.json?root={root}&expand={quote(ID + KHOI, safe='')}")
    by_iri = {n["iri"]: n for n in data["nodes"]}
    assert by_iri[ID + KHOI]["parent"] == ID + CDVC and by_iri[ID + KHOI]["below"] >= 3
    members = [n for n in data["nodes"] if n["parent"] == ID + KHOI]
    assert {n["label"] for n in members} >= {"Công đoàn Đài Tiếng nói Việt Nam", "Công đoàn Thông tấn xã Việt Nam"}
    top = json_of(example_client, "/orgchart.json")
    assert ID + "org/tong-lien-doan-lao-dong-viet-nam" in [n["iri"] for n in top["nodes"] if n["parent"] is None]


def test_orgchart_roots_are_the_unions_without_a_parent(example_store, example_client) -> None:
    import io
    from rdflib import Dataset
    from unionkg.ontology.namespaces import RDF, UK
    dump = io.BytesIO()
    example_store.dump(dump, "nquads")
    data = Dataset()
    data.parse(data=dump.getvalue().decode("utf-8"), format="nquads")
    unions = {str(s) for s, _, _, _ in data.quads((None, RDF.type, UK.TradeUnion, None))}
    with_parent = {str(s) for link in (ORG.subOrganizationOf, ORG.unitOf, ORG.memberOf)
                   for s, _, _, _ in data.quads((None, link, None, None))}
    top = json_of(example_client, "/orgchart.json")
    assert {n["iri"] for n in top["nodes"] if n["parent"] is None} == unions - with_parent != set()


def test_orgchart_head_as_of_date(example_client) -> None:
    root = quote(ID + "org/tong-lien-doan-lao-dong-viet-nam", safe="")
    now = json_of(example_client, f"/orgchart.json?root={root}&date=2030-01-01")["nodes"][0]
    assert now["head"] is not None and now["head"]["href"].startswith("/id/person/")
    before = json_of(example_client, f"/orgchart.json?root={root}&date=1990-01-01")["nodes"][0]
    assert before["head"] is None


def heads_store(posts: list[tuple[str, str, str | None, str | None]]):
    """A store with one union and, per article, one post of it: (article, person, date, status)."""
    from unionkg.ontology.namespaces import FOAF, GRAPH, RDF, UK, XSD
    from unionkg.store import EmbeddedStore
    store = EmbeddedStore(None)
    union = URIRef(ID + "org/cd-x")
    store.replace_graph(GRAPH["article/ref"], [(union, RDF.type, UK.TradeUnion)])
    for article, person, day, status in posts:
        post = URIRef(ID + f"post/{person}")
        triples = [(post, ORG.organization, union), (post, ORG.member, URIRef(ID + f"person/{person}")),
                   (post, ORG.role, URIRef(ID + "role/chu-tich")), (URIRef(ID + f"person/{person}"), RDF.type, FOAF.Person)]
        triples += [(post, UK.observedOn, Literal(day, datatype=XSD.date))] if day else []
        triples += [(post, UK.postStatus, Literal(status))] if status else []
        store.replace_graph(GRAPH[f"article/{article}"], triples)
    return store


def head_as_of(store, when: str) -> tuple[str | None, str | None]:
    from unionkg.webui import create_app
    client = create_app(store, {"TESTING": True}).test_client()
    node = json_of(client, f"/orgchart.json?root={quote(ID + 'org/cd-x', safe='')}&date={when}")["nodes"][0]
    return (node["head"]["iri"].rsplit("/", 1)[-1] if node["head"] else None), node["head_observed"]


def test_orgchart_head_is_the_latest_chair_observed_by_then_and_not_former() -> None:
    store = heads_store([("a1", "an", "2020-05-01", None), ("a2", "an", "2022-01-10", None),
                         ("a3", "binh", "2021-03-01", None), ("a4", "binh", "2023-06-01", None),
                         ("a5", "cuong", "2024-01-01", None), ("a6", "cuong", None, "former"),
                         ("a7", "dung", None, None)])
    with store:
        assert head_as_of(store, "2021-06-30") == ("binh", "2021-03-01")  # an's 2022 restatement is later
        assert head_as_of(store, "2022-06-30") == ("an", "2022-01-10")
        assert head_as_of(store, "2030-01-01") == ("binh", "2023-06-01")  # cuong is called former once
        assert head_as_of(store, "2019-01-01") == ("dung", None)  # never dated: kept, ranked last
    with heads_store([("a1", "an", "2020-05-01", None), ("a2", "an", None, None)]) as store:
        assert head_as_of(store, "2019-01-01") == (None, None)  # dated only after the day


def test_officials_and_career_fold_each_posts_articles_into_one_row_per_status() -> None:
    with heads_store([("a1", "an", "2020-05-01", None), ("a2", "an", "2022-01-10", None), ("a3", "an", None, None),
                      ("a4", "an", "2023-03-03", "former"), ("a5", "binh", "2021-01-01", None)]) as store:
        from unionkg.webui import create_app
        client = create_app(store, {"TESTING": True}).test_client()
        officials = json_of(client, "/id/org/cd-x.json")["officials"]
        career = json_of(client, "/id/person/an.json")["career"]
        page = page_of(client, "/id/org/cd-x?lang=en")
    rows = [(o["person"]["iri"].rsplit("/", 1)[-1], o["status"], o["first_observed"], o["observed"], o["articles"])
            for o in officials]
    assert rows == [("an", "former", "2023-03-03", "2023-03-03", 1), ("an", None, "2020-05-01", "2022-01-10", 3),
                    ("binh", None, "2021-01-01", "2021-01-01", 1)]
    assert [(c["status"], c["first_observed"], c["articles"]) for c in career] == [(None, "2020-05-01", 3),
                                                                                  ("former", "2023-03-03", 1)]
    assert "2020-05-01 – 2022-01-10" in page and "(3 articles)" in page


def test_orgchart_page_and_bad_parameters(example_client) -> None:
    page = page_of(example_client, f"/orgchart?root={quote(ID + CDVC, safe='')}")
    assert 'id="cy"' in page and 'id="orgchart-data"' in page and "/vendor/cytoscape.min.js" in page
    assert example_client.get("/orgchart?date=yesterday").status_code == 400
    assert example_client.get("/orgchart.json?root=http://evil/%3E").status_code == 400


# Directive trace


def test_trace_lists_acts_in_date_order_with_evidence(example_client) -> None:
    data = json_of(example_client, "/trace/nq-2-tw.json")
    dates = [a["date"] for a in data["timeline"]]
    assert dates == sorted(dates) and len(dates) == 4
    assert data["issued"] == "2021-06-12" and data["timeline"][0]["lag_days"] == 275
    assert all(a["evidence"] for a in data["timeline"])
    page = page_of(example_client, "/trace/nq-2-tw")
    assert page.count('<li class="act level-') == 4 and "level-level-provincial" in page
    assert example_client.get("/trace/no-such").status_code == 404
    assert example_client.get("/trace/no-such.json").json["status"] == 404


# Vendor files, headers, queries


def test_vendor_files_are_allowlisted(example_client) -> None:
    assert example_client.get("/vendor/package.json").status_code == 404
    assert example_client.get("/vendor/..%2Fpackage.json").status_code == 404
    from unionkg.webui.vendor import FILES, MODULES
    if not (MODULES / FILES["cytoscape.min.js"]).is_file():
        pytest.skip("webui/node_modules is not installed (npm ci)")
    for name in FILES:
        assert example_client.get(f"/vendor/{name}").status_code == 200, name


@pytest.mark.parametrize("path", ["/", f"/id/{CDVC}", "/orgchart", "/trace/nq-2-tw", "/search?q=a", "/sparql"])
def test_security_headers(example_client, path: str) -> None:
    response = example_client.get(path, headers={"Accept": "text/html"})
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "<script>" not in response.get_data(as_text=True).replace('<script src=', '')


def test_sparql_editor_page(example_client) -> None:
    response = example_client.get("/sparql", headers={"Accept": "text/html"})
    page = response.get_data(as_text=True)
    assert "/vendor/codemirror.js" in page and "/static/editor.js" in page and 'id="sparql-prefixes"' in page


def test_every_webui_query_has_a_summary_and_runs(example_client, example_store) -> None:
    bindings = {"this": URIRef(ID + CDVC), "q": __import__("rdflib").Literal("cong"),
                "s": URIRef(ID + KHOI), "p": ORG.subOrganizationOf, "o": URIRef(ID + CDVC),
                "asof": __import__("rdflib").Literal("2030-01-01")}
    for name in rq.names():
        text = rq.load(name)
        assert rq.summary(name), name
        names = {"s", "p", "o"} if name == "triple_evidence" else set(bindings) - {"s", "p", "o"}
        used = {v for v in names if re.search(rf"\?{v}\b", text)}
        binding = {v: bindings[v] for v in used}
        if "CONSTRUCT" in text:
            assert example_store.construct(text, binding), name
        else:
            example_store.select(text, binding)
