#!/usr/bin/env python3
"""Evaluate the pipeline on the real pages in ../shared and print one table.

Suites (each a module in scripts/evaluation/, run when its data is present):
  devset    ../shared/devset: the 35 GSOMIA captures, scored per subset (seeds, home, other)
            by the devset's own run.sh/score.py through this project's CLI;
  htmldate  ../shared/benchmarks/htmldate-dev: publication dates on 500 real HTML pages
            (right / wrong / null, as htmldate's own evaluation counts them), with htmldate
            1.11.0 alone (fast and extensive mode) as reference rows;
  aeb       ../shared/benchmarks/aeb: article bodies on 181 real HTML pages
            (4-word-shingle precision / recall / F1, pages lost), with trafilatura 2.3.1 alone
            (favor_precision and default) as reference rows;
  te3       ../shared/benchmarks/te3-tbaq (or any folder of TimeML .tml files): DATE timexes,
            relaxed P/R/F1, strict F1, value F1 (TempEval-3 definitions).

Usage:
  .venv/bin/python scripts/evaluate.py [SUITE ...] [--shared DIR] [--json] [--misses] [--no-reference]
  .venv/bin/python scripts/evaluate.py te3 [DIR]
With no suite, every suite whose data is present runs. `--shared` (or $GSOMIA_SHARED) points
at the shared folder; the default is ../shared next to the project. A suite whose data is
absent prints the reason and is skipped. tests/test_eval_gate.py pins minimum figures
(tests/gold/gates/<suite>.json) that are raised, never lowered; it runs without reference rows.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from evaluation import SUITES, Skipped  # noqa: E402


def default_shared() -> Path:
    """The shared data folder: $GSOMIA_SHARED, else ../shared next to the project."""
    return Path(os.environ.get("GSOMIA_SHARED") or REPO.parent / "shared")


def main(argv: list[str] | None = None) -> int:
    """Run the chosen suites and print their figures (a table, or JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("suites", nargs="*", metavar="SUITE",
                        help=f"any of {', '.join(SUITES)} (default: all); 'te3 DIR' scores a TimeML folder")
    parser.add_argument("--shared", type=Path, default=None, help="shared data folder (default: ../shared)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument("--misses", action="store_true", help="also print every miss the suite lists")
    parser.add_argument("--no-reference", action="store_true",
                        help="skip the reference rows (htmldate alone, trafilatura alone) of the HTML suites")
    args = parser.parse_args(argv)
    shared = args.shared or default_shared()
    names, te3_dir = list(args.suites), None
    if len(names) == 2 and names[0] == "te3" and names[1] not in SUITES:
        te3_dir = Path(names.pop())
    unknown = [n for n in names if n not in SUITES]
    if unknown:
        parser.error(f"unknown suite(s): {', '.join(unknown)}")
    results: dict[str, dict] = {}
    for name in names or list(SUITES):
        try:
            results[name] = SUITES[name](shared, misses=args.misses, folder=te3_dir if name == "te3" else None,
                                         reference=not args.no_reference)
        except Skipped as why:
            print(f"{name}: skipped: {why}", file=sys.stderr)
    if args.json:
        print(json.dumps(results, indent=2, sort_keys=True))
    else:
        for name, figures in results.items():
            print(f"\n## {name}\n{table(figures)}")
    return 0


def table(figures: dict) -> str:
    """Figures as text: a metric x column table when every value is a dict of metrics."""
    if figures and all(isinstance(v, dict) for v in figures.values()):
        columns = list(figures)
        metrics = list(dict.fromkeys(k for v in figures.values() for k in v))
        rows = [[m, *(_fmt(figures[c].get(m, "")) for c in columns)] for m in metrics]
        width = max(len(m) for m in metrics) + 2
        cell = 2 + max(len(x) for x in [*columns, *(v for r in rows for v in r[1:])])
        lines = ["".ljust(width) + "".join(c.rjust(cell) for c in columns)]
        lines += [r[0].ljust(width) + "".join(v.rjust(cell) for v in r[1:]) for r in rows]
        return "\n".join(lines)
    width = max((len(k) for k in figures), default=0) + 2
    return "\n".join(f"{k.ljust(width)}{_fmt(v)}" for k, v in figures.items())


def _fmt(value: object) -> str:
    if isinstance(value, list | tuple):
        return " / ".join(_fmt(v) for v in value)
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


if __name__ == "__main__":
    sys.exit(main())
