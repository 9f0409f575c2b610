"""Property tests: no parameter value or search text changes a query's structure or causes a 500.

For every parameter of every library query, arbitrary text is turned into a term (or refused
with a ParameterError), and the query then runs both ways the stores bind terms (pyoxigraph
substitution, and the VALUES block used where Oxigraph cannot substitute and on remote
servers), with the same keywords as the bare query and the same answer. The web pages that
take text (search, autocomplete, library query forms, trace, org chart, graph, entity pages)
answer every value below 500 and never echo it unescaped. Slow: `make test-slow`
(UNIONKG_FUZZ_EXAMPLES sets the number of examples per property).
"""
from __future__ import annotations

import os
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unionkg.errors import QueryError
from unionkg.queries import library
from unionkg.store import bind_values, query_keywords

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("UNIONKG_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text an attacker would try: SPARQL and HTML syntax, escapes, controls, Vietnamese, and anything.
HOSTILE = st.sampled_from(['"', "'", "}", "{", ">", "<", "\\", "\n", "#", "?x", "$x", "<script>", "\x00", "\u202e",
                           "' } ; DROP ALL ; SELECT * { '", '" . ?s ?p ?o } #', "> } SERVICE <http://127.0.0.1:9/> {",
                           "02-NQ/TW", "Công đoàn", "uk:", "http://x/", "%00", "\ud7ff", "\\u0022", "FILTER(true)"])
TEXT = st.lists(st.one_of(HOSTILE, st.text(max_size=12)), max_size=6).map("".join)

PARAMS = [(name, param.name) for name in library.names() for param in library.load(name).params]


@pytest.mark.parametrize(("name", "param"), PARAMS, ids=[f"{n}.{p}" for n, p in PARAMS])
def test_a_parameter_value_never_changes_the_query(example_store, name: str, param: str) -> None:
    query = library.load(name)
    keywords = query_keywords(query.text)

    @FUZZ
    @given(TEXT)
    def check(value: str) -> None:
        try:
            bindings = library.bind(example_store, query, {param: value})
        except library.ParameterError:
            return  # refused, with its one-line reason
        try:
            rows = example_store.select(query.text, bindings)
        except QueryError as error:  # a term the store will not bind (e.g. an IRI with a control character)
            assert str(error).startswith("bad binding"), error
            return
        bound = bind_values(query.text, bindings)
        assert query_keywords(bound) <= keywords | {"VALUES", "UNDEF"}
        assert sorted(map(repr, example_store.select(bound))) == sorted(map(repr, rows))

    check()


PAGES = ["/search?q={}", "/search.json?q={}", "/trace/{}", "/trace/{}.json", "/id/org/{}", "/id/person/{}.json",
         "/orgchart?root={}", "/orgchart.json?date={}", "/graph?iri={}", "/graph.json?depth={}",
         "/queries/search?q={}&run=1", "/queries/directive_trace.json?directive={}",
         "/queries/officials?org={}&date={}&run=1"]


@pytest.mark.parametrize("page", PAGES)
def test_pages_answer_any_text_below_500_and_escaped(example_client, page: str) -> None:
    @FUZZ
    @given(TEXT)
    def check(value: str) -> None:
        url = page.replace("{}", quote(value, safe=""))
        response = example_client.get(url, headers={"Accept": "text/html"})
        assert response.status_code < 500, (url, response.data[:300])
        if "<" in value and response.mimetype == "text/html":
            assert value not in response.get_data(as_text=True), url

    check()


def test_search_json_echoes_the_text_and_is_json(example_client) -> None:
    @FUZZ
    @given(TEXT)
    def check(value: str) -> None:
        response = example_client.get("/search.json", query_string={"q": value})
        assert response.status_code == 200 and response.mimetype == "application/json"
        assert response.json["query"] == value
        assert all(set(hit) >= {"href", "kind", "match"} for hit in response.json["results"])

    check()
