"""The query library: headers, typed parameters, resolvers, every query's rows on a hand-built
graph (tests/queries/fixture.py), the same rows from a real `oxigraph serve`, the CLI, and bound
values that never change a query's structure (hypothesis)."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from unionkg.cli import main
from unionkg.ontology.namespaces import fold
from unionkg.queries import library as L
from unionkg.store import EmbeddedStore
from unionkg.store_remote import bind_values, tokens

import kg_fixture as fx


CONTRACT = {"org_subtree", "org_ancestors", "officials", "person_career", "directive", "directive_trace",
            "directive_coverage", "events", "search", "stats"}


def rows(store, name, **params):
    """Rows of a query as dicts of plain Python values."""
    return L.plain(L.run(store, name, params))


def pick(found, *columns):
    """Only the named columns of each row (absent ones as None)."""
    return [tuple(row.get(c) for c in columns) for row in found]


# -- the catalogue ----------------------------------------------------------------------------

def test_the_library_has_the_contract_queries():
    assert CONTRACT <= set(L.names())


@pytest.mark.parametrize("name", L.names())
def test_every_query_has_a_header_and_parses(name):
    query = L.load(name)
    assert query.summary and len(query.description) > 40
    for param in query.params:
        assert param.type in L.TYPES and param.description and param.example is not None
        assert not (param.required and param.default is not None)
        assert f"?{param.name}" in query.text
    prepareQuery(query.sparql11 or query.text)  # plain SPARQL 1.1 (a LATERAL query: its twin)


def test_header_parser_reads_the_yaml_subset():
    meta = L.parse_header('#+ summary: One line\n#+ description: >\n#+   first part\n#+   second part\n'
                          '#+ params:\n#+   - name: day\n#+     type: date\n#+     default: "2021-01-01"\n'
                          '#+     choices: [a, b]\n#+   - name: flag\n#+     type: boolean\n#+     example: true\n'
                          '\nSELECT * WHERE { ?s ?p ?o }\n#+ not: header\n')
    assert meta == {"summary": "One line", "description": "first part second part",
                    "params": [{"name": "day", "type": "date", "default": "2021-01-01", "choices": ["a", "b"]},
                               {"name": "flag", "type": "boolean", "example": True}]}


def test_columns_come_from_the_projection():
    assert L.columns_of("SELECT ?a (MIN(?b) AS ?c) ?d WHERE { ?a ?b ?d }") == ["a", "c", "d"]
    assert L.columns_of("PREFIX x: <http://x/> SELECT DISTINCT ?z WHERE { ?z ?p ?o }") == ["z"]
    assert L.columns_of("SELECT * WHERE { ?s ?p ?o }", [{"s": 1, "o": 2}, {"p": 3}]) == ["s", "o", "p"]


# -- parameters and resolvers -----------------------------------------------------------------

@pytest.mark.parametrize("text", ["02-NQ/TW", "02/NQ-TW", "2-nq/tw", "Nghị quyết số 02-NQ/TW của Bộ Chính trị",
                                  "https://w3id.org/unionkg/id/directive/nq-02-tw", "id:directive/nq-02-tw"])
def test_a_directive_is_found_in_any_spelling(kg, text):
    assert L.resolve_directive(kg, text) == fx.NQ02


@pytest.mark.parametrize(("text", "expected"), [
    ("05/CT-TW", "CT05"), ("Chỉ thị 05-CT/TW", "CT05"),
    ("Chương trình hành động số 02", "CTR02"), ("chuong trinh so 2 cua Tong Lien doan", "CTR02"),
    ("Nghị quyết Đại hội XIII của Đảng", "NQDH_DANG"), ("Nghị quyết Đại hội XIII Công đoàn Việt Nam", "NQDH_TLD"),
])
def test_numbered_documents_and_congress_resolutions_are_found(kg, text, expected):
    assert L.resolve_directive(kg, text) == getattr(fx, expected)


@pytest.mark.parametrize(("text", "message"), [
    ("Nghị quyết Đại hội XIII", "matches 2"), ("99-NQ/TW", "no directive"), ("hello", "cannot read"),
    ("Quyết định số 7", "no directive"),
])
def test_unknown_or_ambiguous_directives_say_so(kg, text, message):
    with pytest.raises(L.ParameterError, match=message):
        L.resolve_directive(kg, text)


def test_organisations_and_persons_are_found_by_name(kg):
    assert L.resolve_org(kg, "Công đoàn Viên chức Việt Nam") == fx.CDVC
    assert L.resolve_org(kg, "CONG DOAN HOC VIEN") == fx.CDHV          # a name key of its own
    assert L.resolve_org(kg, "Khối Thi đua III") == fx.KHOI
    assert L.resolve_person(kg, "tran thi binh") == fx.BINH
    with pytest.raises(L.ParameterError, match="matches"):
        L.resolve_org(kg, "Công đoàn")                                  # starts several names
    with pytest.raises(L.ParameterError, match="no organization"):
        L.resolve_org(kg, "Công đoàn Ngân hàng")


def test_parameter_values_are_checked(kg):
    with pytest.raises(L.ParameterError, match="needs --param directive"):
        rows(kg, "directive_trace")
    with pytest.raises(L.ParameterError, match="no parameter colour"):
        rows(kg, "stats", colour="red")
    with pytest.raises(L.ParameterError, match="not a date"):
        rows(kg, "events", start="10/11/2021")
    with pytest.raises(L.ParameterError, match="not a boolean"):
        rows(kg, "directive_trace", directive="02-NQ/TW", derived="perhaps")
    with pytest.raises(L.ParameterError, match="one of unions, all"):
        rows(kg, "directive_coverage", directive="02-NQ/TW", org="Công đoàn Viên chức Việt Nam", include="some")
    with pytest.raises(L.ParameterError, match="no letters or digits"):
        rows(kg, "search", q=" -- ")


# -- every query's rows on the fixture --------------------------------------------------------

def test_directive_trace_lists_each_actor_day_and_event_with_lag_level_and_evidence(kg):
    found = rows(kg, "directive_trace", directive="02-NQ/TW")
    assert pick(found, "date", "lag", "actor", "level", "kinds", "event", "chair", "source") == [
        (dt.date(2021, 11, 10), 151, str(fx.TLD), "confederation", "disseminate, carry-out", str(fx.E1),
         "Nguyễn Văn An", "a1.txt"),
        (dt.date(2022, 3, 29), 290, str(fx.KHOI), "bloc", "carry-out", str(fx.E2), "Trần Thị Bình", "a2.txt"),
        (dt.date(2023, 2, 10), 608, str(fx.BCHHV), "unit", "disseminate", None, None, "a3.txt"),
        (None, None, str(fx.CDDAI), "upper-grassroots", "review", None, None, "a4.txt"),
    ]
    assert found[0]["evidence"] == "Tổng Liên đoàn quán triệt Nghị quyết 02-NQ/TW của Bộ Chính trị."
    assert found[0]["actorLabel"] == "Tổng Liên đoàn Lao động Việt Nam"
    assert found[0]["eventLabel"] == "Hội nghị triển khai Nghị quyết 02"
    assert {row["actedOn"] for row in found} == {str(fx.NQ02)}


def test_directive_trace_follows_derived_directives_on_request(kg):
    found = rows(kg, "directive_trace", directive="02-NQ/TW", derived=True)
    assert pick(found, "date", "lag", "actor", "level", "actedOn")[1] == (
        dt.date(2022, 1, 15), 217, str(fx.BADINH), "upper-grassroots", str(fx.CTR02))
    assert len(found) == 5


def test_directive_shows_its_bases_and_what_is_based_on_it(kg):
    assert pick(rows(kg, "directive", directive="02-NQ/TW"), "relation", "related", "name", "issuerLabel",
                "issued", "actors") == [
        ("self", str(fx.NQ02), "02-NQ/TW", "Bộ Chính trị", dt.date(2021, 6, 12), 4),
        ("basis of", str(fx.CTR02), "Chương trình số 02", "Tổng Liên đoàn Lao động Việt Nam", None, 1)]
    found = rows(kg, "directive", directive="Chương trình hành động số 02")
    assert pick(found, "relation", "related", "symbol", "title") == [
        ("self", str(fx.CTR02), None, None), ("based on", str(fx.NQ02), "02-NQ/TW", fx.NQ02_TITLE)]


def test_directives_lists_every_directive_with_a_name(kg):
    assert pick(rows(kg, "directives"), "directive", "name", "type", "issued") == [
        (str(fx.CTR02), "Chương trình số 02", "chuong-trinh", None),
        (str(fx.NQDH_DANG), "Nghị quyết Đại hội XIII", "nghi-quyet", None),
        (str(fx.NQDH_TLD), "Nghị quyết Đại hội XIII", "nghi-quyet", None),
        (str(fx.CT05), "05-CT/TW", "chi-thi", dt.date(2016, 5, 15)),
        (str(fx.NQ02), "02-NQ/TW", "nghi-quyet", dt.date(2021, 6, 12))]
    assert pick(rows(kg, "directives", num="2"), "directive") == [(str(fx.CTR02),), (str(fx.NQ02),)]


def test_directive_coverage_says_who_has_and_has_not_acted(kg):
    params = {"directive": "02-NQ/TW", "org": "Công đoàn Viên chức Việt Nam"}
    assert pick(rows(kg, "directive_coverage", **params), "unit", "level", "acted", "acts", "firstDate", "kinds") == [
        (str(fx.KHOI), "bloc", True, 1, dt.date(2022, 3, 29), "carry-out"),
        (str(fx.CDHV), "grassroots", True, 1, dt.date(2023, 2, 10), "disseminate"),   # by its Ban Chấp hành
        (str(fx.CDDAI), "upper-grassroots", True, 1, None, "review")]                  # undated
    assert pick(rows(kg, "directive_coverage", by="2022-12-31", **params), "unit", "acted", "acts", "kinds") == [
        (str(fx.KHOI), True, 1, "carry-out"), (str(fx.CDHV), False, 0, ""), (str(fx.CDDAI), False, 0, "")]
    every = pick(rows(kg, "directive_coverage", include="all", **params), "unit", "acted")
    assert (str(fx.BCHHV), True) in every and len(every) == 4


def test_org_subtree_lists_links_with_level_and_depth(kg):
    assert pick(rows(kg, "org_subtree", org="Công đoàn Viên chức Việt Nam"), "unit", "level", "depth", "link",
                "parent") == [
        (str(fx.KHOI), "bloc", 1, "subOrganizationOf", str(fx.CDVC)),
        (str(fx.KHOI), "bloc", 1, "unitOf", str(fx.CDVC)),
        (str(fx.CDHV), "grassroots", 2, "memberOf", str(fx.KHOI)),
        (str(fx.CDDAI), "upper-grassroots", 2, "memberOf", str(fx.KHOI)),
        (str(fx.BCHHV), "unit", 3, "unitOf", str(fx.CDHV))]
    assert pick(rows(kg, "org_subtree", org=str(fx.LDHN)), "unit", "level", "depth", "parentLabel") == [
        (str(fx.BADINH), "upper-grassroots", 1, "Liên đoàn Lao động thành phố Hà Nội"),
        (str(fx.KIMDONG), "grassroots", 2, "Liên đoàn Lao động quận Ba Đình")]


def test_org_subtree_as_of_a_date_keeps_the_links_stated_by_then(kg):
    assert rows(kg, "org_subtree", org="Công đoàn Viên chức Việt Nam", as_of="2022-01-01") == []
    assert len(rows(kg, "org_subtree", org="Công đoàn Viên chức Việt Nam", as_of="2022-12-31")) == 5
    assert pick(rows(kg, "org_subtree", org="Tổng Liên đoàn Lao động Việt Nam", as_of="2000-01-01"), "unit") == [
        (str(fx.CDVC),), (str(fx.LDHN),)]                                   # the reference has no date


def test_org_ancestors_climbs_to_the_top(kg):
    assert pick(rows(kg, "org_ancestors", org=str(fx.BCHHV)), "ancestor", "level", "distance") == [
        (str(fx.CDHV), "grassroots", 1), (str(fx.KHOI), "bloc", 2), (str(fx.CDVC), "sector", 3),
        (str(fx.TLD), "confederation", 4)]
    assert pick(rows(kg, "org_ancestors", org="Công đoàn Trường Tiểu học Kim Đồng"), "ancestorLabel", "distance") == [
        ("Liên đoàn Lao động quận Ba Đình", 1), ("Liên đoàn Lao động thành phố Hà Nội", 2),
        ("Tổng Liên đoàn Lao động Việt Nam", 3)]


def test_officials_lists_posts_with_dates_and_evidence(kg):
    found = rows(kg, "officials", org="Công đoàn Học viện Chính trị quốc gia Hồ Chí Minh")
    assert pick(found, "organization", "roleLabel", "personLabel", "firstSeen", "lastSeen", "source", "role") == [
        (str(fx.CDHV), "Chủ tịch", "Trần Thị Bình", dt.date(2022, 3, 30), dt.date(2023, 2, 12), "a2.txt",
         "https://w3id.org/unionkg/id/role/chu-tich")]
    assert found[0]["evidence"] == fx.SENTENCES["a2"][1]
    assert pick(rows(kg, "officials", org="Tổng Liên đoàn"), "personLabel", "roleLabel", "firstSeen") == [
        ("Nguyễn Văn An", "Phó Chủ tịch", dt.date(2021, 11, 10))]


def test_person_career_lists_posts_in_time_order(kg):
    assert pick(rows(kg, "person_career", person="Lê Văn Cường"), "organization", "roleLabel", "status",
                "firstSeen", "evidence", "source") == [
        (str(fx.CDDAI), "Chủ tịch", "former", None, "Nguyên Chủ tịch Lê Văn Cường dự.", "a4.txt")]
    assert pick(rows(kg, "person_career", person=str(fx.BINH)), "organizationLabel", "firstSeen") == [
        ("Công đoàn Học viện Chính trị quốc gia Hồ Chí Minh", dt.date(2022, 3, 30))]


def test_events_by_period_organiser_and_type(kg):
    assert pick(rows(kg, "events"), "event", "date", "kind", "org", "location", "participants", "directives") == [
        (str(fx.E1), dt.date(2021, 11, 10), "conference", str(fx.TLD), "Hà Nội", 3, 1),
        (str(fx.E2), dt.date(2022, 3, 29), "conference", str(fx.KHOI), None, 2, 1),
        (str(fx.E3), "2023-02", "meeting", str(fx.BADINH), None, 0, 0)]
    assert pick(rows(kg, "events", start="2022-01-01", end="2022-12-31"), "event") == [(str(fx.E2),)]
    assert pick(rows(kg, "events", start="2023-02-15"), "event") == [(str(fx.E3),)]     # the month overlaps
    assert pick(rows(kg, "events", type="meeting"), "event") == [(str(fx.E3),)]
    assert pick(rows(kg, "events", organizer="Tổng Liên đoàn Lao động Việt Nam"), "orgLabel") == [
        ("Tổng Liên đoàn Lao động Việt Nam",)]


def test_search_ignores_case_and_diacritics(kg):
    assert pick(rows(kg, "search", q="cong doan hoc vien"), "entity", "type", "rank") == [
        (str(fx.CDHV), "organization", 0), (str(fx.BCHHV), "organization", 2)]
    assert pick(rows(kg, "search", q="TRẦN thị bình"), "entity", "type", "label") == [
        (str(fx.BINH), "person", "Trần Thị Bình")]
    assert pick(rows(kg, "search", q="02-nq/tw", kind="directive"), "entity", "rank") == [(str(fx.NQ02), 0)]
    assert pick(rows(kg, "search", q="Đổi mới tổ chức"), "entity", "label", "rank") == [
        (str(fx.NQ02), "02-NQ/TW", 1)]
    assert pick(rows(kg, "search", q="đảng"), "entity") == [(str(fx.DANG),)]          # "đ" folds to "d"


def test_stats_counts_what_the_store_holds(kg):
    quads = sum(len(set(triples)) for triples in fx.graphs().values())
    assert dict(pick(rows(kg, "stats"), "what", "count")) == {
        "articles": 4, "organizations": 12, "persons": 3, "posts": 3, "directives": 5, "events": 3,
        "participations": 5, "acts": 6, "mentions": 10, "graphs": 5, "quads": quads}


def test_network_nodes_have_categories_labels_and_levels(kg):
    found = {row["node"]: row for row in rows(kg, "network_nodes")}
    categories = [row["category"] for row in found.values()]
    assert {c: categories.count(c) for c in set(categories)} == {
        "organization": 12, "person": 3, "directive": 5, "event": 3}
    assert pick([found[str(fx.NQ02)], found[str(fx.CTR02)], found[str(fx.NQDH_DANG)]], "label", "kind", "date") == [
        ("02-NQ/TW", "nghi-quyet", "2021-06-12"), ("Chương trình số 02", "chuong-trinh", None),
        ("Nghị quyết Đại hội XIII", "nghi-quyet", None)]
    assert pick([found[str(fx.CDHV)], found[str(fx.BCHHV)], found[str(fx.E3)]], "kind", "level", "date") == [
        ("TradeUnion", "grassroots", None), ("Committee", "unit", None), ("meeting", None, "2023-02")]


def test_network_edges_link_everything(kg):
    assert pick(rows(kg, "network_edges", only="post"), "source", "target", "label", "date") == [
        (str(fx.CUONG), str(fx.CDDAI), "Chủ tịch", None), (str(fx.AN), str(fx.TLD), "Phó Chủ tịch", "2021-11-10"),
        (str(fx.BINH), str(fx.CDHV), "Chủ tịch", "2022-03-30")]                # by source IRI: le-, nguyen-, tran-
    assert sorted(pick(rows(kg, "network_edges", only="participant"), "source", "target", "label")) == sorted([
        (str(fx.AN), str(fx.E1), "chair"), (str(fx.BINH), str(fx.E1), "attendee"),
        (str(fx.CUONG), str(fx.E1), "attendee"), (str(fx.BINH), str(fx.E2), "chair"),
        (str(fx.CUONG), str(fx.E2), "speaker")])
    relations = [row["relation"] for row in rows(kg, "network_edges")]
    assert {r: relations.count(r) for r in set(relations)} == {
        "subOrganizationOf": 5, "unitOf": 2, "memberOf": 2, "unionOf": 1, "basedOn": 1, "creator": 5,
        "post": 3, "act": 6, "organizer": 3, "participant": 5, "agenda": 2}


# -- embedded and remote stores agree ---------------------------------------------------------

CASES = [(name, {}) for name in ("stats", "directives", "events", "network_nodes", "network_edges")] + [
    ("directive_trace", {"directive": "02-NQ/TW"}), ("directive_trace", {"directive": "02-NQ/TW", "derived": True}),
    ("directive", {"directive": "Chương trình hành động số 02"}),
    ("directive_coverage", {"directive": "02-NQ/TW", "org": "Công đoàn Viên chức Việt Nam", "by": "2022-12-31"}),
    ("directive_coverage", {"directive": "02-NQ/TW", "org": "Công đoàn Viên chức Việt Nam", "include": "all"}),
    ("org_subtree", {"org": "Tổng Liên đoàn Lao động Việt Nam"}),
    ("org_subtree", {"org": "Công đoàn Viên chức Việt Nam", "as_of": "2022-12-31"}),
    ("org_ancestors", {"org": str(fx.BCHHV)}), ("officials", {"org": "Tổng Liên đoàn", "units": False}),
    ("person_career", {"person": "Trần Thị Bình"}), ("events", {"start": "2022-01-01", "type": "conference"}),
    ("search", {"q": "cong doan"}), ("search", {"q": "02", "kind": "directive"}), ("directives", {"num": "02"}),
    ("network_edges", {"only": "act"}),
]


def _outcome(store, name, params):
    """The rows of a query, or the message of the parameter error it raises."""
    try:
        return L.run(store, name, params)
    except L.ParameterError as error:
        return str(error)


def test_every_query_and_example_gives_the_same_rows_on_a_remote_oxigraph(memory_store, remote_store):
    fx.load(memory_store)
    fx.load(remote_store)
    examples = [(name, {p.name: p.example for p in L.load(name).params}) for name in L.names()]
    for name, params in CASES + examples:
        embedded, remote = _outcome(memory_store, name, params), _outcome(remote_store, name, params)
        assert embedded == remote, (name, params)
        assert (embedded and not isinstance(embedded, str)) or (name, params) in examples, (name, params)


# -- bound values never change a query's structure --------------------------------------------

ECHO = "#+ summary: echo\n#+ description: >\n#+   the value back\n#+ params:\n#+   - name: s\n#+     type: string\n" \
       "#+     example: x\n#+     description: any text\n\nSELECT ?echo WHERE { BIND(?s AS ?echo) }\n"
PIECES = ['"', "'", "\\", "}", "{", "u", "0022", ">", "<", "#", "\n", " ", "?s", "a", "đ", ";", "\u0022",
          "\\u0022", "\\U00000022", '"""', "\'\'\'", "} ; DROP ALL ; SELECT * {"]
