"""Page latency of the web UI over the seed articles: p50 and p95 of every page family over real HTTP.

    python benchmarks/pages.py [--seeds DIR] [--requests 50]

Ingests the seed articles (default ../shared/corpus/seeds) into a temporary on-disk embedded store,
serves the app with werkzeug in a thread on 127.0.0.1, requests each page family --requests times
one after another (after one warm-up request that is not counted) and prints p50/p95 per page. The
target is p95 < 300 ms for every page. Results go to benchmarks/results/pages.{md,json}; the exit
status is 1 when a page misses the target.
"""
from __future__ import annotations

import argparse
import json
import logging
import platform
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TARGET_MS = 300.0
ID = "https://w3id.org/unionkg/id/"
# One representative entity of each kind, found in the store (the seeds decide which).
SAMPLES = """PREFIX uk: <https://w3id.org/unionkg/ont#> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX schema: <https://schema.org/> PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?kind (MIN(STR(?x)) AS ?iri) WHERE {
  VALUES (?kind ?class) { ("person" foaf:Person) ("event" uk:Event) ("article" schema:NewsArticle) }
  ?x a ?class FILTER(STRSTARTS(STR(?x), "https://w3id.org/unionkg/id/"))
} GROUP BY ?kind"""


def pages(samples: dict[str, str]) -> dict[str, str]:
    """Page family -> path, one URL per family (HTML pages and their twins)."""
    cdvc, khoi = ID + "org/cong-doan-vien-chuc-viet-nam", ID + "org/khoi-thi-dua-iii-cong-doan-vien-chuc-viet-nam"
    local = {kind: "/id/" + iri[len(ID):] for kind, iri in samples.items()}
    return {
        "home": "/", "index.json": "/index.json", "sparql editor": "/sparql",
        "sparql query": "/sparql?" + urlencode({"query": "SELECT ?s WHERE { ?s a <http://www.w3.org/ns/org#Organization> } LIMIT 50",
                                                  "format": "json"}),
        "search": "/search?q=cong+doan", "search.json": "/search.json?q=vien+chuc",
        "org": "/id/org/cong-doan-vien-chuc-viet-nam", "org.json": "/id/org/cong-doan-vien-chuc-viet-nam.json",
        "org.ttl": "/id/org/cong-doan-vien-chuc-viet-nam.ttl",
        "person": local["person"], "person.json": local["person"] + ".json",
        "directive": "/id/directive/nq-2-tw", "directive.json": "/id/directive/nq-2-tw.json",
        "event": local["event"], "article": local["article"],
        "orgchart": "/orgchart?" + urlencode({"root": cdvc, "expand": khoi}), "orgchart.json": "/orgchart.json",
        "trace": "/trace/nq-2-tw", "trace.json": "/trace/nq-2-tw.json",
        "trace + coverage": "/trace/nq-2-tw?" + urlencode({"parent": cdvc}),
        "queries": "/queries", "query page": "/queries/directive_trace?directive=02-NQ%2FTW",
        "query.json": "/queries/directive_coverage.json?" + urlencode({"directive": "02-NQ/TW", "org": cdvc}),
        "query.csv": "/queries/org_subtree.csv?" + urlencode({"org": cdvc}),
        "graph": "/graph?" + urlencode({"iri": khoi}), "graph depth 2": "/graph?" + urlencode({"iri": khoi, "depth": 2}),
        "graph.json": "/graph.json?" + urlencode({"iri": cdvc, "depth": 2, "limit": 100}),
    }


def timed(url: str) -> float:
    """Milliseconds to fetch `url` completely; a non-200 answer stops the benchmark."""
    request = urllib.request.Request(url, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
    except urllib.error.HTTPError as error:
        raise SystemExit(f"error: {url} answered {error.code}: {error.read()[:300]!r}") from None
    return (time.perf_counter() - start) * 1000


def measure(base: str, paths: dict[str, str], count: int) -> list[dict]:
    """p50/p95/max per page family."""
    results = []
    for family, path in paths.items():
        timed(base + path)  # warm-up: parses the queries once, fills the OS caches
        samples = sorted(timed(base + path) for _ in range(count))
        p95 = samples[min(len(samples) - 1, int(round(0.95 * len(samples))) - 1)]
        results.append({"page": family, "path": path, "p50_ms": round(statistics.median(samples), 1),
                        "p95_ms": round(p95, 1), "max_ms": round(samples[-1], 1), "ok": p95 < TARGET_MS})
        print(f"{family:18} p50 {results[-1]['p50_ms']:7.1f} ms  p95 {results[-1]['p95_ms']:7.1f} ms"
              f"  {'ok' if results[-1]['ok'] else 'SLOW'}", flush=True)
    return results


def write(results: list[dict], meta: dict) -> None:
    """benchmarks/results/pages.md and pages.json."""
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "pages.json").write_text(json.dumps({**meta, "pages": results}, ensure_ascii=False, indent=2) + "\n",
                                    encoding="utf-8")
    lines = ["# Page latency over the seed articles", "",
             f"{meta['requests']} requests per page over HTTP (werkzeug, one client), after one warm-up; "
             f"target p95 < {TARGET_MS:.0f} ms. {meta['articles']} articles, {meta['triples']} triples; "
             f"{meta['machine']}, {meta['date']}.", "",
             "| page | path | p50 ms | p95 ms | max ms | p95 < 300 ms |", "|---|---|---:|---:|---:|---|"]
    lines += [f"| {r['page']} | `{r['path'][:70]}` | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} | "
              f"{'yes' if r['ok'] else '**no**'} |" for r in results]
    (out / "pages.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", default=str(REPO.parent / "shared" / "corpus" / "seeds"))
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args(argv)
    seeds = Path(args.seeds)
    if not seeds.is_dir() or not any(seeds.iterdir()):
        print(f"error: no seed articles at {seeds} (give --seeds DIR)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(REPO))
    from werkzeug.serving import make_server

    from unionkg.loaders.pipeline import ingest
    from unionkg.store import EmbeddedStore
    from unionkg.webui import create_app

    with tempfile.TemporaryDirectory(prefix="unionkg-pages-") as folder, EmbeddedStore(folder) as store:
        ingest(sorted(str(p) for p in seeds.iterdir()), store)
        samples = {str(r["kind"]): str(r["iri"]) for r in store.select(SAMPLES)}
        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log line per request
        server = make_server("127.0.0.1", 0, create_app(store), threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            results = measure(f"http://127.0.0.1:{server.server_port}", pages(samples), args.requests)
        finally:
            server.shutdown()
            thread.join(10)
        meta = {"requests": args.requests, "articles": len(list(seeds.iterdir())), "triples": store.triple_count(),
                "machine": f"{platform.machine()}, Python {platform.python_version()}",
                "date": time.strftime("%Y-%m-%d")}
    write(results, meta)
    slow = [r["page"] for r in results if not r["ok"]]
    print(f"p95 < {TARGET_MS:.0f} ms: {len(results) - len(slow)}/{len(results)} pages" +
          (f"; slow: {', '.join(slow)}" if slow else ""))
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
