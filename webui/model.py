"""What the pages show, as plain dicts: entity references, labels, evidence, levels.

The same dicts feed the HTML templates and the `.json` twins.
"""
from __future__ import annotations

from typing import Any

from flask import g, url_for
from rdflib import Literal, URIRef

from ..ontology.namespaces import ID, UK
from . import hub_evidence, i18n, rq

ID_BASE = str(ID)
UK_BASE = str(UK)

# The union levels of the ontology's uk:LevelScheme (the ontology is not loaded in the store).
LEVELS: dict[str, tuple[int, str, str]] = {
    "level-confederation": (0, "Tổng Liên đoàn", "confederation"),
    "level-provincial": (1, "Liên đoàn Lao động tỉnh, thành phố", "provincial federation"),
    "level-sector": (1, "Công đoàn ngành Trung ương", "central sector union"),
    "level-upper-grassroots": (2, "Công đoàn cấp trên trực tiếp cơ sở", "upper-grassroots union"),
    "level-grassroots": (3, "Công đoàn cơ sở", "grassroots union"),
    "level-department": (4, "Công đoàn bộ phận", "union section"),
    "level-group": (5, "Tổ công đoàn", "union group"),
    # Not in the scheme: levels the library queries infer for blocs and committees.
    "level-bloc": (2, "Khối thi đua", "emulation bloc"),
    "level-unit": (4, "Ban, đơn vị", "committee or unit"),
}
# Our own terms shown with a readable name.
TERMS: dict[str, str] = {
    "act-disseminate": "quán triệt", "act-carry-out": "triển khai, thực hiện", "act-review": "tổng kết, sơ kết",
    "act-plan": "kế hoạch", "act-goal": "phấn đấu thực hiện", "role-chair": "chủ trì", "role-speaker": "phát biểu", "role-attendee": "tham dự",
    "event-conference": "hội nghị", "event-meeting": "cuộc họp", "event-congress": "đại hội",
    "event-ceremony": "lễ", "subOrganizationOf": "trực thuộc", "unitOf": "đơn vị của", "memberOf": "thành viên của",
    "unionOf": "công đoàn của", "basedOn": "căn cứ", "implementsResolution": "thực hiện nghị quyết",
}


def local_path(iri: str) -> str | None:
    """The path of this site's page for an entity IRI (id:org/x -> /id/org/x), else None."""
    return "/id/" + iri[len(ID_BASE):] if iri.startswith(ID_BASE) else None


def iri_of(path: str) -> URIRef:
    """The entity IRI of a page path below /id/."""
    return URIRef(ID_BASE + path)


def short(iri: str) -> str:
    """The last segment of an IRI, for display when nothing better is known."""
    return iri.rstrip("/#").replace("#", "/").rsplit("/", 1)[-1]


def term_name(iri: str | None) -> str | None:
    """A readable name of one of our ontology terms (level, act kind, role ...)."""
    if iri is None:
        return None
    key = short(iri)
    if key in LEVELS:
        return LEVELS[key][1]
    return TERMS.get(key, key)


# The rank of each kind of name when choosing the one to show (lower wins); see label_rank.
NAME_RANKS = {"prefLabel@vi": 0, "prefLabel@": 1, "name": 2, "symbol": 3, "title": 4, "prefLabel@en": 5,
              "roleLabel": 6, "altLabel": 7}


def label_rank(row: dict, english: bool) -> tuple[int, str]:
    """How good a name is: a Vietnamese preferred label first (an English one first in English)."""
    name = short(str(row["property"]))
    if name == "prefLabel":
        name += "@" + (getattr(row["label"], "language", None) or "")
    rank = -1 if english and name == "prefLabel@en" else NAME_RANKS.get(name, 8)
    return rank, str(row["label"])


def label(iri: URIRef | str) -> str:
    """The best name of an entity in the UI's language (English only where an @en label exists),
    else its Vietnamese label, else any name, else the end of its IRI."""
    cache = g.setdefault("labels", {})
    key = (str(iri), i18n.current())
    if key not in cache:
        rows = rq.select("labels", this=URIRef(str(iri)))
        english = i18n.current() == "en"
        cache[key] = str(min(rows, key=lambda row: label_rank(row, english))["label"]) if rows else short(str(iri))
    return cache[key]


def remember_label(iri: str, text: str) -> None:
    """Record a label a query already gave, so that label() need not look it up."""
    g.setdefault("labels", {})[(iri, i18n.current())] = text


