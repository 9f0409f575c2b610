"""The Markdown table of a scale benchmark run (benchmarks/run.py), from its JSON result."""
from __future__ import annotations

# The parameters the run picks, named in the table's notes (benchmarks/run.py imports them from here).
SYMBOL = "02-NQ/TW"
SEARCH_TEXT = "Thien Phuc"
ROOT_ORG = "Tổng Liên đoàn Lao động Việt Nam"


def markdown(result: dict) -> str:
    m = result["machine"]
    lines = [f"# unionkg scale benchmark ({result['mode']})", "",
             f"{result['date']} · {m['cpus']} CPUs · {m['python']} · pyoxigraph {m['pyoxigraph']} · "
             f"rdflib {m['rdflib']} · {m['platform']}", "",
             "## Ingest (end to end, `unionkg ingest` into an on-disk embedded store)", "",
             "| corpus | articles | MB | triples | jobs | seconds | articles/s | MB/s | peak RSS MB | store MB |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for size in result["sizes"]:
        for run in size["ingest"]:
            lines.append(f"| {size['label']} | {size['articles']} | {size['corpus_MB']:.1f} | {size['triples']:,} | "
                         f"{run['jobs']} | {run['seconds']:.1f} | {run['articles_per_s']:.1f} | {run['MB_per_s']:.2f} | "
                         f"{run['peak_rss_MB']:.0f} | {run['store_MB']:.0f} |")
    lines += ["", "Peak RSS is the largest single process (getrusage of the children); with --jobs 2 the "
              "main process and each worker are counted apart.", ""]
    split = result.get("stage_split")
    if split:
        lines += [f"## Where ingest time goes (serial, {split['articles']} articles, "
                  f"{1000 * split['total_s'] / split['articles']:.0f} ms per article)", "",
                  "| stage | ms/article | share |", "|---|---:|---:|"]
        for stage, v in split["stages"].items():
            lines.append(f"| {stage} | {v['ms_per_article']:.1f} | {100 * v['share']:.0f}% |")
        lines.append("")
    lines += ["## Query latency (embedded Oxigraph on disk vs rdflib Dataset in memory, same N-Quads)", "",
              "| size | triples | query | rows | oxigraph p50 ms | p95 ms | rdflib rows | rdflib p50 ms | p95 ms | ratio (p50) |",
              "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for size in result["sizes"]:
        rdf = size.get("rdflib", {})
        for name, ox in size["queries"].items():
            base = rdf.get(name)
            if base and "skipped" in base:
                tail = (f"skipped ({base['skipped']}) | | | > {1000 * result.get('rdflib_limit', 60) / max(ox['p50_ms'], 1e-6):.0f}× |")
            elif base:
                tail = (f"{base['rows']} | {base['p50_ms']:.1f} | {base['p95_ms']:.1f} | "
                        f"{_ratio(base['p50_ms'] / max(ox['p50_ms'], 1e-6))} |")
            elif "skipped" in rdf:
                tail = "| skipped | | |"
            else:
                tail = "| not run | | |"  # outside the baseline's set (RDFLIB_QUERIES)
            lines.append(f"| {size['label']} | {size['triples']:,} | {name} | {ox['rows']} | {ox['p50_ms']:.2f} | "
                         f"{ox['p95_ms']:.2f} | {tail}")
        if "load" in rdf:
            lines.append(f"| {size['label']} | | *rdflib load (ms)* | | | | | {1000 * rdf['load']['seconds']:.0f} | | |")
        if "skipped" in rdf:
            lines.append(f"| {size['label']} | | *rdflib: {rdf['skipped']}* | | | | | | | |")
    lines += ["", "Ratio = rdflib p50 / Oxigraph p50 (how many times faster the embedded store is).",
              f"Queries: the library's (queries/*.rq, defaults bound), through `library.run`; `search` is answered by "
              f"the search index beside the store, `search_sparql` is the same query through SPARQL. Parameters: "
              f"directive {SYMBOL}; org_subtree and directive_coverage of {ROOT_ORG}; ancestors of the first company "
              f"union (by IRI) with two levels above it; officials of the organisation with the most posts; the person "
              f"with the most posts; search text \"{SEARCH_TEXT}\". These hubs are each query's worst case: "
              f"`<query>@typical` times the same query over a fixed sample of ordinary entities instead (every n-th, "
              f"by IRI, of those it has rows for; p50 and p95 over the sample, its first entity's rows shown).", ""]
    lines += pages_section(result)
    return "\n".join(lines)


def pages_section(result: dict) -> list[str]:
    """The UI page latency measured at one size (benchmarks/pages.py on that size's store)."""
    lines: list[str] = []
    for size in result["sizes"]:
        pages = size.get("pages")
        if not pages:
            continue
        slow = sum(1 for r in pages["results"] if not r["ok"])
        lines += [f"## UI page latency at {size['label']} ({size['triples']:,} triples)", "",
                  f"`benchmarks/pages.py` on the same store, opened read-only as `unionkg serve` does: "
                  f"{pages['requests']} requests per page over HTTP after one warm-up, one client; "
                  f"{len(pages['results']) - slow}/{len(pages['results'])} pages with p95 under 300 ms. The pages "
                  "have no rdflib baseline: the web UI runs on a SPARQL store, not on rdflib.", "",
                  "| page | path | p50 ms | p95 ms |", "|---|---|---:|---:|"]
        for r in pages["results"]:
            timing = (f"{r['p50_ms']} | {r['p95_ms']}" if not r.get("timed_out")
                      else f"> {pages['timeout_s'] * 1000} | (timed out)")
            lines.append(f"| {r['page']} | `{r['path'][:60]}` | {timing} |")
        lines.append("")
    return lines


def _ratio(value: float) -> str:
    """A speed-up as "12×", or "0.16×" when the baseline is the faster."""
    return f"{value:.0f}×" if value >= 1 else f"{value:.2f}×"


