"""/trace/<directive key>: how a directive was carried out down the hierarchy, act by act.

Three views of the same acts: a timeline coloured by level; the implementation tree (each acting
unit under its nearest acting ancestor, with the days since the directive's issue and since its
parent acted); and the coverage under a chosen parent (?parent=, an IRI or a name): which units
below it have acted and which have not, from queries/directive_coverage.rq.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, abort, g, jsonify, render_template, request
from rdflib import URIRef

from ..errors import QueryError
from ..ontology.namespaces import ID, UK
from ..queries import library
from ..queries.lateral import has_lateral
from . import get_store, rq
from .entity import acts
from .model import LEVELS, level_of, ref

bp = Blueprint("trace", __name__)


def days_between(start: str | None, end: str | None) -> int | None:
    try:
        return (date.fromisoformat(end) - date.fromisoformat(start)).days  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def inferred_levels(iri: URIRef) -> dict[str, str]:
    """actor IRI -> the level the library infers for it (confederation, bloc, grassroots, ...)."""
    if has_lateral(get_store()):
        rows = rq.select("actor_levels", directive=iri)
    else:  # actor_levels.rq needs LATERAL; the library's directive_trace has a SPARQL 1.1 twin
        rows = rq.library_rows("directive_trace", {"directive": iri})
    return {str(row["actor"]): str(row["level"]) for row in rows if row.get("level") is not None}


def timeline_of(iri: URIRef, issued: str | None) -> list[dict[str, Any]]:
    """The acts, one entry per actor, date and event, in date order, each with its level and lag."""
    inferred = inferred_levels(iri)
    entries: dict[tuple, dict[str, Any]] = {}
    for act in acts(directive=iri):
        group = (act["actor"]["iri"], act["date"], act["event"]["iri"] if act["event"] else None)
        entry = entries.setdefault(group, {**act, "kinds": [], "evidence": [],
                                           "lag_days": days_between(issued, act["date"])})
        if entry["level"] is None and f"level-{inferred.get(act['actor']['iri'])}" in LEVELS:
            entry["level"] = level_of(str(UK[f"level-{inferred[act['actor']['iri']]}"]))
        entry["kinds"].append(act["kind"])
        entry["evidence"] += [ev for ev in act["evidence"] if ev not in entry["evidence"]]
    timeline = sorted(entries.values(), key=lambda e: (e["date"] is None, e["date"] or "", e["actor"]["label"]))
    for entry in timeline:
        del entry["kind"], entry["act"]
    return timeline


# How far up the hierarchy the tree and the parent picker look.
MAX_UP = 8


def ancestors(org: str) -> dict[str, int]:
    """Organisation IRI -> fewest part-of links from `org` up to it (breadth first, up to MAX_UP),
    memoised for the request; one cheap query per organisation rather than a path query."""
    cache = g.setdefault("ancestors", {})
    if org not in cache:
        distance: dict[str, int] = {}
        frontier = [org]
        for steps in range(1, MAX_UP + 1):
            frontier = [p for p in dict.fromkeys(str(row["parent"]) for iri in frontier
                                                 for row in rq.select("org_parents", this=URIRef(iri)))
                        if p not in distance and p != org]
            distance.update((p, steps) for p in frontier)
            if not frontier:
                break
        cache[org] = distance
    return cache[org]


def nearest_acting_ancestor(actor: str, actors: set[str]) -> str | None:
    """The closest organisation above `actor` that also acted on the directive."""
    above = [(steps, iri) for iri, steps in ancestors(actor).items() if iri in actors]
    return min(above)[1] if above else None


def tree(timeline: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The acting units as a forest: each under its nearest acting ancestor, with its acts and lags."""
    units: dict[str, dict[str, Any]] = {}
    for entry in timeline:  # in date order, so a unit's first entry is its first act
        unit = units.setdefault(entry["actor"]["iri"], {
            "actor": entry["actor"], "level": entry["level"], "first_date": entry["date"],
            "lag_days": entry["lag_days"], "acts": [], "children": []})
        unit["acts"].append({k: entry[k] for k in ("date", "kinds", "event", "evidence", "lag_days")})
    roots = []
    for iri, unit in units.items():
        parent = nearest_acting_ancestor(iri, set(units) - {iri})
        if parent is None or closes_cycle(units, parent, iri):
            roots.append(unit)  # a cycle in the hierarchy (a data error) is cut here, not followed
            continue
        unit["parent"] = parent
        unit["lag_after_parent"] = days_between(units[parent]["first_date"], unit["first_date"])
        units[parent]["children"].append(unit)
    return roots


def closes_cycle(units: dict[str, dict[str, Any]], parent: str, child: str) -> bool:
    """Whether hanging `child` under `parent` would make `child` its own ancestor."""
    seen = set()
    while parent is not None and parent not in seen:
        if parent == child:
            return True
        seen.add(parent)
        parent = units[parent].get("parent")
    return False


def coverage(iri: URIRef, parent_text: str) -> dict[str, Any] | None:
    """Which units under the chosen parent have acted and which have not."""
    if not parent_text:
        return None
    try:
        parent = library.resolve_org(get_store(), parent_text)
        rows = rq.library_rows("directive_coverage", {"directive": iri, "org": parent})
    except QueryError as error:
        abort(400, description=f"parameter parent={parent_text[:200]!r}: {error}")
    units = [{**ref(row["unit"]), "level": str(row["level"]) if row.get("level") is not None else None,
              "acted": str(row["acted"]) in ("true", "1"), "acts": int(row["acts"]),
              "first_date": str(row["firstDate"]) if row.get("firstDate") is not None else None}
             for row in rows]
    return {"parent": ref(parent), "acted": [u for u in units if u["acted"]],
            "not_acted": [u for u in units if not u["acted"]]}


def parent_choices(timeline: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Parents worth picking: the acting units and the organisations above them."""
    found: dict[str, dict[str, Any]] = {}
    for entry in timeline:
        found.setdefault(entry["actor"]["iri"], entry["actor"])
        for iri in ancestors(entry["actor"]["iri"]):
            found.setdefault(iri, None)
    return sorted((value or ref(key) for key, value in found.items()), key=lambda r: r["label"])


def trace(key: str) -> dict[str, Any]:
    """The directive, its acts in date order, their tree and the coverage under ?parent=."""
    iri = URIRef(ID[f"directive/{key}"])
    if not rq.select("types", this=iri):
        abort(404, description=f"no directive {key}")
    issued = next((str(row["value"]) for row in rq.select("properties", this=iri)
                   if str(row["property"]) == "http://purl.org/dc/terms/issued"), None)
    timeline = timeline_of(iri, issued)
    levels = {}
    for entry in timeline:
        level = entry["level"]["key"] if entry["level"] else "unknown"
        levels.setdefault(level, entry["level"]["label"] if entry["level"] else "cấp chưa rõ")
    parent = request.args.get("parent", "").strip()
    return {"directive": ref(iri), "issued": issued, "timeline": timeline, "levels": levels,
            "tree": tree(timeline), "parents": parent_choices(timeline), "parent": parent,
            "coverage": coverage(iri, parent)}


@bp.route("/trace/<key>")
def page(key: str) -> str:
    return render_template("trace.html", tr=trace(key))


@bp.route("/trace/<key>.json")
def page_json(key: str) -> Any:
    return jsonify(trace(key))
