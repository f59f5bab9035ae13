"""htmldate suite: publication dates on ../shared/benchmarks/htmldate-dev (500 real HTML pages).

Each page is cleaned by the project as an ingested page with its URL would be; its `published`
is right when its first 10 characters equal the gold date, else wrong, or null. Pages whose gold
is null (the page states no date) count as `no_date_null` when the project gives none. Pages the
cleaner rejects count as `failed` (and as null). With `reference` (scripts/evaluate.py asks for
it unless --no-reference), htmldate 1.11.0 alone, fast and extensive, is scored the same way.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import Skipped


def _project(item: tuple[str, str]) -> tuple[str | None, str | None]:
    from .pages import clean_or_reason

    path, url = item
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return None, f"unreadable page: {exc}"
    article, reason = clean_or_reason(url, raw)
    return (article.published if article else None), reason


def _htmldate(item: tuple[str, str, bool]) -> tuple[str | None, str | None]:
    from htmldate import find_date

    path, url, extensive = item
    try:
        # As htmldate's own evaluation calls it: the first publication date, not the last edit.
        return find_date(Path(path).read_bytes(), url=url, extensive_search=extensive, original_date=True), None
    except Exception as exc:  # noqa: BLE001
        return None, f"{type(exc).__name__}: {exc}"


def _count(gold: dict[str, dict], names: list[str], found: list[tuple[str | None, str | None]]) -> tuple[dict, list[str]]:
    figures = {"right": 0, "wrong": 0, "null": 0, "no_date_null": 0, "no_date_pages": 0, "failed": 0}
    misses: list[str] = []
    for name, (value, reason) in zip(names, found):
        want = gold[name]["date"]
        got = value[:10] if value else None
        if reason:
            figures["failed"] += 1
        if want is None:
            figures["no_date_pages"] += 1
            figures["no_date_null"] += got is None
            if got is not None:
                misses.append(f"{name}\tgold none\tgot {value}\t{gold[name]['url']}")
            continue
        key = "null" if got is None else "right" if got == want else "wrong"
        figures[key] += 1
        if key != "right":
            misses.append(f"{name}\t{key}\tgold {want}\tgot {value}\t{reason or ''}\t{gold[name]['url']}")
    return figures, misses


def run(shared: Path, misses: bool = False, reference: bool = False, **_: object) -> dict:
    """{row: {right, wrong, null, no_date_null, no_date_pages, failed}} for the project and htmldate."""
    root = shared / "benchmarks" / "htmldate-dev"
    if not (root / "gold.json").is_file():
        raise Skipped(f"{root / 'gold.json'} not found")
    from .pages import pool_map

    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    names = sorted(gold)
    items = [(str(root / "pages" / n), gold[n]["url"]) for n in names]
    out: dict[str, dict] = {}
    figures, listed = _count(gold, names, pool_map(_project, items))
    out["project"] = figures
    if misses:
        print("--- htmldate misses (project) ---\n" + "\n".join(listed), file=sys.stderr)
    if reference:
        for label, extensive in (("htmldate fast", False), ("htmldate extensive", True)):
            found = pool_map(_htmldate, [(p, u, extensive) for p, u in items])
            out[label] = _count(gold, names, found)[0]
    return out
