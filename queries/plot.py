"""A picture of a directive's diffusion: when each organisation acted, one row per hierarchy level.

matplotlib draws with its Agg backend (no display needed); the file's suffix (.png or .svg)
chooses the format. Undated acts cannot be placed in time and are left out (the caption counts them).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from unionkg.errors import UnionKGError

from .analytics import LEVELS, Cascade

__all__ = ["plot_diffusion"]


def _short(text: str, width: int = 38) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def plot_diffusion(cascade: Cascade, path: str | Path, title: str | None = None) -> Path:
    """Draw the cascade over time by level (PNG or SVG, from the suffix) and return the path."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg"):
        raise UnionKGError(f"the plot is written as .png or .svg, not {path.name!r}")
    dated = [row for row in cascade.acts if isinstance(row.get("date"), dt.date)]
    present = {row.get("level") or "unknown" for row in dated}
    levels = [level for level in (*LEVELS, "unknown") if level in present]
    y = {level: i for i, level in enumerate(levels)}
    fig, ax = plt.subplots(figsize=(10, 1.2 + 0.9 * max(len(levels), 1)))
    try:
        where = {row["actor"]: (row["date"], y[row.get("level") or "unknown"]) for row in dated}
        for source, target in cascade.graph.edges():
            if source in where and target in where:
                ax.annotate("", xy=where[target], xytext=where[source],
                            arrowprops={"arrowstyle": "->", "color": "0.6", "lw": 0.8})
        for row in dated:
            x, level_y = where[row["actor"]]
            ax.plot(x, level_y, "o", color="tab:red" if "disseminate" in row.get("kinds", "") else "tab:blue")
            lag = f" (+{row['lag']} d)" if isinstance(row.get("lag"), int) else ""
            ax.annotate(_short(row.get("actorLabel", row["actor"])) + lag, (x, level_y), xytext=(5, 6),
                        textcoords="offset points", fontsize=8)
        if cascade.issued:
            ax.axvline(cascade.issued, color="0.3", linestyle="--", lw=1)
            ax.annotate("issued", (cascade.issued, len(levels) - 0.5 if levels else 0), fontsize=8, color="0.3")
        ax.set_yticks(range(len(levels)), levels)
        ax.set_ylim(len(levels) - 0.4 if levels else 0.6, -0.6)
        locator = mdates.AutoDateLocator(maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        left, right = ax.get_xlim()
        ax.set_xlim(left, right + (right - left) * 0.3)  # room for the last labels
        ax.legend(handles=[Line2D([], [], marker="o", ls="", color="tab:red", label="disseminated"),
                           Line2D([], [], marker="o", ls="", color="tab:blue", label="other acts")],
                  loc="lower right", fontsize=8)
        left_out = len(cascade.acts) - len(dated)
        ax.set_title(title or f"Diffusion of {cascade.name}: {len(dated)} dated acts"
                     + (f" ({left_out} undated left out)" if left_out else ""), fontsize=10)
        ax.grid(axis="x", color="0.9")
        fig.tight_layout()
        fig.savefig(path, format=path.suffix.lower().lstrip("."))
    finally:
        plt.close(fig)
    return path
