"""Running the installed `unionkg` command as a user would, for the end-to-end tests."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

UNIONKG = str(Path(sys.executable).with_name("unionkg"))


def run_unionkg(*args: str, stdin: bytes | None = None, text: bool = False,
                timeout: float = 300) -> subprocess.CompletedProcess:
    """Run `unionkg ARGS...` in a subprocess; output captured, never raising on a failure status."""
    return subprocess.run([UNIONKG, *args], input=stdin, capture_output=True, text=text, timeout=timeout)
