"""`gsomia-news ingest-warc`: the byte filter, records kept and skipped, provenance, re-runs, damage, URLs."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest

pytest.importorskip("fastwarc", reason="WARC support not installed (pip install '.[warc]')")
pytest.importorskip("pyperscan", reason="WARC support not installed (pip install '.[warc]')")
pytest.importorskip("warcio", reason="the tests write their WARC files with warcio (pip install '.[test]')")

from regex_parts import top_level  # noqa: E402
from warc_pages import (ENGLISH, ENGLISH_V2, GZIPPED, JAPANESE, KOREAN, KOREAN_EUCKR, UNRELATED,  # noqa: E402
                        Rec, record_ids, standard_records, write_warc)

from gsomia_news.cli import main  # noqa: E402
from gsomia_news.relevance import PACT_NAMES, mentions  # noqa: E402
from gsomia_news.models import CorpusEntry  # noqa: E402
from gsomia_news.store.corpus import page_dir  # noqa: E402
from gsomia_news.store.warc import (  # noqa: E402
    LEGACY_ENCODINGS, SCAN_KEYS, PactFilter, byte_pattern, scan_file, undo_encodings,
)

# One printed form of every pact name (hand-written); a new alias in PACT_NAMES needs one here.
SAMPLES = {
    "acronym": "GSOMIA",
    "full-name": "General Security of Military Information Agreement",
    "intelligence-sharing-pact": "intelligence-sharing pact",
    "korean-short": "지소미아",
    "korean-full": "군사 정보 보호 협정",
    "japanese-full": "日韓秘密軍事情報保護協定",
    "japanese-common": "軍事情報包括保護協定",
}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _entries(corpus: Path, url: str) -> list[CorpusEntry]:
    folder = page_dir(corpus, url)
    return [CorpusEntry.model_validate_json(p.read_bytes()) for p in sorted(folder.glob("[0-9][0-9][0-9].json"))]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["ingest-warc", "--quiet", *argv])
    out, err = capsys.readouterr()
    return code, out.strip(), err


# ---------------------------------------------------------------- the byte filter


def test_every_pact_name_is_found_in_the_bytes_of_every_encoding_that_writes_it() -> None:
    assert set(SAMPLES) == set(PACT_NAMES)
    pact = PactFilter()
    for name, sample in SAMPLES.items():
        for encoding in ("utf-8", *LEGACY_ENCODINGS):
            try:
                data = f"<p>Officials discussed the {sample} on Monday.</p>".encode(encoding)
            except UnicodeEncodeError:
                continue
            assert pact.first(data) == name, (name, encoding)
    assert pact.first("<p>군사정보보호협정</p>".encode("cp949")) == "korean-full"


def test_byte_filter_ignores_case_and_keeps_word_boundaries() -> None:
    pact = PactFilter()
    assert pact.first(b"the Gsomia deal") == "acronym"
    assert pact.first(b"INTEL-SHARING ACCORD") == "intelligence-sharing-pact"
    assert pact.first(b"GSOMIAS and XGSOMIA") is None
    assert pact.first(b"intelligence sharing between agencies") is None
    assert pact.first(UNRELATED.encode()) is None


def test_byte_filter_agrees_with_the_crawlers_text_filter() -> None:
    pact = PactFilter()
    texts = [ENGLISH, ENGLISH_V2, KOREAN, UNRELATED, GZIPPED, "military intel sharing agreement",
             "the intelligence pact", "Security of Military Information", "군사 정보", "日韓協定"]
    for text in texts:
        assert (pact.first(text.encode()) is not None) == bool(mentions(text)), text


def test_a_no_break_space_between_words_is_a_gap_to_the_byte_filter_as_to_the_crawler() -> None:
    from gsomia_news.relevance import check

    pact = PactFilter()
    for gap in ("&nbsp;", "&#160;", "&#xA0;", "\u00a0"):
        for name, sample, encoding in (("intelligence-sharing-pact", "intelligence-sharing{}pact", "utf-8"),
                                       ("full-name", "General Security{}of Military Information Agreement", "utf-8"),
                                       ("korean-full", "군사{}정보보호협정", "utf-8"),
                                       ("korean-full", "군사{}정보보호협정", "cp949")):
            if gap == "\u00a0" and encoding != "utf-8":
                continue  # CP949 has no no-break space; its pages can only write the entity
            page = f"<html><body><p>Seoul weighs the {sample.format(gap)} again.</p></body></html>"
            assert pact.first(page.encode(encoding)) == name, (gap, sample, encoding)
            assert check(page, "text/html").names == (name,), (gap, sample)
    # an entity that is not a no-break space is no gap; one no-break space per gap (README, Limits)
    assert pact.first(b"intelligence-sharing&amp;pact") is None
    assert pact.first(b"intelligence-sharing &nbsp;\n pact") == "intelligence-sharing-pact"
    assert pact.first(b"intelligence-sharing&nbsp;&nbsp;pact") is None


def test_a_legacy_page_the_http_header_calls_utf8_is_found_by_its_own_meta_charset(tmp_path: Path) -> None:
    # The crawler's decoding reads such a page by its <meta charset> once the bytes fail as
    # UTF-8, so the byte filter searches every page's bytes in the legacy encodings too.
    warc = tmp_path / "mislabelled.warc.gz"
    body = KOREAN_EUCKR.encode("euc-kr")
    assert b'charset="euc-kr"' in body
    write_warc(warc, [Rec("https://kr.example.com/article/1002", body, content_type="text/html; charset=UTF-8")])
    scan = scan_file(str(warc))
    assert [(f.url, f.http.charset) for f in scan.found] == [("https://kr.example.com/article/1002", "cp949")]


def test_byte_filter_allows_a_line_break_and_indentation_between_words_but_bounds_the_gap() -> None:
    from gsomia_news.store.warc import MAX_GAP

    pact = PactFilter()
    wrapped = b"<p>the General Security of\n" + b" " * 40 + b"Military Information Agreement</p>"
    assert pact.first(wrapped) == "full-name"
    assert pact.first("<p>군사 \n  정보보호협정</p>".encode()) == "korean-full"
    # Beyond MAX_GAP whitespace characters the words are not one name to the byte filter.
    assert pact.first(b"intelligence-sharing" + b" " * (MAX_GAP + 1) + b"pact") is None
    assert pact.first(b"intelligence-sharing" + b" " * MAX_GAP + b"pact") == "intelligence-sharing-pact"


def test_every_scan_key_is_a_part_that_every_match_of_its_name_contains() -> None:
    assert set(SCAN_KEYS) <= set(PACT_NAMES)
    for name, key in SCAN_KEYS.items():
        assert top_level(PACT_NAMES[name], key), name
    # the check itself: an optional part, or one side of an alternation, is no key
    assert not top_level(r"a(?:bc)?d", "bc")
    assert not top_level(r"a|bc", "bc")
    assert top_level(r"(?:x|y)bc", "bc")


def test_a_page_with_a_key_but_not_the_whole_name_is_not_kept() -> None:
    pact = PactFilter()
    assert pact.first(b"<p>the Ministry of Public Security of Military Veterans</p>") is None
    assert pact.first(b"<p>a revenue-sharing agreement with the league</p>") is None
    # A key found first does not hide a whole name found later in the page, of any kind.
    assert pact.first(b"a data sharing pact ... the General Security of Military Information Agreement") == "full-name"
    assert pact.first(b"a data sharing pact ... and GSOMIA") == "acronym"
    assert pact.first("a data sharing pact; 지소미아".encode()) == "korean-short"
    # The legacy encodings are a second database, searched after a key alone was found in the first.
    assert pact.first(b"a data sharing pact; " + "지소미아".encode("cp949")) == "korean-short"
    assert pact.first(b"a revenue-sharing agreement; " + "日韓協定".encode("shift_jis")) is None


def test_byte_pattern_escapes_multibyte_characters_and_refuses_them_in_classes() -> None:
    # 表 is 0x95 0x5c in Shift_JIS: the trailing backslash byte must not escape what follows.
    assert byte_pattern("表a", "shift_jis") == rb"(?:\x95\x5c)a"
    with pytest.raises(ValueError):
        byte_pattern("[가-힣]", "utf-8")


def test_payload_encodings_are_undone_and_bad_ones_refused() -> None:
    import gzip
    import zlib

    body = ENGLISH.encode()
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    assert undo_encodings(chunked, "chunked", None) == body
    assert undo_encodings(gzip.compress(body), None, "gzip") == body
    assert undo_encodings(zlib.compress(body), None, "deflate") == body
    zipped = gzip.compress(body)
    assert undo_encodings(b"%x\r\n%s\r\n0\r\n\r\n" % (len(zipped), zipped), "chunked", "gzip") == body
    assert undo_encodings(body, None, "identity") == body
    with pytest.raises(ValueError):
        undo_encodings(body, None, "compress")
    with pytest.raises(ValueError):
        undo_encodings(b"\x1f\x8b\x08\x00 not gzip", None, "gzip")


def test_encoding_and_truncation_headers_are_read_whatever_the_case_of_their_names(tmp_path: Path) -> None:
    import gzip

    warc = tmp_path / "case.warc.gz"
    write_warc(warc, [
        Rec("https://news.example.com/a", gzip.compress(GZIPPED.encode(), mtime=0), http_headers=[("CONTENT-ENCODING", "gzip")]),
        Rec("https://news.example.com/b", ENGLISH.encode()[:300], warc_headers={"Warc-Truncated": "length"}),
        # a longer name that holds "Content-Encoding" is another header: the payload is as it is
        Rec("https://news.example.com/c", ENGLISH.encode(), http_headers=[("X-Original-Content-Encoding", "gzip")]),
    ])
    scan = scan_file(str(warc))
    assert [(f.url, f.raw) for f in scan.found] == [("https://news.example.com/a", GZIPPED.encode()),
                                                    ("https://news.example.com/c", ENGLISH.encode())]
    assert [(s.kind, s.url) for s in scan.skips] == [("truncated", "https://news.example.com/b")]
    assert "WARC-Truncated: length" in scan.skips[0].reason


# ---------------------------------------------------------------- end to end


def test_ingest_warc_keeps_the_pact_pages_with_their_provenance(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warc = tmp_path / "CC-NEWS-20190822.warc.gz"
    offsets = write_warc(warc, standard_records())
    ids = record_ids(warc)
    corpus, skipped = tmp_path / "corpus", tmp_path / "skipped.jsonl"
    code, out, err = _run(capsys, str(warc), "--corpus", str(corpus), "--skipped", str(skipped))
    assert out == ("ingest-warc: 1 file(s), 15 records read, 13 responses, 8 matched, 6 stored, 1 duplicate(s), "
                   "1 bad (1 truncated), 4 skipped (1 non-html, 1 revisit, 1 status, 1 furniture)")
    assert code == 3  # a truncated record: something was lost, look at the list
    # Every skipped record is listed on stderr and in --skipped, with why.
    listed = [json.loads(line) for line in skipped.read_text(encoding="utf-8").splitlines()]
    by_kind = {row["kind"]: row for row in listed}
    assert sorted(by_kind) == ["furniture", "non-html", "revisit", "status", "truncated"]
    assert by_kind["non-html"]["url"].endswith("gsomia-text.pdf") and "application/pdf" in by_kind["non-html"]["reason"]
    assert by_kind["truncated"]["offset"] == offsets[9]
    assert "WARC-Truncated: length" in by_kind["truncated"]["reason"] and "names the pact" in by_kind["truncated"]["reason"]
    assert by_kind["status"]["reason"] == "HTTP 404"
    assert by_kind["furniture"]["url"].endswith("/sports/baseball")
    for row in listed:
        assert f"[{row['kind']}]" in err

    english = _entries(corpus, "https://news.example.com/politics/seoul-ends-gsomia")
    assert [e.version for e in english] == [1, 2]  # the duplicate added nothing; the new capture is v2
    first, second = english
    assert (corpus / first.path).read_bytes() == ENGLISH.encode()
    assert (corpus / second.path).read_bytes() == ENGLISH_V2.encode()
    assert first.how == "warc" and first.content_type == "text/html"
    assert first.obtained_at == first.warc.date == "2019-08-22T09:30:00Z"
    assert second.obtained_at == "2019-08-22T12:00:00Z"
    assert first.warc.file == warc.name
    assert (first.warc.offset, first.warc.record_id) == (offsets[2], ids[2])
    assert (second.warc.offset, second.warc.record_id) == (offsets[14], ids[14])
    assert first.http.status == 200 and first.http.final_url == first.url
    assert first.http.etag == '"abc"' and first.http.last_modified == "Thu, 22 Aug 2019 09:00:00 GMT"
    assert ("Content-Type", "text/html; charset=utf-8") in first.http.headers
    assert ("ETag", '"abc"') in first.http.headers

    (euckr,) = _entries(corpus, "https://kr.example.com/article/1002")
    assert (corpus / euckr.path).read_bytes() == KOREAN_EUCKR.encode("euc-kr")  # bytes as archived
    assert euckr.http.charset == "cp949"
    (japanese,) = _entries(corpus, "https://jp.example.com/news/2001")
    assert (corpus / japanese.path).read_bytes() == JAPANESE.encode("shift_jis")
    (gzipped,) = _entries(corpus, "https://news.example.com/politics/us-urges")
    assert (corpus / gzipped.path).read_bytes() == GZIPPED.encode()  # stored decoded ...
    assert ("Content-Encoding", "gzip") in gzipped.http.headers  # ... with the headers as archived
    assert _entries(corpus, "https://kr.example.com/article/1001")
    for url in ("https://news.example.com/economy/chips", "https://news.example.com/sports/baseball",
                "https://news.example.com/files/gsomia-text.pdf", "https://news.example.com/politics/long-read",
                "https://news.example.com/old/gsomia"):
        assert not page_dir(corpus, url).exists(), url


def test_media_types_ignore_case_and_a_quoted_charset_is_read_like_a_bare_one(tmp_path: Path) -> None:
    # Headers as servers send them, read raw from the archive: "Text/HTML" is HTML (RFC 9110
    # media types are case-insensitive), and charset="EUC-KR" decodes as CP949, as EUC-KR does.
    records = [Rec("https://news.example.com/politics/upper", ENGLISH.encode(), content_type="Text/HTML; charset=UTF-8"),
               Rec("https://news.example.com/politics/shout", ENGLISH.encode(), content_type="TEXT/HTML"),
               Rec("https://kr.example.com/article/2001", KOREAN_EUCKR.encode("euc-kr"),
                   content_type='text/html; charset="EUC-KR"'),
               Rec("https://news.example.com/files/report", b"%PDF-1.4 GSOMIA", content_type="Application/PDF")]
    write_warc(tmp_path / "headers.warc.gz", records)
    scan = scan_file(str(tmp_path / "headers.warc.gz"))
    assert [found.url.rsplit("/", 1)[1] for found in scan.found] == ["upper", "shout", "2001"]
    assert [found.content_type for found in scan.found] == ["text/html"] * 3
    assert scan.found[2].http.charset == "cp949"
    assert [(skip.kind, skip.reason) for skip in scan.skips] == [("non-html", "Content-Type application/pdf")]


def test_a_rerun_adds_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warc = tmp_path / "a.warc.gz"
    write_warc(warc, standard_records())
    corpus = tmp_path / "corpus"
    _run(capsys, str(warc), "--corpus", str(corpus))
    before = _snapshot(corpus)
    code, out, _ = _run(capsys, str(warc), "--corpus", str(corpus))
    assert "0 stored, 7 duplicate(s)" in out
    assert _snapshot(corpus) == before


def test_a_pool_of_workers_stores_what_one_process_stores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = standard_records()
    files = [tmp_path / "a.warc.gz", tmp_path / "b.warc.gz", tmp_path / "c.warc"]
    write_warc(files[0], records[:5])
    write_warc(files[1], records[5:10])
    write_warc(files[2], records[10:], gz=False)
    one = _run(capsys, *map(str, files), "--corpus", str(tmp_path / "one"))
    pool = _run(capsys, *map(str, files), "--workers", "2", "--corpus", str(tmp_path / "pool"))
    assert one[:2] == pool[:2] and "3 file(s)" in one[1]
    assert _snapshot(tmp_path / "one") == _snapshot(tmp_path / "pool")


def test_keep_all_keeps_pages_not_about_the_pact(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warc = tmp_path / "a.warc"
    write_warc(warc, [Rec("https://news.example.com/economy/chips", UNRELATED.encode())], gz=False)
    corpus = tmp_path / "corpus"
    assert "0 stored" in _run(capsys, str(warc), "--corpus", str(corpus))[1]
    code, out, _ = _run(capsys, str(warc), "--all", "--corpus", str(corpus))
    assert code == 0 and "1 matched, 1 stored" in out


def test_build_reads_pages_from_warc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warc = tmp_path / "a.warc.gz"
    write_warc(warc, [Rec("https://news.example.com/politics/seoul-ends-gsomia", ENGLISH.encode())])
    corpus, out = tmp_path / "corpus", tmp_path / "build"
    _run(capsys, str(warc), "--corpus", str(corpus))
    assert main(["build", "--quiet", "--corpus", str(corpus), "--out", str(out)]) == 0
    (line,) = (out / "latest" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    article = json.loads(line)
    assert article["raw"]["how"] == "warc" and article["raw"]["obtained_at"] == "2019-08-22T09:30:00Z"
    assert article["title"] == "Seoul to end GSOMIA with Tokyo"
    assert "intelligence-sharing pact" in article["body"]
    assert main(["validate", str(out / "latest")]) == 0


# ---------------------------------------------------------------- damage


def test_a_file_cut_inside_its_last_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for gz in (True, False):
        warc = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
        offsets = write_warc(warc, [Rec("https://kr.example.com/article/1001", KOREAN.encode()),
                                    Rec("https://news.example.com/politics/seoul-ends-gsomia", ENGLISH.encode())], gz=gz)
        data = warc.read_bytes()
        warc.write_bytes(data[:offsets[1] + (len(data) - offsets[1]) // 2])
        corpus = tmp_path / f"corpus-{gz}"
        code, out, err = _run(capsys, str(warc), "--corpus", str(corpus))
        assert code == 3
        assert "1 stored" in out and "1 bad" in out, out
        assert _entries(corpus, "https://kr.example.com/article/1001")
        assert not page_dir(corpus, "https://news.example.com/politics/seoul-ends-gsomia").exists()
        assert f"@{offsets[1]}" in err and ("truncated" in err or "corrupt" in err), err


def _write_damaged_warc(warc: Path) -> list[int]:
    """Three pages, the second one's gzip member damaged inside its deflate data; the offsets."""
    records = [Rec("https://kr.example.com/article/1001", KOREAN.encode()),
               Rec("https://jp.example.com/news/2001", JAPANESE.encode("shift_jis"), content_type="text/html; charset=Shift_JIS"),
               Rec("https://news.example.com/politics/seoul-ends-gsomia", ENGLISH.encode())]
    offsets = write_warc(warc, records)
    data = bytearray(warc.read_bytes())
    for i in range(offsets[1] + 40, offsets[1] + 80):
        data[i] ^= 0x5A
    warc.write_bytes(bytes(data))
    return offsets


