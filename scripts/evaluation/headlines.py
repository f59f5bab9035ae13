"""headlines suite: text captures rebuilt from real article pages, is their headline picked?

The aeb benchmark's 181 real pages give real headline/story pairs: the headline the project
reads from each page's HTML (its profile selectors, <h1>, og:title) and the page's ground-truth
body. Each pair becomes a text capture "headline, then the body's lines" and goes through the
text-capture cleaner, as `gsomia-news ingest` of a saved page would. Counted: captures whose
headline is picked back (`kept`), picked as none (`none`), or replaced by another line
(`other`); and captures that lose the first 80 characters of the body (`body_lost`). The
headline reference is the project's own HTML reading, so this checks the text path's choice
among real headline-shaped lines (news sites, blogs, Korean and Japanese pages), not the HTML
path. Pages whose HTML gives no headline are left out.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

from . import Skipped


def _pair(item: tuple[str, str, str]) -> tuple[str, str | None, str, str]:
    path, url, body = item
    from .pages import clean_or_reason, ingested_entry
    from gsomia_news.clean import clean_page

    html, _ = clean_or_reason(url, gzip.decompress(Path(path).read_bytes()))
    if html is None or not html.title:
        return "skip", None, "", ""
    capture = (html.title + "\n" + body).encode("utf-8")
    try:
        text = clean_page(ingested_entry(url, capture), capture)
    except Exception:  # noqa: BLE001 - a failing capture is counted, never fatal
        return "other", html.title, "(no article)", ""
    first = re.sub(r"\s+", " ", body).strip()[:80]
    kept_body = first in re.sub(r"\s+", " ", text.body)
    if text.title == html.title:
        return ("kept" if kept_body else "kept-body-lost"), html.title, text.title, ""
    return ("none" if text.title is None else "other") + ("" if kept_body else "-body-lost"), html.title, text.title or "", ""


def run(shared: Path, misses: bool = False, **_: object) -> dict:
    """{project: {pairs, kept, none, other, body_lost}}."""
    root = shared / "benchmarks" / "aeb"
    if not (root / "ground-truth.json").is_file():
        raise Skipped(f"{root / 'ground-truth.json'} not found")
    from .pages import pool_map

    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    items = [(str(root / "html" / f"{k}.html.gz"), truth[k]["url"], truth[k]["articleBody"]) for k in sorted(truth)]
    results = [r for r in pool_map(_pair, items) if r[0] != "skip"]
    kinds = [r[0] for r in results]
    figures = {
        "pairs": len(results),
        "kept": sum(k.startswith("kept") for k in kinds),
        "none": sum(k.startswith("none") for k in kinds),
        "other": sum(k.startswith("other") for k in kinds),
        "body_lost": sum(k.endswith("body-lost") for k in kinds),
    }
    if misses:
        listed = [f"{k}: {want!r} -> {got!r}" for k, want, got, _ in results if k != "kept"]
        print("--- headlines misses ---\n" + "\n".join(listed), file=sys.stderr)
    return {"project": figures}
