"""Extraction speed on one core: unionkg's rule pipeline against underthesea NER on the same text.

    python benchmarks/extraction_speed.py [FOLDER ...] [--seconds 5]

Reads the .txt articles of the folders (default: examples/corpus and ../shared/corpus/seeds when
present), cleans them once, then measures characters per second of `extract_article` and of
`underthesea.ner` (sentence by sentence) within the same run, and prints both and the ratio.
underthesea is optional (`pip install -e '.[bench]'`); without it only our figure is printed.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from unionkg.loaders.clean import clean_document
from unionkg.loaders.extract import extract_article
from unionkg.loaders.model import Article, SourceDocument
from unionkg.loaders.segment import split_sentences

REPO = Path(__file__).resolve().parents[1]


def load_articles(folders: list[Path]) -> list[Article]:
    """Cleaned articles of every .txt file of the folders."""
    articles = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            doc = SourceDocument(source=path.name, origin=str(path), media="text", body=path.read_text(encoding="utf-8"))
            articles.append(clean_document(doc))
    return articles


def throughput(work, articles: list[Article], seconds: float) -> float:
    """Bytes of article text processed per second, repeating the corpus for at least `seconds`."""
    size = sum(len(a.text.encode("utf-8")) for a in articles)
    work(articles[0])  # warm caches and lazy imports outside the clock
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for article in articles:
            work(article)
        done += size
    return done / (time.perf_counter() - start)


def underthesea_work():
    """The baseline: underthesea NER over every sentence, or None when it is not installed."""
    try:
        from underthesea import ner
    except ImportError:
        return None
    return lambda article: [ner(s.text) for s in split_sentences(article.text)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    folders = args.folders or [p for p in (REPO / "examples/corpus", REPO.parent / "shared/corpus/seeds") if p.is_dir()]
    articles = load_articles(folders)
    ours = throughput(extract_article, articles, args.seconds)
    result = {"articles": len(articles), "unionkg_kB_per_s": round(ours / 1000, 1)}
    baseline = underthesea_work()
    if baseline is not None:
        theirs = throughput(baseline, articles, args.seconds)
        result.update(underthesea_kB_per_s=round(theirs / 1000, 1), ratio=round(ours / theirs, 1))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
