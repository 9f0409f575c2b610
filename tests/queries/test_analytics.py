"""Analytics on the hand-built graph (tests/queries/fixture.py), the exports and the plot, and the
acceptance checks of the issue on the real seed articles (../shared/corpus/seeds)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from unionkg.cli import main
from unionkg.errors import UnionKGError
from unionkg.queries import analytics as A
from unionkg.queries import library as L
from unionkg.queries.plot import plot_diffusion
from unionkg.store import EmbeddedStore

import kg_fixture as fx

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"


def test_the_network_has_every_entity_labelled(kg):
    graph = A.network(kg)
    categories = [d["category"] for _, d in graph.nodes(data=True)]
    assert {c: categories.count(c) for c in set(categories)} == {
        "organization": 12, "person": 3, "directive": 5, "event": 3}
    assert graph.nodes[str(fx.NQ02)]["label"] == "02-NQ/TW"
    assert graph.number_of_edges() == 35
    assert [d["label"] for _, _, d in graph.edges(str(fx.AN), data=True) if d["relation"] == "post"] == ["Phó Chủ tịch"]


def test_the_hierarchy_is_parent_to_unit(kg):
    tree = A.hierarchy(kg)
    assert sorted(tree.edges()) == sorted([
        (str(fx.TLD), str(fx.CDVC)), (str(fx.TLD), str(fx.LDHN)), (str(fx.CDVC), str(fx.KHOI)),
        (str(fx.KHOI), str(fx.CDHV)), (str(fx.KHOI), str(fx.CDDAI)), (str(fx.CDHV), str(fx.BCHHV)),
        (str(fx.LDHN), str(fx.BADINH)), (str(fx.BADINH), str(fx.KIMDONG))])
    under = A.hierarchy(kg, str(fx.CDVC))
    assert set(under) == {str(fx.CDVC), str(fx.KHOI), str(fx.CDHV), str(fx.CDDAI), str(fx.BCHHV)}
    assert under.nodes[str(fx.CDHV)]["level"] == "grassroots"
    text = A.hierarchy_text(under, str(fx.CDVC))
    assert text.splitlines()[1:3] == ["Công đoàn Viên chức Việt Nam [sector]",
                                      "  Khối Thi đua III - Công đoàn Viên chức Việt Nam [bloc]"]
    with pytest.raises(UnionKGError):
        A.hierarchy(kg, str(fx.BCT))


def test_the_diffusion_cascade_links_each_actor_to_who_acted_above_it(kg):
    cascade = A.diffusion(kg, "02-NQ/TW")
    assert (cascade.directive, cascade.name, cascade.issued) == (str(fx.NQ02), "02-NQ/TW", dt.date(2021, 6, 12))
    assert [row["actor"] for row in cascade.acts] == [str(fx.TLD), str(fx.KHOI), str(fx.BCHHV), str(fx.CDDAI)]
    edges = {(a, b): d.get("gap") for a, b, d in cascade.graph.edges(data=True)}
    assert edges == {(str(fx.NQ02), str(fx.TLD)): 151,          # 2021-06-12 -> 2021-11-10
                     (str(fx.TLD), str(fx.KHOI)): 139,          # 2021-11-10 -> 2022-03-29, through Công đoàn Viên chức
                     (str(fx.KHOI), str(fx.BCHHV)): 318,        # 2022-03-29 -> 2023-02-10, through the Học viện union
                     (str(fx.KHOI), str(fx.CDDAI)): None}       # undated: after whoever acted above it
    assert cascade.lags == {"confederation": [151], "bloc": [290], "unit": [608]}
    assert cascade.medians == {"confederation": 151, "bloc": 290, "unit": 608}
    text = A.cascade_text(cascade)
    assert "2022-03-29    290 days  bloc" in text and "after Tổng Liên đoàn Lao động Việt Nam" in text
    assert "undated" in text


def test_the_diffusion_can_follow_derived_directives(kg):
    cascade = A.diffusion(kg, "02-NQ/TW", derived=True)
    assert cascade.lags["upper-grassroots"] == [217]
    assert list(cascade.lags) == ["confederation", "bloc", "upper-grassroots", "unit"]   # top down


def test_co_attendance_weights_pairs_and_ranks_by_centrality(kg):
    graph = A.coattendance(kg)
    assert {frozenset((a, b)): d["weight"] for a, b, d in graph.edges(data=True)} == {
        frozenset((str(fx.AN), str(fx.BINH))): 1, frozenset((str(fx.AN), str(fx.CUONG))): 1,
        frozenset((str(fx.BINH), str(fx.CUONG))): 2}
    assert [(r["label"], r["events"], r["strength"], r["degree"]) for r in A.centrality_table(graph)] == [
        ("Lê Văn Cường", 2, 3, 1.0), ("Trần Thị Bình", 2, 3, 1.0), ("Nguyễn Văn An", 1, 2, 1.0)]
    later = A.coattendance(kg, start="2022-01-01")
    assert [(sorted((a, b)), d["weight"]) for a, b, d in later.edges(data=True)] == [
        (sorted((str(fx.BINH), str(fx.CUONG))), 1)]
    assert "3 persons, 3 pairs" in A.coattendance_text(graph)


def test_exports_open_in_networkx_and_spreadsheets(kg, tmp_path):
    graph = A.network(kg)
    [graphml] = A.export(graph, tmp_path / "kg.graphml")
    back = nx.read_graphml(graphml)
    assert back.number_of_nodes() == 23 and back.nodes[str(fx.CDHV)]["label"] == fx.graphs()[
        fx.GRAPH["article/a2"]][next(i for i, t in enumerate(fx.graphs()[fx.GRAPH["article/a2"]])
                                    if t[0] == fx.CDHV and t[1] == fx.SKOS.prefLabel)][2].value
    [gexf] = A.export(graph, tmp_path / "kg.gexf")
    assert nx.read_gexf(gexf).number_of_nodes() == 23
    nodes, edges = A.export(A.coattendance(kg), tmp_path / "people.csv")
    assert nodes.read_text(encoding="utf-8").splitlines()[0] == "id,betweenness,degree,events,label,strength"
    assert edges.read_text(encoding="utf-8").splitlines()[0] == "source,target,weight"
    with pytest.raises(UnionKGError, match="unknown network format"):
        A.export(graph, tmp_path / "kg.xlsx")


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_the_diffusion_plot_is_written(kg, tmp_path, suffix):
    path = plot_diffusion(A.diffusion(kg, "02-NQ/TW", derived=True), tmp_path / f"diffusion{suffix}")
    head = path.read_bytes()[:400]
    assert head.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in head
    with pytest.raises(UnionKGError, match=".png or .svg"):
        plot_diffusion(A.diffusion(kg, "02-NQ/TW"), tmp_path / "diffusion.pdf")


def test_analyze_commands_print_summaries(kg, tmp_path):
    folder = str(tmp_path / "store")
    with EmbeddedStore(folder) as store:
        fx.load(store)
    run = lambda *args: CliRunner().invoke(main, [*args, "--store", folder], catch_exceptions=False)  # noqa: E731
    assert "median lag by level" in run("analyze", "diffusion", "02-NQ/TW", "--plot", str(tmp_path / "d.png")).stdout
    assert (tmp_path / "d.png").exists()
    assert "Khối Thi đua III" in run("analyze", "hierarchy", "--root", "Công đoàn Viên chức Việt Nam").stdout
    assert "Trần Thị Bình" in run("analyze", "coattendance").stdout
    run("analyze", "export", "-o", str(tmp_path / "all.graphml"))
    assert nx.read_graphml(tmp_path / "all.graphml").number_of_nodes() == 23


# -- the acceptance checks, on the real seed articles ---------------------------------

@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory) -> str:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not here")
    from unionkg.loaders.pipeline import ingest
    folder = str(tmp_path_factory.mktemp("seeds") / "store")
    with EmbeddedStore(folder) as store:
        report = ingest([str(SEEDS)], store)
    assert report.articles == 5 and not report.errors
    return folder


def test_seeds_directive_trace_lists_the_three_acts_with_their_sentences(seeds_store):
    result = CliRunner().invoke(main, ["query", "directive_trace", "--param", "directive=02-NQ/TW",
                                       "--store", seeds_store, "--format", "json"], catch_exceptions=False)
    found = [{k: v["value"] for k, v in b.items()} for b in json.loads(result.stdout)["results"]["bindings"]]
    assert [(r["actorLabel"], r["date"], r["lag"]) for r in found] == [
        ("Tổng Liên đoàn Lao động Việt Nam", "2021-11-10", "151"),
        ("Khối Thi đua III - Công đoàn Viên chức Việt Nam", "2022-03-29", "290"),
        ("Công đoàn Viện Khoa học Công nghệ Mỏ", "2023-02-10", "608")]
    assert all("Nghị quyết" in r["evidence"] and "02" in r["evidence"] for r in found)


def test_seeds_action_programme_02_is_based_on_resolution_02(seeds_store):
    with EmbeddedStore(seeds_store) as store:
        found = L.plain(L.run(store, "directive", {"directive": "Chương trình hành động số 02"}))
    assert ("based on", "02-NQ/TW") in [(r["relation"], r.get("symbol")) for r in found]


def test_seeds_search_finds_the_academy_union(seeds_store):
    with EmbeddedStore(seeds_store) as store:
        found = L.plain(L.run(store, "search", {"q": "cong doan hoc vien"}))
    assert "Công đoàn Học viện Chính trị Quốc gia Hồ Chí Minh" in [r["label"] for r in found]


def test_seeds_graphml_has_labelled_organisations_persons_and_directives(seeds_store, tmp_path):
    result = CliRunner().invoke(main, ["analyze", "export", "-o", str(tmp_path / "seeds.graphml"),
                                       "--store", seeds_store], catch_exceptions=False)
    assert result.exit_code == 0
    graph = nx.read_graphml(tmp_path / "seeds.graphml")
    labelled = {c: sum(1 for _, d in graph.nodes(data=True) if d.get("category") == c and d.get("label"))
                for c in ("organization", "person", "directive")}
    assert labelled["organization"] > 30 and labelled["person"] > 10 and labelled["directive"] > 5
    assert graph.nodes["https://w3id.org/unionkg/id/org/tong-lien-doan-lao-dong-viet-nam"]["label"] == \
        "Tổng Liên đoàn Lao động Việt Nam"
