"""The store layer, run against the embedded store (memory and disk) and a real Oxigraph server."""
from __future__ import annotations

import csv
import io
import json
import socket
import string
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.plugins.sparql import prepareQuery

from unionkg.errors import QueryError, StoreError
from unionkg.ontology.namespaces import GRAPH, ORG, RDF, SKOS, UK, XSD
from unionkg.store import (EmbeddedStore, RemoteStore, Store, bind_values, open_store, query_form,
                           query_keywords, term_text)
from unionkg.store_remote import tokens

EX = Namespace("http://example.org/")
G1, G2 = GRAPH["article/a"], GRAPH["article/b"]
TRIPLES_A = [
    (EX.union1, RDF.type, UK.TradeUnion),
    (EX.union1, SKOS.prefLabel, Literal("Công đoàn Viên chức Việt Nam", lang="vi")),
    (EX.union1, UK.nameKey, Literal("cong doan vien chuc viet nam")),
    (EX.union1, EX.issued, Literal("2021-11-10", datatype=XSD.date)),
    (EX.union1, ORG.subOrganizationOf, EX.union0),
    (EX.union1, EX.note, Literal('multi\nline "quoted" } # text ending in \\"')),
]
TRIPLES_B = [
    (EX.union0, RDF.type, UK.TradeUnion),
    (EX.union0, SKOS.prefLabel, Literal("Tổng Liên đoàn Lao động Việt Nam", lang="vi")),
]
PREFIXES = f"PREFIX uk: <{UK}>\nPREFIX skos: <{SKOS}>\nPREFIX org: <{ORG}>\nPREFIX ex: <{EX}>\n"
LABELS = PREFIXES + "SELECT ?u ?label WHERE { ?u a uk:TradeUnion ; skos:prefLabel ?label } ORDER BY ?label"
PARTS = PREFIXES + "CONSTRUCT { ?c org:subOrganizationOf ?p } WHERE { ?c org:subOrganizationOf ?p }"


@pytest.fixture(params=["memory", "disk", "remote"])
def store(request: pytest.FixtureRequest) -> Store:
    """Each kind of store, empty."""
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture
def loaded(store: Store) -> Store:
    """Each kind of store, holding two article graphs."""
    store.replace_graph(G1, TRIPLES_A)
    store.replace_graph(G2, TRIPLES_B)
    return store


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def graph_size(store: Store, graph: URIRef) -> int:
    return int(store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")[0]["n"])


# Writing graphs


def test_a_batch_of_graphs_is_written_as_one_and_replaces_like_one_by_one(store: Store) -> None:
    from unionkg.store import triples_text
    store.replace_graphs([(G1, triples_text(TRIPLES_A[:2])), (G2, triples_text(TRIPLES_B))])
    assert (graph_size(store, G1), graph_size(store, G2)) == (2, len(TRIPLES_B))
    # G1 exists: the batch goes the replacing way; a graph given twice keeps its last content.
    store.replace_graphs([(G1, triples_text(TRIPLES_B)), (GRAPH["article/c"], triples_text(TRIPLES_B)),
                          (G1, triples_text(TRIPLES_A)), (G2, "")])
    assert (graph_size(store, G1), graph_size(store, GRAPH["article/c"])) == (len(TRIPLES_A), len(TRIPLES_B))
    assert store.graphs() == sorted([G1, GRAPH["article/c"]])
    expected = Dataset()
    for s, p, o in TRIPLES_A:
        expected.graph(G1).add((s, p, o))
    got = store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}")
    assert set(got) == set(expected.graph(G1))


def test_a_batch_with_a_bad_graph_writes_nothing(store: Store) -> None:
    from unionkg.store import triples_text
    with pytest.raises(StoreError, match="IRI"):
        store.replace_graphs([(G1, triples_text(TRIPLES_A)), (Literal("g"), triples_text(TRIPLES_B))])  # type: ignore[list-item]
    assert store.triple_count() == 0


def test_text_not_written_by_triples_text_is_refused(memory_store: EmbeddedStore) -> None:
    with pytest.raises(StoreError, match="one-statement-a-line"):
        memory_store.replace_graphs([(G1, "<http://example.org/s> <http://example.org/p> <http://example.org/o>.\n")])
    assert memory_store.triple_count() == 0


