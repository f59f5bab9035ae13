"""te3 suite: DATE timexes of a folder of TimeML files, scored with the TempEval-3 definitions.

The default folder is ../shared/benchmarks/te3-tbaq (TempEval-3's TBAQ-cleaned training set).
Each document's TEXT is run through the project's own spaCy model and date extractor, with the
document's DCT as the publication date. Line breaks inside a paragraph (the corpus wraps its
lines) become spaces first, as the cleaner's bodies have none; offsets are unchanged.

Scoring (UzZaman et al. 2013), over gold TIMEX3 type=DATE in TEXT:
  relaxed   a system mention and a gold DATE match when their spans overlap; precision is the
            share of system mentions that overlap a gold DATE, recall the share of gold DATEs
            that some system mention overlaps; a system mention that overlaps no gold DATE but
            a TIME, DURATION or SET gold is left out of precision (it is not a DATE error);
  strict    the same with identical spans;
  value     accuracy over the relaxed matches (each gold paired with the system mention that
            overlaps it most; values with a time of day compared on the date part); value F1 =
            value accuracy x relaxed F1.
Two columns, one per profile of the extractor (gsomia_news.extract.dates): `timeml` lists what
TimeML tags as DATE (with PRESENT_REF / PAST_REF / FUTURE_REF, offsets such as "a year earlier",
weekends as -WE, TimeML's extents); `dataset` is what articles.jsonl lists (calendar dates only,
the devset's rules).

Two halves, so that a change fitted to the corpus shows: the documents split by document id
(`half`: CRC-32 of the id even -> "A", odd -> "B"; 132 and 124 of te3-tbaq's 256). Work on the
date rules reads the misses of half A only (`--misses` marks each miss with its half) and checks
that half B, whose misses it does not read, does not drop. Columns `timeml A`, `timeml B`,
`dataset A`, `dataset B` give each profile's figures per half.
"""

from __future__ import annotations

import re
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from . import Skipped
from .timeml import TimeMLDoc, Timex, read_folder

_WRAP = re.compile(r"(?<!\n)\n(?!\n)")


@dataclass(frozen=True)
class SysMention:
    """What the scorer needs of a system date mention."""

    start: int
    end: int
    value: str | None
    text: str = ""


@dataclass
class Counts:
    """Running counts over documents."""

    sys_counted: int = 0
    sys_relaxed: int = 0
    sys_strict: int = 0
    gold: int = 0
    gold_relaxed: int = 0
    gold_strict: int = 0
    value_ok: int = 0
    misses: list[str] = field(default_factory=list)


def half(docid: str) -> str:
    """The half of the corpus a document belongs to: "A" (developed on) or "B" (checked)."""
    return "A" if zlib.crc32(docid.encode("utf-8")) % 2 == 0 else "B"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def date_part(value: str | None) -> str | None:
    """A TimeML value with any time of day cut off ("1998-01-08TEV" -> "1998-01-08")."""
    return value.split("T", 1)[0] if value and "T" in value and value[:1].isdigit() else value


def score_doc(doc: TimeMLDoc, mentions: list[SysMention], counts: Counts, misses: bool = False) -> None:
    """Add one document's figures to `counts`."""
    gold = [t for t in doc.timexes if t.type == "DATE"]
    others = [t for t in doc.timexes if t.type != "DATE"]
    counts.gold += len(gold)
    for m in mentions:
        span = (m.start, m.end)
        hits = [g for g in gold if _overlap(span, (g.start, g.end)) > 0]
        if not hits and any(_overlap(span, (o.start, o.end)) > 0 for o in others):
            continue  # a TIME / DURATION / SET gold: not counted against precision
        counts.sys_counted += 1
        if hits:
            counts.sys_relaxed += 1
            counts.sys_strict += any((g.start, g.end) == span for g in hits)
        elif misses:
            counts.misses.append(f"{doc.docid}: spurious {m.text!r}={m.value}")
    for g in gold:
        span = (g.start, g.end)
        over = [(m, _overlap(span, (m.start, m.end))) for m in mentions]
        over = [(m, n) for m, n in over if n > 0]
        if not over:
            if misses:
                counts.misses.append(f"{doc.docid}: missed {doc.text[g.start:g.end]!r}={g.value} (dct {doc.dct})")
            continue
        counts.gold_relaxed += 1
        counts.gold_strict += any((m.start, m.end) == span for m, _ in over)
        best = max(over, key=lambda mn: mn[1])[0]
        if date_part(best.value) == date_part(g.value):
            counts.value_ok += 1
        elif misses:
            counts.misses.append(f"{doc.docid}: value {best.text!r}={best.value} vs gold "
                                 f"{doc.text[g.start:g.end]!r}={g.value} (dct {doc.dct})")


