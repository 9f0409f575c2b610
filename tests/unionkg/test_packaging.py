"""Every data file the packages read ships in the package: an installed (non-editable) unionkg
has the same rules, queries, templates and strings as the checkout."""
from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SKIP = {"node_modules", "__pycache__"}


def test_every_data_file_beside_the_code_is_listed_as_package_data():
    setup = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    unlisted = []
    for package, folder in setup["package-dir"].items():
        globs = setup["package-data"].get(package, [])
        root = REPO / folder
        for path in root.rglob("*"):
            relative = path.relative_to(root)
            if path.is_dir() or path.suffix == ".py" or SKIP & set(relative.parts):
                continue
            if any(part for part in relative.parts[:-1] if (root / part / "__init__.py").exists()):
                continue  # belongs to a subpackage, checked as its own package
            if not any(relative.match(pattern) for pattern in globs):
                unlisted.append(f"{folder}/{relative}")
    assert not unlisted, f"not in [tool.setuptools.package-data]: {unlisted}"
