"""/search: find entities by name, ignoring case, diacritics and punctuation (via uk:nameKey)."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template, request
from rdflib import Literal

from ..ontology.namespaces import fold
from . import rq
from .model import ref

bp = Blueprint("search", __name__)

MAX_QUERY = 200


def results(text: str) -> list[dict[str, Any]]:
    """Up to 20 entities whose folded names contain the folded text, prefix matches first."""
    key = fold(text[:MAX_QUERY])
    if not key:
        return []
    out = []
    for row in rq.select("search", q=Literal(key)):
        item = ref(row["entity"])
        item["kind"] = item["href"].split("/")[2] if item["href"] else "entity"
        item["match"] = str(row["match"])
        out.append(item)
    return out


@bp.route("/search")
def page() -> str:
    query = request.args.get("q", "")
    return render_template("search.html", query=query, results=results(query))


@bp.route("/search.json")
def page_json() -> Any:
    query = request.args.get("q", "")
    return jsonify({"query": query, "key": fold(query[:MAX_QUERY]), "results": results(query)})
