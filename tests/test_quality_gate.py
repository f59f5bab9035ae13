"""Quality gate on the seeds: officials' title, org, country and mentions against the gold.

Minimum scores live in tests/gold/gate.json. They may be raised when the pipeline improves,
never lowered. Titles are compared after the spelling equivalences listed below, org names
after dropping a leading country word (the country has its own field).
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import load_gold

GATE = json.loads((Path(__file__).parent / "gold" / "gate.json").read_text(encoding="utf-8"))
SAME_TITLE = {"defense secretary": "secretary of defense"}


def _title(value: str | None) -> str | None:
    if value is None:
        return None
    low = value.lower()
    return SAME_TITLE.get(low, low)


def _org(value: str | None) -> str | None:
    if value is None:
        return None
    for prefix in ("U.S. ", "South Korean ", "Japanese "):
        value = value.removeprefix(prefix)
    return value.lower()


def scores(seed_articles: dict[str, dict]) -> dict[str, float]:
    """Precision/recall of official names, accuracy of title/org/country, recall of surface forms."""
    tp = fp = fn = 0
    title = org = country = matched = 0
    forms_found = forms_total = 0
    for gold in load_gold():
        got = {o["name"]: o for o in seed_articles[gold["url"]]["officials"]}
        want = {o["name"]: o for o in gold["officials"]}
        tp += len(got.keys() & want.keys())
        fp += len(got.keys() - want.keys())
        fn += len(want.keys() - got.keys())
        for name in got.keys() & want.keys():
            g, w = got[name], want[name]
            matched += 1
            title += _title(g["title"]) == _title(w["title"])
            org += _org(g["org"]) == _org(w["org"])
            country += g["country"] == w["country"]
            seen = {m["text"] for m in g["mentions"]}
            forms = {f.removeprefix("Rep. ") for f in w["surface_forms"]}
            forms_found += len(forms & seen)
            forms_total += len(forms)
    return {
        "name_precision": tp / (tp + fp), "name_recall": tp / (tp + fn),
        "title_accuracy": title / matched, "org_accuracy": org / matched,
        "country_accuracy": country / matched, "surface_form_recall": forms_found / forms_total,
    }


def test_officials_quality_gate(seed_articles: dict[str, dict]) -> None:
    got = scores(seed_articles)
    print(json.dumps(got, indent=2))
    for key, minimum in GATE["officials"].items():
        assert got[key] >= minimum, f"{key} {got[key]:.3f} < gate {minimum}"