def test_replacing_a_graph_twice_gives_the_same_count(store: Store) -> None:
    store.replace_graph(G1, TRIPLES_A)
    first = store.triple_count()
    store.replace_graph(G1, TRIPLES_A)
    assert store.triple_count() == first == len(TRIPLES_A)
    assert store.graphs() == [G1]


def test_replacing_graph_a_leaves_graph_b_alone(loaded: Store) -> None:
    loaded.replace_graph(G1, TRIPLES_A[:2])
    assert graph_size(loaded, G1) == 2
    assert graph_size(loaded, G2) == len(TRIPLES_B)
    assert loaded.triple_count() == 2 + len(TRIPLES_B)
    assert loaded.graphs() == sorted([G1, G2])


def test_replacing_with_nothing_and_dropping_remove_the_graph(loaded: Store) -> None:
    loaded.replace_graph(G1, [])
    assert loaded.graphs() == [G2]
    loaded.drop_graph(G2)
    loaded.drop_graph(G2)  # dropping an absent graph is no error
    assert loaded.graphs() == [] and loaded.triple_count() == 0


def test_readers_never_see_half_a_graph(store: Store) -> None:
    many = [(EX[f"s{i}"], EX.p, Literal(i)) for i in range(1000)]
    store.replace_graph(G1, many)
    seen: set[int] = set()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            seen.add(graph_size(store, G1))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(8):
            store.replace_graph(G1, many)
    finally:
        stop.set()
        reader.join()
    assert seen == {1000}


@pytest.mark.parametrize("triple", [
    (BNode(), EX.p, EX.o),
    (EX.s, EX.p, BNode()),
    (Literal("s"), EX.p, EX.o),
    (EX.s, EX.p, URIRef("http://example.org/a b")),
    (EX.s, EX.p, URIRef("http://example.org/x> <http://evil/")),
])
def test_unstorable_triples_are_refused_and_the_graph_kept(loaded: Store, triple: tuple) -> None:
    with pytest.raises(StoreError, match="cannot store"):
        loaded.replace_graph(G1, [TRIPLES_A[0], triple])
    assert graph_size(loaded, G1) == len(TRIPLES_A)


def test_a_graph_name_must_be_an_iri(store: Store) -> None:
    with pytest.raises(StoreError, match="must be an IRI"):
        store.replace_graph(Literal("g"), TRIPLES_A)  # type: ignore[arg-type]


# Reading


def test_select_returns_rdflib_terms_of_the_union_of_graphs(loaded: Store) -> None:
    rows = loaded.select(LABELS)
    assert rows == [
        {"u": EX.union1, "label": Literal("Công đoàn Viên chức Việt Nam", lang="vi")},
        {"u": EX.union0, "label": Literal("Tổng Liên đoàn Lao động Việt Nam", lang="vi")},
    ]
    typed = loaded.select(PREFIXES + "SELECT ?d ?k ?n WHERE { ex:union1 ex:issued ?d ; uk:nameKey ?k ; ex:note ?n }")
    assert typed == [{"d": Literal("2021-11-10", datatype=XSD.date), "k": Literal("cong doan vien chuc viet nam"),
                      "n": TRIPLES_A[-1][2]}]


def test_unbound_variables_are_absent_from_a_row(loaded: Store) -> None:
    rows = loaded.select(PREFIXES + "SELECT ?u ?parent WHERE { ?u a uk:TradeUnion "
                         "OPTIONAL { ?u org:subOrganizationOf ?parent } } ORDER BY ?u")
    assert rows == [{"u": EX.union0}, {"u": EX.union1, "parent": EX.union0}]


def test_ask_and_construct(loaded: Store) -> None:
    assert loaded.ask(PREFIXES + "ASK { ex:union1 org:subOrganizationOf ex:union0 }") is True
    assert loaded.ask(PREFIXES + "ASK { ex:union0 org:subOrganizationOf ex:union1 }") is False
    assert loaded.construct(PARTS) == [(EX.union1, ORG.subOrganizationOf, EX.union0)]
    described = loaded.construct(PREFIXES + "DESCRIBE ex:union0")
    assert set(described) == set(TRIPLES_B)