HOSTILE = st.lists(st.sampled_from(PIECES), max_size=12).map("".join) | st.text(max_size=30)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=HOSTILE)
def test_a_string_parameter_comes_back_unchanged_from_both_stores(tmp_path, memory_store, remote_store, text):
    assume(text)  # an empty value means "not given"
    path = tmp_path / "echo.rq"
    path.write_text(ECHO, encoding="utf-8")
    for store in (memory_store, remote_store):
        assert L.plain(L.run(store, str(path), {"s": text})) == [{"echo": text}]


@settings(max_examples=60, deadline=None)
@given(text=HOSTILE)
def test_bound_text_is_one_string_token_in_the_query(text):
    query = L.load("search").text
    bound, reference = bind_values(query, {"q": Literal(text)}), bind_values(query, {"q": Literal("x")})
    kinds = [t.kind for t in tokens(bound)]
    assert kinds == [t.kind for t in tokens(reference)]
    assert len([t for t in tokens(bound) if t.kind == "string"]) == len([t for t in tokens(query) if t.kind == "string"]) + 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=HOSTILE)
def test_user_text_in_library_queries_only_finds_or_reports(memory_store, text):
    if not memory_store.graphs():
        fx.load(memory_store)
    before = memory_store.triple_count()
    try:
        # Only the folded text reaches the query, so it must find exactly what the folded text finds.
        assert rows(memory_store, "search", q=text) == rows(memory_store, "search", q=fold(text))
    except L.ParameterError:
        assert not fold(text)
    for resolve in (L.resolve_directive, L.resolve_org):
        try:
            assert isinstance(resolve(memory_store, text), URIRef)
        except L.ParameterError:
            pass
    assert memory_store.triple_count() == before


