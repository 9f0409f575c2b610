"""The `unionkg` command: ingest, export, query, validate and serve the knowledge graph."""
from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import click
from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)

from .config import default_store_dir
from .errors import UnionKGError
from .interrupt import StopRequest

err = Console(stderr=True)


def store_options(command: Callable) -> Callable:
    """The options every command shares to choose the store."""
    options = [
        click.option("--store", "store_dir", metavar="DIR", default=None,
                     help="Embedded Oxigraph store folder [default: $UNIONKG_STORE or ./data/store]."),
        click.option("--endpoint", metavar="URL", default=None,
                     help="Remote SPARQL 1.1 query URL (e.g. http://localhost:7878/query); replaces --store."),
        click.option("--update-endpoint", metavar="URL", default=None,
                     help="Remote SPARQL Update URL [default: derived from --endpoint]."),
        click.option("--graph-store", metavar="URL", default=None,
                     help="Remote Graph Store Protocol URL [default: derived from --endpoint]."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def open_from_options(store_dir: str | None, endpoint: str | None, update_endpoint: str | None,
                      graph_store: str | None):
    """Open the store the options name."""
    from .store import open_store
    return open_store(store_dir=store_dir or (None if endpoint else default_store_dir()), endpoint=endpoint,
                      update_endpoint=update_endpoint, graph_store=graph_store)


def reports_errors(command: Callable) -> Callable:
    """Turn our errors into one clear line and exit status 2, never a traceback."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except UnionKGError as error:
            err.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
            sys.exit(2)
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """A knowledge graph of the Vietnamese trade-union system, built from news articles.

    Ingest articles (.txt, .html, .jsonl, folders, or - for stdin) into an embedded Oxigraph
    store or a remote SPARQL server, then export, query, validate or serve it.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for extraction; the stored result is the same for any N.")
@click.option("--max-bytes", type=click.IntRange(1), default=5_000_000, show_default=True,
              help="Files larger than this are refused; in a JSONL file, records (a JSONL file of any size streams).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@store_options
@reports_errors
def ingest(paths: tuple[str, ...], jobs: int, max_bytes: int, quiet: bool, **store_args) -> None:
    """Ingest articles: each becomes one named graph, replaced atomically on re-ingest.

    A bad file is reported on one line and skipped; the others still go in, and the exit
    status is 1 when any file failed. Ctrl-C (or SIGTERM) stops after the batch being written,
    with the store and its search index in step; the same command run again goes on (articles
    already stored are replaced by the same ones). A second Ctrl-C stops at once.
    """
    from .loaders.pipeline import ingest as run_ingest
    from .loaders.read import count_inputs
    with open_from_options(**store_args) as store, StopRequest() as stop:
        with Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                      TimeElapsedColumn(), TimeRemainingColumn(), console=err, disable=quiet,
                      transient=True) as progress:
            # The total (a JSONL file's lines are counted first: about 2 s for 800 MB) gives the bar an end.
            task = progress.add_task("", total=None if quiet else count_inputs(paths))
            report = run_ingest(list(paths), store, jobs=jobs, max_bytes=max_bytes,
                                stdin=sys.stdin.buffer if "-" in paths else None,
                                on_item=lambda label: progress.update(task, advance=1, description=label[-40:]),
                                should_stop=stop.requested)
    for line in report.errors:
        err.print(f"[red]error:[/red] {line}", highlight=False, soft_wrap=True)
    err.print(f"{report.articles} articles, {report.triples} triples, {len(report.entities)} entities, "
              f"{len(report.errors)} errors, {report.seconds:.1f} s", highlight=False)
    if report.stopped:
        err.print("stopped on request after the batch being written; run the same command again to go on",
                  highlight=False)
        sys.exit(128 + stop.signal_number)
    if report.errors:
        sys.exit(1)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["facts", "nquads", "trig", "turtle", "jsonld"]),
              default="facts", show_default=True, help="facts: the JSON of gold/FORMAT.md; others: RDF.")
@click.option("--output", "-o", type=click.Path(writable=True), default="-",
              help="File to write [default: stdout], or the folder of the shards. Written to a temporary "
                   "file, then renamed.")
@click.option("--shard-size", type=click.IntRange(1), default=None, metavar="N",
              help="N-Quads only: write DIR/shard-00000.nq, ... with N named graphs each (-o DIR is required).")
@store_options
@reports_errors
def export(fmt: str, output: str, shard_size: int | None, **store_args) -> None:
    """Export the graph: the facts JSON (read back with SPARQL) or RDF."""
    if shard_size is not None:
        if fmt != "nquads" or output == "-":
            raise click.UsageError("--shard-size needs --format nquads and -o DIR")
        with open_from_options(**store_args) as store:
            files, graphs = _export_shards(store, Path(output), shard_size)
        err.print(f"{graphs} graphs in {len(files)} shards in {output}", highlight=False)
        return
    if output != "-" and os.path.isdir(output):
        raise click.UsageError(f"{output} is a folder (a folder is only for --shard-size)")
    with open_from_options(**store_args) as store:
        data = _export_bytes(store, fmt)
    if output == "-":
        sys.stdout.buffer.write(data)
        return
    tmp = Path(f"{output}.part")
    tmp.write_bytes(data)
    os.replace(tmp, output)


