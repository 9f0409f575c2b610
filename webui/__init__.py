"""The web UI: a start page and a read-only SPARQL 1.1 Protocol endpoint over the store."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..errors import StoreError, UnionKGError
from ..store import Store, open_store

__all__ = ["create_app", "get_store"]

DEFAULTS: dict[str, Any] = {
    "UNIONKG_STORE_DIR": None,        # embedded store folder [default: $UNIONKG_STORE or ./data/store]
    "UNIONKG_ENDPOINT": None,         # remote SPARQL query URL, instead of the folder
    "UNIONKG_UPDATE_ENDPOINT": None,  # derived from the query URL when absent
    "UNIONKG_GRAPH_STORE": None,
    "MAX_CONTENT_LENGTH": 1_000_000,  # a POSTed query larger than this is refused (413)
    "UNIONKG_QUERY_TIMEOUT": 10.0,     # seconds a /sparql query may run; over it: 503 (webui/limits.py)
    "UNIONKG_MAX_ROWS": 10_000,        # rows (or triples) per /sparql result; more are cut, and it says so
    "UNIONKG_QUERY_WORKERS": 2,        # /sparql queries running at once
    "UNIONKG_QUERY_WAIT": None,        # seconds a query waits for a free slot, then 503 [default: the time limit]
    "UNIONKG_SLOW_RESULTS_SECONDS": 0.5,  # a page query this slow has its rows kept until the store changes
    "UNIONKG_SLOW_RESULTS_ROWS": 100_000,  # rows kept so in all, 1–4 kB each (0: none; webui/slow_results.py)
}


def create_app(store: Store | None = None, config: Mapping[str, Any] | None = None) -> Flask:
    """The Flask app over `store`, or over the store that the UNIONKG_* config keys name."""
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_mapping(config or {})
    if store is None:
        store = open_store(store_dir=app.config["UNIONKG_STORE_DIR"], endpoint=app.config["UNIONKG_ENDPOINT"],
                           update_endpoint=app.config["UNIONKG_UPDATE_ENDPOINT"],
                           graph_store=app.config["UNIONKG_GRAPH_STORE"])
    app.extensions["unionkg_store"] = store

    from . import i18n, slow_results
    from .entity import bp as entity
    from .graph import bp as graph
    from .home import bp as home
    from .orgchart import bp as orgchart
    from .querypages import bp as queries
    from .search import bp as search
    from .sparql import bp as sparql
    from .trace import bp as trace
    from .vendor import bp as vendor
    for blueprint in (home, sparql, entity, search, orgchart, trace, vendor, queries, graph):
        app.register_blueprint(blueprint)
    i18n.init_app(app)
    slow_results.init_app(app)
    app.after_request(security_headers)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(UnionKGError, unionkg_error)
    return app


def unionkg_error(error: UnionKGError) -> Response | tuple[str, int]:
    """A value no query can take (a key with a quote, say) is a 400; a store that fails is a 503."""
    from werkzeug.exceptions import BadRequest, ServiceUnavailable
    kind = ServiceUnavailable if isinstance(error, StoreError) else BadRequest
    return http_error(kind(str(error)[:500]))


CSP = ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")


def security_headers(response: Response) -> Response:
    """Headers that keep every page to its own scripts and styles, unframed and unsniffed."""
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def http_error(error: HTTPException) -> Response | tuple[str, int]:
    """Errors as JSON for .json URLs and JSON clients, else as an escaped HTML page."""
    if error.code is None or error.code < 400:
        return error  # type: ignore[return-value]
    if request.path.endswith(".json") or request.accept_mimetypes.best == "application/json":
        response = jsonify({"error": error.description, "status": error.code})
        response.status_code = error.code
        return response
    return render_template("error.html", title=error.name, message=error.description), error.code


def get_store() -> Store:
    """The store of the running app."""
    return current_app.extensions["unionkg_store"]
