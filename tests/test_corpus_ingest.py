"""The raw store and `gsomia-news ingest`: append-only versions, no-op re-ingest, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gsomia_news.cli import main
from gsomia_news.store.corpus import scan, versions

URL = "https://www.example-news.org/politics/2019/11/22/gsomia-story"
CAPTURE = "Seoul keeps the pact for now\n\nSouth Korea said on Friday it would keep the pact.\n"


def _ingest(corpus: Path, *args: str) -> int:
    return main(["ingest", *args, "--corpus", str(corpus)])


def test_reingest_identical_bytes_is_a_noop(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(CAPTURE, encoding="utf-8")
    corpus = tmp_path / "corpus"
    assert _ingest(corpus, str(page), "--url", URL) == 0
    before = sorted(p.relative_to(corpus) for p in corpus.rglob("*"))
    assert _ingest(corpus, str(page), "--url", URL) == 0
    assert sorted(p.relative_to(corpus) for p in corpus.rglob("*")) == before
    (folder,) = {p.parent for p in corpus.rglob("001.json")}
    assert [e.version for e in versions(folder)] == [1]


def test_changed_bytes_add_a_version_and_keep_the_old_one(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    corpus = tmp_path / "corpus"
    page.write_text(CAPTURE, encoding="utf-8")
    _ingest(corpus, str(page), "--url", URL)
    (first_raw,) = corpus.rglob("001.txt")
    original = first_raw.read_bytes()
    page.write_text(CAPTURE + "\nIt added that talks would go on.\n", encoding="utf-8")
    # Same article reached through http and a tracking parameter: still one page.
    assert _ingest(corpus, str(page), "--url", URL.replace("https", "http") + "?utm_source=x") == 0
    folder = first_raw.parent
    entries = versions(folder)
    assert [e.version for e in entries] == [1, 2]
    assert first_raw.read_bytes() == original  # never overwritten
    meta = json.loads((folder / "002.json").read_text(encoding="utf-8"))
    assert {"url", "outlet", "obtained_at", "how", "content_type", "sha256"} <= meta.keys()
    assert meta["how"] == "ingest" and meta["content_type"] == "text/plain"
    found = scan(corpus)
    assert [[v.version for v in p.versions] for p in found.pages] == [[2, 1]]  # newest first


def test_manifest_form_and_html_detection(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<!doctype html><html><head><title>T</title></head><body><p>x</p></body></html>", encoding="utf-8")
    (tmp_path / "b.txt").write_text(CAPTURE, encoding="utf-8")
    manifest = tmp_path / "pages.json"
    manifest.write_text(json.dumps([{"file": "a.html", "url": URL + "-a"}, {"file": "b.txt", "url": URL + "-b"}]))
    corpus = tmp_path / "corpus"
    assert _ingest(corpus, str(manifest)) == 0
    newest = [p.versions[0] for p in scan(corpus).pages]
    assert sorted(e.content_type for e in newest) == ["text/html", "text/plain"]
    assert all(e.outlet == "generic" for e in newest)


@pytest.mark.parametrize(
    ("content", "url", "message"),
    [
        (None, URL, "no such file"),
        (b"", URL, "empty file"),
        (b"  \n\n", URL, "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", URL, "binary file"),
        (CAPTURE.encode(), "ftp://example.org/x", "not an http(s) URL"),
        (CAPTURE.encode(), "www.example.org/no-scheme", "not an http(s) URL"),
    ],
)
def test_bad_input_gives_one_line_error_and_adds_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, url: str, message: str
) -> None:
    page = tmp_path / "page.txt"
    if content is not None:
        page.write_bytes(content)
    corpus = tmp_path / "corpus"
    assert _ingest(corpus, str(page), "--url", url) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err
    assert not list(corpus.rglob("*.json"))


def test_one_url_per_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.txt"
    page.write_text(CAPTURE, encoding="utf-8")
    assert _ingest(tmp_path / "corpus", str(page), str(page), "--url", URL) == 2
    assert "one --url per file" in capsys.readouterr().err


def test_a_bad_file_in_a_batch_adds_nothing(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(CAPTURE, encoding="utf-8")
    corpus = tmp_path / "corpus"
    assert _ingest(corpus, str(good), str(tmp_path / "missing.txt"), "--url", URL, "--url", URL + "2") == 2
    assert not list(corpus.rglob("*.json"))


def test_bundled_corpus_holds_the_five_seeds() -> None:
    from conftest import REPO, load_gold

    found = scan(REPO / "corpus")
    assert not found.failures
    assert sorted(p.versions[0].url for p in found.pages) == sorted(g["url"] for g in load_gold())
    for page in found.pages:
        assert page.versions[0].how == "ingest" and page.versions[0].content_type == "text/plain"
