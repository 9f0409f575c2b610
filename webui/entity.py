"""/id/<kind>/<key>: entity pages (organisation, person, directive, event, article, anything else).

The entity IRIs of id: dereference here. Each page answers in HTML, in JSON (`.json` or
Accept: application/json), and as RDF: Turtle, JSON-LD or N-Triples (by Accept, or `.ttl`,
`.jsonld`, `.nt`). Every fact shown carries its evidence: the sentences, outlet and date. Long
lists come a page at a time (paging.py).
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, jsonify, render_template, request
from rdflib import Graph, URIRef

from ..ontology.namespaces import PREFIXES, UK
from ..queries.lateral import has_lateral
from . import disagree, get_store, rq
from .model import (iri_of, level_of, local_path, node_evidence, post_title, ref, short, term_name,
                    triple_evidence, value)
from .paging import page_of, pagers

bp = Blueprint("entity", __name__)

RDF_TYPES = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt"}
SUFFIXES = {".json": "application/json", ".ttl": "text/turtle", ".jsonld": "application/ld+json",
            ".nt": "application/n-triples"}
OFFERED = ["text/html", "application/json", *RDF_TYPES]


def split_suffix(path: str) -> tuple[str, str | None]:
    """The entity path without a format suffix, and the media type the suffix asks for."""
    for suffix, media_type in SUFFIXES.items():
        if path.endswith(suffix):
            return path[: -len(suffix)], media_type
    return path, None


@bp.route("/id/<path:path>")
def page(path: str) -> Response | str:
    """One entity, in the format the suffix or the Accept header asks for."""
    path, media_type = split_suffix(path)
    media_type = media_type or request.accept_mimetypes.best_match(OFFERED, default="text/html")
    iri = iri_of(path)
    if not rq.select("types", this=iri) and not rq.select("properties", this=iri):
        abort(404, description=f"nothing is known about {iri}")
    if media_type in RDF_TYPES:
        return rdf_response(iri, media_type)
    kind = path.split("/", 1)[0]
    builder = BUILDERS.get(kind, generic)
    data = {"iri": str(iri), "kind": kind if kind in BUILDERS else "entity", "label": ref(iri)["label"],
            **builder(iri)}
    data["pages"] = pagers()
    if media_type == "application/json":
        response = jsonify(data)
    else:
        response = Response(render_template(f"entity/{data['kind']}.html", e=data))
    response.headers["Vary"] = "Accept"
    return response


def rdf_response(iri: URIRef, media_type: str) -> Response:
    """What the store says about the entity, as Turtle, JSON-LD or N-Triples."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    for triple in rq.construct("describe", this=iri):
        graph.add(triple)
    body = graph.serialize(format=RDF_TYPES[media_type])
    return Response(body, content_type=f"{media_type}; charset=utf-8", headers={"Vary": "Accept"})


def properties(iri: URIRef) -> list[dict[str, Any]]:
    """Every value of the entity, IRIs as references."""
    out = []
    for row in rq.select("properties", this=iri):
        val = row["value"]
        out.append({"property": str(row["property"]), "name": short(str(row["property"])),
                     "value": ref(val) if isinstance(val, URIRef) else {"label": str(val)}})
    return out


def link_name(link: Any) -> str:
    return term_name(str(link)) or short(str(link))


def prime_link_evidence(iri: URIRef, links: list[tuple]) -> None:
    """Fetch the evidence of every (s, p, o) link of `iri` in one query, for triple_evidence.

    Only for a page that shows every link of `iri`: the query reads the mentions of them all,
    which for one page of a hub's parts is far more than that page shows (27 s for the
    confederation at 34M quads); there each shown link is asked for alone."""
    rq.prime("triple_evidence", rq.select("link_evidence", this=iri), key=("s", "p", "o"),
             variable=("s", "p", "o"), every=tuple(links))


