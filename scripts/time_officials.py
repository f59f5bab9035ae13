#!/usr/bin/env python3
"""Time the officials stage (find_officials) per article, apart from spaCy's parse.

Pages: the seed corpus in corpus/ (default), or any corpus folder given. Each page is cleaned
and parsed once (with the build's model, entity ruler included); then the officials stage runs
--repeat times over all pages and the best round is reported, so other tenants of this shared
machine disturb the figure as little as possible. Also prints what the KB entity ruler costs
in the parse (its own call, CPU time). Target: officials <= 6 ms/article.

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
        start = time.process_time()  # CPU time: other tenants of the machine count less
        for (page, clean), doc in zip(pages, docs):
            find_officials(clean.body, doc, clean.captions, clean.authors, get(page.entry.outlet).home_country,
                           clean.published)
        rounds.append(time.process_time() - start)
    officials_ms = min(rounds) / len(pages) * 1000
    # What the KB entity ruler adds to the parse: its own call on copies of the parsed docs (it
    # runs after the NER and leaves the NER's work unchanged), CPU time, best of 8.
    from spacy.tokens import Doc

    ruler = nlp.get_pipe("kb_names")
    ruler_ms = 1e9
    for _ in range(8):
        copies = [Doc(d.vocab).from_bytes(d.to_bytes()) for d in docs]
        start = time.process_time()
        for doc in copies:
            ruler(doc)
        ruler_ms = min(ruler_ms, (time.process_time() - start) / len(copies) * 1000)
    parse_ms = 1e9
    for _ in range(2):
        start = time.process_time()
        list(nlp.pipe(bodies))
        parse_ms = min(parse_ms, (time.process_time() - start) / len(bodies) * 1000)
    print(f"pages: {len(pages)} from {args.corpus}")
    print(f"officials stage: {officials_ms:.2f} ms/article (CPU, best of {args.repeat}; target <= 6)")
    print(f"KB entity ruler: {ruler_ms:.2f} ms/article of a {parse_ms:.0f} ms/article parse (CPU time)")


if __name__ == "__main__":
    main()
