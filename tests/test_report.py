"""`gsomia-news report`: one self-contained HTML file, rendered for the seed dataset.

The browser test opens the report in headless Chromium (Debian's `chromium`) and skips, saying
so, where it is not installed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES
from gsomia_news.build import build
from gsomia_news.cli import main
from gsomia_news.load.report import SECTIONS, ReportOptions, previous_run, write_report
from gsomia_news.settings import BuildOptions

pytest.importorskip("matplotlib", reason="the report needs the [report] extra (matplotlib)")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def report_of_seeds(seed_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    write_report(ReportOptions(dataset=seed_build, output=out))
    return out


def _section(page: str, sid: str) -> str:
    match = re.search(rf'<section id="{sid}">(.*?)</section>', page, re.S)
    assert match, f"section {sid} missing"
    return match.group(1)


def test_every_section_is_there_with_its_plot(report_of_seeds: Path) -> None:
    page = report_of_seeds.read_text(encoding="utf-8")
    for sid, title in SECTIONS:
        assert f"<h2>{title}</h2>" in _section(page, sid)
    for sid in ("per-month", "undated", "countries", "officials", "failures"):
        assert "<svg" in _section(page, sid), sid
    # The seeds: 2 of the 5 articles have no publication date (JoongAng's old form, The Korea Times).
    undated = _section(page, "undated")
    assert re.search(r"<td>korea-times</td><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">100%</td>", undated)
    assert "2 article(s) without a publication date are not shown" in _section(page, "per-month")
    officials = _section(page, "officials")
    assert "Kang Kyung-wha" in officials and "Foreign Minister" in officials
    assert "No previous run to compare with" in _section(page, "new")
    assert "No page failed." in _section(page, "failures")


def test_the_report_loads_nothing_from_anywhere(report_of_seeds: Path) -> None:
    page = report_of_seeds.read_text(encoding="utf-8")
    assert "default-src 'none'" in page  # Content-Security-Policy: the browser loads nothing
    # (matplotlib's clip paths refer to their own ids: url(#...) is no load)
    for pattern in (r"<script", r"<link", r"<img", r"<image", r"<iframe", r"\bsrc=", r"url\((?!#)", r"@import"):
        assert not re.search(pattern, page, re.I), pattern
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(h.startswith("#") for h in hrefs)


def test_same_datasets_same_report(seed_build: Path, report_of_seeds: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.html"
    write_report(ReportOptions(dataset=seed_build, output=again))
    assert again.read_bytes() == report_of_seeds.read_bytes()


def test_new_since_the_previous_run(corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "build"
    first = build(BuildOptions(corpus=corpus_copy, out=out, progress=False)).path
    html = FIXTURES / "html" / "generic.seoul-herald-gsomia.html"
    assert main(["ingest", "--quiet", str(html), "--url", "https://www.seoulherald.example/politics/gsomia-1",
                 "--corpus", str(corpus_copy)]) == 0
    second = build(BuildOptions(corpus=corpus_copy, out=out, progress=False)).path
    assert previous_run(out / "latest") == first
    assert previous_run(first) is None
    capsys.readouterr()
    target = tmp_path / "r.html"
    assert main(["report", str(out / "latest"), "-o", str(target), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["previous"] == str(first) and printed["dataset"] == str(out / "latest")
    assert printed["sections"] == [sid for sid, _ in SECTIONS]
    new = _section(target.read_text(encoding="utf-8"), "new")
    assert first.name in new
    assert re.search(r"<td>new articles</td><td class=\"n\">1</td>", new)
    assert "Seoul to keep intel pact with Tokyo for now" in new
    assert re.search(r"<td>articles no longer in the dataset</td><td class=\"n\">0</td>", new)
    assert second.name in target.read_text(encoding="utf-8")


def test_report_errors(tmp_path: Path, seed_build: Path, monkeypatch: pytest.MonkeyPatch,
                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(tmp_path / "nope"), "-o", str(tmp_path / "r.html")]) == 2
    assert "[E101] no dataset at" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    assert main(["report", str(seed_build), "-o", str(tmp_path / "r.html")]) == 1
    assert "[E702] the report needs matplotlib" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (Debian: apt-get install chromium)")
def test_headless_chromium_shows_every_section_and_a_picture(report_of_seeds: Path, tmp_path: Path) -> None:
    from PIL import Image, ImageStat

    url = report_of_seeds.resolve().as_uri()
    dom = _chromium("--dump-dom", url, profile=tmp_path / "profile-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    for sid, title in SECTIONS:
        assert f'<section id="{sid}">' in dom.stdout and title in dom.stdout
    assert dom.stdout.count("<svg") >= 5
    shot = tmp_path / "report.png"
    run = _chromium("--window-size=1200,2400", f"--screenshot={shot}", url, profile=tmp_path / "profile-shot")
    assert run.returncode == 0 and shot.is_file(), run.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    assert image.size == (1200, 2400)
    colors = image.getcolors(maxcolors=1 << 20)
    assert colors is not None and len(colors) > 50  # text, bars and tables, not one flat color
    spread = ImageStat.Stat(image.convert("L")).stddev[0]
    assert spread > 10, f"screenshot looks blank (luminance stddev {spread:.1f})"


def test_failures_are_counted_by_stage_and_listed(corpus_copy: Path, tmp_path: Path) -> None:
    meta = sorted(corpus_copy.rglob("001.json"))[0]
    meta.write_text("{ not json", encoding="utf-8")
    result = build(BuildOptions(corpus=corpus_copy, out=tmp_path / "build", progress=False))
    assert result.exit_code == 3
    target = tmp_path / "r.html"
    write_report(ReportOptions(dataset=result.path, output=target))
    failures = _section(target.read_text(encoding="utf-8"), "failures")
    assert "unreadable sidecar" in failures and "<td>corpus</td>" in failures
    assert "No page failed." not in failures


def test_an_empty_dataset_still_gives_every_section(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    result = build(BuildOptions(corpus=tmp_path / "corpus", out=tmp_path / "build", progress=False, allow_empty=True))
    target = tmp_path / "r.html"
    assert write_report(ReportOptions(dataset=result.path, output=target)).articles == 0
    page = target.read_text(encoding="utf-8")
    assert "No dated articles." in _section(page, "per-month")
    assert "No officials." in _section(page, "officials")
