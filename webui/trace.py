"""/trace/<directive key>: how a directive was carried out down the hierarchy, act by act."""
from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, abort, jsonify, render_template
from rdflib import URIRef

from ..ontology.namespaces import ID
from . import rq
from .entity import acts
from .model import ref

bp = Blueprint("trace", __name__)


def days_between(start: str | None, end: str | None) -> int | None:
    try:
        return (date.fromisoformat(end) - date.fromisoformat(start)).days  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def trace(key: str) -> dict[str, Any]:
    """The directive and its acts, one entry per actor, date and event, in date order."""
    iri = ID[f"directive/{key}"]
    if not rq.select("types", this=iri):
        abort(404, description=f"no directive {key}")
    issued = next((str(row["value"]) for row in rq.select("properties", this=iri)
                   if str(row["property"]) == "http://purl.org/dc/terms/issued"), None)
    entries: dict[tuple, dict[str, Any]] = {}
    for act in acts(directive=URIRef(iri)):
        group = (act["actor"]["iri"], act["date"], act["event"]["iri"] if act["event"] else None)
        entry = entries.setdefault(group, {**act, "kinds": [], "evidence": [],
                                           "lag_days": days_between(issued, act["date"])})
        entry["kinds"].append(act["kind"])
        entry["evidence"] += [ev for ev in act["evidence"] if ev not in entry["evidence"]]
    timeline = sorted(entries.values(), key=lambda e: (e["date"] is None, e["date"] or "", e["actor"]["label"]))
    for entry in timeline:
        del entry["kind"], entry["act"]
    levels = {}
    for entry in timeline:
        level = entry["level"]["key"] if entry["level"] else "unknown"
        levels.setdefault(level, entry["level"]["label"] if entry["level"] else "cấp chưa rõ")
    return {"directive": ref(iri), "issued": issued, "timeline": timeline, "levels": levels}


@bp.route("/trace/<key>")
def page(key: str) -> str:
    return render_template("trace.html", t=trace(key))


@bp.route("/trace/<key>.json")
def page_json(key: str) -> Any:
    return jsonify(trace(key))
