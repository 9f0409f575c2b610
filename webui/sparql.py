"""/sparql: the query operation of the SPARQL 1.1 Protocol, read-only, with content negotiation.

Queries come as GET ?query=, POST form (query=) or POST application/sparql-query. The result
type follows `format=` (json, xml, csv, tsv, turtle, ntriples, jsonld, or a media type), else
the Accept header, else JSON results for SELECT/ASK and Turtle for CONSTRUCT/DESCRIBE.
Updates, LOAD, SERVICE and FROM / FROM NAMED with IRIs outside our graph namespace (anything
that could make the server fetch another URL) are refused with 403 before the query runs.
Queries run under the limits of webui/limits.py: a time limit (503 when over), a row cap (the
`Results-Truncated` header, and a `truncated` member in JSON results) and a bounded number of
queries at once (503 with Retry-After when every slot stays busy).
"""
from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from ..errors import QueryError, StoreError
from ..guard import QueryBusy, QueryTimeout
from ..ontology.namespaces import PREFIXES
from ..store import query_form, query_keywords
from ..store_remote import tokens
from .limits import query_runner

bp = Blueprint("sparql", __name__)

RESULTS_TYPES = ["application/sparql-results+json", "application/json", "application/sparql-results+xml",
                 "application/xml", "text/xml", "text/csv", "text/tab-separated-values"]
GRAPH_TYPES = ["text/turtle", "application/turtle", "application/x-turtle", "application/n-triples",
               "application/ld+json", "application/rdf+xml"]
# format= names: (media type for SELECT/ASK, media type for CONSTRUCT/DESCRIBE). The aliases are
# the values SPARQLWrapper sends in format= and output= unless told to rely on Accept alone.
FORMATS: dict[str, tuple[str | None, str | None]] = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"), "ttl": (None, "text/turtle"), "n3": (None, "text/turtle"),
    "ntriples": (None, "application/n-triples"), "nt": (None, "application/n-triples"),
    "jsonld": (None, "application/ld+json"), "json-ld": (None, "application/ld+json"),
    "rdf+xml": (None, "application/rdf+xml"), "rdfxml": (None, "application/rdf+xml"),
    "rdf": (None, "application/rdf+xml"),
}
REFUSED_KEYWORDS = {"SERVICE": "SERVICE (federated queries) is not allowed on this endpoint",
                    "LOAD": "LOAD is not allowed: this endpoint is read-only"}
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "Results-Truncated"}
# FROM and FROM NAMED may only name graphs of this store: no IRI elsewhere is ever dereferenced.
LOCAL_GRAPHS = "https://w3id.org/unionkg/"


def plain(status: int, message: str) -> Response:
    """A text/plain error response (never HTML, so nothing in it is ever rendered)."""
    return Response(message + "\n", status=status, mimetype="text/plain", headers=CORS)


@bp.route("/sparql", methods=["OPTIONS"])
def preflight() -> Response:
    """CORS preflight: any origin may query."""
    return Response(status=204, headers={**CORS, "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                                         "Access-Control-Allow-Headers": "Content-Type, Accept",
                                         "Access-Control-Max-Age": "86400"})


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response | str:
    """Run one read query and return its results in the negotiated type."""
    query, refusal = read_request()
    if refusal is not None:
        return refusal
    if query is None:
        if request.method == "GET" and wants_html():
            return render_template("sparql.html", prefixes=PREFIXES)
        return plain(400, "missing query: send ?query=, a form field query=, or an application/sparql-query body")
    refusal = refuse_query(query)
    if refusal is not None:
        return refusal
    media_type = negotiate(query_form(query))
    if media_type is None:
        return plain(400, f"unknown format {request.values.get('format')!r}; use one of "
                          "json, xml, csv, tsv, turtle, ntriples, jsonld, or a media type")
    try:
        result = query_runner().run(query, media_type)
    except QueryError as error:
        return plain(400, f"malformed query: {error}")
    except QueryTimeout as error:
        return plain(503, f"{error} (UNIONKG_QUERY_TIMEOUT); narrow the query or add a LIMIT")
    except QueryBusy as error:
        return Response(f"{error}\n", status=503, mimetype="text/plain", headers={**CORS, "Retry-After": "2"})
    except StoreError as error:
        return plain(503, f"the store is unavailable: {error}")
    return results_response(result.body, result.content_type, result.truncated)


