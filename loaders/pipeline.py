"""The ingest pipeline, in order: read → clean → segment → extract → resolve → to RDF → store.

Extraction runs in worker processes with --jobs N, which send back each article as N-Triples
text (cheap to pass between processes, parsed by Oxigraph rather than rebuilt as Python terms)
with its search index rows. Writing stays in the main process, in input order, in batches: each
batch of articles is one transaction, so an article is never half-written, a crash loses only
whole articles, and a parallel run stores exactly what a serial one does. At most a few chunks
per worker are in flight, so memory stays flat however long the input is."""
from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import BinaryIO

from rdflib import URIRef
from rdflib.term import Node

from unionkg.errors import InputError
from unionkg.ontology.namespaces import FOAF, ORG, RDF, REFERENCE_GRAPH, UK
from unionkg.search_index import IndexRows, index_rows
from unionkg.store import triples_text

from .clean import clean_document
from .extract import extract_article
from .model import SourceDocument
from .read import read_inputs
from .to_rdf import article_graph, article_triples

Triple = tuple[Node, Node, Node]
_ENTITY_CLASSES = {ORG.Organization, FOAF.Person, UK.Directive, UK.Event}
_TYPE = RDF.type  # compared as text, per triple: rdflib's own == and attribute lookup are slow there
CHUNK = 8  # documents per task sent to a worker
IN_FLIGHT = 4  # chunks per worker queued or done but not yet written: bounds memory
BATCH_ARTICLES = 32  # articles per write transaction
BATCH_BYTES = 4_000_000  # and at most about this much N-Triples text per transaction (one request when remote)
FLUSH_EVERY = 256  # articles between flushes of an embedded store: its write buffers otherwise grow to ~1 GB


@dataclass
class ArticleGraph:
    """One article turned into its named graph."""

    source: str
    graph: URIRef
    triples: list[Triple]
    entities: set[Node]


@dataclass
class ArticleText:
    """One article ready to write: its graph as N-Triples lines, with what the report and index need."""

    source: str
    graph: URIRef
    body: str
    triples: int
    entities: list[str]
    search: IndexRows


@dataclass
class IngestReport:
    """What an ingest did: for the closing summary and the exit status."""

    articles: int = 0
    triples: int = 0
    entities: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    stopped: bool = False  # asked to stop (should_stop) before the end of the input


def document_to_graph(doc: SourceDocument) -> ArticleGraph | InputError:
    """Clean, extract and convert one document; an unreadable one gives its error."""
    try:
        article = clean_document(doc)
    except InputError as err:
        return err
    triples = article_triples(extract_article(article))
    entities = {s for s, p, o in triples if str.__eq__(p, _TYPE) and o in _ENTITY_CLASSES}
    return ArticleGraph(article.source, article_graph(article.source), triples, entities)


def load_reference(store) -> int:
    """Put the curated reference graph into the store; returns its size."""
    from unionkg.ontology.reference import reference_graph
    triples = list(reference_graph())
    store.replace_graph(REFERENCE_GRAPH, triples)
    return len(triples)


def document_to_text(item: SourceDocument | InputError) -> ArticleText | InputError:
    """An article as N-Triples text and index rows; errors from reading or cleaning pass through."""
    result = item if isinstance(item, InputError) else document_to_graph(item)
    if isinstance(result, InputError):
        return result
    return ArticleText(result.source, result.graph, triples_text(result.triples), len(result.triples),
                       [str(e) for e in result.entities], index_rows(result.triples))


def _convert_chunk(chunk: list[SourceDocument | InputError]) -> list[ArticleText | InputError]:
    """Worker entry point: one chunk of documents, in order."""
    return [document_to_text(item) for item in chunk]


def _ignore_interrupts() -> None:
    """Worker initializer: Ctrl-C is the parent's to handle (it stops between batches); a worker
    interrupted mid-task would lose the task and leave the parent waiting for it."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _texts(items: Iterable[SourceDocument | InputError], jobs: int) -> Iterator[ArticleText | InputError]:
    """document_to_text over the documents, in order, in `jobs` processes with a bounded queue."""
    if jobs <= 1:
        yield from map(document_to_text, items)
        return
    docs = iter(items)
    with multiprocessing.get_context("spawn").Pool(jobs, initializer=_ignore_interrupts) as pool:
        pending: deque = deque()
        while chunk := list(islice(docs, CHUNK)):
            pending.append(pool.apply_async(_convert_chunk, (chunk,)))
            if len(pending) >= jobs * IN_FLIGHT:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def ingest(paths: Sequence[str], store, jobs: int = 1, stdin: BinaryIO | None = None,
           max_bytes: int = 5_000_000, on_item: Callable[[str], None] | None = None,
           should_stop: Callable[[], bool] = lambda: False) -> IngestReport:
    """Ingest files, folders, JSONL and stdin into the store; each article replaces its own graph.
    `should_stop` is asked after each batch is written: when true, the rest of the input is left."""
    report = IngestReport()
    start = time.perf_counter()
    load_reference(store)
    batch: list[ArticleText | InputError] = []
    size = flushed = 0
    for result in _texts(read_inputs(paths, stdin=stdin, max_bytes=max_bytes), jobs):
        batch.append(result)
        size += len(result.body) if isinstance(result, ArticleText) else 0
        if len(batch) >= BATCH_ARTICLES or size >= BATCH_BYTES:
            _write_batch(store, batch, report, on_item)
            batch, size = [], 0
            if hasattr(store, "flush") and report.articles - flushed >= FLUSH_EVERY:
                store.flush()
                flushed = report.articles
            if should_stop():
                report.stopped = True
                break
    _write_batch(store, batch, report, on_item)
    _refresh_search_index(store)
    report.seconds = time.perf_counter() - start
    return report


def _write_batch(store, batch: list[ArticleText | InputError], report: IngestReport,
                 on_item: Callable[[str], None] | None) -> None:
    """Write the batch's articles in one transaction, then account for every item in input order."""
    articles = [r for r in batch if isinstance(r, ArticleText)]
    if articles:
        store.replace_graphs([(a.graph, a.body) for a in articles], search_rows={a.graph: a.search for a in articles})
    for result in batch:
        if isinstance(result, InputError):
            report.errors.append(str(result))
        else:
            report.articles += 1
            report.triples += result.triples
            report.entities.update(result.entities)
        if on_item:
            on_item(result.origin if isinstance(result, InputError) else result.source)


def _refresh_search_index(store) -> None:
    """Rebuild the embedded store's search index if it was missing or stale before this ingest."""
    link = store.search_link() if hasattr(store, "search_link") else None
    if link is not None and link.index is not None and not link.fresh:
        link.rebuild()
