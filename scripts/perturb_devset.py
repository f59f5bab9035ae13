#!/usr/bin/env python3
"""Perturb every devset capture the ways held-out pages differ, and score each perturbation.

Each perturbation edits all 35 captures of ../shared/devset (and their gold: a line it adds is
boilerplate the cleaner must remove), the pages are extracted in-process with this checkout's
code (`gsomia_news.extract`, as a build does), and the devset's own score.py scores them. The
perturbations follow the failure classes of the team's overfit review: lines added above the
headline (a trending list, a tagline, a ticker, a share/font block), furniture added in or after
the story (an ad slot, a newsletter prompt, a "Read more:" teaser, a photo credit line, a
"RELATED ARTICLES" or "MOST POPULAR" list, a wire credit, "With wire reports"), a wire's
signature closing a story paragraph, text hard-wrapped at 78 or 68 columns, a two-word headline,
and layout changes that should not matter (no blank lines, CRLF, non-breaking spaces, the
headline printed once).

Usage: .venv/bin/python scripts/perturb_devset.py [--misses] [NAME ...] [--shared DIR]
Prints one Markdown table row per perturbation. Takes about 2 minutes for all on 2 cores.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import re
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

Case = tuple[str, str, str, dict]  # (id, text, url, gold)
Perturbation = Callable[[str, dict], tuple[str, dict]]


def _at(lines: list[str], fragment: str) -> int | None:
    fragment = fragment[:40]
    return next((i for i, line in enumerate(lines) if fragment and fragment in line), None)


def _headline_rows(lines: list[str], gold: dict) -> list[int]:
    title = (gold.get("title") or "").strip()
    return [i for i, line in enumerate(lines) if title and line.strip() == title]


def _insert(where: str, extra: list[str], boilerplate: bool = True) -> Perturbation:
    """Insert `extra` lines above the headline, after the first or last story line, or before the first."""
    def apply(text: str, gold: dict) -> tuple[str, dict]:
        lines = text.split("\n")
        if where == "above-headline":
            rows = _headline_rows(lines, gold)
            at = rows[0] if rows else 0
        elif where == "below-headline":
            rows = _headline_rows(lines, gold)
            at = rows[-1] + 1 if rows else 0
        elif where == "top":
            at = 0
        else:
            row = _at(lines, gold["body_first" if where in ("after-first", "before-first") else "body_last"])
            if row is None:
                return text, gold
            at = row if where == "before-first" else row + 1
        lines[at:at] = extra
        if boilerplate:
            gold["boilerplate"] = gold["boilerplate"] + extra
        return "\n".join(lines), gold
    return apply


def _wrap(width: int) -> Perturbation:
    def apply(text: str, gold: dict) -> tuple[str, dict]:
        out: list[str] = []
        for line in text.split("\n"):
            out += textwrap.wrap(line, width) if len(line) > width else [line]
        return "\n".join(out), gold
    return apply


def _once(text: str, gold: dict) -> tuple[str, dict]:
    lines = text.split("\n")
    for i in reversed(_headline_rows(lines, gold)[1:]):
        del lines[i]
    return "\n".join(lines), gold


def _signed(where: str, credit: str) -> Perturbation:
    """A story paragraph closed by its wire's credit: the sentence stays story."""
    def apply(text: str, gold: dict) -> tuple[str, dict]:
        lines = text.split("\n")
        row = _at(lines, gold["body_first" if where == "first" else "body_last"])
        if row is None or not re.search(r"[.!?\"”’]$", lines[row]):
            return text, gold
        lines[row] += " " + credit
        return "\n".join(lines), gold
    return apply


def _short_headline(text: str, gold: dict) -> tuple[str, dict]:
    """The headline replaced by a two-word one, printed twice."""
    title = (gold.get("title") or "").strip()
    lines = text.split("\n")
    rows = _headline_rows(lines, gold)
    if not rows:
        return text, gold
    for i in rows:
        lines[i] = "Pact dilemma"
    if len(rows) == 1:
        lines.insert(rows[0], "Pact dilemma")
    gold["title"] = "Pact dilemma"
    gold["boilerplate"] = [b for b in gold["boilerplate"] if b.strip() != title]
    return "\n".join(lines), gold