def results_response(body: bytes, content_type: str, truncated: int | None) -> Response:
    """The 200 response of a query, with the Results-Truncated header when rows were left out."""
    if content_type.startswith("text/") and "charset" not in content_type:
        content_type += "; charset=utf-8"
    headers = {**CORS, "Vary": "Accept"}
    if truncated is not None:
        headers["Results-Truncated"] = str(truncated)
    return Response(body, content_type=content_type, headers=headers)


def read_request() -> tuple[str | None, Response | None]:
    """The query text of the request, or the response that refuses the request."""
    content_type = (request.mimetype or "").lower()
    if "update" in request.values or content_type == "application/sparql-update":
        return None, plain(403, "this endpoint is read-only: SPARQL Update is not accepted")
    if "default-graph-uri" in request.values or "named-graph-uri" in request.values:
        return None, plain(400, "default-graph-uri and named-graph-uri are not supported; "
                                "name graphs with FROM or GRAPH in the query")
    if len(request.values.getlist("query")) > 1:
        return None, plain(400, "more than one query parameter: send exactly one query")
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        return None, plain(415, f"unsupported charset {charset!r}: queries must be UTF-8")
    if request.method == "GET":
        return request.args.get("query") or None, None
    if content_type == "application/sparql-query":
        try:
            return request.get_data().decode("utf-8") or None, None
        except UnicodeDecodeError as error:
            return None, plain(400, f"the query is not valid UTF-8 (byte at offset {error.start})")
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return request.form.get("query") or None, None
    return None, plain(415, f"unsupported content type {content_type or '(none)'!r}: use "
                            "application/x-www-form-urlencoded or application/sparql-query")


def refuse_query(query: str) -> Response | None:
    """403 for an update sent as a query, SERVICE or LOAD; None for a query we run."""
    if query_form(query) == "UPDATE":
        return plain(403, "this endpoint is read-only: SPARQL Update is not accepted")
    refused = sorted(REFUSED_KEYWORDS.keys() & query_keywords(query))
    if refused:
        return plain(403, REFUSED_KEYWORDS[refused[0]])
    outside = foreign_dataset(query)
    return plain(403, f"FROM {outside} is not allowed: only graphs under {LOCAL_GRAPHS} may be named") \
        if outside else None


def foreign_dataset(query: str) -> str | None:
    """The first FROM / FROM NAMED target that is not an absolute IRI under LOCAL_GRAPHS, else None."""
    found = tokens(query)
    for index, token in enumerate(found):
        if token.kind != "word" or token.text.upper() != "FROM":
            continue
        target = found[index + 1] if index + 1 < len(found) else None
        if target is not None and target.kind == "word" and target.text.upper() == "NAMED":
            target = found[index + 2] if index + 2 < len(found) else None
        if target is None or target.kind != "iri" or not target.text[1:-1].startswith(LOCAL_GRAPHS):
            return target.text if target is not None else "(nothing)"
    return None


def negotiate(form: str | None) -> str | None:
    """The media type to answer in: format= first, then Accept, then the form's default."""
    graph = form in ("CONSTRUCT", "DESCRIBE")
    names = request.values.getlist("format") + request.values.getlist("output")
    for name in names:
        if "/" in name:
            return name
        if name.lower() in FORMATS:
            chosen = FORMATS[name.lower()][graph]
            return chosen or (GRAPH_TYPES if graph else RESULTS_TYPES)[0]
    if names:
        return None
    offered = GRAPH_TYPES if graph else RESULTS_TYPES
    best = request.accept_mimetypes.best_match(offered, default=offered[0])
    # The store knows a type by its main name; the aliases here only widen what we match.
    return {"application/turtle": "text/turtle", "application/x-turtle": "text/turtle"}.get(best, best)


def wants_html() -> bool:
    """Whether the client (a browser) prefers HTML to query results."""
    return request.accept_mimetypes.best_match(["application/sparql-results+json", "text/html"]) == "text/html"