def test_the_wrong_query_form_or_a_bad_query_is_a_query_error(loaded: Store) -> None:
    with pytest.raises(QueryError, match="expected a SELECT"):
        loaded.select(PREFIXES + "ASK { ?s ?p ?o }")
    with pytest.raises(QueryError, match="expected"):
        loaded.ask(LABELS)
    with pytest.raises(QueryError, match="expected"):
        loaded.construct(LABELS)
    with pytest.raises(QueryError, match=r"SELECT \?s WHERE \{ \?s \?p"):
        loaded.select("SELECT ?s WHERE { ?s ?p")
    with pytest.raises(QueryError):
        loaded.select("DROP ALL")
    assert loaded.triple_count() == len(TRIPLES_A) + len(TRIPLES_B)


# Bindings


def test_bindings_of_projected_and_unprojected_variables(loaded: Store) -> None:
    key = Literal("cong doan vien chuc viet nam")
    assert loaded.select(LABELS, {"u": EX.union0}) == [
        {"u": EX.union0, "label": Literal("Tổng Liên đoàn Lao động Việt Nam", lang="vi")}]
    filtered = PREFIXES + "SELECT ?u WHERE { ?u uk:nameKey ?k FILTER(?k = ?key) }"
    assert loaded.select(filtered, {"key": key}) == [{"u": EX.union1}]
    assert loaded.select(filtered, {"?key": Literal("nothing")}) == []
    counted = PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?u a uk:TradeUnion }"
    assert loaded.select(counted, {"u": EX.union1}) == [{"n": Literal(1)}]


def test_bindings_in_ask_construct_and_sub_selects(loaded: Store) -> None:
    assert loaded.ask(PREFIXES + "ASK { ?u org:subOrganizationOf ?p FILTER(?p = ?want) }", {"want": EX.union0})
    assert not loaded.ask(PREFIXES + "ASK { ?u org:subOrganizationOf ?p FILTER(?p = ?want) }", {"want": EX.union1})
    assert set(loaded.construct("CONSTRUCT WHERE { ?u ?p ?o }", {"u": EX.union0})) == set(TRIPLES_B)
    assert loaded.construct(PARTS, {"p": EX.union1}) == []
    nested = PREFIXES + "SELECT * WHERE { SELECT ?u WHERE { ?u a uk:TradeUnion } }"
    assert loaded.select(nested, {"u": EX.union1}) == [{"u": EX.union1}]


def test_blank_nodes_and_bad_variable_names_cannot_be_bound(loaded: Store) -> None:
    with pytest.raises(QueryError, match="blank nodes|only IRIs and literals"):
        loaded.select("SELECT ?x WHERE { ?x ?p ?v }", {"v": BNode()})
    with pytest.raises(QueryError, match="variable"):
        loaded.select("SELECT ?x WHERE { ?x ?p ?o }", {"o) } } DROP ALL #": EX.x})


HOSTILE_PIECES = ['"', "'", "\\", "}", "{", "#", "\\u0022", "\\\"", "\n", "\r", '"""', "'''", "<", ">", ")",
                  "\\n", "\t", "SERVICE", " . } ; DROP ALL ; #"]
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=4)), max_size=10).map("".join)
hostile_literal = st.builds(
    lambda text, kind: Literal(text, lang="vi") if kind == "lang"
    else Literal(text, datatype=URIRef("http://example.org/dt#x")) if kind == "typed" else Literal(text),
    hostile_text, st.sampled_from(["plain", "lang", "typed"]))
safe_iri = st.text(alphabet=string.ascii_letters + string.digits + "-._~!$&'()*+,;=:@/ệđ", max_size=12).map(
    lambda tail: URIRef("http://example.org/" + tail))


@settings(max_examples=80, deadline=None)
@given(value=st.one_of(hostile_literal, safe_iri))
def test_bind_values_keeps_any_value_inside_its_term(value: Literal | URIRef) -> None:
    query = '# a } comment\nSELECT ?w ("}#" AS ?z) WHERE { BIND(?v AS ?w) FILTER(!sameTerm(?w, "{"@en)) }'  # a value never drawn
    bound = bind_values(query, {"v": value})
    prepareQuery(bound)  # rdflib parses it too
    rows = list(ox.Store().query(bound))
    assert len(rows) == 1 and term_text_of(rows[0]["w"]) == term_text(value)
    assert query_keywords(bound) == query_keywords(query) | {"VALUES"}


def term_text_of(term: ox.NamedNode | ox.Literal) -> str:
    from unionkg.store import from_ox
    return term_text(from_ox(term))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=hostile_literal)
