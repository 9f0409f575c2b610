"""/orgchart: the organisation chart explorer (Cytoscape.js), and /orgchart.json, the units under one unit.

The page starts at ?root= (an org IRI; default: the top unions) and can open units given by
repeated ?expand=; ?date= (YYYY-MM-DD) chooses which posts count as current when naming each
unit's head (the latest Chủ tịch observed on or before that date).
"""
from __future__ import annotations

import re
from datetime import date as Date
from typing import Any

from flask import Blueprint, abort, jsonify, render_template, request
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from . import i18n, rq
from .model import ID_BASE, local_path, ref, remember_label

bp = Blueprint("orgchart", __name__)

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def as_of() -> str:
    """The ?date= of the request, else today."""
    text = request.args.get("date") or ""
    if text and not DATE.fullmatch(text):
        abort(400, description="date must be YYYY-MM-DD")
    return text or Date.today().isoformat()


def org_param(name: str) -> URIRef | None:
    text = request.args.get(name) or ""
    if not text:
        return None
    if not text.startswith(ID_BASE + "org/") or any(c in text for c in '<>"{}|^`\\ '):
        abort(400, description=f"{name} must be an organisation IRI ({ID_BASE}org/...)")
    return URIRef(text)


def latest_head(iri: Any, when: str) -> dict | None:
    """The latest head of organisation `iri` observed on or before `when`, or None."""
    rows = rq.select("orgchart_head", this=URIRef(str(iri)), asof=Literal(when, datatype=XSD.date))
    return rows[0] if rows else None


def node(iri: Any, when: str, below: int | None = None, name: Any = None) -> dict[str, Any]:
    """One unit of the chart: its reference, its head as of `when`, and how many units it has under it."""
    if name is not None and i18n.current() == "vi":
        remember_label(str(iri), str(name))
    head = latest_head(iri, when)
    return {**ref(iri), "head": ref(head["person"]) if head else None,
            "head_observed": str(head["observed"]) if head and "observed" in head else None,
            "below": below}


def children(iri: URIRef, when: str) -> list[dict[str, Any]]:
    return [{**node(row["child"], when, int(row["below"]), row.get("label")), "link": str(row["link"]).rsplit("#", 1)[-1]}
            for row in rq.select("orgchart_children", this=iri)]


def chart() -> dict[str, Any]:
    when = as_of()
    root = org_param("root")
    if root is not None:
        roots = [root]
    else:
        roots = []
        for row in rq.select("orgchart_roots"):
            roots.append(URIRef(str(row["org"])))
            if row.get("label") is not None and i18n.current() == "vi":
                remember_label(str(row["org"]), str(row["label"]))
    nodes = [{**node(r, when, len(rq.select("orgchart_children", this=r))), "parent": None} for r in roots]
    expand = set(request.args.getlist("expand")) | {str(r) for r in roots}
    for item in nodes:  # grows while we walk it: opened units add their children
        if item["iri"] in expand and not item.get("open"):
            item["open"] = True
            known = {n["iri"] for n in nodes}
            for child in children(URIRef(item["iri"]), when):
                if child["iri"] not in known:
                    nodes.append({**child, "parent": item["iri"]})
                    known.add(child["iri"])
    return {"date": when, "root": str(root) if root else None, "nodes": nodes,
            "page": local_path(str(root)) if root else None}


@bp.route("/orgchart")
def page() -> str:
    return render_template("orgchart.html", chart=chart())


@bp.route("/orgchart.json")
def page_json() -> Any:
    return jsonify(chart())
