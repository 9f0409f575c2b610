"""The web UI: a start page and a read-only SPARQL 1.1 Protocol endpoint over the store."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, current_app

from ..store import Store, open_store

__all__ = ["create_app", "get_store"]

DEFAULTS: dict[str, Any] = {
    "UNIONKG_STORE_DIR": None,        # embedded store folder [default: $UNIONKG_STORE or ./data/store]
    "UNIONKG_ENDPOINT": None,         # remote SPARQL query URL, instead of the folder
    "UNIONKG_UPDATE_ENDPOINT": None,  # derived from the query URL when absent
    "UNIONKG_GRAPH_STORE": None,
    "MAX_CONTENT_LENGTH": 1_000_000,  # a POSTed query larger than this is refused (413)
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

    from .home import bp as home
    from .sparql import bp as sparql
    app.register_blueprint(home)
    app.register_blueprint(sparql)
    return app


def get_store() -> Store:
    """The store of the running app."""
    return current_app.extensions["unionkg_store"]
