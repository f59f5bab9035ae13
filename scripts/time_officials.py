#!/usr/bin/env python3
"""Time the officials stage (find_officials) per article, apart from spaCy's parse.

Pages: the seed corpus in corpus/ (default), or any corpus folder given. Each page is cleaned
and parsed once (with the build's model, entity ruler included); then the officials stage runs
--repeat times over all pages and the best round is reported, so other tenants of this shared
machine disturb the figure as little as possible. Also prints what the KB entity ruler costs
in the parse (parse with and without it, same pages). Target: officials <= 6 ms/article.

usage: .venv/bin/python scripts/time_officials.py [CORPUS] [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from gsomia_news.clean import clean_page  # noqa: E402
from gsomia_news.extract.nlp import load_nlp  # noqa: E402
from gsomia_news.extract.officials import find_officials  # noqa: E402
from gsomia_news.profiles import get  # noqa: E402
from gsomia_news.store.corpus import read_latest, scan  # noqa: E402


def main() -> None:
    """Print ms/article of the officials stage and of the parse with and without the KB ruler."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=REPO / "corpus")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    found = scan(args.corpus)
    pages = []
    for ref in found.pages:
        page, _ = read_latest(args.corpus, ref)
        if page is not None:
            pages.append((page, clean_page(page.entry, page.raw)))
    if not pages:
        raise SystemExit(f"no pages in {args.corpus}")
    nlp = load_nlp()
    bodies = [clean.body for _, clean in pages]
    docs = list(nlp.pipe(bodies))
    find_officials(pages[0][1].body, docs[0], [], [], None)  # load the lexicon and KB first
    rounds = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for (page, clean), doc in zip(pages, docs):
            find_officials(clean.body, doc, clean.captions, clean.authors, get(page.entry.outlet).home_country,
                           clean.published)
        rounds.append(time.perf_counter() - start)
    officials_ms = min(rounds) / len(pages) * 1000
    parse = {}
    for label, disabled in (("with KB ruler", []), ("without", ["kb_names"]), ("with KB ruler", []), ("without", ["kb_names"])):
        with nlp.select_pipes(disable=disabled):
            start = time.perf_counter()
            list(nlp.pipe(bodies * 3))
            parse[label] = min(parse.get(label, 1e9), (time.perf_counter() - start) / (3 * len(bodies)) * 1000)
    print(f"pages: {len(pages)} from {args.corpus}")
    print(f"officials stage: {officials_ms:.2f} ms/article (best of {args.repeat}; target <= 6)")
    print(f"parse: {parse['with KB ruler']:.1f} ms/article with the KB entity ruler, {parse['without']:.1f} without")


if __name__ == "__main__":
    main()