def _export_shards(store, folder: Path, shard_size: int) -> tuple[list[Path], int]:
    """Write the named graphs as N-Quads, `shard_size` graphs a file, each file renamed into place
    once complete; returns the files and the number of graphs. Shards of an earlier export that
    this one does not rewrite are removed, so the folder always holds one whole export."""
    from rdflib import BNode
    from .store import term_text
    folder.mkdir(parents=True, exist_ok=True)

    def text(term) -> str:
        return f"_:{term}" if isinstance(term, BNode) else term_text(term)

    graphs = store.graphs()
    files = []
    for start in range(0, len(graphs), shard_size):
        path = folder / f"shard-{start // shard_size:05d}.nq"
        tmp = folder / f".{path.name}.part"
        with tmp.open("w", encoding="utf-8") as out:
            for graph in graphs[start:start + shard_size]:
                name = term_text(graph)
                for s, p, o in store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}"):
                    out.write(f"{text(s)} {text(p)} {text(o)} {name} .\n")
        os.replace(tmp, path)
        files.append(path)
    for stale in folder.glob("shard-*.nq"):
        if stale not in files:
            stale.unlink()
    return files, len(graphs)


def _export_bytes(store, fmt: str) -> bytes:
    """The export in one format, as bytes."""
    import io
    if fmt == "facts":
        from .queries.facts import write_facts
        text = io.StringIO()
        write_facts(store, text)
        return text.getvalue().encode("utf-8")
    buffer = io.BytesIO()
    if fmt in ("nquads", "trig"):
        store.dump(buffer, fmt)
        return buffer.getvalue()
    from rdflib import Graph
    graph = Graph()
    for triple in store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"):
        graph.add(triple)
    return graph.serialize(format="json-ld" if fmt == "jsonld" else "turtle").encode("utf-8")


@main.command()
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter of the query (repeatable), e.g. --param directive=02-NQ/TW.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True, help="csv, tsv and json are the SPARQL 1.1 results formats.")
@store_options
@reports_errors
def query(query: str, params: tuple[str, ...], fmt: str, **store_args) -> None:
    """Run a library query by NAME (see `unionkg queries`), a .rq file, or SPARQL text (SELECT or ASK).

    Parameters are bound as RDF terms, never written into the query: a directive may be given as
    02-NQ/TW, 05/CT-TW or "Chương trình hành động số 02", an organisation or person by name.
    """
    from .queries import library
    from .store_remote import query_form
    chosen = _chosen_query(query)
    values = _param_values(params)
    with open_from_options(**store_args) as store:
        bindings = library.bind(store, chosen, values)
        if query_form(chosen.text) == "ASK":
            click.echo("true" if store.ask(chosen.text, bindings) else "false")
            return
        rows = store.select(chosen.text_for(store), bindings)
    columns = library.columns_of(chosen.text, rows)
    if fmt == "table":
        _print_table(columns, rows)
    else:
        sys.stdout.buffer.write(_results_bytes(columns, rows, fmt))


def _chosen_query(query: str):
    """The library query, .rq file or SPARQL text that QUERY names."""
    import re
    from .errors import QueryError
    from .queries import library
    if query in library.names() or (query.endswith(".rq") and Path(query).is_file()):
        return library.load(query)
    if re.fullmatch(r"[\w.-]+", query):
        raise QueryError(f"no query named {query!r}: see `unionkg queries`, or give a .rq file or SPARQL text")
    return library.LibraryQuery(name="query", text=query)


def _param_values(params: tuple[str, ...]) -> dict[str, str]:
    """NAME=VALUE pairs as a dict."""
    from .queries.library import ParameterError
    values = {}
    for pair in params:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip():
            raise ParameterError(f"--param needs NAME=VALUE, not {pair!r}")
        values[name.strip()] = value
    return values


def _compact(term) -> str:
    """An IRI shortened with our prefixes, or a literal's text."""
    from rdflib import URIRef
    from .ontology.namespaces import PREFIXES
    text = str(term)
    if isinstance(term, URIRef):
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
            if text.startswith(namespace):
                return f"{prefix}:{text[len(namespace):]}"
    return text


def _print_table(columns: list[str], rows: list[dict]) -> None:
    """Rows as a table when it fits the terminal, else as one block of "column  value" lines per row."""
    from rich.table import Table
    console = Console()
    cells = [[_compact(row[c]) if c in row else "" for c in columns] for row in rows]
    widths = [max([len(c)] + [len(line[i]) for line in cells]) + 3 for i, c in enumerate(columns)]
    if sum(widths) <= console.width:
        table = Table(*columns)
        for line in cells:
            table.add_row(*line)
        console.print(table)
    else:
        name_width = max(map(len, columns), default=0)
        for number, line in enumerate(cells, start=1):
            click.echo(f"-- row {number} " + "-" * 40)
            click.echo("\n".join(f"{c:{name_width}}  {v}" for c, v in zip(columns, line) if v))
    err.print(f"{len(rows)} rows", highlight=False)


