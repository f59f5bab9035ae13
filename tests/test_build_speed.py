"""Parallel extraction and the extraction cache: same bytes whatever the path taken."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from gsomia_news.build import build
from gsomia_news.engine.local import chunks as _chunks
from gsomia_news.settings import BuildOptions


def _files(dataset: Path) -> tuple[bytes, bytes]:
    return (dataset / "articles.jsonl").read_bytes(), (dataset / "officials.json").read_bytes()


def test_workers_and_cache_give_identical_output(corpus_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    one = build(BuildOptions(corpus=corpus_copy, out=out, progress=False, use_cache=False))
    # chunk_size 2: five one-page chunks (the tail is cut smaller), so two workers share the pages
    two = build(BuildOptions(corpus=corpus_copy, out=out, progress=False, use_cache=False, workers=2, chunk_size=2))
    warm = build(BuildOptions(corpus=corpus_copy, out=out, progress=False, use_cache=True, workers=1))
    assert (one.cached, two.cached, warm.cached) == (0, 0, 5)
    assert _files(one.path) == _files(two.path) == _files(warm.path)
    # The cache can be deleted at any time: the next build is cold and identical.
    shutil.rmtree(out / ".cache")
    cold = build(BuildOptions(corpus=corpus_copy, out=out, progress=False))
    assert cold.cached == 0 and _files(cold.path) == _files(one.path)


def test_chunks_keep_order_and_shrink_at_the_end_only_with_workers() -> None:
    pages = list(range(200))
    two = _chunks(pages, 32, workers=2)  # type: ignore[arg-type]
    assert [p for chunk in two for p in chunk] == pages
    assert [len(c) for c in two] == [32, 32, 32, 32, 8] + [8] * 8  # the last 2 x 32 pages in chunks of 8
    one = _chunks(pages, 32, workers=1)  # type: ignore[arg-type]
    assert [len(c) for c in one] == [32] * 6 + [8]


def test_damaged_cache_file_is_rebuilt(corpus_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    first = build(BuildOptions(corpus=corpus_copy, out=out, progress=False))
    for path in (out / ".cache").rglob("*.json"):
        path.write_text("{ broken", encoding="utf-8")
        break
    again = build(BuildOptions(corpus=corpus_copy, out=out, progress=False))
    assert again.cached == 4
    assert _files(again.path) == _files(first.path)


def test_changed_page_misses_the_cache(corpus_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build(BuildOptions(corpus=corpus_copy, out=out, progress=False))
    from gsomia_news.cli import main

    page = tmp_path / "changed.txt"
    raw = next(corpus_copy.glob("kbs-world/*/001.txt"))
    page.write_bytes(raw.read_bytes().replace(b"Go Top", b"Go Top\n"))
    url = "http://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=149540"
    assert main(["ingest", str(page), "--url", url, "--corpus", str(corpus_copy)]) == 0
    again = build(BuildOptions(corpus=corpus_copy, out=out, progress=False))
    assert again.cached == 4


def test_warm_build_does_not_load_spacy(corpus_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build(BuildOptions(corpus=corpus_copy, out=out, progress=False))
    script = (
        "import sys\n"
        "from gsomia_news.build import build\n"
        "from gsomia_news.settings import BuildOptions\n"
        f"r = build(BuildOptions(corpus=__import__('pathlib').Path({str(corpus_copy)!r}), "
        f"out=__import__('pathlib').Path({str(out)!r}), progress=False))\n"
        "assert r.cached == 5, r.cached\n"
        "print('spacy' in sys.modules, 'trafilatura' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "False"]


def test_date_profile_is_part_of_the_cache_key(corpus_copy: Path, tmp_path: Path) -> None:
    import json

    out = tmp_path / "build"
    calendar = build(BuildOptions(corpus=corpus_copy, out=out, progress=False))
    timeml = build(BuildOptions(corpus=corpus_copy, out=out, progress=False, dates="timeml"))
    again = build(BuildOptions(corpus=corpus_copy, out=out, progress=False))
    # The TimeML profile is not served from the calendar profile's cache, nor the other way round.
    assert (calendar.cached, timeml.cached, again.cached) == (0, 0, 5)
    assert _files(again.path) == _files(calendar.path) != _files(timeml.path)
    manifest = json.loads((timeml.path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["date_profile"] == "timeml"
    values = {d["value"] for line in (timeml.path / "articles.jsonl").read_text(encoding="utf-8").splitlines()
              for d in json.loads(line)["dates"]}
    calendar_values = {d["value"] for line in (calendar.path / "articles.jsonl").read_text(encoding="utf-8").splitlines()
                       for d in json.loads(line)["dates"]}
    assert calendar_values < values and "PRESENT_REF" in values - calendar_values
