"""The page-wide evidence queries agree with the per-fact ones they stand in for, on the example corpus."""
from __future__ import annotations

from rdflib import URIRef

from unionkg.webui import rq
from unionkg.webui.model import EVIDENCE_SHOWN

ORG_LINKS = """PREFIX org: <http://www.w3.org/ns/org#>
SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o FILTER(?p IN (org:subOrganizationOf, org:unitOf, org:memberOf)) }"""


def _evidence(rows: list[dict]) -> list[tuple]:
    return [(str(r["mention"]), str(r["sentence"]), str(r["article"]), r.get("begin")) for r in rows]


def test_link_evidence_gives_each_link_the_evidence_triple_evidence_gives_it(example_store):
    links = example_store.select(ORG_LINKS)
    centres = sorted({link["o"] for link in links})
    assert len(centres) > 3
    compared = 0
    for centre in centres:
        grouped: dict[tuple, list[dict]] = {}
        for row in example_store.select(rq.load("link_evidence"), {"this": centre}):
            grouped.setdefault((row["s"], row["p"], row["o"]), []).append(row)
        for link in (link for link in links if centre in (link["s"], link["o"])):
            key = (link["s"], link["p"], link["o"])
            single = example_store.select(rq.load("triple_evidence"), dict(zip("spo", key)))
            assert _evidence(grouped.get(key, [])) == _evidence(single), key
            compared += bool(single)
    assert compared > 3  # links with evidence were compared, not only empty ones


def test_node_evidence_lists_each_mention_once(example_store):
    nodes = example_store.select("PREFIX uk: <https://w3id.org/unionkg/ont#> "
                                 "SELECT ?n (COUNT(DISTINCT ?m) AS ?c) WHERE { ?n uk:evidence ?m } GROUP BY ?n "
                                 "ORDER BY DESC(?c) LIMIT 5")
    assert int(nodes[0]["c"]) > EVIDENCE_SHOWN
    for node in nodes:
        rows = example_store.select(rq.load("node_evidence"), {"this": URIRef(str(node["n"]))})
        # The first EVIDENCE_SHOWN mentions, each once, and how many there are in all.
        assert len(rows) == len({r["mention"] for r in rows}) == min(int(node["c"]), EVIDENCE_SHOWN)
        total = example_store.select(rq.load("evidence_count"), {"this": URIRef(str(node["n"]))})
        assert int(total[0]["total"]) == int(node["c"])
        assert all(r.get("sentence") and r.get("article") for r in rows)


MOST_MENTIONED_ORG = """PREFIX uk: <https://w3id.org/unionkg/ont#> PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?n (COUNT(DISTINCT ?m) AS ?c) WHERE { ?n a org:Organization ; uk:evidence ?m
  FILTER(STRSTARTS(STR(?n), "https://w3id.org/unionkg/id/org/")) } GROUP BY ?n ORDER BY DESC(?c) ?n LIMIT 1"""


def test_an_entity_page_shows_the_first_evidence_and_says_how_many_there_are(example_store, example_client):
    top = example_store.select(MOST_MENTIONED_ORG)[0]
    count, path = int(top["c"]), "/id/" + str(top["n"]).split("/id/", 1)[1]
    assert count > EVIDENCE_SHOWN, "the example corpus needs an organisation named more often than the cap"
    evidence = example_client.get(path + ".json").get_json()["evidence"]
    assert len(evidence) == EVIDENCE_SHOWN
    dates = [ev["date"] for ev in evidence if ev["date"]]
    assert dates == sorted(dates)
    html = example_client.get(path).get_data(as_text=True)
    assert f"({EVIDENCE_SHOWN} / {count})" in html


ACTS_AT_EVENTS = """PREFIX uk: <https://w3id.org/unionkg/ont#>
SELECT ?event (COUNT(DISTINCT ?act) AS ?acts) WHERE { ?act uk:atEvent ?event } GROUP BY ?event"""


def test_the_acts_of_an_event_are_those_at_that_event_only(example_store):
    events = example_store.select(ACTS_AT_EVENTS)
    every_act = {r["act"] for r in example_store.select(rq.load("acts"))}
    assert events and len(every_act) > max(int(e["acts"]) for e in events)
    for event in events:
        acts = {r["act"] for r in example_store.select(rq.load("acts"), {"event": event["event"]})}
        nodes = {r["node"] for r in example_store.select(rq.load("act_evidence"), {"event": event["event"]})}
        assert len(acts) == int(event["acts"]) and nodes == acts


def test_an_event_page_lists_the_acts_acts_rq_gives_for_it_in_that_order(example_store, example_client):
    # The page reads the event's acts one by one (event_acts.rq), not through acts.rq with ?event.
    events = example_store.select(ACTS_AT_EVENTS)
    assert any(int(e["acts"]) > 1 for e in events)
    for event in events:
        expected = [str(r["act"]) for r in example_store.select(rq.load("acts"), {"event": event["event"]})]
        page = example_client.get("/id/" + str(event["event"]).split("/id/", 1)[1] + ".json").get_json()
        assert [act["act"] for act in page["acts"]] == expected
        assert all(act["evidence"] for act in page["acts"]), event  # each act with its sentences


MENTIONED = """PREFIX uk: <https://w3id.org/unionkg/ont#>
SELECT ?n (COUNT(DISTINCT ?m) AS ?c) WHERE { ?n uk:evidence ?m } GROUP BY ?n ORDER BY DESC(?c) ?n LIMIT 80"""


