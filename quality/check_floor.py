"""Score the seed articles and fail when extraction quality falls below the floor kept in floor.json.

    python quality/check_floor.py [--shared ../shared] [--floor quality/floor.json]

Ingests shared/corpus/seeds into a temporary embedded store with the real CLI, exports the
facts, scores them with shared/tools/score_facts.py and compares with the floor. Raise the
floor in floor.json whenever quality rises, so that it cannot silently fall.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def score_seeds(shared: Path) -> dict:
    """Ingest, export and score the seeds; the scorer's JSON summary."""
    unionkg = Path(sys.executable).with_name("unionkg")
    with tempfile.TemporaryDirectory() as tmp:
        store, facts = Path(tmp, "store"), Path(tmp, "facts.json")
        subprocess.run([str(unionkg), "ingest", "--quiet", "--store", str(store), str(shared / "corpus/seeds")],
                       check=True, capture_output=True)
        subprocess.run([str(unionkg), "export", "--store", str(store), "--format", "facts", "-o", str(facts)], check=True)
        out = subprocess.run([sys.executable, str(shared / "tools/score_facts.py"), str(facts),
                              str(shared / "gold/seeds.json"), "--json"], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def below_floor(summary: dict, floor: dict) -> list[str]:
    """The figures that fall below the floor, as readable lines."""
    failures = []
    if summary["micro"]["f1"] < floor["micro_f1"]:
        failures.append(f"micro F1 {summary['micro']['f1']} < floor {floor['micro_f1']}")
    if summary["articles_found"] < floor["articles_found"]:
        failures.append(f"articles found {summary['articles_found']} < {floor['articles_found']}")
    for name, minimum in floor.get("details", {}).items():
        right = summary.get(name, {}).get("right", 0)
        if right < minimum:
            failures.append(f"{name} {right} < {minimum}")
    for cat, minimum in floor.get("categories_f1", {}).items():
        if summary[cat]["f1"] < minimum:
            failures.append(f"{cat} F1 {summary[cat]['f1']} < {minimum}")
    resolution, wanted = summary["resolution"], floor.get("resolution", {})
    if resolution["resolved"] < wanted.get("resolved", 0):
        failures.append(f"cross-article resolution {resolution['resolved']} < {wanted['resolved']}")
    if resolution["false_merges"] > wanted.get("max_false_merges", 10**9):
        failures.append(f"false merges {resolution['false_merges']} > {wanted['max_false_merges']}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--floor", type=Path, default=HERE / "floor.json")
    args = parser.parse_args()
    if not (args.shared / "corpus/seeds").is_dir():
        print(f"quality: {args.shared}/corpus/seeds not found, floor not checked")
        return 0
    summary = score_seeds(args.shared)
    floor = json.loads(args.floor.read_text(encoding="utf-8"))
    print("quality: micro F1 {f1} (P {p}, R {r}); ".format(**summary["micro"])
          + ", ".join(f"{c} {summary[c]['f1']}" for c in summary if isinstance(summary[c], dict) and "f1" in summary[c]
                      and c != "micro"))
    failures = below_floor(summary, floor)
    for line in failures:
        print(f"quality: BELOW FLOOR: {line}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
