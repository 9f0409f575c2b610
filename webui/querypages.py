"""/queries: the query library (queries/*.rq) as pages: a form per query, results as a table,
a timeline where a column holds dates and a small graph where a row links entities.

/queries/<name>.json and /queries/<name>.csv are the twins of /queries/<name> with the same
parameters, so a result URL is shareable. Parameter values are bound as RDF terms by the library;
a bad value is a 400 that names the parameter and the value (for the .csv twin as one line of
plain text, since a CSV client would otherwise get an HTML page to parse).
"""
from __future__ import annotations

import csv
import io
import re
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, jsonify, render_template, request
from rdflib import Literal, URIRef
from werkzeug.exceptions import BadRequest, HTTPException, ServiceUnavailable

from ..errors import QueryError, StoreError, UnionKGError
from ..queries import library
from . import get_store, http_error, unionkg_error
from .model import label, local_path, short

bp = Blueprint("queries", __name__)

# Request arguments that belong to the page, not to the query.
PAGE_ARGS = {"lang", "run"}
# The most entities whose labels are looked up for one result (the others show their IRI's end).
MAX_LABELLED = 150
# Rows shown in the HTML table (the .json and .csv twins give all).
MAX_SHOWN = 500
# The graph view of a result draws at most this many nodes.
MAX_GRAPH_NODES = 150
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FORM_INPUTS = {"date": "date", "integer": "number"}


def library_query(name: str) -> library.LibraryQuery:
    """The library query called `name`, else 404."""
    if not re.fullmatch(r"\w+", name) or name not in library.names():
        abort(404, description=f"no library query named {name!r} (see /queries)")
    return library.load(name)


def given(query: library.LibraryQuery) -> dict[str, str]:
    """The parameter values of the request's query string; an unknown parameter is a 400."""
    declared = {p.name for p in query.params}
    unknown = sorted(set(request.args) - declared - PAGE_ARGS)
    if unknown:
        abort(400, description=f"{query.name} has no parameter {', '.join(unknown)}; "
                               f"it takes {', '.join(sorted(declared)) or 'none'}")
    return {name: request.args.get(name, "").strip() for name in declared if request.args.get(name, "").strip()}


def bindings(query: library.LibraryQuery, values: dict[str, str]) -> dict[str, Any]:
    """The RDF terms of the given values and the defaults; a bad one is a 400 naming it."""
    out = {}
    for param in query.params:
        value = values.get(param.name, param.default)
        if value is None or value == "":
            if param.required:
                abort(400, description=f"parameter {param.name} is required (for example {param.example!r})")
            continue
        try:
            out[param.name] = library.term_for(get_store(), param, value)
        except QueryError as error:
            abort(400, description=f"parameter {param.name}={str(value)[:200]!r}: {error}")
    return out


def cell(term: Any, labels: dict[str, str]) -> dict[str, Any] | None:
    """One result value: its text, kind, and for an IRI its label and page."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        iri = str(term)
        return {"value": iri, "type": "iri", "label": labels.get(iri, short(iri)), "href": local_path(iri)}
    out = {"value": str(term), "type": "literal"}
    if isinstance(term, Literal) and term.datatype is not None:
        out["datatype"] = str(term.datatype)
    if isinstance(term, Literal) and term.language:
        out["lang"] = term.language
    return out


def result(query: library.LibraryQuery, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Columns and rows as cells, IRIs labelled (those the query labels itself via an xLabel column)."""
    columns = library.columns_of(query.text, rows) or sorted({k for row in rows for k in row})
    labels: dict[str, str] = {}
    for row in rows:
        for column in columns:
            own = row.get(f"{column}Label")
            if isinstance(row.get(column), URIRef) and own is not None:
                labels.setdefault(str(row[column]), str(own))
    for iri in sorted({str(v) for row in rows for v in row.values() if isinstance(v, URIRef)} - set(labels))[:MAX_LABELLED]:
        labels[iri] = label(iri)
    return {"columns": columns, "rows": [{c: cell(row.get(c), labels) for c in columns} for row in rows]}


def date_column(data: dict[str, Any]) -> str | None:
    """The first column whose values are all dates (and at least one is given), for a timeline."""
    for column in data["columns"]:
        values = [row[column] for row in data["rows"] if row[column] is not None]
        if values and all(v["type"] == "literal" and DATE.fullmatch(v["value"][:10]) for v in values):
            return column
    return None