def _earliest_both_ways(store, nodes) -> list[tuple[list, list]]:
    from unionkg.webui import create_app
    from unionkg.webui.hub_evidence import earliest_mentions
    keys = ("mention", "sentence", "article", "begin", "end", "issued")
    with create_app(store, {"TESTING": True}).test_request_context():
        return [([tuple(r.get(k) for k in keys) for r in earliest_mentions(node, EVIDENCE_SHOWN)],
                 [tuple(r.get(k) for k in keys) for r in store.select(rq.load("node_evidence"), {"this": node})])
                for node in nodes]


def test_the_earliest_mentions_read_graph_by_graph_are_node_evidences(example_store):
    nodes = [URIRef(str(row["n"])) for row in example_store.select(MENTIONED)]
    pairs = _earliest_both_ways(example_store, nodes)
    assert len(pairs) > 40 and any(len(ours) == EVIDENCE_SHOWN for ours, _ in pairs)
    assert sum(len(ours) > 1 for ours, _ in pairs) > 5
    assert all(ours == theirs for ours, theirs in pairs)


def test_graph_by_graph_orders_undated_articles_last_and_places_within_an_article():
    from rdflib import Literal, Namespace
    from rdflib.namespace import DCTERMS, RDF, XSD
    from unionkg.ontology.namespaces import GRAPH, ID, NIF, UK
    from unionkg.store import EmbeddedStore
    schema, fact = Namespace("https://schema.org/"), ID["org/x"]
    with EmbeddedStore(None) as store:
        for key, day, places in [("c", "2021-05-01", [40, 7]), ("a", None, [3]), ("b", "2019-02-02", [9, 2, 30]),
                                 ("d", "2021-05-01", [1])] + [(f"e{n:02d}", "2022-01-01", [5]) for n in range(12)]:
            article = ID[f"article/{key}"]
            triples = [(article, RDF.type, schema.NewsArticle)]
            triples += [(article, DCTERMS.issued, Literal(day, datatype=XSD.date))] if day else []
            for place in places:
                mention = ID[f"mention/{key}-{place}"]
                triples += [(fact, UK.evidence, mention), (mention, NIF.referenceContext, article),
                            (mention, NIF.beginIndex, Literal(place)), (mention, NIF.anchorOf, Literal(f"{key} {place}"))]
            store.replace_graph(GRAPH[f"article/{key}"], triples)
        [(ours, theirs)] = _earliest_both_ways(store, [fact])
    assert ours == theirs
    assert [str(row[1]) for row in ours][:7] == ["b 2", "b 9", "b 30", "c 7", "c 40", "d 1", "e00 5"]


def test_a_page_is_the_same_with_every_evidence_read_graph_by_graph(example_store, monkeypatch):
    from unionkg.webui import create_app, hub_evidence
    app = create_app(example_store, {"TESTING": True})
    path = "/id/" + str(example_store.select(MOST_MENTIONED_ORG)[0]["n"]).split("/id/", 1)[1] + ".json"
    before = app.test_client().get(path).get_json()
    monkeypatch.setattr(hub_evidence, "HUB_MENTIONS", 0)
    read, earliest_rows = [], hub_evidence.earliest_rows
    monkeypatch.setattr(hub_evidence, "earliest_rows", lambda *args: read.append(args) or earliest_rows(*args))
    after = app.test_client().get(path).get_json()
    assert read  # the graph-by-graph path ran
    assert before == after and len(before["evidence"]) == EVIDENCE_SHOWN


def test_a_links_evidence_read_graph_by_graph_is_triple_evidences(example_store, monkeypatch):
    from unionkg.webui import create_app, hub_evidence
    from unionkg.webui.model import evidence_rows, triple_evidence
    app = create_app(example_store, {"TESTING": True})
    links = [(row["s"], row["p"], row["o"]) for row in example_store.select(ORG_LINKS)]

    def panels(panel) -> list[tuple[list, int]]:
        with app.test_request_context():
            return [(list(shown), shown.total) for shown in (panel(*link) for link in links)]

    by_query = panels(lambda s, p, o: evidence_rows(rq.select("triple_evidence", s=s, p=p, o=o)))
    few_graphs = panels(triple_evidence)  # every link here is stated in ten graphs or fewer
    monkeypatch.setattr(hub_evidence, "HUB_MENTIONS", 0)
    many_mentions = panels(triple_evidence)
    assert len(links) > 10 and sum(1 for shown, _ in by_query if shown) > 5
    assert by_query == few_graphs == many_mentions


def test_graph_by_graph_evidence_is_the_same_on_a_sparql_server(example_store, remote_store, monkeypatch):
    import io
    from rdflib import Dataset
    from unionkg.webui import create_app, hub_evidence
    dump = io.BytesIO()
    example_store.dump(dump, "nquads")
    data = Dataset()
    data.parse(data=dump.getvalue().decode("utf-8"), format="nquads")
    for graph in data.graphs():
        if str(graph.identifier).startswith("https://w3id.org/unionkg/graph/"):
            remote_store.replace_graph(graph.identifier, list(graph))
    path = "/id/" + str(example_store.select(MOST_MENTIONED_ORG)[0]["n"]).split("/id/", 1)[1] + ".json"
    local = create_app(example_store, {"TESTING": True}).test_client().get(path).get_json()
    app = create_app(remote_store, {"TESTING": True})
    monkeypatch.setattr(hub_evidence, "HUB_MENTIONS", 0)  # every fact graph by graph, over HTTP
    read, earliest_rows = [], hub_evidence.earliest_rows
    monkeypatch.setattr(hub_evidence, "earliest_rows", lambda *args: read.append(args) or earliest_rows(*args))
    remote = app.test_client().get(path).get_json()
    assert read
    assert remote["evidence"] == local["evidence"] and remote["children"] == local["children"]