PERTURBATIONS: dict[str, Perturbation] = {
    "none": lambda text, gold: (text, gold),
    "trending": _insert("above-headline", ["Trending Now", "Pop star to begin military service next spring",
                                           "Carmaker unveils electric van for city deliveries"]),
    "tagline-top": _insert("top", ["Asia's trusted voice in English since 1965"]),
    "tagline-above": _insert("above-headline", ["The paper of record for readers across the region"]),
    "ticker": _insert("above-headline", ["BREAKING NEWS: Stock exchange halts trading after power cut"]),
    "share-block": _insert("below-headline", ["Share on Facebook", "Share on X (Twitter)", "Copy URL",
                                              "Print this article", "Font size", "A A A"]),
    "advert": _insert("after-first", ["Advertisement"]),
    "advert-before": _insert("before-first", ["ADVERTISEMENT"]),
    "font-before": _insert("before-first", ["Font size", "A A A"]),
    "newsletter": _insert("after-first", ["Sign up for our daily newsletter to get the top stories delivered to your inbox."]),
    "read-more": _insert("after-first", ["Read more: Navy chiefs to meet in Busan next week"]),
    "photo-credit": _insert("before-first", ["[Photo by Yonhap]"]),
    "related-caps": _insert("after-last", ["RELATED ARTICLES", "Envoys discuss export curbs in Geneva",
                                           "Navy chiefs to meet in Busan next week"]),
    "popular-caps": _insert("after-last", ["MOST POPULAR", "Film festival opens in Busan",
                                           "Currency slides against the dollar"]),
    "dash-credit": _insert("after-last", ["― Yonhap"]),
    "wire-reports": _insert("after-last", ["With wire reports"]),
    "email-prompt": _insert("after-last", ["Get the latest news delivered to your inbox every morning.",
                                           "Email address", "Sign up"]),
    "signed-last": _signed("last", "(Yonhap)"),
    "signed-first": _signed("first", "Yonhap"),
    "wrap78": _wrap(78),
    "wrap68": _wrap(68),
    "short-headline": _short_headline,
    "noblank": lambda text, gold: ("\n".join(line for line in text.split("\n") if line.strip()), gold),
    "crlf": lambda text, gold: (text.replace("\n", "\r\n"), gold),
    "nbsp": lambda text, gold: (text.replace(" ", "\u00a0", 40), gold),
    "once": _once,
}
COLUMNS = [("headline_acc", "headline"), ("boilerplate_removed", "boilerplate"), ("body_kept", "body"),
           ("published_acc", "published"), ("authors_acc", "authors"), ("officials_prf", "officials F1"),
           ("dates_prf", "dates F1"), ("title_acc", "titles"), ("country_acc", "country")]


def load(devset: Path) -> list[Case]:
    """The devset's captures with their URL and gold."""
    cases = []
    for meta in sorted((devset / "captures").glob("*.json")):
        case = meta.stem
        cases.append((case, (devset / "captures" / f"{case}.txt").read_text(encoding="utf-8"),
                      json.loads(meta.read_text())["url"], json.loads((devset / "gold" / f"{case}.json").read_text())))
    return cases


def main(argv: list[str] | None = None) -> int:
    """Score the named perturbations (default: all) and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help=f"any of {', '.join(PERTURBATIONS)}")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--misses", action="store_true", help="print every disagreement under its row")
    args = parser.parse_args(argv)
    devset = args.shared / "devset"
    if not (devset / "score.py").exists():
        print(f"no devset at {devset}", file=sys.stderr)
        return 2
    unknown = [n for n in args.names if n not in PERTURBATIONS]
    if unknown:
        parser.error(f"unknown perturbation(s): {', '.join(unknown)}")
    spec = importlib.util.spec_from_file_location("devset_score", devset / "score.py")
    scorer = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(scorer)  # type: ignore[union-attr]
    import gsomia_news
    from gsomia_news.errors import CleanError

    cases = load(devset)
    print("| perturbation | " + " | ".join(label for _, label in COLUMNS) + " | lost |")
    print("|---" * (len(COLUMNS) + 2) + "|")
    for name in args.names or list(PERTURBATIONS):
        articles, golds, lost = [], [], 0
        for _, text, url, gold in cases:
            text2, gold2 = PERTURBATIONS[name](text, copy.deepcopy(gold))
            golds.append(gold2)
            try:
                articles.append(gsomia_news.extract(text2, url, obtained_at="2024-06-01T00:00:00Z").model_dump(mode="json"))
            except CleanError:
                lost += 1
        figures, misses = scorer.score(articles, golds)
        cells = [f"{v[2]:.3f}" if isinstance(v, (list, tuple)) else "-" if v is None else f"{v:.3f}"
                 for v in (figures[key] for key, _ in COLUMNS)]
        print(f"| {name} | " + " | ".join(cells) + f" | {lost} |", flush=True)
        if args.misses:
            for miss in misses:
                print(f"    {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
