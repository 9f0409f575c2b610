"""unionkg: a knowledge graph of the Vietnamese trade-union system, built from news articles.

`unionkg.open(store=... | endpoint=...)` returns a handle for notebooks (see `unionkg.api`); it is
imported on first use, so importing the package stays cheap.
"""
from __future__ import annotations

from typing import Any

__all__ = ["open"]


def __getattr__(name: str) -> Any:
    if name == "open":
        from .api import open
        return open
    raise AttributeError(f"module 'unionkg' has no attribute {name!r}")
