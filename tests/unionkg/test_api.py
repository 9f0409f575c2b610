"""The notebook API: `unionkg.open(store=... | endpoint=...)` and its handle, on the hand-built graph."""
from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

import unionkg
from unionkg.api import KnowledgeGraph
from unionkg.store import EmbeddedStore

import kg_fixture as fx


@pytest.fixture
def folder(tmp_path) -> str:
    """An embedded store on disk holding the fixture (closed again)."""
    with EmbeddedStore(str(tmp_path / "store")) as store:
        fx.load(store)
    return str(tmp_path / "store")


def test_open_is_exported_lazily():
    from unionkg import open as open_kg
    assert open_kg is unionkg.open and "open" in unionkg.__all__
    with pytest.raises(AttributeError):
        unionkg.no_such_name  # noqa: B018


def test_query_returns_python_values(folder):
    with unionkg.open(store=folder) as kg:
        assert isinstance(kg, KnowledgeGraph) and "directive_trace" in kg.queries()
        assert kg.query("search", q="cong doan vien chuc", kind="organization")[0] == {
            "entity": str(fx.CDVC), "type": "organization", "label": "Công đoàn Viên chức Việt Nam", "rank": 1}
        assert kg.query("events", start=dt.date(2022, 1, 1), end=None, type="conference")[0]["date"] == \
            dt.date(2022, 3, 29)


def test_directive_trace_is_ready_to_use(folder):
    with unionkg.open(store=folder) as kg:
        trace = kg.directive_trace("02-NQ/TW")
    assert [(r.get("date"), r.get("lag"), r["level"]) for r in trace] == [
        (dt.date(2021, 11, 10), 151, "confederation"), (dt.date(2022, 3, 29), 290, "bloc"),
        (dt.date(2023, 2, 10), 608, "unit"), (None, None, "upper-grassroots")]


def test_to_networkx_builds_each_kind_of_graph(folder, tmp_path):
    with unionkg.open(store=folder) as kg:
        assert isinstance(kg.to_networkx(), nx.MultiDiGraph)
        tree = kg.to_networkx("hierarchy", root="Công đoàn Viên chức Việt Nam")
        assert set(tree.successors(str(fx.KHOI))) == {str(fx.CDHV), str(fx.CDDAI)}
        assert kg.to_networkx("coattendance").number_of_edges() == 3
        cascade = kg.to_networkx("diffusion", directive="02-NQ/TW")
        assert cascade.has_edge(str(fx.NQ02), str(fx.TLD))
        assert kg.diffusion("02-NQ/TW").medians["bloc"] == 290
        [path] = kg.export(tmp_path / "tree.graphml", "hierarchy")
        assert nx.read_graphml(path).number_of_nodes() == 9          # the orgs with a hierarchy link
        assert kg.plot_diffusion("02-NQ/TW", tmp_path / "d.svg").read_text(encoding="utf-8").count("<svg") == 1
        with pytest.raises(ValueError, match="unknown graph kind"):
            kg.to_networkx("pie")


def test_a_remote_endpoint_gives_the_same_answers(oxigraph_server, remote_store, folder):
    fx.load(remote_store)
    with unionkg.open(endpoint=f"{oxigraph_server}/query") as remote, unionkg.open(store=folder) as local:
        assert remote.directive_trace("02-NQ/TW") == local.directive_trace("02-NQ/TW")
        assert remote.query("org_subtree", org="Công đoàn Viên chức Việt Nam") == \
            local.query("org_subtree", org="Công đoàn Viên chức Việt Nam")