def organisation(iri: URIRef) -> dict[str, Any]:
    parent_rows = rq.select("org_parents", this=iri)
    child_rows = rq.select("org_children", this=iri)
    shown_children = page_of(child_rows, "children")
    if len(child_rows) == len(shown_children):
        prime_link_evidence(iri, [(iri, row["link"], row["parent"]) for row in parent_rows]
                            + [(row["child"], row["link"], iri) for row in child_rows])
    parents = [{**ref(row["parent"]), "link": link_name(row["link"]),
                "evidence": triple_evidence(iri, row["link"], row["parent"])}
               for row in parent_rows]
    children = [{**ref(row["child"]), "link": link_name(row["link"]),
                 "evidence": triple_evidence(row["child"], row["link"], iri)}
                for row in shown_children]
    post_rows = rq.select("org_officials", this=iri)
    officials = [post_entry(row, "person") for row in page_of(post_rows, "officials")]
    events = [{**ref(row["event"]), "date": value(row.get("date")), "evidence": node_evidence(row["event"])}
              for row in page_of(rq.select("org_events", this=iri), "events")]
    levels = {str(p["value"].get("iri")) for p in properties(iri) if p["property"] == str(UK.level)}
    return {"level": level_of(next(iter(levels), None)), "parents": parents, "children": children,
            "officials": officials, "events": events, "acts": acts_page(actor=iri), "evidence": node_evidence(iri),
            "disagreements": disagree.posts(post_rows, "person", "chức vụ · post")}


def post_entry(row: dict[str, Any], holder: str) -> dict[str, Any]:
    """One post of an officials or career list: who or where (`holder`), role, status, the first
    and last dates observed, how many articles state it, and its evidence."""
    return {holder: ref(row[holder]), "role": post_title(row), "status": value(row.get("status")),
            "first_observed": value(row.get("first")), "observed": value(row.get("observed")),
            "articles": int(row["articles"]), "evidence": node_evidence(row["post"])}


def acts_page(**bindings: URIRef) -> list[dict[str, Any]]:
    """One page of the acts on directives by an ?actor, on a ?directive or at an ?event (see acts)."""
    if "event" in bindings:  # a bound ?event does not narrow acts.rq: the event's acts, one by one
        rows = [row for act in rq.select("event_acts", this=bindings["event"])
                for row in rq.select("acts", act=act["act"])]
    else:
        rows = rq.select("acts", **bindings)
    shown = page_of(rows, "acts")
    if len(shown) == len(rows) and "event" not in bindings:  # the whole list: its evidence in one query
        prime_act_evidence(rows, bindings)
    return [act_entry(row) for row in shown]


def acts(**bindings: URIRef) -> list[dict[str, Any]]:
    """Every act on directives by an ?actor or on a ?directive, with its evidence (the trace shows them all)."""
    rows = rq.select("acts", **bindings)
    prime_act_evidence(rows, bindings)
    if set(bindings) == {"directive"} and has_lateral(get_store()):  # a trace: every name in one query
        named = {row[key] for row in rows for key in ("actor", "event") if row.get(key) is not None}
        rq.prime("labels", rq.select("act_labels", **bindings), key="this", every=tuple(named))
    return [act_entry(row) for row in rows]


def prime_act_evidence(rows: list[dict[str, Any]], bindings: dict[str, URIRef]) -> None:
    """Fetch the evidence of every act of acts.rq's `rows` (asked with `bindings`), and the citation
    of each article it is in, in one query."""
    evidence = rq.select("act_evidence", **bindings)
    rq.prime("node_evidence", evidence, key="node", every=tuple(row["act"] for row in rows))
    rq.prime("article_meta", evidence, key="article")


def act_entry(row: dict[str, Any]) -> dict[str, Any]:
    """One act of an acts.rq row: actor, directive, kind, date, event, level and evidence."""
    return {"act": str(row["act"]), "actor": ref(row["actor"]), "directive": ref(row["directive"]),
            "kind": term_name(value(row.get("kind"))), "date": value(row.get("date")),
            "event": ref(row.get("event")), "level": level_of(value(row.get("level"))),
            "evidence": node_evidence(row["act"])}


def person(iri: URIRef) -> dict[str, Any]:
    post_rows = rq.select("person_career", this=iri)
    career = [post_entry(row, "organisation") for row in page_of(post_rows, "career")]
    events = [{"event": ref(row["event"]), "role": term_name(value(row.get("role"))), "date": value(row.get("date")),
               "evidence": node_evidence(row["part"])}
              for row in page_of(rq.select("person_events", this=iri), "events")]
    return {"career": career, "events": events, "evidence": node_evidence(iri),
            "disagreements": disagree.posts(post_rows, "organisation", "chức vụ · post")}