def test_reading_goes_on_after_a_corrupt_gzip_member(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warc = tmp_path / "damaged.warc.gz"
    offsets = _write_damaged_warc(warc)
    corpus = tmp_path / "corpus"
    code, out, err = _run(capsys, str(warc), "--corpus", str(corpus), "--skipped", str(tmp_path / "s.jsonl"))
    assert code == 3
    assert "2 stored" in out and "1 bad (1 corrupt)" in out, out
    assert _entries(corpus, "https://kr.example.com/article/1001")
    assert _entries(corpus, "https://news.example.com/politics/seoul-ends-gsomia")  # after the damage
    (row,) = [json.loads(x) for x in (tmp_path / "s.jsonl").read_text().splitlines()]
    assert row["kind"] == "corrupt" and row["offset"] == offsets[1]
    assert f"bytes {offsets[1]}-{offsets[2]} unreadable" in row["reason"]


def test_a_seekable_url_recovers_from_a_corrupt_member_as_a_local_file_does(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    # s3://, gs:// and file:// open through fsspec as seekable files, unlike http(s): the reader
    # seeks past damage to the next record. file:// takes that branch with no server (s3 itself
    # is not tested here).
    pytest.importorskip("fsspec", reason="WARC URLs need fsspec (pip install '.[warc]')")
    warc = tmp_path / "damaged.warc.gz"
    offsets = _write_damaged_warc(warc)
    url = warc.as_uri()
    code_url, out_url, err_url = _run(capsys, url, "--corpus", str(tmp_path / "from-url"))
    code_file, out_file, _ = _run(capsys, str(warc), "--corpus", str(tmp_path / "from-file"))
    assert (code_url, out_url) == (code_file, out_file)
    assert code_url == 3 and "2 stored" in out_url and "1 bad (1 corrupt)" in out_url, out_url
    assert f"bytes {offsets[1]}-{offsets[2]} unreadable" in err_url  # not "the rest of the file"
    assert _entries(tmp_path / "from-url", "https://news.example.com/politics/seoul-ends-gsomia")  # after the damage
    assert sorted(_snapshot(tmp_path / "from-url")) == sorted(_snapshot(tmp_path / "from-file"))


def test_a_missing_file_is_bad_input_and_adds_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warc = tmp_path / "a.warc.gz"
    write_warc(warc, [Rec("https://news.example.com/politics/seoul-ends-gsomia", ENGLISH.encode())])
    corpus = tmp_path / "corpus"
    code, out, err = _run(capsys, str(warc), str(tmp_path / "missing.warc.gz"), "--corpus", str(corpus))
    assert code == 2
    assert err.strip().splitlines() == [f"gsomia-news: [E101] no such WARC file: {tmp_path / 'missing.warc.gz'}"]
    assert not corpus.exists()


def test_a_file_that_is_not_a_warc_is_listed_not_fatal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk, good = tmp_path / "junk.warc.gz", tmp_path / "good.warc.gz"
    junk.write_bytes(b"\x1f\x8b\x08 this is not gzip data at all" * 10)
    write_warc(good, [Rec("https://news.example.com/politics/seoul-ends-gsomia", ENGLISH.encode())])
    code, out, err = _run(capsys, str(junk), str(good), "--corpus", str(tmp_path / "corpus"))
    assert code == 3
    assert "2 file(s)" in out and "1 stored" in out and "1 bad (1 corrupt)" in out, out
    assert "junk.warc.gz@0" in err


# ---------------------------------------------------------------- URLs


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def test_ingest_warc_over_http_equals_the_local_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("fsspec", reason="WARC URLs need fsspec (pip install '.[warc]')")
    pytest.importorskip("aiohttp", reason="http(s) WARC URLs need aiohttp (pip install '.[warc]')")
    served = tmp_path / "served"
    served.mkdir()
    warc = served / "CC-NEWS-20190822.warc.gz"
    write_warc(warc, standard_records())
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(served)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/{warc.name}"
        code_url, out_url, _ = _run(capsys, url, "--corpus", str(tmp_path / "from-url"))
        missing = f"http://127.0.0.1:{server.server_address[1]}/missing.warc.gz"
        code_missing, out_missing, err_missing = _run(capsys, missing, "--corpus", str(tmp_path / "none"))
    finally:
        server.shutdown()
        server.server_close()
    code_file, out_file, _ = _run(capsys, str(warc), "--corpus", str(tmp_path / "from-file"))
    assert (code_url, out_url) == (code_file, out_file)
    from_url, from_file = _snapshot(tmp_path / "from-url"), _snapshot(tmp_path / "from-file")
    assert sorted(from_url) == sorted(from_file)
    for name, data in from_file.items():
        if name.endswith(".json"):  # provenance names the URL instead of the file name; nothing else differs
            a, b = json.loads(from_url[name]), json.loads(data)
            assert a["warc"].pop("file") == url and b["warc"].pop("file") == warc.name
            assert a == b
        else:
            assert from_url[name] == data
    assert code_missing == 3 and "1 bad (1 unreadable)" in out_missing
    assert "[unreadable] " + missing in err_missing
