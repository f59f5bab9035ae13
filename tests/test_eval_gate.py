"""Quality gate on real pages: scripts/evaluate.py's figures against pinned minimums.

Each suite's minimums are in tests/gold/gates/<suite>.json; they are raised when the pipeline
improves and never lowered. A suite whose data (../shared, or $GSOMIA_SHARED) is absent is
skipped with the reason. Maxima (e.g. wrong dates) are written as {"max": N}.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
sys.path.insert(0, str(SCRIPTS))

from evaluate import default_shared  # noqa: E402
from evaluation import SUITES, Skipped  # noqa: E402

GATES = Path(__file__).parent / "gold" / "gates"


def _check(where: str, got: object, want: object, problems: list[str]) -> None:
    if isinstance(want, dict) and set(want) == {"max"}:
        if not isinstance(got, int | float) or got > want["max"]:
            problems.append(f"{where}: {got} > max {want['max']}")
    elif isinstance(want, dict):
        for key, value in want.items():
            if not key.startswith("_"):
                _check(f"{where}.{key}", (got or {}).get(key) if isinstance(got, dict) else None, value, problems)
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            problems.append(f"{where}: {got} is not like {want}")
        else:
            for i, (g, w) in enumerate(zip(got, want)):
                _check(f"{where}[{i}]", g, w, problems)
    elif not isinstance(got, int | float) or got < want:  # type: ignore[operator]
        problems.append(f"{where}: {got} < gate {want}")


@pytest.mark.parametrize("suite", sorted(p.stem for p in GATES.glob("*.json")))
def test_suite_meets_its_gate(suite: str) -> None:
    try:
        figures = SUITES[suite](default_shared())
    except Skipped as why:
        pytest.skip(f"{suite}: {why}")
    problems: list[str] = []
    _check(suite, figures, json.loads((GATES / f"{suite}.json").read_text(encoding="utf-8")), problems)
    assert not problems, "\n".join(problems)


def test_gate_checker_catches_a_drop() -> None:
    problems: list[str] = []
    _check("s", {"a": 0.5, "p": [0.9, 0.7], "wrong": 20}, {"a": 0.6, "p": [0.9, 0.8], "wrong": {"max": 15}}, problems)
    assert problems == ["s.a: 0.5 < gate 0.6", "s.p[1]: 0.7 < gate 0.8", "s.wrong: 20 > max 15"]
