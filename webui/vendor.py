"""/vendor/<name>: the browser libraries, served from webui/node_modules (installed by `npm ci`).

Only the files listed here are served; nothing third-party is committed.
"""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort, send_from_directory

bp = Blueprint("vendor", __name__)

MODULES = Path(__file__).parent / "node_modules"
FILES = {
    "cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
    "dagre.min.js": "dagre/dist/dagre.min.js",
    "cytoscape-dagre.js": "cytoscape-dagre/cytoscape-dagre.js",
    "codemirror.js": "codemirror/lib/codemirror.js",
    "codemirror.css": "codemirror/lib/codemirror.css",
    "sparql.js": "codemirror/mode/sparql/sparql.js",
    "show-hint.js": "codemirror/addon/hint/show-hint.js",
    "show-hint.css": "codemirror/addon/hint/show-hint.css",
}


@bp.route("/vendor/<name>")
def file(name: str) -> Response:
    if name not in FILES or not (MODULES / FILES[name]).is_file():
        abort(404, description=f"{name} is not a served library (run `npm ci` in webui/)")
    return send_from_directory(MODULES, FILES[name], max_age=3600)
