"""Page latency of the web UI: p50 and p95 of every page family over real HTTP.

    python benchmarks/pages.py [--seeds DIR] [--requests 50]          # over the seed articles
    python benchmarks/pages.py --store DIR [--requests 20] [--label 1M] # over an existing store

Without --store, ingests the seed articles (default ../shared/corpus/seeds) into a temporary
on-disk embedded store; with it, opens that store (as `benchmarks/run.py` does with its 1M-triple
store). The sample entities come from the store: the organisation with the most parts and its
largest part, the directive acted on most, a person, an event and an article. It serves the app
with werkzeug in a thread on 127.0.0.1, requests each page family --requests times one after
another (after one warm-up request that is not counted) and prints p50/p95 per page. The target
is p95 < 300 ms for every page. Results go to benchmarks/results/pages[-LABEL].{md,json}; the
exit status is 1 when a page misses the target.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TARGET_MS = 300.0
TIMEOUT_S = 60
IDLE_WAIT_S = 240  # after a timeout, how long the next page waits for the server to finish it
ID = "https://w3id.org/unionkg/id/"
# One representative entity of each kind, found in the store: the organisation with the most parts
# ("root"), its part with the most parts ("part"), the directive acted on most, and any person,
# event and article (the alphabetically first, so that runs compare).
SAMPLES = """PREFIX uk: <https://w3id.org/unionkg/ont#> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX schema: <https://schema.org/> PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?kind (MIN(STR(?x)) AS ?iri) WHERE {
  VALUES (?kind ?class) { ("person" foaf:Person) ("event" uk:Event) ("article" schema:NewsArticle) }
  ?x a ?class FILTER(STRSTARTS(STR(?x), "https://w3id.org/unionkg/id/"))
} GROUP BY ?kind"""
MOST_PARTS = """PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?parent (COUNT(DISTINCT ?part) AS ?parts) WHERE {
  ?part org:subOrganizationOf|org:memberOf|org:unitOf ?parent
  FILTER(STRSTARTS(STR(?parent), "https://w3id.org/unionkg/id/org/"))
} GROUP BY ?parent ORDER BY DESC(?parts) ?parent LIMIT 1"""
# The parts come DISTINCT first (?root projected, so that it is substituted there): every article
# restates its links, and joined directly the copies of both links multiplied.
LARGEST_PART = """PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?part (COUNT(DISTINCT ?below) AS ?parts) WHERE {
  { SELECT DISTINCT ?root ?part WHERE { ?part org:subOrganizationOf|org:memberOf|org:unitOf ?root } }
  ?below org:subOrganizationOf|org:memberOf|org:unitOf ?part
} GROUP BY ?part ORDER BY DESC(?parts) ?part LIMIT 1"""
MOST_ACTED_ON = """PREFIX uk: <https://w3id.org/unionkg/ont#>
SELECT ?directive (COUNT(?act) AS ?acts) WHERE { ?act uk:directive ?directive }
GROUP BY ?directive ORDER BY DESC(?acts) ?directive LIMIT 1"""


def pick_samples(store) -> dict[str, str]:
    """Kind -> IRI of the entities the pages show (see SAMPLES and the queries below it)."""
    from rdflib import URIRef
    samples = {str(r["kind"]): str(r["iri"]) for r in store.select(SAMPLES)}
    for kind, query, bindings in (("root", MOST_PARTS, {}), ("directive", MOST_ACTED_ON, {})):
        rows = store.select(query, bindings)
        if not rows:
            raise SystemExit(f"error: the store has no {kind} to show (query: {query.splitlines()[1][:60]})")
        samples[kind] = str(next(iter(rows[0].values())))
    rows = store.select(LARGEST_PART, {"root": URIRef(samples["root"])})
    samples["part"] = str(rows[0]["part"]) if rows else samples["root"]
    missing = {"person", "event", "article"} - samples.keys()
    if missing:
        raise SystemExit(f"error: the store has no {', '.join(sorted(missing))} to show")
    return samples


def pages(samples: dict[str, str]) -> dict[str, str]:
    """Page family -> path, one URL per family (HTML pages and their twins)."""
    local = {kind: "/id/" + iri[len(ID):] for kind, iri in samples.items() if iri.startswith(ID)}
    root, part = samples["root"], samples["part"]
    trace = "/trace/" + samples["directive"].rsplit("/", 1)[-1]
    return {
        "home": "/", "index.json": "/index.json", "sparql editor": "/sparql",
        "sparql query": "/sparql?" + urlencode({"query": "SELECT ?s WHERE { ?s a <http://www.w3.org/ns/org#Organization> } LIMIT 50",
                                                  "format": "json"}),
        "search": "/search?q=cong+doan", "search.json": "/search.json?q=vien+chuc",
        "org": local["root"], "org.json": local["root"] + ".json", "org.ttl": local["root"] + ".ttl",
        "person": local["person"], "person.json": local["person"] + ".json",
        "directive": local["directive"], "directive.json": local["directive"] + ".json",
        "event": local["event"], "article": local["article"],
        "orgchart": "/orgchart?" + urlencode({"root": root, "expand": part}), "orgchart.json": "/orgchart.json",
        "trace": trace, "trace.json": trace + ".json",
        "trace + coverage": trace + "?" + urlencode({"parent": root}),
        "queries": "/queries", "query page": "/queries/directive_trace?" + urlencode({"directive": samples["directive"]}),
        "query.json": "/queries/directive_coverage.json?" + urlencode({"directive": samples["directive"], "org": root}),
        "query.csv": "/queries/org_subtree.csv?" + urlencode({"org": root}),
        "graph": "/graph?" + urlencode({"iri": part}), "graph depth 2": "/graph?" + urlencode({"iri": part, "depth": 2}),
        "graph.json": "/graph.json?" + urlencode({"iri": root, "depth": 2, "limit": 100}),
    }


class PageTimeout(Exception):
    """A page that did not answer within TIMEOUT_S."""


class InFlight:
    """WSGI middleware counting the requests the server is still working on: a page that timed out
    on the client keeps running in its thread, and would slow every page measured after it."""

    def __init__(self, app) -> None:
        self.app, self.count, self.lock = app, 0, threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            self.count += 1
        try:
            body = self.app(environ, start_response)
            try:
                return list(body)  # the whole body, inside the count
            finally:
                getattr(body, "close", lambda: None)()
        finally:
            with self.lock:
                self.count -= 1

    def wait_idle(self, limit_s: float) -> float | None:
        """Seconds until no request is running (None when still busy after `limit_s`)."""
        start = time.perf_counter()
        while self.count and time.perf_counter() - start < limit_s:
            time.sleep(0.5)
        return None if self.count else time.perf_counter() - start


def timed(url: str) -> float:
    """Milliseconds to fetch `url` completely; a non-200 answer stops the benchmark."""
    request = urllib.request.Request(url, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            response.read()
    except urllib.error.HTTPError as error:
        raise SystemExit(f"error: {url} answered {error.code}: {error.read()[:300]!r}") from None
    except TimeoutError:
        raise PageTimeout(url) from None
    return (time.perf_counter() - start) * 1000


def measure_page(family: str, url: str, count: int, server: InFlight | None = None) -> dict:
    """p50/p95/max of one page family; a page that times out is reported as such and not retried,
    and the next page waits (up to IDLE_WAIT_S) for the server to finish it."""
    try:
        timed(url)  # warm-up: parses the queries once, fills the OS caches
        samples = sorted(timed(url) for _ in range(count))
    except PageTimeout:
        waited = server.wait_idle(IDLE_WAIT_S) if server is not None else None
        ended_after = round(TIMEOUT_S + waited) if waited is not None else None
        done = f"; it ended {ended_after} s after it began" if ended_after is not None else ""
        print(f"{family:18} timed out after {TIMEOUT_S} s{done}  SLOW", flush=True)
        return {"page": family, "path": "/" + url.split("/", 3)[-1], "p50_ms": None, "p95_ms": None, "max_ms": None,
                "ok": False, "timed_out": True, "ended_after_s": ended_after}
    p95 = samples[min(len(samples) - 1, int(round(0.95 * len(samples))) - 1)]
    result = {"page": family, "path": "/" + url.split("/", 3)[-1], "p50_ms": round(statistics.median(samples), 1),
              "p95_ms": round(p95, 1), "max_ms": round(samples[-1], 1), "ok": p95 < TARGET_MS}
    print(f"{family:18} p50 {result['p50_ms']:7.1f} ms  p95 {result['p95_ms']:7.1f} ms"
          f"  {'ok' if result['ok'] else 'SLOW'}", flush=True)
    return result


def measure(base: str, paths: dict[str, str], count: int, server: InFlight | None = None) -> list[dict]:
    """p50/p95/max per page family."""
    return [measure_page(family, base + path, count, server) for family, path in paths.items()]


def write(results: list[dict], meta: dict, label: str = "") -> None:
    """benchmarks/results/pages[-label].md and .json."""
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    stem = f"pages-{label}" if label else "pages"
    (out / f"{stem}.json").write_text(json.dumps({**meta, "pages": results}, ensure_ascii=False, indent=2) + "\n",
                                      encoding="utf-8")
    lines = [f"# Page latency over {meta['what']}", "",
             f"{meta['requests']} requests per page over HTTP (werkzeug, one client), after one warm-up; "
             f"target p95 < {TARGET_MS:.0f} ms. {meta['triples']:,} triples; "
             f"{meta['machine']}, {meta['date']}.", "",
             "| page | path | p50 ms | p95 ms | max ms | p95 < 300 ms |", "|---|---|---:|---:|---:|---|"]
    lines += [f"| {r['page']} | `{r['path'][:70]}` | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} | "
              f"{'yes' if r['ok'] else '**no**'} |" if not r.get("timed_out") else
              f"| {r['page']} | `{r['path'][:70]}` | | | > {TIMEOUT_S * 1000} | **no** (timed out{ended(r)}) |"
              for r in results]
    (out / f"{stem}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def ended(result: dict) -> str:
    """When a timed-out page's request ended on the server, as table text."""
    after = result.get("ended_after_s")
    return f"; it ended after {after} s" if after is not None else f"; still running after {TIMEOUT_S + IDLE_WAIT_S} s"


