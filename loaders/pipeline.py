"""The ingest pipeline, in order: read → clean → segment → extract → resolve → to RDF → store.

Extraction runs in worker processes with --jobs N; writing stays in the main process, one
atomic graph replacement per article, in input order, so a parallel run stores exactly what a
serial one does."""
from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from rdflib import URIRef
from rdflib.term import Node

from unionkg.errors import InputError
from unionkg.ontology.namespaces import FOAF, ORG, RDF, REFERENCE_GRAPH, UK

from .clean import clean_document
from .extract import extract_article
from .model import SourceDocument
from .read import read_inputs
from .to_rdf import article_graph, article_triples

Triple = tuple[Node, Node, Node]
_ENTITY_CLASSES = {ORG.Organization, FOAF.Person, UK.Directive, UK.Event}


@dataclass
class ArticleGraph:
    """One article turned into its named graph."""

    source: str
    graph: URIRef
    triples: list[Triple]
    entities: set[Node]


@dataclass
class IngestReport:
    """What an ingest did: for the closing summary and the exit status."""

    articles: int = 0
    triples: int = 0
    entities: set[Node] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


def document_to_graph(doc: SourceDocument) -> ArticleGraph | InputError:
    """Clean, extract and convert one document; an unreadable one gives its error."""
    try:
        article = clean_document(doc)
    except InputError as err:
        return err
    triples = article_triples(extract_article(article))
    entities = {s for s, p, o in triples if p == RDF.type and o in _ENTITY_CLASSES}
    return ArticleGraph(article.source, article_graph(article.source), triples, entities)


def load_reference(store) -> int:
    """Put the curated reference graph into the store; returns its size."""
    from unionkg.ontology.reference import reference_graph
    triples = list(reference_graph())
    store.replace_graph(REFERENCE_GRAPH, triples)
    return len(triples)


def _graphs(items: Iterable[SourceDocument | InputError], jobs: int) -> Iterator[ArticleGraph | InputError]:
    """Run document_to_graph over the documents, in order, in `jobs` processes."""
    docs = (item for item in items)
    if jobs <= 1:
        for item in docs:
            yield item if isinstance(item, InputError) else document_to_graph(item)
        return
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        yield from pool.imap(_convert, docs, chunksize=4)


def _convert(item: SourceDocument | InputError) -> ArticleGraph | InputError:
    """Worker entry point: errors from reading pass through."""
    return item if isinstance(item, InputError) else document_to_graph(item)


def ingest(paths: Sequence[str], store, jobs: int = 1, stdin: BinaryIO | None = None,
           max_bytes: int = 5_000_000, on_item: Callable[[str], None] | None = None) -> IngestReport:
    """Ingest files, folders, JSONL and stdin into the store; each article replaces its own graph."""
    report = IngestReport()
    start = time.perf_counter()
    load_reference(store)
    for result in _graphs(read_inputs(paths, stdin=stdin, max_bytes=max_bytes), jobs):
        if isinstance(result, InputError):
            report.errors.append(str(result))
            label = result.origin
        else:
            store.replace_graph(result.graph, result.triples)
            report.articles += 1
            report.triples += len(result.triples)
            report.entities |= result.entities
            label = result.source
        if on_item:
            on_item(label)
    report.seconds = time.perf_counter() - start
    return report
