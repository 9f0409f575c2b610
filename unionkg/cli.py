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
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .config import default_store_dir
from .errors import UnionKGError

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
              help="Files larger than this are refused.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@store_options
@reports_errors
def ingest(paths: tuple[str, ...], jobs: int, max_bytes: int, quiet: bool, **store_args) -> None:
    """Ingest articles: each becomes one named graph, replaced atomically on re-ingest.

    A bad file is reported on one line and skipped; the others still go in, and the exit
    status is 1 when any file failed.
    """
    from .loaders.pipeline import ingest as run_ingest
    with open_from_options(**store_args) as store:
        with Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                      TimeElapsedColumn(), console=err, disable=quiet, transient=True) as progress:
            task = progress.add_task("", total=None)
            report = run_ingest(list(paths), store, jobs=jobs, max_bytes=max_bytes,
                                stdin=sys.stdin.buffer if "-" in paths else None,
                                on_item=lambda label: progress.update(task, advance=1, description=label[-40:]))
    for line in report.errors:
        err.print(f"[red]error:[/red] {line}", highlight=False, soft_wrap=True)
    err.print(f"{report.articles} articles, {report.triples} triples, {len(report.entities)} entities, "
              f"{len(report.errors)} errors, {report.seconds:.1f} s", highlight=False)
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
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True)
@store_options
@reports_errors
def query(query: str, fmt: str, **store_args) -> None:
    """Run a SPARQL SELECT or ASK: QUERY is a path to a .rq file or the query text."""
    text = Path(query).read_text(encoding="utf-8") if query.endswith(".rq") and Path(query).is_file() else query
    media = {"table": "application/sparql-results+json", "json": "application/sparql-results+json",
             "csv": "text/csv", "tsv": "text/tab-separated-values"}[fmt]
    with open_from_options(**store_args) as store:
        body, _ = store.serialize_query(text, media)
    if fmt != "table":
        sys.stdout.buffer.write(body)
        return
    _print_table(json.loads(body))


def _print_table(results: dict) -> None:
    """SPARQL JSON results as a readable table."""
    from rich.table import Table
    if "boolean" in results:
        click.echo("true" if results["boolean"] else "false")
        return
    columns = results["head"]["vars"]
    table = Table(*columns)
    for row in results["results"]["bindings"]:
        table.add_row(*(row.get(c, {}).get("value", "") for c in columns))
    Console().print(table)


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
@store_options
@reports_errors
def serve(host: str, port: int, **store_args) -> None:
    """Serve the UI at / and a read-only SPARQL 1.1 endpoint at /sparql (never in debug mode)."""
    from werkzeug.serving import run_simple
    from .webui import create_app
    store = open_from_options(**store_args)
    app = create_app(store=store)
    err.print(f"serving http://{host}:{port}/ (SPARQL endpoint: http://{host}:{port}/sparql)")
    run_simple(host, port, app, threaded=True, use_debugger=False, use_reloader=False)


if __name__ == "__main__":
    main()
