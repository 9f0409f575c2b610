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
