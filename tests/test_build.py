"""`gsomia-news build`: atomic publication, failures reported not fatal, determinism, validate."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, read_articles
from gsomia_news.build import build
from gsomia_news.cli import main
from gsomia_news.load.writer import DatasetWriter
from gsomia_news.settings import BuildOptions
from gsomia_news.load.validate import validate_dataset


def _build(corpus: Path, out: Path):
    return build(BuildOptions(corpus=corpus, out=out, progress=False))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(corpus_copy: Path, tmp_path: Path) -> None:
    first = _build(corpus_copy, tmp_path / "build").path
    second = _build(corpus_copy, tmp_path / "build").path
    assert first != second
    for name in ("articles.jsonl", "officials.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    assert os.readlink(tmp_path / "build" / "latest") == second.name


def test_exception_in_loader_leaves_previous_latest(corpus_copy: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "build"
    good = _build(corpus_copy, out).path
    before = _snapshot(out / "latest")
    calls = {"n": 0}
    real_write = DatasetWriter.write_line

    def failing_write(self: DatasetWriter, line: str) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        real_write(self, line)

    monkeypatch.setattr(DatasetWriter, "write_line", failing_write)
    with pytest.raises(OSError):
        _build(corpus_copy, out)
    assert os.readlink(out / "latest") == good.name
    assert _snapshot(out / "latest") == before
    assert not list(out.glob(".tmp-*"))  # the aborted run cleaned up after itself


def test_killed_build_leaves_previous_latest(corpus_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    good = _build(corpus_copy, out).path
    before = _snapshot(out / "latest")
    # A process killed just before publishing: no cleanup code runs at all.
    script = (
        "import os, sys\n"
        "from gsomia_news.load import writer as load\n"
        "def die(self, *a, **k): os._exit(9)\n"
        "load.DatasetWriter.finish = die\n"
        "from gsomia_news.cli import main\n"
        f"main(['build', '--quiet', '--corpus', {str(corpus_copy)!r}, '--out', {str(out)!r}])\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 9
    assert list(out.glob(".tmp-*"))  # the killed run's half-written folder
    assert os.readlink(out / "latest") == good.name
    assert _snapshot(out / "latest") == before
    # The next build takes the stale folder away.
    _build(corpus_copy, out)
    assert not list(out.glob(".tmp-*"))


def test_corrupt_entries_are_reported_and_the_rest_builds(corpus_copy: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    metas = sorted(corpus_copy.rglob("001.json"))
    # 1. a sidecar that is not JSON; 2. a raw page whose bytes no longer match their sha256
    metas[0].write_text("{ not json", encoding="utf-8")
    raw = metas[1].with_suffix(".txt")
    raw.write_bytes(raw.read_bytes() + b"tampered")
    code = main(["build", "--quiet", "--corpus", str(corpus_copy), "--out", str(tmp_path / "build")])
    assert code == 3
    manifest = json.loads((tmp_path / "build" / "latest" / "manifest.json").read_text())
    reasons = {(f["stage"], f["path"]): f["reason"] for f in manifest["failures"]}
    assert len(reasons) == 2 and all(stage == "corpus" for stage, _ in reasons)
    assert any("sha256 mismatch" in r for r in reasons.values())
    assert any("unreadable sidecar" in r for r in reasons.values())
    assert len(read_articles(tmp_path / "build" / "latest")) == 3
    assert "built 3 article(s)" in capsys.readouterr().out


def test_a_page_that_cannot_be_cleaned_is_reported(corpus_copy: Path, tmp_path: Path) -> None:
    empty = tmp_path / "menu-only.txt"
    empty.write_text("Menu\nHome\nSearch\nShare\n", encoding="utf-8")
    assert main(["ingest", str(empty), "--url", "https://example.org/a/1", "--corpus", str(corpus_copy)]) == 0
    result = _build(corpus_copy, tmp_path / "build")
    assert result.exit_code == 3
    (failure,) = result.manifest.failures
    assert failure.stage == "clean" and failure.url == "https://example.org/a/1"
    assert result.manifest.counts.articles == 5


def test_new_outlets_ingest_and_build(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    html = FIXTURES / "html" / "generic.seoul-herald-gsomia.html"
    text = FIXTURES / "text" / "generic.capture-gsomia-suspension.txt"
    assert main(["ingest", str(html), str(text), "--url", "https://www.seoulherald.example/politics/gsomia-1",
                 "--url", "http://news.example.org/world/asia/12345", "--corpus", str(corpus)]) == 0
    result = _build(corpus, tmp_path / "build")
    assert result.exit_code == 0
    articles = {a["raw"]["content_type"]: a for a in read_articles(result.path)}
    page = articles["text/html"]
    assert page["title"] == "Seoul to keep intel pact with Tokyo for now"
    # the page prints "Posted : 2019-11-23 10:05" with no zone (a generic site: none is assumed);
    # the metadata gives that same day with its offset, so its datetime is taken
    assert page["published"] == "2019-11-23T10:05:00+09:00" and page["published_source"] == "html-meta"
    assert page["body"].startswith("South Korea said Friday")
    assert page["body"].endswith("leaves the underlying trade dispute unresolved.")
    for junk in ("Related Articles", "Leave a comment", "cookies", "Copy link", "Business"):
        assert junk not in page["body"]
    assert page["captions"] and page["captions"][0].startswith("Kim You-geun")
    capture = articles["text/plain"]
    assert capture["title"] == "Seoul suspends GSOMIA termination at last minute"
    assert capture["authors"] == ["Park Ji-won"]
    # "Published: 2019-11-22 18:30" on a site without a profile states no zone: the day alone
    assert capture["published"] == "2019-11-22" and capture["published_source"] == "text"
    assert capture["body"].startswith("SEOUL, Nov. 22 -- South Korea on Friday")
    assert capture["body"].endswith("talks on trade next week.")
    for junk in ("Related Stories", "Japan welcomes", "cookies", "Copyright", "park@example.com"):
        assert junk not in capture["body"]
    assert not validate_dataset(result.path, corpus)


def test_validate_accepts_a_build_and_reports_broken_invariants(seed_build: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    corpus = seed_build.parent.parent / "corpus"
    assert main(["validate", str(seed_build), "--corpus", str(corpus)]) == 0
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("officials.json", "manifest.json"):
        (broken / name).write_bytes((seed_build / name).read_bytes())
    (broken / "schema").mkdir()
    for schema in (seed_build / "schema").iterdir():
        (broken / "schema" / schema.name).write_bytes(schema.read_bytes())
    articles = read_articles(seed_build)
    articles[0]["dates"][0]["start"] += 1
    articles[1]["raw"]["sha256"] = "0" * 64
    articles[2]["published"] = "22 Nov 2019"
    (broken / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    assert main(["validate", str(broken), "--corpus", str(corpus)]) == 4
    out = capsys.readouterr().out
    assert "span" in out and "is not in the corpus" in out and "published" in out


def test_merged_spelling_variants_share_one_id_in_articles(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    stories = {
        "https://news.example.org/a/1": ("Seoul scraps intel pact with Tokyo\n\nPublished: 2019-08-22 18:00\n\n"
                                         "Kim Yu-geun, first deputy director of the National Security Office, "
                                         "announced the decision on Thursday.\n"),
        "https://news.example.org/a/2": ("Seoul keeps intel pact for now\n\nPublished: 2019-11-22 18:00\n\n"
                                         "Kim You-geun, first deputy director of the National Security Office, "
                                         "said on Friday the decision could be reversed.\n"),
    }
    for i, (url, text) in enumerate(stories.items()):
        page = tmp_path / f"p{i}.txt"
        page.write_text(text, encoding="utf-8")
        assert main(["ingest", str(page), "--url", url, "--corpus", str(corpus)]) == 0
    result = _build(corpus, tmp_path / "build")
    ids = {o["id"] for a in read_articles(result.path) for o in a["officials"]}
    people = json.loads((result.path / "officials.json").read_text(encoding="utf-8"))
    assert len(ids) == 1 and [p["id"] for p in people] == sorted(ids)
    (person,) = people
    assert sorted(person["variants"]) == ["Kim You-geun", "Kim Yu-geun"]
    assert "same title and organization" in person["merges"][0]["reason"]
    assert person["roles"][0]["first_date"] == "2019-08-22" and person["roles"][0]["last_date"] == "2019-11-22"
    assert not validate_dataset(result.path, corpus)
