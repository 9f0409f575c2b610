"""The plain SPARQL 1.1 twins of library queries (queries/sparql11/): every query that uses LATERAL
has one; a twin parses as plain SPARQL 1.1 and gives the same rows as its query on the hand-built
graph, the example corpus and the seed articles; a store is given the twin only when it refuses
LATERAL."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.plugins.sparql import prepareQuery

from unionkg.queries import library as L
from unionkg.queries.lateral import has_lateral, uses_lateral

import kg_fixture as fx

TWINNED = [name for name in L.names() if L.load(name).sparql11 is not None]
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"


def test_the_queries_that_need_lateral_have_twins():
    for name in L.names():
        query = L.load(name)
        assert query.sparql11 is not None or not uses_lateral(query.text), name
        assert query.sparql11 is None or not uses_lateral(query.sparql11), name
    assert {"directive_trace", "officials", "person_career", "org_ancestors", "org_subtree",
            "directive_coverage"} <= set(TWINNED)


@pytest.mark.parametrize("name", TWINNED)
def test_a_twin_is_plain_sparql_11(name):
    prepareQuery(L.load(name).sparql11)  # rdflib's parser knows no LATERAL


def _both(store, name, params):
    """The rows of a query and of its twin, each run on `store` with the same bindings."""
    query = L.load(name)
    bindings = L.bind(store, query, params)
    return store.select(query.text, bindings), store.select(query.sparql11, bindings)


CASES = [("directive_trace", {"directive": "02-NQ/TW"}), ("directive_trace", {"directive": "02-NQ/TW", "derived": True}),
         ("officials", {"org": "Tổng Liên đoàn"}), ("officials", {"org": "Tổng Liên đoàn", "units": False}),
         ("person_career", {"person": "Lê Văn Cường"}), ("org_ancestors", {"org": str(fx.BCHHV)}),
         ("org_subtree", {"org": "Tổng Liên đoàn Lao động Việt Nam"}),
         ("org_subtree", {"org": "Công đoàn Viên chức Việt Nam", "as_of": "2022-12-31"}),
         ("directive_coverage", {"directive": "02-NQ/TW", "org": "Tổng Liên đoàn Lao động Việt Nam"}),
         ("directive_coverage", {"directive": "02-NQ/TW", "org": "Công đoàn Viên chức Việt Nam", "by": "2022-12-31"}),
         ("directive_coverage", {"directive": "02-NQ/TW", "org": "Công đoàn Viên chức Việt Nam", "include": "all"})]


@pytest.mark.parametrize(("name", "params"), CASES)
def test_a_twin_gives_the_rows_of_its_query_on_the_hand_built_graph(kg, name, params):
    lateral, twin = _both(kg, name, params)
    assert lateral == twin and lateral, (name, params)


HIERARCHY = "PREFIX org: <http://www.w3.org/ns/org#> SELECT DISTINCT ?o WHERE { ?o org:subOrganizationOf|org:unitOf|org:memberOf ?up }"
PARENTS = "PREFIX org: <http://www.w3.org/ns/org#> SELECT DISTINCT ?o WHERE { ?down org:subOrganizationOf|org:unitOf|org:memberOf ?o }"


def _people_and_directives(store):
    """Every person with a post, organisation in the hierarchy and directive acted on (and each
    directive under each parent), as parameter sets."""
    people = store.select("PREFIX org: <http://www.w3.org/ns/org#> SELECT DISTINCT ?p WHERE { ?m org:member ?p }")
    orgs = store.select("PREFIX org: <http://www.w3.org/ns/org#> SELECT DISTINCT ?o WHERE { ?m org:organization ?o }")
    acted = store.select("PREFIX uk: <https://w3id.org/unionkg/ont#> SELECT DISTINCT ?d WHERE { ?a uk:directive ?d }")
    parents = store.select(PARENTS)
    subtrees = [("org_subtree", {"org": r["o"], **day}) for r in parents for day in ({}, {"as_of": "2022-06-30"})]
    coverage = [("directive_coverage", {"directive": d["d"], "org": r["o"], **more}) for d in acted for r in parents
                for more in ({}, {"by": "2022-06-30", "include": "all"})]
    return ([("person_career", {"person": r["p"]}) for r in people] + [("officials", {"org": r["o"]}) for r in orgs]
            + [("directive_trace", {"directive": r["d"], "derived": True}) for r in acted]
            + [("org_ancestors", {"org": r["o"]}) for r in store.select(HIERARCHY)] + subtrees + coverage)


def test_twins_agree_on_every_person_org_and_directive_of_the_example_corpus(example_store):
    cases = _people_and_directives(example_store)
    assert len(cases) > 10
    for name, params in cases:
        lateral, twin = _both(example_store, name, params)
        assert lateral == twin, (name, params)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles (../shared/corpus/seeds) are not here")
def test_twins_agree_on_every_person_org_and_directive_of_the_seed_articles(memory_store):
    from unionkg.loaders.pipeline import ingest
    ingest(sorted(str(p) for p in SEEDS.iterdir()), memory_store)
    for name, params in _people_and_directives(memory_store):
        lateral, twin = _both(memory_store, name, params)
        assert lateral == twin, (name, params)


def test_oxigraph_runs_lateral_embedded_and_as_a_server(memory_store, remote_store):
    assert has_lateral(memory_store) and has_lateral(remote_store)
    fx.load(memory_store)
    fx.load(remote_store)
    assert L.run(memory_store, "officials", {"org": "Tổng Liên đoàn"}) == \
        L.run(remote_store, "officials", {"org": "Tổng Liên đoàn"}) != []
