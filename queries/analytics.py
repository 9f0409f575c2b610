"""Analytics with networkx: the hierarchy, a directive's diffusion cascade, co-attendance, exports.

Everything is read with the library's queries (`network_nodes`, `network_edges`,
`directive`, `directive_trace`), so it works on the embedded and on a remote store alike.

- `network(store)`: one MultiDiGraph of organisations, persons, directives and events, every node
  with a `label` and a `category`, every edge with a `relation` (see network_edges.rq).
- `hierarchy(store, root)`: the organisation chart as a tree-like DiGraph, parent -> unit.
- `diffusion(store, directive)`: who acted on a directive and when; each actor is linked to the
  nearest organisation above it (in the chart) that acted no later, else to the directive itself;
  lags (days since issue) are gathered per hierarchy level, with their medians.
- `coattendance(store)`: persons linked by the events they attended together, with centrality.
- `export(graph, path, fmt)`: GraphML, GEXF (for Gephi) or CSV (a nodes file and an edges file).
"""
from __future__ import annotations

import csv
import datetime as dt
import statistics
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx

from unionkg.errors import UnionKGError
from unionkg.store import Store

from .library import plain, run

__all__ = ["LEVELS", "HIERARCHY_LINKS", "Cascade", "network", "hierarchy", "diffusion", "coattendance",
           "centrality_table", "export", "hierarchy_text", "cascade_text", "coattendance_text"]

# Levels from the top down; "bloc" and "unit" sit beside the union levels they belong to.
LEVELS = ("confederation", "provincial", "sector", "bloc", "upper-grassroots", "grassroots", "department",
          "group", "unit")
HIERARCHY_LINKS = ("subOrganizationOf", "unitOf", "memberOf")
FORMATS = ("graphml", "gexf", "csv")


def _attributes(row: dict[str, Any], *names: str) -> dict[str, Any]:
    """The named values of a row that are set, as GraphML-friendly scalars (dates as text)."""
    return {n: (row[n].isoformat() if isinstance(row[n], dt.date) else row[n])
            for n in names if row.get(n) not in (None, "")}


def _tail(iri: str) -> str:
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def network(store: Store) -> nx.MultiDiGraph:
    """Organisations, persons, directives and events, with every link between them."""
    graph = nx.MultiDiGraph()
    for row in plain(run(store, "network_nodes")):
        graph.add_node(row["node"], **_attributes(row, "label", "category", "kind", "level", "date"))
    for row in plain(run(store, "network_edges")):
        for end in (row["source"], row["target"]):
            if end not in graph:
                graph.add_node(end, label=_tail(end), category="other")
        graph.add_edge(row["source"], row["target"], **_attributes(row, "relation", "label", "date"))
    for node, data in graph.nodes(data=True):
        data.setdefault("label", _tail(node))
    return graph


def hierarchy(store: Store | None = None, root: str | None = None,
              full: nx.MultiDiGraph | None = None) -> nx.DiGraph:
    """The organisation chart, parent -> unit (links: subOrganizationOf, unitOf, memberOf), under `root`."""
    full = network(store) if full is None else full
    tree = nx.DiGraph()
    for child, parent, data in full.edges(data=True):
        if data.get("relation") in HIERARCHY_LINKS:
            for node in (child, parent):
                tree.add_node(node, **full.nodes[node])
            tree.add_edge(parent, child, link=data["relation"])
    if root is not None:
        if root not in tree:
            raise UnionKGError(f"{root} has no units and no parent in the store")
        tree = tree.subgraph({root} | nx.descendants(tree, root)).copy()
    return tree


@dataclass
class Cascade:
    """A directive's diffusion: the first act of each organisation and who acted before it above it."""

    directive: str
    name: str
    issued: dt.date | None
    acts: list[dict[str, Any]]                  # one per actor: its first act (trace row), by date
    graph: nx.DiGraph                            # directive/earlier actor -> actor, with `gap` in days
    lags: dict[str, list[int]] = field(default_factory=dict)   # level -> lags (days since issue)

    @property
    def medians(self) -> dict[str, float]:
        """The median lag per level, levels top down."""
        return {level: statistics.median(values) for level, values in self.lags.items()}