def directive(iri: URIRef) -> dict[str, Any]:
    rows = rq.select("directive_basis", this=iri)
    shown = (page_of([row for row in rows if str(row["direction"]) == "up"], "based_on")
             + page_of([row for row in rows if str(row["direction"]) == "down"], "basis_of"))
    ends = [(iri, row["directive"]) if str(row["direction"]) == "up" else (row["directive"], iri) for row in shown]
    if len(shown) == len(rows):  # every link shown: their evidence in one query
        prime_link_evidence(iri, [(s, row["link"], o) for row, (s, o) in zip(shown, ends)])
    basis: dict[str, list] = {"up": [], "down": []}
    for row, (s, o) in zip(shown, ends):
        basis[str(row["direction"])].append({**ref(row["directive"]), "link": link_name(row["link"]),
                                             "evidence": triple_evidence(s, row["link"], o)})
    return {"properties": properties(iri), "based_on": basis["up"], "basis_of": basis["down"],
            "acts": acts_page(directive=iri), "evidence": node_evidence(iri), "disagreements": disagree.dates(iri)}


def event(iri: URIRef) -> dict[str, Any]:
    part_rows = rq.select("event_participants", this=iri)
    shown = page_of(part_rows, "participants")
    if len(shown) == len(part_rows):  # the whole list: its evidence in one query
        rq.prime("node_evidence", rq.select("participation_evidence", this=iri), key="node",
                 every=tuple(row["part"] for row in part_rows))
    participants = [{"person": ref(row["person"]), "role": term_name(value(row.get("role"))),
                     "evidence": node_evidence(row["part"])}
                    for row in shown]
    return {"properties": properties(iri), "participants": participants, "acts": acts_page(event=iri),
            "evidence": node_evidence(iri), "disagreements": disagree.dates(iri)}


def article(iri: URIRef) -> dict[str, Any]:
    rows = rq.select("article", this=iri)
    meta = {key: value(val) for key, val in rows[0].items()} if rows else {}
    text = meta.pop("text", None) or ""
    return {**meta, "segments": segments(iri, text), "text_length": len(text)}


def segments(iri: URIRef, text: str) -> list[dict[str, Any]]:
    """The article text cut into pieces: plain text, and entity names linked to their pages.

    A piece that starts an evidence sentence carries that sentence's anchor (m-<begin>); pieces
    inside the sentence named by ?hl=<begin>-<end> are marked.
    """
    names: list[tuple[str, str, str]] = []  # (name, entity iri, kind)
    for row in rq.select("article_mentions", this=iri):
        name = str(row["name"]).strip()
        if len(name) >= 3:
            names.append((name, str(row["entity"]), str(row["kind"])))
    names.sort(key=lambda item: -len(item[0]))
    taken = [None] * len(text)
    spans = []
    for name, entity, kind in names:
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if all(t is None for t in taken[start:end]) and boundary(text, start, end):
                taken[start:end] = [entity] * len(name)
                spans.append((start, end, entity, kind))
            start = text.find(name, start + 1)
    anchors = {int(row["begin"]) for row in rq.select("article_sentences", this=iri)}
    highlight = parse_range(request.args.get("hl"))
    cuts = sorted({0, len(text), *anchors, *(s for s, *_ in spans), *(e for _, e, *_ in spans),
                   *(highlight or ())} & set(range(len(text) + 1)))
    by_start = {s: (e, entity, kind) for s, e, entity, kind in spans}
    out, position = [], 0
    for cut in cuts[1:]:
        if cut <= position:
            continue
        piece: dict[str, Any] = {"text": text[position:cut]}
        if position in anchors:
            piece["anchor"] = f"m-{position}"
        if highlight and highlight[0] <= position < highlight[1]:
            piece["highlight"] = True
        if position in by_start and by_start[position][0] == cut:
            _, entity, kind = by_start[position]
            piece.update(entity=entity, kind=kind, href=local_path(entity))
        out.append(piece)
        position = cut
    return out


def boundary(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a whole word sequence (not inside a longer word)."""
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def parse_range(text: str | None) -> tuple[int, int] | None:
    try:
        begin, end = (int(part) for part in (text or "").split("-"))
    except ValueError:
        return None
    return (begin, end) if 0 <= begin < end else None


def generic(iri: URIRef) -> dict[str, Any]:
    return {"properties": properties(iri), "evidence": node_evidence(iri)}


BUILDERS = {"org": organisation, "person": person, "directive": directive, "event": event, "article": article}
