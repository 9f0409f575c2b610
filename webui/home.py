"""/: the start page (what the store holds, where to query it) and /index.json, its JSON twin."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, render_template, url_for

from ..errors import StoreError
from ..ontology.namespaces import GRAPH, REFERENCE_GRAPH
from . import get_store

bp = Blueprint("home", __name__)

ARTICLE_GRAPHS = str(GRAPH["article/"])
EXAMPLE_QUERY = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX uk: <https://w3id.org/unionkg/ont#>
SELECT ?union ?name WHERE {
  ?union a uk:TradeUnion ; skos:prefLabel ?name .
} LIMIT 20"""


def summary() -> dict[str, Any]:
    """What the store holds: its size and its graphs, by kind."""
    store = get_store()
    return {
        "triples": store.triple_count(),
        "graphs": store.count_graphs(),
        "article_graphs": store.count_graphs(ARTICLE_GRAPHS),
        "reference_graph": store.count_graphs(str(REFERENCE_GRAPH)) > 0,
        "sparql_endpoint": url_for("sparql.endpoint", _external=True),
    }


@bp.route("/")
def index() -> str | tuple[str, int]:
    """The start page."""
    try:
        facts = summary()
    except StoreError as error:
        return render_template("error.html", message=str(error)), 503
    return render_template("home.html", facts=facts, example_query=EXAMPLE_QUERY)


@bp.route("/index.json")
def index_json() -> Response | tuple[Response, int]:
    """The start page as JSON."""
    try:
        return jsonify(summary())
    except StoreError as error:
        return jsonify({"error": str(error)}), 503