def _first_acts(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first row of each actor in trace order (dated by date, then undated)."""
    first: dict[str, dict[str, Any]] = {}
    for row in rows:
        first.setdefault(row["actor"], row)
    return list(first.values())


def _acted_above(tree: nx.DiGraph, actor: str, acted: dict[str, dt.date | None],
                 when: dt.date | None) -> tuple[str, dt.date | None] | None:
    """The nearest organisation above `actor` that acted no later than `when`, with its date."""
    seen, queue = {actor}, deque(tree.predecessors(actor) if actor in tree else ())
    while queue:
        node = queue.popleft()
        if node in seen:
            continue
        seen.add(node)
        done = acted.get(node, "absent")
        if done != "absent" and (when is None or (done is not None and done <= when)):
            return node, done
        queue.extend(tree.predecessors(node))
    return None


def diffusion(store: Store, directive: str, derived: bool = False, tree: nx.DiGraph | None = None) -> Cascade:
    """The diffusion cascade of a directive down the hierarchy, with lags per level."""
    params = {"directive": directive}
    about = next(r for r in plain(run(store, "directive", params)) if r["relation"] == "self")
    issued = about.get("issued") if isinstance(about.get("issued"), dt.date) else None
    acts = _first_acts(plain(run(store, "directive_trace", {**params, "derived": derived})))
    tree = hierarchy(store) if tree is None else tree
    graph = nx.DiGraph()
    graph.add_node(about["related"], label=about.get("name", ""), category="directive",
                   **({"date": issued.isoformat()} if issued else {}))
    acted = {row["actor"]: row.get("date") for row in acts}
    lags: dict[str, list[int]] = defaultdict(list)
    for row in acts:
        graph.add_node(row["actor"], **_attributes(row, "actorLabel", "level", "date", "lag", "kinds"))
        graph.nodes[row["actor"]]["label"] = row.get("actorLabel", _tail(row["actor"]))
        before = _acted_above(tree, row["actor"], acted, row.get("date"))
        source, since = before if before else (about["related"], issued)
        gap = (row["date"] - since).days if row.get("date") and since else None
        graph.add_edge(source, row["actor"], **({"gap": gap} if gap is not None else {}))
        if isinstance(row.get("lag"), int):
            lags[row.get("level") or "unknown"].append(row["lag"])
    order = {level: i for i, level in enumerate(LEVELS)}
    ordered = dict(sorted(lags.items(), key=lambda item: order.get(item[0], len(order))))
    return Cascade(about["related"], about.get("name", ""), issued, acts, graph, ordered)


def coattendance(store: Store, start: str | None = None, end: str | None = None,
                 full: nx.MultiDiGraph | None = None) -> nx.Graph:
    """Persons linked by the events they attended together (weight: how many), with centrality."""
    full = network(store) if full is None else full
    present: dict[str, set[str]] = defaultdict(set)
    for person, event, data in full.edges(data=True):
        day = data.get("date", "")
        if data.get("relation") == "participant" and (not start or day >= start) and (not end or day[:len(end)] <= end):
            present[event].add(person)
    graph = nx.Graph()
    for event, persons in present.items():
        for person in persons:
            graph.add_node(person, label=full.nodes[person].get("label", _tail(person)))
            graph.nodes[person]["events"] = graph.nodes[person].get("events", 0) + 1
        for a, b in combinations(sorted(persons), 2):
            weight = graph.edges[a, b]["weight"] + 1 if graph.has_edge(a, b) else 1
            graph.add_edge(a, b, weight=weight)
    degree = nx.degree_centrality(graph)
    betweenness = nx.betweenness_centrality(graph)
    for node in graph:
        graph.nodes[node]["degree"] = round(degree[node], 6)
        graph.nodes[node]["betweenness"] = round(betweenness[node], 6)
        graph.nodes[node]["strength"] = sum(d["weight"] for _, _, d in graph.edges(node, data=True))
    return graph


def centrality_table(graph: nx.Graph, top: int | None = None) -> list[dict[str, Any]]:
    """Persons by betweenness, then weighted degree, then name."""
    rows = [{"person": n, **d} for n, d in graph.nodes(data=True)]
    rows.sort(key=lambda r: (-r["betweenness"], -r["strength"], r["label"]))
    return rows[:top] if top else rows


def _scalars(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes GraphML and GEXF can hold: no None, lists joined, dates as text."""
    copy = graph.copy()
    for _, data in list(copy.nodes(data=True)) + [(None, d) for *_, d in copy.edges(data=True)]:
        for key, value in list(data.items()):
            if value is None:
                del data[key]
            elif isinstance(value, (list, tuple, set)):
                data[key] = "; ".join(map(str, value))
            elif isinstance(value, dt.date):
                data[key] = value.isoformat()
    return copy


def export(graph: nx.Graph, path: str | Path, fmt: str | None = None) -> list[Path]:
    """Write a graph as GraphML, GEXF or CSV (`<stem>-nodes.csv` and `<stem>-edges.csv`); the files written."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise UnionKGError(f"unknown network format {fmt!r}: use one of {', '.join(FORMATS)}")
    graph = _scalars(graph)
    if fmt == "graphml":
        nx.write_graphml(graph, path)
        return [path]
    if fmt == "gexf":
        nx.write_gexf(graph, path)
        return [path]
    nodes, edges = path.with_name(f"{path.stem}-nodes.csv"), path.with_name(f"{path.stem}-edges.csv")
    _write_csv(nodes, ["id"], [{"id": n, **d} for n, d in graph.nodes(data=True)])
    _write_csv(edges, ["source", "target"], [{"source": a, "target": b, **d} for a, b, d in graph.edges(data=True)])
    return [nodes, edges]


def _write_csv(path: Path, first: list[str], rows: list[dict[str, Any]]) -> None:
    columns = first + sorted({k for row in rows for k in row} - set(first))
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, columns)
        writer.writeheader()
        writer.writerows(rows)


# -- readable summaries -----------------------------------------------------------------------

def hierarchy_text(tree: nx.DiGraph, root: str | None = None, max_lines: int = 200) -> str:
    """The chart as an indented list, with counts per level."""
    roots = [root] if root else sorted((n for n in tree if tree.in_degree(n) == 0),
                                       key=lambda n: tree.nodes[n].get("label", n))
    lines: list[str] = []

    def walk(node: str, depth: int, path: frozenset[str]) -> None:
        data = tree.nodes[node]
        lines.append(f"{'  ' * depth}{data.get('label', node)}" + (f" [{data['level']}]" if data.get("level") else ""))
        for child in sorted(tree.successors(node), key=lambda n: tree.nodes[n].get("label", n)):
            if child not in path and len(lines) < max_lines:
                walk(child, depth + 1, path | {child})

    for top in roots:
        walk(top, 0, frozenset({top}))
    counts = defaultdict(int)
    for _, data in tree.nodes(data=True):
        counts[data.get("level", "no level")] += 1
    summary = ", ".join(f"{level}: {n}" for level, n in sorted(counts.items()))
    more = "\n..." if len(lines) >= max_lines else ""
    head = f"{tree.number_of_nodes()} organisations, {tree.number_of_edges()} links ({summary})"
    return "\n".join([head, *lines]) + more


def cascade_text(cascade: Cascade) -> str:
    """The cascade as lines: who acted when, after whom, and the lag per level."""
    issued = cascade.issued.isoformat() if cascade.issued else "date of issue unknown"
    lines = [f"{cascade.name} ({issued}): {len(cascade.acts)} organisations acted"]
    for row in cascade.acts:
        parent = next(iter(cascade.graph.predecessors(row["actor"])), None)
        after = cascade.graph.nodes[parent].get("label", parent) if parent else "?"
        day = row["date"].isoformat() if isinstance(row.get("date"), dt.date) else "undated"
        lag = f"{row['lag']} days" if isinstance(row.get("lag"), int) else "lag unknown"
        lines.append(f"  {day}  {lag:>10}  {row.get('level') or '-':16} {row.get('actorLabel', row['actor'])}"
                     f"  ({row.get('kinds', '')}; after {after})")
    lines.append("median lag by level:")
    lines += [f"  {level:16} {median:8.1f} days  (n={len(cascade.lags[level])})"
              for level, median in cascade.medians.items()]
    return "\n".join(lines)


def coattendance_text(graph: nx.Graph, top: int = 20) -> str:
    """The most central persons of a co-attendance network."""
    lines = [f"{graph.number_of_nodes()} persons, {graph.number_of_edges()} pairs who attended an event together"]
    lines += [f"  {r['label']:32} events {r['events']:3}  co-attendances {r['strength']:3}  "
              f"degree {r['degree']:.3f}  betweenness {r['betweenness']:.3f}" for r in centrality_table(graph, top)]
    return "\n".join(lines)