def test_hostile_bindings_round_trip_in_every_store(loaded: Store, value: Literal) -> None:
    # ?v projected: pyoxigraph substitutes it; ?v not projected: a VALUES block binds it.
    assert loaded.select("SELECT ?v WHERE { }", {"v": value}) == [{"v": value}]
    assert loaded.select("SELECT ?w WHERE { BIND(?v AS ?w) }", {"v": value}) == [{"w": value}]
    assert loaded.triple_count() == len(TRIPLES_A) + len(TRIPLES_B)


def test_an_iri_that_would_break_out_is_refused() -> None:
    for iri in ["http://x/> } DROP ALL #", "http://x/a b", 'http://x/"']:
        with pytest.raises(QueryError, match="not a valid IRI"):
            bind_values("SELECT ?v WHERE { }", {"v": URIRef(iri)})


# The scanner


def test_keywords_in_strings_comments_and_iris_are_not_keywords() -> None:
    query = ('SELECT * WHERE { ?s ?p "SERVICE" . ?s ?p """LOAD\n""" . ?s <http://x/SERVICE> ?o '
             '. ?s ex:a\\#SERVICE ?o } # SERVICE\n')
    assert not {"SERVICE", "LOAD"} & query_keywords(query)
    assert "SERVICE" in query_keywords("SELECT * { SERVICE <http://e/sparql> { ?s ?p ?o } }")
    # After an operand inside an expression "<" is less-than, so the string below hides nothing.
    tricky = "SELECT * WHERE { ?s ?p ?a FILTER(?a<'x>') SERVICE <http://evil/> { ?s ?p ?o } #'\n}"
    assert "SERVICE" in query_keywords(tricky)
    ox.Store().query(tricky.replace("SERVICE <http://evil/>", "OPTIONAL"))  # the same shape parses


def test_query_form_skips_the_prologue_and_knows_updates() -> None:
    assert query_form("# c\nBASE <http://x/>\nPREFIX a: <http://a/#>\n select * {}") == "SELECT"
    assert query_form(PARTS) == "CONSTRUCT"
    assert query_form("PREFIX a: <x> INSERT DATA { <a> <b> <c> }") == "UPDATE"
    assert query_form("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }") == "UPDATE"
    assert query_form("nonsense") is None and query_form("") is None


@settings(max_examples=150, deadline=None)
@given(query=st.lists(st.sampled_from(list("{}()<>\"'#\\ \n?:aSEL.,1@^") + ["SELECT", "\"\"\""])).map("".join))
def test_tokens_are_slices_of_the_query_in_order(query: str) -> None:
    found = tokens(query)
    assert all(query[t.start:t.start + len(t.text)] == t.text for t in found)
    assert [t.start for t in found] == sorted({t.start for t in found})


# Serialising query results


@pytest.mark.parametrize("media_type", ["application/sparql-results+json", "application/sparql-results+xml",
                                        "text/csv", "text/tab-separated-values"])
def test_select_serialises_in_every_results_type(loaded: Store, media_type: str) -> None:
    body, content_type = loaded.serialize_query(LABELS, media_type)
    assert content_type.split(";")[0] == media_type
    text = body.decode("utf-8")
    if "json" in media_type:
        labels = [b["label"]["value"] for b in json.loads(text)["results"]["bindings"]]
    elif "xml" in media_type:
        ns = "{http://www.w3.org/2005/sparql-results#}"
        labels = [e.text for e in ET.fromstring(body).iter(f"{ns}literal")]
    elif media_type == "text/csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == ["u", "label"]
        labels = [row[1] for row in rows[1:]]
    else:
        lines = [line.split("\t") for line in text.splitlines()]
        assert lines[0] == ["?u", "?label"]
        labels = [cell[1:cell.rindex('"')] for _, cell in lines[1:]]
    assert labels == ["Công đoàn Viên chức Việt Nam", "Tổng Liên đoàn Lao động Việt Nam"]


