"""The earliest evidence of a fact stated in thousands of articles, found graph by graph.

node_evidence.rq reads every mention of a fact to sort them by their article's date: for the
confederation at 34M quads that is 128,343 mentions in 25,902 articles, 25 s. Here the graphs
that mention the fact come first (one index scan, evidence_graphs.rq), ordered by their article's
date from a table of every article's date kept for the app (article_dates.rq, read once and again
when a graph it does not know turns up, at most once a minute), and only the earliest graphs'
mentions are read, one graph at a time. The rows and their order are node_evidence.rq's. A link
(an rdf:Statement) is treated alike (triple_mentions.rq first) when it is stated in hundreds of
articles, and also when it is stated in ten or fewer: triple_evidence.rq's lookups of the sentences
are joined by hash over the whole store there (a quarter of a second a link at 34M quads), while
reading its few graphs one by one is a few milliseconds.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from flask import current_app
from rdflib import URIRef

from . import get_store, rq

# Above this many mentions a fact's evidence is found graph by graph: node_evidence.rq and
# triple_evidence.rq look each mention up (about 1 ms apiece at 34M quads), and below this that
# is cheaper than reading the table of dates (1.4 s at 34M quads, once a minute at most).
HUB_MENTIONS = 200
# How long the table of dates is trusted before a graph it does not know makes it be read again.
REFRESH_S = 60.0


def article_dates(graphs: list[str]) -> dict[str, str | None]:
    """Graph IRI -> its article's date (None for an undated article), for every article graph."""
    table = current_app.extensions.get("unionkg_article_dates")
    stale = table is None or (time.monotonic() - table["read"] > REFRESH_S
                              and any(graph not in table["dates"] for graph in graphs))
    if stale:
        dates: dict[str, str | None] = {}
        for row in get_store().select(rq.load("article_dates")):
            graph, issued = str(row["g"]), row.get("issued")
            if issued is not None and (dates.get(graph) is None or str(issued) < str(dates[graph])):
                dates[graph] = str(issued)
            else:
                dates.setdefault(graph, None)
        table = {"read": time.monotonic(), "dates": dates}
        current_app.extensions["unionkg_article_dates"] = table
    return table["dates"]


def mention_order(row: dict[str, Any]) -> tuple:
    """node_evidence.rq's ORDER BY: dated articles first, by date, then article, place, mention."""
    issued, begin = row.get("issued"), row.get("begin")
    return (issued is None, str(issued or ""), str(row["article"]),
            begin is not None, int(begin) if begin is not None else 0, str(row["mention"]))


def earliest_rows(graphs: list[str], rows_in: Callable[[URIRef], list[dict[str, Any]]],
                  limit: int) -> list[dict[str, Any]]:
    """The first `limit` evidence rows (in mention_order) of a fact whose mentions are in `graphs`,
    reading the rows of the earliest graphs only, with `rows_in(graph)`."""
    first = sorted(set(graphs))
    if len(first) > limit:  # with `limit` graphs or fewer, every graph is read and no date is needed
        dates = article_dates(first)
        # A graph holds one article, and the graph and article IRIs end alike, so graph order within
        # a date is article order; every graph has a mention, so the first `limit` graphs hold the
        # first `limit` mentions.
        first = sorted(first, key=lambda graph: (dates.get(graph) is None, dates.get(graph) or "", graph))[:limit]
    return sorted((row for graph in first for row in rows_in(URIRef(graph))), key=mention_order)[:limit]


def earliest_mentions(this: URIRef, limit: int) -> list[dict[str, Any]]:
    """The first `limit` evidence rows of fact node `this`, as node_evidence.rq gives them."""
    graphs = [str(row["g"]) for row in rq.select("evidence_graphs", this=this)]
    return earliest_rows(graphs, lambda graph: rq.select("node_evidence_in_graph", this=this, g=graph), limit)


def earliest_link_mentions(s: URIRef, p: URIRef, o: Any, graphs: list[str], limit: int) -> list[dict[str, Any]]:
    """The first `limit` evidence rows of the link s p o (its mentions are in `graphs`)."""
    return earliest_rows(graphs, lambda graph: rq.select("triple_evidence_in_graph", s=s, p=p, o=o, g=graph), limit)