# -- the command line -------------------------------------------------------------------------

@pytest.fixture
def store_dir(tmp_path) -> str:
    """The fixture in an embedded store on disk, closed again so that the CLI can open it."""
    with EmbeddedStore(str(tmp_path / "store")) as store:
        fx.load(store)
    return str(tmp_path / "store")


def cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_runs_a_named_query_with_parameters_in_every_format(store_dir):
    args = ["query", "directive_trace", "--param", "directive=05/CT-TW", "--store", store_dir]
    assert cli(*args).stdout == ""                                   # no act on 05-CT/TW
    args[3] = "directive=02-NQ/TW"
    table = cli(*args).stdout
    assert "Tổng Liên đoàn quán triệt Nghị quyết 02-NQ/TW của Bộ Chính trị." in table and "id:org/tld" in table
    document = json.loads(cli(*args, "--format", "json").output)
    assert document["head"]["vars"][:3] == ["date", "lag", "actor"]
    assert document["results"]["bindings"][0]["lag"] == {
        "type": "literal", "value": "151", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    csv_lines = cli(*args, "--format", "csv").output.splitlines()
    assert csv_lines[0].startswith("date,lag,actor,") and csv_lines[1].startswith("2021-11-10,151,https://")
    tsv_lines = cli(*args, "--format", "tsv").output.splitlines()
    assert tsv_lines[0].startswith("?date\t?lag") and '"151"^^<http://www.w3.org/2001/XMLSchema#integer>' in tsv_lines[1]


def test_cli_runs_rq_files_and_sparql_text(store_dir, tmp_path):
    path = tmp_path / "echo.rq"
    path.write_text(ECHO, encoding="utf-8")
    assert cli("query", str(path), "-p", 's=a "quoted" }', "--store", store_dir, "--format", "csv").stdout_bytes == \
        'echo\r\n"a ""quoted"" }"\r\n'.encode()
    assert cli("query", "ASK { ?s a <https://schema.org/NewsArticle> }", "--store", store_dir).stdout == "true\n"


def test_cli_reports_bad_queries_and_parameters_on_one_line(store_dir):
    for args, message in ((["query", "directive_trac"], "no query named"),
                          (["query", "directive_trace"], "needs --param directive"),
                          (["query", "directive_trace", "-p", "directive"], "NAME=VALUE"),
                          (["query", "directive_trace", "-p", "directive=Nghị quyết Đại hội XIII"], "matches 2")):
        result = CliRunner().invoke(main, [*args, "--store", store_dir])
        assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_cli_lists_and_describes_the_queries():
    listing = cli("queries").output
    assert all(name in listing for name in CONTRACT)
    detail = cli("queries", "directive_trace").output
    assert "--param directive=02-NQ/TW" in detail and "derived (boolean, default false)" in detail
