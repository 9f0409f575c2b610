"""The main text, title, date and address of a news page's HTML, with selectolax (lexbor)."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from unionkg.loaders.dates import parse_date
from unionkg.ontology.namespaces import fold

__all__ = ["HtmlPage", "parse_html"]

# Never article text. header/footer are kept inside <article>, where they hold the title and date.
_DROP_TAGS = ("script", "style", "nav", "aside", "form", "noscript", "iframe", "svg", "template",
              "button", "select", "textarea", "object", "embed", "canvas", "map", "audio", "video")
_PAGE_PARTS = ("header", "footer")
# Elements that start a new line; text inside the others runs on.
_BLOCKS = frozenset((
    "p div section article main header footer h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table tr td th "
    "thead tbody tfoot caption figure figcaption blockquote pre address hr br center details summary"
).split())
# class/id words of boxes that are not article text (share bars, related lists, menus, ads).
_BOX_WORDS = frozenset(("share", "sharing", "social", "breadcrumb", "breadcrumbs", "related", "relate",
                        "comment", "comments", "sidebar", "menu", "navbar", "advert", "advertisement",
                        "ads", "quangcao", "lienquan", "toolbar", "pagination", "rating", "tags"))
_WORD_SPLIT = re.compile(r"[\s_-]+")
_SPACES = re.compile(r"[ \t\r\n\f]+")
_MAIN_SELECTORS = ('[itemprop="articleBody"]', "article", "main", '[role="main"]')
_DATE_SELECTORS = (
    ('meta[property="article:published_time"]', "content"), ('meta[name="article:published_time"]', "content"),
    ('meta[itemprop="datePublished"]', "content"), ('[itemprop="datePublished"]', "datetime"),
    ('[itemprop="datePublished"]', "content"), ('meta[name="pubdate"]', "content"),
    ('meta[name="publishdate"]', "content"), ('meta[name="dc.date.issued"]', "content"),
    ('meta[property="og:published_time"]', "content"),
)
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')


@dataclass(frozen=True)
class HtmlPage:
    """What a page's HTML gives: main text (one block a line), title, raw date, canonical URL."""

    text: str
    title: str | None
    published: str | None
    url: str | None


def parse_html(html: str) -> HtmlPage:
    """Extract the main text and the metadata of one HTML page."""
    tree = LexborHTMLParser(html)
    title, url = _page_title(tree), _page_url(tree)
    published = _meta_published(tree)
    _drop_boilerplate(tree)
    if tree.body is not None:
        _drop_boxes(tree.body)  # before choosing the article, so related lists do not weigh in
    root = _main_root(tree)
    if root is None:
        return HtmlPage("", title, published, url)
    published = published or _time_published(root)
    return HtmlPage(_block_text(root), title, published, url)


def _attr(node: LexborNode | None, name: str) -> str | None:
    """A stripped, non-empty attribute value of a node."""
    value = node.attributes.get(name) if node is not None else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _text(node: LexborNode | None) -> str | None:
    """The whitespace-collapsed text of a node, or None when empty."""
    text = _SPACES.sub(" ", node.text(separator=" ")).strip() if node is not None else ""
    return text or None


def _page_title(tree: LexborHTMLParser) -> str | None:
    """og:title, the article's <h1> when it is the clean start of it, else <h1>, else <title>."""
    social = _attr(tree.css_first('meta[property="og:title"]'), "content") \
        or _attr(tree.css_first('meta[name="twitter:title"]'), "content")
    head = _text(tree.css_first("title"))
    headings = [t for t in (_text(h) for h in tree.css("h1")) if t and len(t.split()) >= 2]
    reference = fold(social or head or "")
    for heading in headings:
        if reference and reference.startswith(fold(heading)):
            return heading  # og:title and <title> often add " - Site name"
    if social:
        return social
    if headings:
        return max(headings, key=len)  # a site logo may also be an <h1>; the headline is longer
    return head.split(" | ")[0].strip() if head else None


def _page_url(tree: LexborHTMLParser) -> str | None:
    """The canonical address the page gives for itself."""
    return _attr(tree.css_first('link[rel="canonical"]'), "href") \
        or _attr(tree.css_first('meta[property="og:url"]'), "content")


