"""The te3 suite's TimeML reader and TempEval-3 scorer, on hand-made TimeML snippets.

The snippets are hand-made: they imitate the structure of TimeBank/AQUAINT .tml files (a DCT
TIMEX3, a TEXT with inline EVENT, SIGNAL and TIMEX3 tags) with sentences written for this test.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from evaluation import Skipped  # noqa: E402
from evaluation.te3 import Counts, SysMention, date_part, figures, half, run, score_doc  # noqa: E402
from evaluation.timeml import TimeMLError, parse_timeml, read_folder  # noqa: E402

# Hand-made, in the shape of a TimeBank document.
SNIPPET = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>HANDMADE-0001</DOCID>
<DCT><TIMEX3 tid="t0" type="TIME" value="2019-11-22T09:30" temporalFunction="false" functionInDocument="CREATION_TIME">2019-11-22 09:30</TIMEX3></DCT>
<TEXT>
Seoul <EVENT eid="e1" class="OCCURRENCE">suspended</EVENT> its decision <TIMEX3 tid="t1" type="DATE" value="2019-11-22">Friday</TIMEX3>,
<SIGNAL sid="s1">after</SIGNAL> <TIMEX3 tid="t2" type="DURATION" value="P3M">three months</TIMEX3> of talks &amp; pressure.
Profit fell in <TIMEX3 tid="t3" type="DATE" value="2019-Q3" mod="END">the third quarter</TIMEX3>
and the market closed <TIMEX3 tid="t4" type="DATE" value="2019-11-21TEV">Thursday evening</TIMEX3>.
It is <TIMEX3 tid="t5" type="DATE" value="PRESENT_REF">now</TIMEX3> quiet.
</TEXT>
</TimeML>
"""


def _mention(doc, text: str, value: str | None) -> SysMention:
    start = doc.text.index(text)
    return SysMention(start, start + len(text), value, text)


def test_reader_gives_text_offsets_dct_and_types() -> None:
    doc = parse_timeml(SNIPPET, "handmade.tml")
    assert doc.docid == "HANDMADE-0001"
    assert doc.dct == "2019-11-22"  # a TIME DCT gives its date
    assert "&amp;" not in doc.text and "talks & pressure" in doc.text
    assert [(t.type, doc.text[t.start:t.end], t.value) for t in doc.timexes] == [
        ("DATE", "Friday", "2019-11-22"), ("DURATION", "three months", "P3M"),
        ("DATE", "the third quarter", "2019-Q3"), ("DATE", "Thursday evening", "2019-11-21TEV"),
        ("DATE", "now", "PRESENT_REF")]
    assert doc.timexes[2].mod == "END"
    assert "<" not in doc.text


def test_reader_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(TimeMLError, match="broken.tml: not well-formed"):
        parse_timeml("<TimeML><TEXT>cut off", "broken.tml")
    with pytest.raises(TimeMLError, match="notext.tml: no <TEXT>"):
        parse_timeml("<TimeML><DOCID>x</DOCID></TimeML>", "notext.tml")
    (tmp_path / "a.tml").write_text(SNIPPET, encoding="utf-8")
    (tmp_path / "b.tml").write_bytes(b"\xff\xfe\x00broken")
    with pytest.raises(TimeMLError, match="b.tml: cannot read"):
        read_folder(tmp_path)


def test_date_part_drops_the_time_of_day() -> None:
    assert date_part("2019-11-21TEV") == "2019-11-21"
    assert date_part("2019-11-21T09:00") == "2019-11-21"
    assert date_part("PRESENT_REF") == "PRESENT_REF"
    assert date_part(None) is None


def test_scorer_counts_relaxed_strict_value_and_leaves_out_non_date_golds() -> None:
    doc = parse_timeml(SNIPPET, "handmade.tml")
    mentions = [
        _mention(doc, "Friday", "2019-11-22"),  # strict, right value
        _mention(doc, "three months", None),  # overlaps only a DURATION: left out
        _mention(doc, "third quarter", "2018-Q3"),  # relaxed only, wrong value
        _mention(doc, "Thursday", "2019-11-21"),  # relaxed, right on the date part
        _mention(doc, "quiet", None),  # spurious
    ]
    counts = Counts()
    score_doc(doc, mentions, counts, misses=True)
    assert (counts.sys_counted, counts.sys_relaxed, counts.sys_strict) == (4, 3, 1)
    assert (counts.gold, counts.gold_relaxed, counts.gold_strict, counts.value_ok) == (4, 3, 1, 2)
    got = figures(counts)
    p, r = 3 / 4, 3 / 4
    assert got["relaxed_prf"] == [0.75, 0.75, 0.75]
    assert got["strict_f1"] == 0.25
    assert got["value_acc"] == round(2 / 3, 3)
    assert got["value_f1"] == round(2 / 3 * (2 * p * r / (p + r)), 3)
    assert any("missed 'now'" in m for m in counts.misses)
    assert any("spurious 'quiet'" in m for m in counts.misses)
    assert any("value 'third quarter'=2018-Q3" in m for m in counts.misses)


def test_suite_runs_on_any_folder(tmp_path: Path) -> None:
    (tmp_path / "one.tml").write_text(SNIPPET, encoding="utf-8")
    got = run(tmp_path / "nowhere", folder=tmp_path)
    assert set(got) == {"timeml", "dataset", "timeml A", "timeml B", "dataset A", "dataset B"}
    assert got["timeml"]["gold"] == 4
    # the one document falls in one half, whose columns are the whole corpus's; the other is empty
    mine = half(parse_timeml(SNIPPET).docid)
    other = "B" if mine == "A" else "A"
    assert got[f"timeml {mine}"] == got["timeml"] and got[f"dataset {mine}"] == got["dataset"]
    assert got[f"timeml {other}"]["gold"] == 0 and got[f"timeml {other}"]["system"] == 0
    # Friday, the third quarter and Thursday are found with their values in both profiles;
    # only the TimeML profile lists "now"
    assert got["timeml"]["relaxed_prf"][1] == 1.0
    assert got["dataset"]["relaxed_prf"][1] == 0.75
    assert got["timeml"]["value_acc"] == 1.0


def test_halves_split_by_document_id_alone() -> None:
    ids = [f"doc{n:03d}" for n in range(200)]
    halves = [half(i) for i in ids]
    assert set(halves) == {"A", "B"} and 60 < halves.count("A") < 140  # both halves, near even
    assert halves == [half(i) for i in ids]  # the same split every run


def test_suite_skips_a_missing_or_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(Skipped):
        run(tmp_path, folder=tmp_path / "absent")
    with pytest.raises(Skipped):
        run(tmp_path, folder=tmp_path)