def ref(iri: URIRef | str | None) -> dict[str, Any] | None:
    """An entity reference: IRI, label, and the path of its page when it has one."""
    if iri is None:
        return None
    iri = str(iri)
    return {"iri": iri, "label": label(iri), "href": local_path(iri)}


def level_of(iri: str | None) -> dict[str, Any] | None:
    """The union level of a uk:level IRI: key, depth, names."""
    if iri is None or short(iri) not in LEVELS:
        return None
    depth, vi, en = LEVELS[short(iri)]
    return {"key": short(iri), "depth": depth, "label": en if i18n.current() == "en" else vi, "label_en": en}


def post_title(row: dict[str, Any]) -> str | None:
    """The title of a post row as the article gave it (?roleLabel), else the name of its ?role."""
    return value(row.get("roleLabel")) or term_name(value(row.get("role")))


def value(term: Any) -> str | None:
    """The lexical form of a term, None for a missing one."""
    return None if term is None else str(term)


# Evidence shown per fact: an organisation named in thousands of articles would otherwise put
# thousands of sentences (and an article lookup for each) on its page. The panel says how many
# there are in all; the rest are a SPARQL query away.
EVIDENCE_SHOWN = 10  # node_evidence.rq returns as many (its LIMIT)


class EvidenceList(list):
    """The evidence entries shown for one fact, with `total`, how many there are in all."""

    total: int = 0


def evidence_rows(rows: list[dict], total: int | None = None) -> EvidenceList:
    """Evidence dicts from evidence query rows (the sentence, its article, outlet and date, and a
    link), the earliest article first, at most EVIDENCE_SHOWN of them."""
    # Undated articles last, as the query's ORDER BY ?issued did; a stable sort keeps each
    # article's mentions in text order.
    dated = sorted(rows, key=lambda row: (row.get("issued") is None, str(row.get("issued") or "")))
    shown = EvidenceList()
    shown.total = len(rows) if total is None else total
    for row in dated[:EVIDENCE_SHOWN]:
        article = str(row["article"])
        meta = next(iter(rq.select("article_meta", this=URIRef(article))), {})
        begin, end = value(row.get("begin")), value(row.get("end"))
        href = local_path(article)
        if href and begin is not None:
            href += f"?hl={begin}-{end}#m-{begin}"
        shown.append({"sentence": str(row["sentence"]), "article": article, "href": href,
                      "title": value(meta.get("title")), "date": value(meta.get("issued")),
                      "publisher": value(meta.get("publisher")), "url": value(meta.get("url"))})
    return shown


def node_evidence(node: Any) -> list[dict[str, Any]]:
    """The evidence of an n-ary fact node (post, act, participation, event, entity)."""
    if node is None:
        return []
    this = URIRef(str(node))
    # Every row when a page-wide query primed it; the first EVIDENCE_SHOWN when asked before.
    primed = rq.cached("node_evidence", this=this)
    if primed is not None and len(primed) < EVIDENCE_SHOWN:
        return evidence_rows(primed)
    total = int(rq.select("evidence_count", this=this)[0]["total"])
    if primed is None and total > hub_evidence.HUB_MENTIONS:
        return evidence_rows(hub_evidence.earliest_mentions(this, EVIDENCE_SHOWN), total)
    return evidence_rows(primed if primed is not None else rq.select("node_evidence", this=this), total)


def triple_evidence(s: Any, p: Any, o: Any) -> list[dict[str, Any]]:
    """The evidence of a binary fact (its rdf:Statement's mentions)."""
    link = {"s": URIRef(str(s)), "p": URIRef(str(p)), "o": o if isinstance(o, Literal) else URIRef(str(o))}
    rows = rq.cached("triple_evidence", **link)  # primed by a page-wide query, or asked before
    if rows is None:
        mentions = rq.select("triple_mentions", **link)
        total = len({str(row["mention"]) for row in mentions})
        graphs = [str(row["g"]) for row in mentions]
        if total > hub_evidence.HUB_MENTIONS or len(set(graphs)) <= EVIDENCE_SHOWN:
            first = hub_evidence.earliest_link_mentions(**link, graphs=graphs, limit=EVIDENCE_SHOWN)
            return evidence_rows(first, total)
        rows = rq.select("triple_evidence", **link)
    return evidence_rows(rows)


def api_url(endpoint: str, **values: Any) -> str:
    """url_for, with None values left out."""
    return url_for(endpoint, **{k: v for k, v in values.items() if v is not None})
