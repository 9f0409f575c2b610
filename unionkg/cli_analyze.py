"""The `unionkg analyze` commands: networkx analytics of the graph and exports for other tools."""
from __future__ import annotations

import click

from .cli import err, main, open_from_options, reports_errors, store_options


@main.group()
def analyze() -> None:
    """Analytics with networkx: the hierarchy, a directive's diffusion, co-attendance, network exports."""


@analyze.command("hierarchy")
@click.option("--root", metavar="ORG", default=None, help="Only the units under this organisation (IRI or name).")
@click.option("--max-lines", type=click.IntRange(1), default=200, show_default=True)
@store_options
@reports_errors
def analyze_hierarchy(root: str | None, max_lines: int, **store_args) -> None:
    """The organisation chart as a tree, with the number of organisations per level."""
    from .queries import analytics, library
    with open_from_options(**store_args) as store:
        top = str(library.resolve_org(store, root)) if root else None
        click.echo(analytics.hierarchy_text(analytics.hierarchy(store, top), top, max_lines))


@analyze.command("diffusion")
@click.argument("directive")
@click.option("--derived", is_flag=True, help="Also acts on the directives based on it.")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also draw the diffusion over time by level (.png or .svg).")
@store_options
@reports_errors
def analyze_diffusion(directive: str, derived: bool, plot_path: str | None, **store_args) -> None:
    """Who acted on DIRECTIVE, after whom up the hierarchy, and the median lag per level."""
    from .queries import analytics
    with open_from_options(**store_args) as store:
        cascade = analytics.diffusion(store, directive, derived)
    click.echo(analytics.cascade_text(cascade))
    if plot_path:
        from .queries.plot import plot_diffusion
        err.print(f"plot written to {plot_diffusion(cascade, plot_path)}", highlight=False)


@analyze.command("coattendance")
@click.option("--start", metavar="YYYY-MM-DD", default=None, help="Only events from this day.")
@click.option("--end", metavar="YYYY-MM-DD", default=None, help="Only events up to this day.")
@click.option("--top", type=click.IntRange(1), default=20, show_default=True)
@store_options
@reports_errors
def analyze_coattendance(start: str | None, end: str | None, top: int, **store_args) -> None:
    """Officials linked by the events they attended together, most central first."""
    from .queries import analytics
    with open_from_options(**store_args) as store:
        click.echo(analytics.coattendance_text(analytics.coattendance(store, start, end), top))


@analyze.command("export")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), required=True,
              help="File to write; .graphml, .gexf or .csv (CSV writes <stem>-nodes.csv and <stem>-edges.csv).")
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "csv"]), default=None,
              help="[default: from the file's suffix]")
@click.option("--graph", "kind", type=click.Choice(["network", "hierarchy", "coattendance"]), default="network",
              show_default=True, help="Everything, the organisation chart, or the co-attendance of officials.")
@store_options
@reports_errors
def analyze_export(output: str, fmt: str | None, kind: str, **store_args) -> None:
    """Export a graph for Gephi, Cytoscape or a spreadsheet."""
    from .api import KnowledgeGraph
    with open_from_options(**store_args) as store:
        graph = KnowledgeGraph(store).to_networkx(kind)
    from .queries.analytics import export
    for path in export(graph, output, fmt):
        err.print(f"wrote {path} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)",
                  highlight=False)
