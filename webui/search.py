"""/search: find entities by name, ignoring case, diacritics and punctuation (via uk:nameKey).

On an embedded store whose search index is in step (unionkg.search_index) the index answers;
otherwise, and on remote stores, queries/search.rq does, with the same rows."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template, request
from rdflib import Literal, URIRef

from ..ontology.namespaces import fold
from ..store import Term
from . import get_store, rq
from .model import ref

bp = Blueprint("search", __name__)

MAX_QUERY = 200


def results(text: str) -> list[dict[str, Any]]:
    """Up to 20 entities whose folded names contain the folded text, prefix matches first."""
    key = fold(text[:MAX_QUERY])
    if not key:
        return []
    out = []
    for row in _rows(key):
        item = ref(row["entity"])
        item["kind"] = item["href"].split("/")[2] if item["href"] else "entity"
        item["match"] = str(row["match"])
        out.append(item)
    return out


def _rows(key: str) -> list[dict[str, Term]]:
    """webui/queries/search.rq's rows for a folded key, from the index when it is in step."""
    link = getattr(get_store(), "search_link", None)
    index = link().usable() if link else None
    if index is None:
        return rq.select("search", q=Literal(key))
    return [{"entity": URIRef(entity), "match": Literal(match), "prefix": Literal(prefix)}
            for entity, match, prefix in index.name_search(key)]


@bp.route("/search")
def page() -> str:
    query = request.args.get("q", "")
    return render_template("search.html", query=query, results=results(query))


@bp.route("/search.json")
def page_json() -> Any:
    query = request.args.get("q", "")
    return jsonify({"query": query, "key": fold(query[:MAX_QUERY]), "results": results(query)})
