"""ingest-warc under a full disk and a killed run: one line, nothing saved lost, nothing half-made,
and a re-run finishes the job without storing any version twice.

The WARC files are written by the tests with warcio (tests/warc_pages.py: hand-made pages).
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastwarc", reason="WARC support not installed (pip install '.[warc]')")
pytest.importorskip("warcio", reason="the tests write their WARC files with warcio")

from warc_pages import corpus_files, standard_records, write_warc  # noqa: E402

from gsomia_news.cli import main  # noqa: E402
from gsomia_news.store import corpus as corpus_mod  # noqa: E402
from gsomia_news.store.corpus import scan  # noqa: E402


@pytest.fixture()
def warc(tmp_path: Path) -> Path:
    path = tmp_path / "CC-NEWS-20190822.warc.gz"
    write_warc(path, standard_records())
    return path


@pytest.fixture()
def whole(tmp_path: Path, warc: Path) -> dict[str, bytes]:
    """The corpus one uninterrupted run stores (6 versions of 5 pages)."""
    assert main(["ingest-warc", "--quiet", str(warc), "--corpus", str(tmp_path / "whole")]) == 3  # a truncated record
    return corpus_files(tmp_path / "whole")


def test_a_full_disk_is_one_line_keeps_what_was_stored_and_a_rerun_completes(
    tmp_path: Path, warc: Path, whole: dict[str, bytes], capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    capsys.readouterr()
    corpus = tmp_path / "corpus"
    real_write = os.write
    writes = {"n": 0}

    def full_disk(fd: int, data: bytes) -> int:
        writes["n"] += 1
        if writes["n"] > 4:  # two pages (raw file and sidecar each) fit; nothing more does
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    with monkeypatch.context() as patch:
        patch.setattr(corpus_mod.os, "write", full_disk)
        assert main(["ingest-warc", "--quiet", str(warc), "--corpus", str(corpus)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len([line for line in err if line.startswith("gsomia-news:")]) == 1 and "No space left on device" in err[-1]
    assert "Traceback" not in "\n".join(err)
    partial = corpus_files(corpus)
    assert len([name for name in partial if name.endswith(".json")]) == 2  # the two pages that fit, whole
    assert all(whole[name] == data for name, data in partial.items())  # each as the whole run stores it
    assert not [name for name in partial if ".tmp-" in name] and not scan(corpus).failures
    # Space again: the re-run stores the rest, and what the whole run stores, no more.
    assert main(["ingest-warc", "--quiet", str(warc), "--corpus", str(corpus)]) == 3
    assert corpus_files(corpus) == whole


_KILL_AT_THIRD_PAGE = """
import os, sys
from gsomia_news.store import corpus
real_link, raws = os.link, []
def link(src, dst, *a, **k):
    real_link(src, dst, *a, **k)
    if not str(dst).endswith(".json"):
        raws.append(dst)
        if len(raws) == 3:
            os._exit(9)  # killed right after the third raw file, before its sidecar: no cleanup runs
corpus.os.link = link
from gsomia_news.cli import main
main(sys.argv[1:])
"""


def test_a_killed_run_then_a_rerun_stores_what_one_whole_run_stores(tmp_path: Path, warc: Path,
                                                                    whole: dict[str, bytes]) -> None:
    corpus = tmp_path / "corpus"
    proc = subprocess.run([sys.executable, "-c", _KILL_AT_THIRD_PAGE, "ingest-warc", "--quiet", str(warc),
                           "--corpus", str(corpus)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 9, proc.stderr
    assert not scan(corpus).failures  # the uncommitted raw file is not taken for a page that lost its sidecar
    assert main(["ingest-warc", "--quiet", str(warc), "--corpus", str(corpus)]) == 3
    assert corpus_files(corpus) == whole  # no version twice, no leftover
