"""The scale benchmark in one command: ingest throughput, memory, store size and query latency.

    python benchmarks/run.py            # full run (about 100k and 1M triples), as `make bench`
    python benchmarks/run.py --quick    # a small run for CI (about 10k and 50k triples)
    python benchmarks/run.py --huge     # adds about 10M triples (long: tens of minutes)

For each size it generates a synthetic corpus (benchmarks/synth.py, fixed seed), ingests it with
`unionkg ingest --jobs 1` and `--jobs 2` into fresh on-disk embedded stores (each run a child
process, its peak memory read with resource.getrusage), measures the stage split of ingest on a
sample of articles, then runs the queries of benchmarks/queries/*.rq against the embedded store
and, in the same run, against rdflib's in-memory Dataset loaded with the same N-Quads (in a child
process that is stopped when one step takes more than --rdflib-limit seconds). Results go to
benchmarks/results/<stamp>.{md,json} and latest.{md,json}.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import pages  # noqa: E402
import parameters  # noqa: E402
import report  # noqa: E402
import synth  # noqa: E402

TRIPLES_PER_ARTICLE = 780  # measured on synth articles; only used to size the corpora


def unionkg_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "unionkg"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "unionkg.cli"]


# The library queries timed, in this order; "search" runs through library.run (the search index on
# an embedded store in step), "search_sparql" is the same query forced through SPARQL.
LIBRARY = ["directive_trace", "org_ancestors", "officials", "org_subtree", "search", "search_sparql", "directive",
           "directive_coverage", "directives", "events", "person_career", "stats", "network_nodes", "network_edges",
           *(f"{name}@typical" for name in parameters.TYPICAL)]
PAGES_AT = ("1M", "50k")  # sizes whose store the UI pages are timed on (benchmarks/pages.py)
PAGE_REQUESTS = 5
# rdflib runs the queries with targets (and search), to bound the run; a LATERAL query as its SPARQL 1.1 twin.
BASELINE = {*LIBRARY[:6], *(f"{name}@typical" for name in ("directive_trace", "officials"))}


def read_queries(plain_sparql: bool = False) -> dict[str, str]:
    """The SPARQL text of each timed query; with `plain_sparql`, the SPARQL 1.1 twin of a LATERAL query
    (a query rdflib can parse runs as it is, so both engines answer the same text)."""
    from unionkg.queries import library
    from unionkg.queries.lateral import uses_lateral
    chosen = {name: library.load(name.replace("_sparql", "").split("@")[0]) for name in LIBRARY}
    return {name: q.sparql11 if plain_sparql and q.sparql11 and uses_lateral(q.text) else q.text
            for name, q in chosen.items()}


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


# ---------------------------------------------------------------- ingest

_PEAK = ("import resource, subprocess, sys, json; r = subprocess.run(sys.argv[1:]); "
         "print(json.dumps({'rc': r.returncode, 'maxrss_kB': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))")


def ingest_run(corpus: Path, store: Path, jobs: int) -> dict:
    """Ingest `corpus` into a fresh store at `store` in a child process; time, peak memory, size."""
    shutil.rmtree(store, ignore_errors=True)
    cmd = [sys.executable, "-c", _PEAK, *unionkg_cmd(), "ingest", "-q", "--store", str(store), "--jobs", str(jobs),
           str(corpus)]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    summary = done.stdout.strip().splitlines()[-1]
    info = json.loads(summary)
    if info["rc"] != 0:
        raise RuntimeError(f"ingest failed: {done.stderr[-2000:]}")
    return {"seconds": seconds, "peak_rss_MB": info["maxrss_kB"] / 1024, "store_MB": dir_size(store) / 1e6,
            "report": done.stderr.strip().splitlines()[-1]}


def stage_split(corpus: Path, sample: int) -> dict:
    """Seconds per stage of ingest (serial, in this process) over the first `sample` articles.

    The write is timed as the pipeline does it: batches of articles, one transaction each."""
    from unionkg.loaders.clean import clean_document
    from unionkg.loaders.extract import extract_article
    from unionkg.loaders.pipeline import BATCH_ARTICLES
    from unionkg.loaders.read import read_inputs
    from unionkg.loaders.to_rdf import article_graph, article_triples
    from unionkg.search_index import index_rows
    from unionkg.store import EmbeddedStore, triples_text

    docs = [d for _, d in zip(range(sample), read_inputs([str(corpus)]))]
    times = dict.fromkeys(["clean", "extract", "rdf_build", "text_and_index", "store_write"], 0.0)
    written = []
    for doc in docs:
        t0 = time.perf_counter()
        article = clean_document(doc)
        t1 = time.perf_counter()
        facts = extract_article(article)
        t2 = time.perf_counter()
        triples = article_triples(facts)
        t3 = time.perf_counter()
        written.append((article_graph(article.source), triples_text(triples), index_rows(triples)))
        t4 = time.perf_counter()
        for key, value in zip(times, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            times[key] += value
    with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(str(Path(tmp) / "s")) as store:
        t0 = time.perf_counter()
        for i in range(0, len(written), BATCH_ARTICLES):
            batch = written[i:i + BATCH_ARTICLES]
            store.replace_graphs([(g, body) for g, body, _ in batch], search_rows={g: rows for g, _, rows in batch})
        times["store_write"] = time.perf_counter() - t0
    total = sum(times.values())
    return {"articles": len(docs), "total_s": total,
            "stages": {k: {"s": v, "share": v / total, "ms_per_article": 1000 * v / len(docs)} for k, v in times.items()}}


# ---------------------------------------------------------------- query parameters and timing

def timed(run, budget: float, max_reps: int, min_reps: int = 5) -> dict:
    """Run once to warm up, then repeat within `budget` seconds; p50/p95 in ms and the row count."""
    t0 = time.perf_counter()
    rows = run()
    if time.perf_counter() - t0 > budget:  # a query slower than the whole budget is timed twice more
        max_reps = min_reps = 2
    samples: list[float] = []
    start = time.perf_counter()
    while len(samples) < max_reps and (len(samples) < min_reps or time.perf_counter() - start < budget):
        t0 = time.perf_counter()
        run()
        samples.append(time.perf_counter() - t0)
    samples.sort()
    pct = (lambda q: 1000 * samples[min(len(samples) - 1, int(q * len(samples)))])
    return {"p50_ms": 1000 * statistics.median(samples), "p95_ms": pct(0.95), "reps": len(samples), "rows": rows}


def cycling(run_one, bindings: dict | list[dict]):
    """A run of no arguments: `run_one` with the bindings, or with the next of a sample of them each time."""
    sample = itertools.cycle(bindings if isinstance(bindings, list) else [bindings])
    return lambda: run_one(next(sample))


def embedded_latency(store_dir: Path, queries: dict[str, str], params: dict, budget: float, reps: int) -> dict:
    """Each query through the library (library.run: the search index answers "search"), or SPARQL for *_sparql."""
    from unionkg.queries import library
    from unionkg.store import EmbeddedStore
    out = {}
    with EmbeddedStore(str(store_dir)) as store:
        for name, text in queries.items():
            bindings, base = params.get(name, {}), name.split("@")[0]
            if name.endswith("_sparql"):
                run = cycling(lambda b: len(store.select(text, b)), bindings)
            else:
                run = cycling(lambda b: len(library.run(store, base, b)), bindings)
            out[name] = timed(run, budget, reps, len(bindings) if isinstance(bindings, list) else 5)
    return out


def rdflib_worker(nquads: str, spec: str) -> None:
    """Child process: load the N-Quads into rdflib's Dataset, then time each query; one JSON line per step."""
    from rdflib import Dataset, Literal, URIRef
    job = json.loads(Path(spec).read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(nquads, format="nquads")
    print(json.dumps({"step": "load", "seconds": time.perf_counter() - t0, "triples": len(dataset)}), flush=True)
    term = (lambda v: URIRef(v["iri"]) if "iri" in v else Literal(v["literal"], lang=v.get("lang"),
                                                                  datatype=v.get("datatype")))
    for name, text in job["queries"].items():
        given = job["params"].get(name, {})
        sample = [{k: term(v) for k, v in b.items()} for b in (given if isinstance(given, list) else [given])]
        run_one = (lambda b: len(list(dataset.query(text, initBindings=b))))
        signal.signal(signal.SIGALRM, _too_slow)
        signal.alarm(int(job["limit"]))  # one query that passes the limit is skipped, not the rest
        try:
            t0 = time.perf_counter()
            run_one(sample[0])
            once = time.perf_counter() - t0
            # A query that takes more than a tenth of the limit is timed from 3 runs (with the warm-up).
            slow = once > job["limit"] / 10
            result = timed(cycling(run_one, sample), job["budget"], 2 if slow else max(job["reps"], len(sample)),
                           2 if slow else len(sample))
            print(json.dumps({"step": name, **result}), flush=True)
        except TimeoutError:
            print(json.dumps({"step": name, "skipped": f"more than {job['limit']:.0f} s"}), flush=True)
        finally:
            signal.alarm(0)


def _too_slow(signum: int, frame: object) -> None:
    raise TimeoutError


def rdflib_latency(nquads: Path, queries: dict[str, str], params: dict, budget: float, reps: int,
                   limit: float, workdir: Path) -> dict:
    """rdflib figures, from a child process stopped when one step (load or query) passes `limit` seconds."""
    from rdflib import URIRef
    spec = workdir / "rdflib_job.json"
    as_json = (lambda b: {k: ({"iri": str(v)} if isinstance(v, URIRef) else
                              {"literal": str(v), "lang": v.language, "datatype": v.datatype and str(v.datatype)})
                          for k, v in b.items()})
    plain = {name: [as_json(one) for one in b] if isinstance(b, list) else as_json(b) for name, b in params.items()}
    spec.write_text(json.dumps({"queries": queries, "params": plain, "budget": budget, "reps": reps, "limit": limit}))
    proc = subprocess.Popen([sys.executable, __file__, "--rdflib-worker", str(nquads), str(spec)],
                            stdout=subprocess.PIPE, text=True)
    out: dict = {}
    deadline = time.monotonic() + limit * 4 + 30  # the child skips a query itself after `limit`
    while True:
        ready, _, _ = select.select([proc.stdout], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            proc.kill()
            proc.wait()
            out["skipped"] = f"a step took more than {limit:.0f} s"
            break
        line = proc.stdout.readline()
        if not line:
            proc.wait()
            break
        step = json.loads(line)
        out[step.pop("step")] = step
        deadline = time.monotonic() + limit * 4 + 30
    return out


# ---------------------------------------------------------------- report

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, for CI")
    parser.add_argument("--huge", action="store_true", help="also about 10M triples (long)")
    parser.add_argument("--only", help="run only these sizes, comma-separated labels (e.g. 1M or 10M with --huge)")
    parser.add_argument("--jobs", default="1,2", help="ingest runs to time, comma-separated job counts")
    parser.add_argument("--workdir", type=Path, help="where corpora and stores go [default: a temporary folder]")
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument("--rdflib-limit", type=float, default=60.0, help="stop rdflib when one step passes this")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rdflib-worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rdflib_worker:
        rdflib_worker(*args.rdflib_worker)
        return

    import pyoxigraph
    import rdflib
    targets = [("10k", 10_000), ("50k", 50_000)] if args.quick else [("100k", 100_000), ("1M", 1_000_000)]
    if args.huge:
        targets.append(("10M", 10_000_000))
    if args.only:
        targets = [t for t in targets if t[0] in args.only.split(",")]
    job_counts = [int(j) for j in args.jobs.split(",")]
    budget, reps = (1.0, 20) if args.quick else (5.0, 100)
    queries = read_queries()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="unionkg-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    result = {"mode": "quick" if args.quick else "full", "date": time.strftime("%Y-%m-%d %H:%M"),
              "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                          "pyoxigraph": pyoxigraph.__version__, "rdflib": rdflib.__version__},
              "sizes": [], "rdflib_limit": args.rdflib_limit}
    try:
        for label, triples in targets:
            count = max(5, round(triples / TRIPLES_PER_ARTICLE))
            corpus = workdir / f"corpus-{label}"
            shutil.rmtree(corpus, ignore_errors=True)
            size_bytes = synth.write_corpus(corpus, count, args.seed)
            print(f"[{label}] {count} articles, {size_bytes / 1e6:.1f} MB", file=sys.stderr, flush=True)
            entry = {"label": label, "articles": count, "corpus_MB": size_bytes / 1e6, "ingest": []}
            for jobs in job_counts[-1:] if label == "10M" else job_counts:  # one ingest of 10M: it takes long
                run = ingest_run(corpus, workdir / f"store-{label}-j{jobs}", jobs)
                run.update(jobs=jobs, articles_per_s=count / run["seconds"], MB_per_s=size_bytes / 1e6 / run["seconds"])
                entry["ingest"].append(run)
                print(f"[{label}] jobs {jobs}: {run['seconds']:.1f} s, {run['report']}", file=sys.stderr, flush=True)
            store_dir = workdir / f"store-{label}-j{job_counts[-1]}"
            from unionkg.store import EmbeddedStore
            with EmbeddedStore(str(store_dir)) as store:
                entry["triples"] = store.triple_count()
                params = parameters.pick_parameters(store, LIBRARY)
                nquads = workdir / f"{label}.nq"
                with nquads.open("wb") as handle:
                    store.dump(handle, "nquads")
            entry["queries"] = embedded_latency(store_dir, queries, params, budget, reps)
            entry["params"] = {name: [{k: str(v) for k, v in one.items()} for one in b] if isinstance(b, list)
                               else {k: str(v) for k, v in b.items()} for name, b in params.items()}
            if label in PAGES_AT:
                entry["pages"] = {"requests": PAGE_REQUESTS, "timeout_s": pages.TIMEOUT_S,
                                  "results": pages.measure_store(str(store_dir), PAGE_REQUESTS, label, f"the {label} store")}
            print(f"[{label}] oxigraph: " + ", ".join(f"{n} {q['p50_ms']:.2f} ms" for n, q in entry["queries"].items()),
                  file=sys.stderr, flush=True)
            baseline = {name: text for name, text in read_queries(plain_sparql=True).items() if name in BASELINE}
            entry["rdflib"] = rdflib_latency(nquads, baseline, params, budget, reps, args.rdflib_limit, workdir)
            print(f"[{label}] rdflib: {json.dumps(entry['rdflib'])[:300]}", file=sys.stderr, flush=True)
            result["sizes"].append(entry)
            nquads.unlink()
            for jobs in job_counts:
                shutil.rmtree(workdir / f"store-{label}-j{jobs}", ignore_errors=True)
        result["stage_split"] = stage_split(workdir / f"corpus-{targets[0][0]}", 40 if args.quick else 100)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)

    args.results.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S") + ("-quick" if args.quick else "")
    text = report.markdown(result)
    for name in (stamp, "latest"):
        if name == "latest" and args.quick and (args.results / "latest.md").exists():
            continue  # a quick run never replaces the figures of a full one
        (args.results / f"{name}.md").write_text(text, encoding="utf-8")
        (args.results / f"{name}.json").write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