@pytest.mark.parametrize(("media_type", "rdflib_format"), [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")])
def test_construct_serialises_in_every_graph_type(loaded: Store, media_type: str, rdflib_format: str) -> None:
    body, content_type = loaded.serialize_query(PREFIXES + "CONSTRUCT WHERE { ex:union1 ?p ?o }", media_type)
    assert content_type.split(";")[0] == media_type
    assert set(Graph().parse(data=body, format=rdflib_format)) == set(TRIPLES_A)


def test_ask_serialises_and_mismatched_types_fall_back_to_the_default(loaded: Store) -> None:
    body, content_type = loaded.serialize_query(PREFIXES + "ASK { ex:union1 ?p ?o }", "text/turtle")
    assert content_type.startswith("application/sparql-results+json") and json.loads(body)["boolean"] is True
    body, content_type = loaded.serialize_query(PARTS, "text/csv")
    assert content_type.startswith("text/turtle")
    assert set(Graph().parse(data=body, format="turtle")) == {(EX.union1, ORG.subOrganizationOf, EX.union0)}


def test_serialize_query_refuses_updates(loaded: Store) -> None:
    for update in [f"INSERT DATA {{ GRAPH <{G1}> {{ <http://x> <http://y> <http://z> }} }}",
                   "PREFIX a: <http://a/>\nDROP ALL", f"CLEAR GRAPH <{G1}>"]:
        with pytest.raises(QueryError):
            loaded.serialize_query(update, "application/sparql-results+json")
    assert loaded.triple_count() == len(TRIPLES_A) + len(TRIPLES_B)


# Dumps


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("nquads", "nquads"), ("trig", "trig")])
def test_dump_round_trips(loaded: Store, fmt: str, rdflib_format: str) -> None:
    out = io.BytesIO()
    loaded.dump(out, fmt)
    dataset = Dataset()
    dataset.parse(data=out.getvalue(), format=rdflib_format)
    quads = {(s, p, o, g) for s, p, o, g in dataset.quads((None, None, None, None))}
    assert quads == {(*t, G1) for t in TRIPLES_A} | {(*t, G2) for t in TRIPLES_B}
    with pytest.raises(StoreError, match="unknown dump format"):
        loaded.dump(io.BytesIO(), "rdfxml")


# Opening and closing


def test_a_store_held_by_another_process_is_reported_as_locked(tmp_path: Path) -> None:
    path = tmp_path / "store"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); "
                               "print('ready', flush=True); sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match=f"store {path} is locked by another process"):
            EmbeddedStore(str(path))
    finally:
        holder.stdin.close()
        holder.wait(10)
    with EmbeddedStore(str(path)) as store:  # free again once the other process is gone
        assert store.triple_count() == 0


def test_closing_a_disk_store_keeps_its_data_and_frees_it(tmp_path: Path) -> None:
    path = str(tmp_path / "data" / "store")  # parents are created too
    with EmbeddedStore(path) as store:
        store.replace_graph(G1, TRIPLES_A)
        with pytest.raises(StoreError, match="already open"):
            EmbeddedStore(path)
    with pytest.raises(StoreError, match="closed"):
        store.triple_count()
    with EmbeddedStore(path) as again:
        assert again.triple_count() == len(TRIPLES_A)


def test_open_store_chooses_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNIONKG_STORE", str(tmp_path / "from-env"))
    with open_store() as store:
        assert isinstance(store, EmbeddedStore) and store.path == str(tmp_path / "from-env")
    with open_store(in_memory=True) as store:
        assert isinstance(store, EmbeddedStore) and store.path is None
    remote = open_store(endpoint="http://localhost:7878/query")
    assert isinstance(remote, RemoteStore)
    assert (remote.update_url, remote.graph_store_url) == ("http://localhost:7878/update",
                                                          "http://localhost:7878/store")
    with pytest.raises(StoreError, match="not both"):
        open_store(store_dir=str(tmp_path), endpoint="http://localhost:7878/query")


def test_an_unreachable_server_is_a_store_error_naming_the_url() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    store = RemoteStore(url, timeout=5)
    with pytest.raises(StoreError, match="127.0.0.1"):
        store.select("SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(StoreError, match="127.0.0.1"):
        store.replace_graph(G1, TRIPLES_A)


def test_a_remote_store_without_a_graph_store_dumps_by_construct(remote_store: RemoteStore) -> None:
    remote_store.replace_graph(G1, TRIPLES_A)
    plain = RemoteStore(remote_store.query_url)
    plain.graph_store_url = None  # as for a server whose graph store we cannot derive
    out = io.BytesIO()
    plain.dump(out, "nquads")
    assert len(out.getvalue().splitlines()) == len(TRIPLES_A)
