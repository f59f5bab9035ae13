"""`gsomia-news export-warc`: the raw pages behind a dataset as WARC, and the round trip through ingest-warc."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("fastwarc", reason="WARC support not installed (pip install '.[warc]')")
warcio_iter = pytest.importorskip("warcio.archiveiterator", reason="warcio reads the exports back (pip install '.[test]')")

from conftest import REPO  # noqa: E402
from warc_pages import UNRELATED  # noqa: E402

from gsomia_news.cli import main  # noqa: E402
from gsomia_news.models import CorpusEntry, HttpInfo  # noqa: E402
from gsomia_news.store.corpus import add, read_latest, scan  # noqa: E402


def _export(dataset: Path, out: Path, *extra: str) -> int:
    return main(["export-warc", str(dataset), "-o", str(out), *extra])


def _build(corpus: Path, out: Path) -> Path:
    assert main(["build", "--quiet", "--corpus", str(corpus), "--out", str(out)]) == 0
    return out / "latest"


def _records(path: Path) -> list:
    with path.open("rb") as fh:
        return [(r.rec_type, r.rec_headers, r.http_headers, r.content_stream().read()) for r in warcio_iter.ArchiveIterator(fh)]


def test_export_then_ingest_rebuilds_the_same_articles(seed_build: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    warc = tmp_path / "seeds.warc.gz"
    assert _export(seed_build, warc) == 0
    assert "exported 5 page(s)" in capsys.readouterr().out
    # warcio (another implementation) reads it: warcinfo, then a request and a response per article.
    records = _records(warc)
    assert [r[0] for r in records] == ["warcinfo"] + ["request", "response"] * 5
    articles = [json.loads(line) for line in (seed_build / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    corpus = Path(json.loads((seed_build / "manifest.json").read_text())["corpus"]["path"])
    for article, (request, response) in zip(articles, zip(records[1::2], records[2::2])):
        raw = article["raw"]
        assert response[1].get_header("WARC-Target-URI") == request[1].get_header("WARC-Target-URI") == raw["url"]
        assert response[1].get_header("WARC-Date") == raw["obtained_at"]
        assert request[1].get_header("WARC-Concurrent-To") == response[1].get_header("WARC-Record-ID")
        assert response[2].get_statuscode() == "200"
        assert response[2].get_header("Content-Type") == raw["content_type"]
        assert response[3] == (corpus / raw["path"]).read_bytes()
    # Into an empty corpus and built again: the same articles, only raw.how differs.
    corpus2 = tmp_path / "corpus"
    assert main(["ingest-warc", "--quiet", str(warc), "--corpus", str(corpus2)]) == 0
    rebuilt = _build(corpus2, tmp_path / "build")
    expected = (seed_build / "articles.jsonl").read_bytes().replace(b'"how":"ingest"', b'"how":"warc"')
    assert b'"how":"ingest"' in (seed_build / "articles.jsonl").read_bytes()
    assert (rebuilt / "articles.jsonl").read_bytes() == expected
    assert (rebuilt / "officials.json").read_bytes() == (seed_build / "officials.json").read_bytes()
    # The same dataset always exports to the same bytes (under the same file name, which warcinfo holds).
    again = tmp_path / "again" / warc.name
    again.parent.mkdir()
    assert _export(seed_build, again) == 0
    assert again.read_bytes() == warc.read_bytes()


def test_round_trip_keeps_crawl_headers_and_needs_all_for_pages_off_topic(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    seed = next(page for ref in scan(REPO / "corpus").pages if (page := read_latest(REPO / "corpus", ref)[0]))
    crawled = HttpInfo(status=200, final_url=seed.entry.url, etag='W/"v1"',
                       last_modified="Tue, 19 Nov 2019 02:00:00 GMT", charset="utf-8")
    add(corpus, seed.entry.url, seed.raw, seed.entry.content_type, how="crawl",
        obtained_at="2019-11-19T03:04:05Z", http=crawled)
    add(corpus, "https://news.example.com/economy/chips", UNRELATED.encode(), "text/html",
        obtained_at="2019-11-20T00:00:00Z")
    dataset = _build(corpus, tmp_path / "build")
    warc = tmp_path / "export.warc.gz"
    assert _export(dataset, warc) == 0
    response = [r for r in _records(warc) if r[0] == "response"][0]
    assert response[2].get_header("ETag") == 'W/"v1"'
    assert response[2].get_header("Last-Modified") == "Tue, 19 Nov 2019 02:00:00 GMT"
    assert response[2].get_header("Content-Type") == f"{seed.entry.content_type}; charset=utf-8"

    filtered = tmp_path / "filtered"
    assert main(["ingest-warc", "--quiet", str(warc), "--corpus", str(filtered)]) == 0
    assert "2 responses, 1 matched, 1 stored" in capsys.readouterr().out  # the chip story is not about GSOMIA
    everything = tmp_path / "everything"
    assert main(["ingest-warc", "--quiet", "--all", str(warc), "--corpus", str(everything)]) == 0
    rebuilt = _build(everything, tmp_path / "build2")
    original = (dataset / "articles.jsonl").read_bytes()
    expected = original.replace(b'"how":"crawl"', b'"how":"warc"').replace(b'"how":"ingest"', b'"how":"warc"')
    assert (rebuilt / "articles.jsonl").read_bytes() == expected
    entry = CorpusEntry.model_validate_json((everything / Path(seed.entry.path).with_suffix(".json").as_posix()).read_bytes())
    assert (entry.http.etag, entry.http.last_modified) == ('W/"v1"', "Tue, 19 Nov 2019 02:00:00 GMT")
    assert entry.obtained_at == "2019-11-19T03:04:05Z"


def test_export_never_overwrites_and_writes_nothing_for_a_changed_page(seed_build: Path, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "there.warc.gz"
    existing.write_bytes(b"keep me")
    assert _export(seed_build, existing) == 2
    assert existing.read_bytes() == b"keep me"
    assert "exists" in capsys.readouterr().err
    assert _export(tmp_path / "no-dataset", tmp_path / "x.warc.gz") == 2

    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", corpus)
    dataset = _build(corpus, tmp_path / "build")
    victim = next(corpus.glob("*/*/001.txt"))
    victim.write_bytes(victim.read_bytes() + b" changed")
    out = tmp_path / "out.warc.gz"
    assert _export(dataset, out) == 1
    err = capsys.readouterr().err
    assert "no longer match" in err and "nothing written" in err
    assert not out.exists() and not list(tmp_path.glob(".out.warc.gz.*"))