def timeline(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows in date order with their date and the entities they name, for a timeline."""
    column = date_column(data)
    if column is None:
        return []
    items = [{"date": row[column]["value"], "entities": [v for v in row.values() if v and v["type"] == "iri"],
              "text": [v["value"] for c, v in row.items() if v and v["type"] == "literal" and c != column][:3]}
             for row in data["rows"] if row[column] is not None]
    return sorted(items, key=lambda item: item["date"])[:MAX_SHOWN]


def graph(data: dict[str, Any]) -> dict[str, list] | None:
    """Nodes and edges linking the IRIs of each row (first IRI to the others), when rows name two or more."""
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[str, dict[str, str]] = {}
    for row in data["rows"]:
        iris = [(c, v) for c, v in row.items() if v and v["type"] == "iri" and v["href"]]
        for (_, source), (column, target) in ((iris[0], other) for other in iris[1:]) if iris else ():
            for end in (source, target):
                if end["value"] not in nodes and len(nodes) < MAX_GRAPH_NODES:
                    nodes[end["value"]] = {"id": end["value"], "label": end["label"], "href": end["href"]}
            if source["value"] in nodes and target["value"] in nodes and source["value"] != target["value"]:
                key = f"{source['value']} {column} {target['value']}"
                edges[key] = {"id": key, "source": source["value"], "target": target["value"], "label": column}
    return {"nodes": list(nodes.values()), "edges": list(edges.values())} if edges else None


def outcome(name: str) -> dict[str, Any]:
    """The query, the values asked for, and (when it is to run) its result.

    The twins always run; the HTML page runs once a value is given, ?run is present, or the query
    needs nothing, so /queries/<name> alone shows an empty form rather than an error.
    """
    query = library_query(name)
    values = given(query)
    twin = request.path.endswith((".json", ".csv"))
    needs = any(p.required and p.default is None for p in query.params)
    data: dict[str, Any] = {"name": name, "summary": query.summary, "description": query.description,
                            "params": [param_info(p, values.get(p.name)) for p in query.params],
                            "values": values, "ran": False}
    if twin or values or "run" in request.args or not needs:
        store = get_store()
        rows = store.select(query.text_for(store), bindings(query, values))
        data.update(ran=True, **result(query, rows))
    return data


def param_info(param: library.Param, value: str | None) -> dict[str, Any]:
    """A parameter as the form shows it."""
    default = str(param.default).lower() if isinstance(param.default, bool) else param.default
    return {"name": param.name, "type": param.type, "required": param.required, "value": value or "",
            "default": default, "example": param.example, "description": param.description,
            "choices": list(param.choices) or (["true", "false"] if param.type == "boolean" else []),
            "input": FORM_INPUTS.get(param.type, "text")}


@bp.route("/queries")
def index() -> str:
    queries = [library.load(n) for n in library.names()]
    return render_template("queries.html", queries=queries)


@bp.route("/queries.json")
def index_json() -> Response:
    return jsonify([{"name": q.name, "summary": q.summary, "href": f"/queries/{q.name}",
                     "params": [param_info(p, None) for p in q.params]}
                    for q in (library.load(n) for n in library.names())])


@bp.route("/queries/<name>")
def page(name: str) -> str:
    data = outcome(name)
    if data["ran"]:
        data["timeline"] = timeline(data)
        data["graph"] = graph(data)
    return render_template("query.html", q=data, text=library.load(name).text, shown=MAX_SHOWN,
                           twin_url=twin_url, example_args=example_args)


def twin_url(suffix: str) -> str:
    """The .json or .csv twin of this page, with the same parameters."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k not in PAGE_ARGS and v]
    return request.path + suffix + ("?" + urlencode(args) if args else "")


def example_args(data: dict[str, Any]) -> dict[str, str]:
    """The query-string arguments that fill the form with each parameter's example."""
    return {p["name"]: str(p["example"]).lower() if isinstance(p["example"], bool) else str(p["example"])
            for p in data["params"] if p["example"] is not None} | {"run": "1"}


@bp.route("/queries/<name>.json")
def page_json(name: str) -> Response:
    return jsonify(outcome(name))


@bp.route("/queries/<name>.csv")
def page_csv(name: str) -> Response:
    data = outcome(name)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(data["columns"])
    for row in data["rows"]:
        writer.writerow([row[c]["value"] if row[c] else "" for c in data["columns"]])
    return Response(out.getvalue(), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'inline; filename="{name}.csv"'})


def plain_error(error: HTTPException) -> Response:
    """An error of a .csv twin as one line of plain text with its status."""
    line = " ".join(str(error.description).split())
    return Response(line + "\n", status=error.code, content_type="text/plain; charset=utf-8")


@bp.errorhandler(HTTPException)
def twin_http_error(error: HTTPException) -> Response | tuple[str, int]:
    """Plain text for the .csv twin; the app's JSON or HTML error elsewhere."""
    if request.path.endswith(".csv") and error.code is not None and error.code >= 400:
        return plain_error(error)
    return http_error(error)


@bp.errorhandler(UnionKGError)
def twin_unionkg_error(error: UnionKGError) -> Response | tuple[str, int]:
    """A library error of the .csv twin as plain text (400, or 503 when the store failed)."""
    if request.path.endswith(".csv"):
        kind = ServiceUnavailable if isinstance(error, StoreError) else BadRequest
        return plain_error(kind(str(error)[:500]))
    return unionkg_error(error)
