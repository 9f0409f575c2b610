"""Long lists on entity pages, shown a page at a time: ?<list>_page=N (from 1), PAGE_SIZE rows each.

A hub (the confederation, a directive every province acts on) has thousands of officials or acts,
and each row shown costs an evidence lookup: the confederation's page took 113 s at 34M quads with
every list whole. The list's rows still come from one query (they are ordered there); only the
rows of the page asked for get their evidence, names and links. Each paged list leaves a pager (its
total, page, page count and the links to the pages before and after) for the template and for the
`.json` twin's "pages".
"""
from __future__ import annotations

from collections.abc import Sequence
from math import ceil
from typing import Any, TypeVar
from urllib.parse import urlencode

from flask import abort, g, request

PAGE_SIZE = 50
Row = TypeVar("Row")


def page_number(name: str) -> int:
    """The page of list `name` the request asks for (?<name>_page=), 1 when it asks for none."""
    text = request.args.get(f"{name}_page", "1")
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 10**6:
        abort(400, description=f"{name}_page must be a page number from 1, not {text[:40]!r}")
    return int(text)


def page_of(rows: Sequence[Row], name: str) -> list[Row]:
    """The rows of list `name` on the page the request asks for; records the list's pager."""
    number = page_number(name)
    pages = max(1, ceil(len(rows) / PAGE_SIZE))
    if number > pages:
        abort(404, description=f"{name}_page={number}: this list has {len(rows)} rows, {pages} page(s) "
                               f"of {PAGE_SIZE}")
    g.setdefault("pagers", {})[name] = {
        "total": len(rows), "page": number, "pages": pages, "size": PAGE_SIZE,
        "first": (number - 1) * PAGE_SIZE + 1 if rows else 0, "last": min(number * PAGE_SIZE, len(rows)),
        "previous": page_url(name, number - 1) if number > 1 else None,
        "next": page_url(name, number + 1) if number < pages else None}
    return list(rows[(number - 1) * PAGE_SIZE: number * PAGE_SIZE])


def page_url(name: str, number: int) -> str:
    """This request's URL with list `name` on page `number`, at that list's section."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != f"{name}_page"]
    if number > 1:
        args.append((f"{name}_page", str(number)))
    return f"{request.path}?{urlencode(args)}#{name}" if args else f"{request.path}#{name}"


def pagers() -> dict[str, dict[str, Any]]:
    """The pager of each list paged in this request, by list name."""
    return dict(g.get("pagers", {}))