def _meta_published(tree: LexborHTMLParser) -> str | None:
    """The first publication date in the page metadata that parses."""
    for selector, attribute in _DATE_SELECTORS:
        for node in tree.css(selector):
            value = _attr(node, attribute)
            if value and parse_date(value):
                return value
    for script in tree.css('script[type="application/ld+json"]'):
        found = _JSON_LD_DATE.search(script.text() or "")
        if found and parse_date(found.group(1)):
            return found.group(1)
    return None


def _time_published(root: LexborNode) -> str | None:
    """The first <time datetime> of the article that parses."""
    for node in root.css("time[datetime]"):
        value = _attr(node, "datetime")
        if value and parse_date(value):
            return value
    return None


def _drop_boilerplate(tree: LexborHTMLParser) -> None:
    """Remove scripts, menus, forms, and page headers/footers outside the article."""
    parts = [n for n in tree.css(", ".join(_PAGE_PARTS)) if not _has_ancestor(n, lambda a: a.tag == "article")]
    _remove(tree.css(", ".join(_DROP_TAGS)) + parts)


def _has_ancestor(node: LexborNode, test: Callable[[LexborNode], bool]) -> bool:
    """Whether some ancestor of the node passes the test."""
    parent = node.parent
    while parent is not None:
        if test(parent):
            return True
        parent = parent.parent
    return False


def _remove(nodes: list[LexborNode]) -> None:
    """Decompose nodes, outermost only: a removed node's descendants must not be touched again."""
    doomed = {node.mem_id for node in nodes}
    outermost = [n for n in nodes if not _has_ancestor(n, lambda a: a.mem_id in doomed)]
    for node in outermost:
        node.decompose()


def _main_root(tree: LexborHTMLParser) -> LexborNode | None:
    """The element holding the article: articleBody/article/main, else the densest <p> parent."""
    body = tree.body
    if body is None:
        return None
    total = len(_text(body) or "")
    for selector in _MAIN_SELECTORS:
        candidates = tree.css(selector)
        if candidates:
            best = max(candidates, key=lambda n: len(_text(n) or ""))
            if len(_text(best) or "") >= 0.3 * total:
                return best  # a page of teaser <article>s only gives small ones: fall through
    return _densest_parent(body) or body


def _densest_parent(body: LexborNode) -> LexborNode | None:
    """The parent of the most <p> text, widened to take in the headline, date and lead above it."""
    scores: dict[int, tuple[int, LexborNode]] = {}
    for paragraph in body.css("p"):
        parent = paragraph.parent
        if parent is not None:
            score, _ = scores.get(parent.mem_id, (0, parent))
            scores[parent.mem_id] = (score + len(_text(paragraph) or ""), parent)
    if not scores:
        return None
    score, best = max(scores.values(), key=lambda pair: pair[0])
    if score < 200:
        return None
    for _ in range(4):
        parent = best.parent
        if parent is None or parent.tag in ("body", "html") or not _worth_widening(best, parent):
            break
        best = parent
    return best


def _worth_widening(node: LexborNode, parent: LexborNode) -> bool:
    """Whether the parent adds only a little text: the headline block, not a sidebar."""
    size, wider = len(_text(node) or ""), len(_text(parent) or "")
    if node.css_first("h1") is not None:
        return wider <= 1.25 * size
    # Until the <h1> is in, a short headline, date and lead block may be added whatever the ratio.
    return wider <= 1.4 * size or wider - size <= 500


def _drop_boxes(root: LexborNode) -> None:
    """Remove share bars, related lists, menus and ads marked by class or id."""
    total = len(_text(root) or "")
    boxes = []
    for node in root.css("[class], [id]"):
        words = set(_WORD_SPLIT.split(f"{_attr(node, 'class') or ''} {_attr(node, 'id') or ''}".lower()))
        # A wrapper that holds most of the text ("post has-comments") is never a box.
        if words & _BOX_WORDS and len(_text(node) or "") < 0.5 * total:
            boxes.append(node)
    _remove(boxes)


def _block_text(root: LexborNode) -> str:
    """The text of an element, one line per block element, inline text run together."""
    parts: list[str] = []
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:  # iterative: deeply nested pages must not hit the recursion limit
        node, closing = stack.pop()
        if closing:
            parts.append("\n")
        elif node.tag == "-text":
            parts.append(_SPACES.sub(" ", node.text(deep=False) or ""))
        elif node.is_element_node:
            if node.tag in _BLOCKS:
                parts.append("\n")
                stack.append((node, True))
            children = list(node.iter(include_text=True))
            stack.extend((child, False) for child in reversed(children))
    return "".join(parts)
