"""/graph?iri=...&depth=..&limit=..: the neighbourhood of an entity, drawn with Cytoscape.js.

The view is a bookmark: entity, depth and node limit are all in the URL. /graph.json gives the
same nodes and edges. Nodes are the entities reached in at most `depth` links (breadth first,
nearest first, at most `limit` of them); edges are the links among them that the walk saw.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, jsonify, render_template, request
from rdflib import URIRef

from . import i18n, rq
from .model import ID_BASE, TERMS, local_path, ref, remember_label

bp = Blueprint("graph", __name__)

# (default, smallest, largest) of the URL's numeric parameters.
BOUNDS = {"depth": (1, 1, 3), "limit": (60, 1, 300)}
UNSAFE = set('<>"{}|^`\\ \t\n')
# Edge captions for the links neighbours.rq names that model.TERMS does not.
RELATIONS = {
    "post": "chức vụ",          # person -> organisation (org:Membership)
    "act": "triển khai",        # organisation -> directive (uk:Implementation)
    "participant": "dự",        # person -> event (uk:Participation)
    "agenda": "nội dung",       # event -> directive acted on there
    "creator": "ban hành",      # directive -> issuer
    "organizer": "tổ chức",     # event -> organiser
}


def number(name: str) -> int:
    """A bounded integer parameter of the URL; anything else is a 400 that names it."""
    default, low, high = BOUNDS[name]
    text = request.args.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        abort(400, description=f"parameter {name} must be an integer from {low} to {high}, not {text[:50]!r}")
    return int(text)


def centre() -> URIRef:
    """The ?iri= entity: one of ours (id:...), known to the store."""
    text = request.args.get("iri", "").strip()
    if not text.startswith(ID_BASE) or UNSAFE & set(text):
        abort(400, description=f"parameter iri must be an entity IRI ({ID_BASE}...), not {text[:200]!r}")
    iri = URIRef(text)
    if not rq.select("types", this=iri) and not rq.select("properties", this=iri):
        abort(404, description=f"nothing is known about {text}")
    return iri


def kind_of(iri: str) -> str:
    """The kind of entity an id: IRI names (org, person, directive, event, ...)."""
    return iri[len(ID_BASE):].split("/", 1)[0] if iri.startswith(ID_BASE) else "other"


def walk(start: URIRef, depth: int, limit: int) -> dict[str, Any]:
    """Breadth-first neighbourhood: nodes with their distance, the edges among them, whether cut short."""
    distance = {str(start): 0}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    frontier, truncated = [str(start)], False
    for level in range(1, depth + 1):
        following = []
        for iri in frontier:
            for row in rq.select("neighbours", this=URIRef(iri)):
                source, target, relation = str(row["source"]), str(row["target"]), str(row["relation"])
                other = target if source == iri else source
                if row.get("otherLabel") is not None and i18n.current() == "vi":
                    remember_label(other, str(row["otherLabel"]))
                if other not in distance:
                    if len(distance) >= limit:
                        truncated = True
                        continue
                    distance[other] = level
                    following.append(other)
                edges[(source, relation, target)] = {"source": source, "target": target, "relation": relation,
                                                     "label": RELATIONS.get(relation) or TERMS.get(relation, relation)}
        frontier = following
        if truncated:
            break  # no new node can join: walking further would only find more links among them
    nodes = [{**ref(iri), "id": iri, "kind": kind_of(iri), "distance": d} for iri, d in distance.items()]
    return {"nodes": nodes, "edges": list(edges.values()), "truncated": truncated}


def neighbourhood() -> dict[str, Any]:
    """The whole view: the centre, the URL's parameters, nodes and edges."""
    iri = centre()
    depth, limit = number("depth"), number("limit")
    return {"iri": str(iri), "centre": ref(iri), "depth": depth, "limit": limit, **walk(iri, depth, limit),
            "page": local_path(str(iri))}


@bp.route("/graph")
def page() -> str:
    return render_template("graph.html", view=neighbourhood(), bounds=BOUNDS)


@bp.route("/graph.json")
def page_json() -> Response:
    return jsonify(neighbourhood())