def _results_bytes(columns: list[str], rows: list[dict], fmt: str) -> bytes:
    """SPARQL 1.1 query results as CSV, TSV or JSON."""
    import csv
    import io
    from rdflib import BNode, Literal, URIRef
    from .store import term_text
    if fmt == "json":
        def cell(term):
            kind = "uri" if isinstance(term, URIRef) else "bnode" if isinstance(term, BNode) else "literal"
            value = {"type": kind, "value": str(term)}
            if isinstance(term, Literal) and term.language:
                value["xml:lang"] = term.language
            elif isinstance(term, Literal) and term.datatype is not None:
                value["datatype"] = str(term.datatype)
            return value
        document = {"head": {"vars": columns},
                    "results": {"bindings": [{c: cell(row[c]) for c in columns if c in row} for row in rows]}}
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(f"?{c}" for c in columns)]
        lines += ["\t".join(term_text(row[c]) if c in row and not isinstance(row[c], BNode) else
                            (f"_:{row[c]}" if c in row else "") for c in columns) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([str(row[c]) if c in row else "" for c in columns] for row in rows)
    return text.getvalue().encode("utf-8")


@main.command("queries")
@click.argument("name", required=False)
def list_queries(name: str | None) -> None:
    """List the library's queries, or describe one: its parameters, types, defaults and examples."""
    from .queries import library
    if name is None:
        for each in library.names():
            entry = library.load(each)
            params = " ".join(f"{p.name}{'' if p.required else '?'}:{p.type}" for p in entry.params)
            click.echo(f"{each:20} {entry.summary}" + (f"\n{'':20}   params: {params}" if params else ""))
        return
    entry = _chosen_query(name)
    click.echo(f"{entry.name}: {entry.summary}\n\n{entry.description}\n")
    for p in entry.params:
        default = f", default {json.dumps(p.default)}" if p.default is not None else ""
        example = json.dumps(p.example) if isinstance(p.example, bool) else p.example
        click.echo(f"  {p.name} ({p.type}{', required' if p.required else ''}{default}): {p.description}"
                   f"\n      e.g. --param {p.name}={example}")


@main.command()
@store_options
@reports_errors
def validate(**store_args) -> None:
    """Check the stored graph against the SHACL shapes; exit status 1 on violations."""
    from .validate import validate_store
    with open_from_options(**store_args) as store:
        result = validate_store(store)
    if not result.conforms:
        click.echo(result.report_text)
    click.echo(f"{result.violations} SHACL violations")
    sys.exit(0 if result.conforms else 1)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=5000, show_default=True)
@click.option("--query-timeout", type=click.FloatRange(0.1), default=10.0, show_default=True,
              help="Seconds a /sparql query may run before it is stopped (503).")
@click.option("--max-rows", type=click.IntRange(1), default=10_000, show_default=True,
              help="Rows (or triples) per /sparql result; more are cut and the response says so.")
@click.option("--query-workers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="/sparql queries that may run at once (worker processes for an embedded store).")
@click.option("--keep-rows", type=click.IntRange(0), default=100_000, show_default=True,
              help="Rows of slow page queries kept in memory for the next request until the store "
                   "changes (1-4 kB each); 0 keeps none.")
@store_options
@reports_errors
def serve(host: str, port: int, query_timeout: float, max_rows: int, query_workers: int, keep_rows: int,
          **store_args) -> None:
    """Serve the UI at / and a read-only SPARQL 1.1 endpoint at /sparql (never in debug mode).

    An embedded store is opened read-only and followed as `unionkg ingest` writes to it.
    """
    from werkzeug.serving import run_simple
    from .webui import create_app
    if store_args["endpoint"]:
        store = open_from_options(**store_args)
    else:
        from .readonly import ReadOnlyStore
        store = ReadOnlyStore(store_args["store_dir"] or default_store_dir())
    app = create_app(store=store, config={"UNIONKG_QUERY_TIMEOUT": query_timeout, "UNIONKG_MAX_ROWS": max_rows,
                                          "UNIONKG_QUERY_WORKERS": query_workers, "UNIONKG_SLOW_RESULTS_ROWS": keep_rows})
    app.debug = False
    err.print(f"serving http://{host}:{port}/ (SPARQL endpoint: http://{host}:{port}/sparql)")
    run_simple(host, port, app, threaded=True, use_debugger=False, use_reloader=False)


# Commands kept in modules of their own register themselves on `main`.
from . import cli_admin, cli_analyze  # noqa: E402,F401

if __name__ == "__main__":
    main()