def serve_and_measure(store, requests: int) -> list[dict]:
    """Serve `store` with the app in a thread and measure every page family on it."""
    from werkzeug.serving import make_server

    from unionkg.webui import create_app
    samples = pick_samples(store)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log line per request
    # Kept rows of slow queries (webui/slow_results.py) would answer every request after the
    # warm-up: each request here computes its page, as a first visit does.
    in_flight = InFlight(create_app(store, {"UNIONKG_SLOW_RESULTS_ROWS": 0}))
    server = make_server("127.0.0.1", 0, in_flight, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        return measure(f"http://127.0.0.1:{server.server_port}", pages(samples), requests, in_flight)
    finally:
        server.shutdown()
        thread.join(10)


def measure_store(folder: str, requests: int, label: str, what: str) -> list[dict]:
    """Measure the pages on an existing on-disk store, opened read-only as `unionkg serve` does, and
    write the results under `label`."""
    from unionkg.readonly import ReadOnlyStore
    with ReadOnlyStore(folder) as store:
        results = serve_and_measure(store, requests)
        meta = {"requests": requests, "what": what, "triples": store.triple_count(),
                "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
                "date": time.strftime("%Y-%m-%d")}
    write(results, meta, label)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", default=str(REPO.parent / "shared" / "corpus" / "seeds"),
                        help="articles to ingest into a temporary store [default: ../shared/corpus/seeds]")
    parser.add_argument("--store", help="measure this existing on-disk store instead (it is not written)")
    parser.add_argument("--label", default="", help="results go to pages-LABEL.{md,json} [default: pages.{md,json}]")
    parser.add_argument("--requests", type=int, default=50, help="requests per page [default: 50]")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    if args.store:
        if not Path(args.store).is_dir():
            print(f"error: no store at {args.store}", file=sys.stderr)
            return 2
        results = measure_store(args.store, args.requests, args.label, f"the store {Path(args.store).name}")
    else:
        seeds = Path(args.seeds)
        if not seeds.is_dir() or not any(seeds.iterdir()):
            print(f"error: no seed articles at {seeds} (give --seeds DIR or --store DIR)", file=sys.stderr)
            return 2
        from unionkg.loaders.pipeline import ingest
        from unionkg.store import EmbeddedStore
        with tempfile.TemporaryDirectory(prefix="unionkg-pages-") as folder:
            with EmbeddedStore(folder) as store:
                ingest(sorted(str(p) for p in seeds.iterdir()), store)
            results = measure_store(folder, args.requests, args.label,
                                    f"the seed articles ({len(list(seeds.iterdir()))})")
    slow = [r["page"] for r in results if not r["ok"]]
    print(f"p95 < {TARGET_MS:.0f} ms: {len(results) - len(slow)}/{len(results)} pages" +
          (f"; slow: {', '.join(slow)}" if slow else ""))
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
