"""Where sources disagree: the claims about one thing that differ between articles, side by side.

Two kinds: a date of an event, directive or act stated differently by different articles (from
queries/disagreements.rq), and the titles or posts a person holds at one organisation when
different articles give different ones.
"""
from __future__ import annotations

from typing import Any

from rdflib import URIRef

from . import rq
from .model import label, local_path, node_evidence, post_title, ref, short

# The names of the properties whose values are compared, for the panel's heading.
PROPERTY_NAMES = {"startDate": "ngày diễn ra · date held", "issued": "ngày ban hành · date of issue",
                  "date": "ngày · date"}


def dates(iri: URIRef) -> list[dict[str, Any]]:
    """Dates of the entity that articles state differently, each value with the sentences behind it."""
    evidence = node_evidence(iri)
    by_property: dict[str, dict[str, list]] = {}
    for row in rq.select("disagreements", this=iri):
        article = str(row["article"])
        sources = [ev for ev in evidence if ev["article"] == article] or [
            {"sentence": None, "article": article, "href": local_path(article), "title": label(article),
             "date": None, "publisher": None, "url": None}]
        claims = by_property.setdefault(short(str(row["property"])), {})
        claims.setdefault(str(row["value"]), []).extend(sources)
    return [{"what": PROPERTY_NAMES.get(name, name), "claims": [{"value": v, "sources": s} for v, s in claims.items()]}
            for name, claims in by_property.items() if len(claims) > 1]


def posts(rows: list[dict[str, Any]], key: str, what: str) -> list[dict[str, Any]]:
    """Posts of officials.rq-like rows grouped by `key` (the organisation on a person's page, the
    person on an organisation's), kept where different articles give different titles."""
    groups: dict[str, dict[str, list]] = {}  # holder -> title -> its posts
    for row in rows:
        title = post_title(row)
        if title and row.get(key) is not None:
            groups.setdefault(str(row[key]), {}).setdefault(title, []).append(row["post"])
    out = []
    for holder, titles in groups.items():
        if len(titles) < 2:  # one title: nothing to compare, and no evidence to look up
            continue
        claims = [{"value": title, "sources": [ev for post in dict.fromkeys(found) for ev in node_evidence(post)]}
                  for title, found in titles.items()]
        # Two posts stated by the very same single article are both held, not a disagreement.
        if len(set().union(*({ev["article"] for ev in claim["sources"]} for claim in claims))) > 1:
            out.append({"what": what, "subject": ref(holder), "claims": claims})
    return out