def _prf(tp_sys: int, n_sys: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_sys / n_sys if n_sys else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def figures(counts: Counts) -> dict:
    """Relaxed P/R/F1, strict F1, value accuracy and value F1 from the counts."""
    relaxed = _prf(counts.sys_relaxed, counts.sys_counted, counts.gold_relaxed, counts.gold)
    strict = _prf(counts.sys_strict, counts.sys_counted, counts.gold_strict, counts.gold)
    accuracy = counts.value_ok / counts.gold_relaxed if counts.gold_relaxed else 0.0
    return {
        "relaxed_prf": [round(x, 3) for x in relaxed],
        "strict_f1": round(strict[2], 3),
        "value_acc": round(accuracy, 3),
        "value_f1": round(accuracy * relaxed[2], 3),
        "gold": counts.gold,
        "system": counts.sys_counted,
    }


def system_mentions(docs: list[TimeMLDoc]) -> dict[str, list[list[SysMention]]]:
    """The project's date mentions of each document's TEXT, anchored to its DCT, per profile."""
    from gsomia_news.extract.dates import DATASET, TIMEML, find_dates
    from gsomia_news.extract.nlp import load_nlp

    nlp = load_nlp()
    texts = [_WRAP.sub(" ", d.text) for d in docs]
    out: dict[str, list[list[SysMention]]] = {"timeml": [], "dataset": []}
    for doc, text, parsed in zip(docs, texts, nlp.pipe(texts, batch_size=16)):
        for profile, options in (("timeml", TIMEML), ("dataset", DATASET)):
            found = find_dates(text, doc.dct, parsed, options)
            out[profile].append([SysMention(m.start, m.end, m.value, m.text) for m in found])
    return out


def run(shared: Path, misses: bool = False, folder: Path | None = None, **_: object) -> dict:
    """Figures for a TimeML folder (default shared/benchmarks/te3-tbaq): {'timeml': ..., 'dataset': ...}."""
    folder = folder or shared / "benchmarks" / "te3-tbaq"
    if not folder.is_dir():
        raise Skipped(f"{folder} not found")
    docs = read_folder(folder)
    if not docs:
        raise Skipped(f"no .tml files in {folder}")
    found = system_mentions(docs)
    counts = {column: Counts() for profile in found for column in (profile, f"{profile} A", f"{profile} B")}
    for profile, per_doc in found.items():
        for doc, mentions in zip(docs, per_doc):
            part = half(doc.docid)
            score_doc(doc, mentions, counts[profile])
            score_doc(doc, mentions, counts[f"{profile} {part}"], misses and profile == "timeml")
    if misses:
        listed = [f"[{h}] {line}" for h in "AB" for line in counts[f"timeml {h}"].misses]
        print(f"--- te3 misses, timeml profile ({folder}), half A then B ---\n" + "\n".join(listed), file=sys.stderr)
    return {column: figures(c) for column, c in counts.items()}


__all__ = ["Counts", "SysMention", "Timex", "date_part", "figures", "half", "run", "score_doc"]
