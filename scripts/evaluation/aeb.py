"""aeb suite: article bodies on ../shared/benchmarks/aeb (181 real HTML pages, ScrapingHub's
article-extraction benchmark), with the benchmark's own metric.

Each page is cleaned by the project as an ingested page with its URL would be. Tokens are the
`\\w+` runs of a text (case kept); per page the 4-token shingles of the body and of the ground
truth are counted as multisets: tp = shared, fp = extra, fn = missing. Precision is averaged
over the pages with output, recall over all pages (no output = recall 0), F1 is that of the two
means. A page that crashes or gives no body is `lost`. With `reference`, trafilatura 2.3.1 alone
(favor_precision, and its default) is scored the same way.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

from . import Skipped

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """The multiset of n-token shingles of `text` (tokens: \\w+ runs, case kept)."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def page_scores(body: str | None, truth: str) -> tuple[float | None, float]:
    """(precision or None when there is no output, recall) of one page."""
    want = shingles(truth)
    got = shingles(body or "")
    tp = sum((got & want).values())
    precision = tp / sum(got.values()) if got else None
    recall = tp / sum(want.values()) if want else float(not got)
    return precision, recall


def _project(item: tuple[str, str]) -> tuple[str | None, str | None]:
    from .pages import clean_or_reason

    path, url = item
    try:
        raw = gzip.decompress(Path(path).read_bytes())
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        return None, f"unreadable page: {exc}"
    article, reason = clean_or_reason(url, raw)
    return (article.body if article else None), reason


def _trafilatura(item: tuple[str, str, bool]) -> tuple[str | None, str | None]:
    import trafilatura

    path, url, precision = item
    try:
        html = gzip.decompress(Path(path).read_bytes()).decode("utf-8", "replace")
        # As the benchmark's reference figures were made: comments off, everything else default.
        return trafilatura.extract(html, url=url, favor_precision=precision, include_comments=False), None
    except Exception as exc:  # noqa: BLE001
        return None, f"{type(exc).__name__}: {exc}"


def _figures(ids: list[str], truth: dict[str, dict], found: list[tuple[str | None, str | None]]) -> tuple[dict, list[str]]:
    precisions: list[float] = []
    recalls: list[float] = []
    lost: list[str] = []
    rows: list[tuple[float, str]] = []
    for key, (body, reason) in zip(ids, found):
        precision, recall = page_scores(body, truth[key].get("articleBody") or "")
        recalls.append(recall)
        if precision is None:
            lost.append(f"{key}\tlost\t{reason or 'no body'}\t{truth[key].get('url')}")
        else:
            precisions.append(precision)
            rows.append((min(precision, recall), f"{key}\tP {precision:.3f}\tR {recall:.3f}\t{truth[key].get('url')}"))
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    misses = lost + [line for score, line in sorted(rows) if score < 0.9]
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "pages": len(ids),
            "lost": len(lost)}, misses


def run(shared: Path, misses: bool = False, reference: bool = False, **_: object) -> dict:
    """{row: {precision, recall, f1, pages, lost}} for the project (and trafilatura with `reference`)."""
    root = shared / "benchmarks" / "aeb"
    if not (root / "ground-truth.json").is_file():
        raise Skipped(f"{root / 'ground-truth.json'} not found")
    from .pages import pool_map

    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)
    items = [(str(root / "html" / f"{key}.html.gz"), truth[key]["url"]) for key in ids]
    out: dict[str, dict] = {}
    out["project"], listed = _figures(ids, truth, pool_map(_project, items))
    if misses:
        print("--- aeb misses (project: lost, then pages under 0.9) ---\n" + "\n".join(listed), file=sys.stderr)
    if reference:
        for label, precision in (("trafilatura precision", True), ("trafilatura default", False)):
            out[label] = _figures(ids, truth, pool_map(_trafilatura, [(p, u, precision) for p, u in items]))[0]
    return out
