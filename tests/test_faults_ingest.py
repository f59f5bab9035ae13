"""Fault and bad-input tests of `gsomia-news ingest` and the corpus writer (issue 14, items 1-6).

Each test reproduces one break found by probing: bad files, absurd URLs and times, a corpus
that is a file or a full disk, a killed ingest, a huge file, and duplicates (also from four
processes at once). What they check: exit 2 and one line for bad input, exit 1 and one line
for a disk that refuses, and in every case nothing already saved lost and nothing half-made
left behind.
"""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gsomia_news.cli import main
from gsomia_news.store import corpus as corpus_mod
from gsomia_news.store.corpus import add, page_dir, scan, versions

URL = "https://www.example-news.org/politics/2019/11/22/gsomia-story"
CAPTURE = "Seoul keeps the pact for now\n\nSouth Korea said on Friday it would keep the pact.\n"
KBS_PAGE = "http://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code={}"


def _ingest(corpus: Path, *args: str) -> int:
    return main(["ingest", *args, "--corpus", str(corpus)])


def _one_line_error(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("gsomia-news: [E"), err
    assert "\n" not in err and "Traceback" not in err, err
    for word in words:
        assert word in err, err
    return err


def _everything(corpus: Path) -> list[str]:
    """Every file and folder under the corpus (hidden ones included)."""
    return sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*")) if corpus.exists() else []


# ---------------------------------------------------------------- 1. NUL bytes anywhere


def test_nul_byte_after_the_first_8_kb_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(CAPTURE.encode() + b"x" * 9000 + b"\x00rest of a binary file\n")
    assert _ingest(tmp_path / "corpus", str(page), "--url", URL) == 2
    _one_line_error(capsys, "binary file", f"offset {len(CAPTURE) + 9000}")
    assert _everything(tmp_path / "corpus") == []


# ---------------------------------------------------------------- 2. URLs no folder can hold


@pytest.mark.parametrize(("url", "words"), [
    (KBS_PAGE.format("9" * 300), ("article number too long",)),
    ("https://en.yna.co.kr/view/AEN" + "2" * 280, ("article number too long",)),
    ("https://koreajoongangdaily.joins.com/news/article/article.aspx?aid=" + "7" * 10_000, ("URL too long",)),
    ("https://news.example.org/" + "a" * 10_000, ("URL too long",)),
])
def test_a_url_no_page_folder_can_hold_is_bad_input_and_adds_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], url: str, words: tuple[str, ...]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(CAPTURE, encoding="utf-8")
    manifest = tmp_path / "pages.json"
    # The good entry comes first: all or nothing means it is not added either.
    manifest.write_text(json.dumps([{"file": "good.txt", "url": URL}, {"file": "good.txt", "url": url}]))
    corpus = tmp_path / "corpus"
    assert _ingest(corpus, str(manifest)) == 2
    _one_line_error(capsys, *words)
    assert _everything(corpus) == []


# ---------------------------------------------------------------- 3. obtained_at


@pytest.mark.parametrize("value", [12345, "not a date", "yesterday-ish", "2019-13-45T00:00:00Z", "2999-01-01T00:00:00Z", ""])
def test_a_bad_obtained_at_is_bad_input_and_adds_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         value: object) -> None:
    (tmp_path / "a.txt").write_text(CAPTURE, encoding="utf-8")
    manifest = tmp_path / "pages.json"
    manifest.write_text(json.dumps([{"file": "a.txt", "url": URL + "-ok"},
                                    {"file": "a.txt", "url": URL, "obtained_at": value}]))
    corpus = tmp_path / "corpus"
    assert _ingest(corpus, str(manifest)) == 2
    _one_line_error(capsys, "obtained_at")
    assert _everything(corpus) == []


def test_obtained_at_flag_is_checked_and_stored_in_utc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "a.txt"
    page.write_text(CAPTURE, encoding="utf-8")
    corpus = tmp_path / "corpus"
    assert main(["ingest", str(page), "--url", URL, "--obtained-at", "yesterday-ish", "--corpus", str(corpus)]) == 2
    _one_line_error(capsys, "obtained_at", "yesterday-ish")
    assert _everything(corpus) == []
    assert main(["ingest", str(page), "--url", URL, "--obtained-at", "2019-11-22T18:30:00+09:00", "--corpus", str(corpus)]) == 0
    (entry,) = versions(page_dir(corpus, URL))
    assert entry.obtained_at == "2019-11-22T09:30:00Z"


# ---------------------------------------------------------------- 4. corpus a file, full disk, killed ingest


def test_corpus_that_is_a_file_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "a.txt"
    page.write_text(CAPTURE, encoding="utf-8")
    not_a_folder = tmp_path / "corpus"
    not_a_folder.write_text("I am a file\n")
    assert _ingest(not_a_folder, str(page), "--url", URL) == 2
    _one_line_error(capsys, "corpus is not a folder")
    assert not_a_folder.read_text() == "I am a file\n"


def test_disk_full_mid_ingest_is_one_line_and_keeps_what_was_added(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = []
    for i in range(3):
        page = tmp_path / f"p{i}.txt"
        page.write_text(CAPTURE + f"\nPage {i}.\n", encoding="utf-8")
        pages.append(page)
    corpus = tmp_path / "corpus"
    real_write = os.write
    writes = {"n": 0}

    def full_disk(fd: int, data: bytes) -> int:
        writes["n"] += 1
        if writes["n"] > 2:  # page 0's raw file and sidecar fit; nothing more does
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(corpus_mod.os, "write", full_disk)
    args = [str(p) for p in pages] + [a for i in range(3) for a in ("--url", f"{URL}-{i}")]
    assert _ingest(corpus, *args) == 1
    _one_line_error(capsys, "No space left on device")
    # Page 0 is complete; nothing at all is left of page 1 (no folder, no raw file, no .tmp-).
    assert [e.version for e in versions(page_dir(corpus, f"{URL}-0"))] == [1]
    assert not page_dir(corpus, f"{URL}-1").exists()
    assert not [p for p in _everything(corpus) if ".tmp-" in p]
    assert not scan(corpus).failures


def _tmpfs_available() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k none /mnt"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


needs_tmpfs = pytest.mark.skipif(not _tmpfs_available(), reason="needs `unshare -m` and tmpfs mounts (root or user namespaces)")


@needs_tmpfs
def test_really_full_disk_on_a_small_tmpfs(tmp_path: Path) -> None:
    """A real ENOSPC from the kernel: a 160 KB page into a 128 KB tmpfs, in a private mount namespace."""
    page = tmp_path / "big.txt"
    page.write_text(CAPTURE + "\n".join(f"Paragraph {i} about the pact." for i in range(6000)) + "\n", encoding="utf-8")
    small = tmp_path / "small"
    small.mkdir()
    script = (f"mount -t tmpfs -o size=128k none {small} && "
              f"{sys.executable} -m gsomia_news.cli ingest {page} --url {URL} --corpus {small}/corpus; "
              f"echo rc=$?; find {small}/corpus -mindepth 1 | sort")
    proc = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=120)
    assert "rc=1" in proc.stdout, proc.stdout + proc.stderr
    err = proc.stderr.strip()
    assert "No space left on device" in err and "\n" not in err and "Traceback" not in err, err
    listed = [line for line in proc.stdout.splitlines() if line.startswith(str(small))]
    # The outlet folder may stay; no page folder, raw file or temporary file does.
    assert listed in ([], [f"{small}/corpus/generic"]), listed


_KILL_AFTER_RAW = """
import os, sys
from gsomia_news.store import corpus
real_link = os.link
def link(src, dst, *a, **k):
    real_link(src, dst, *a, **k)
    if str(dst).endswith(".txt"):
        os._exit(9)  # killed right after the raw file, before its sidecar: no cleanup runs
corpus.os.link = link
from gsomia_news.cli import main
main(sys.argv[1:])
"""


def test_killed_ingest_leaves_nothing_that_is_not_cleaned(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(CAPTURE, encoding="utf-8")
    second.write_text(CAPTURE + "\nA correction.\n", encoding="utf-8")
    assert _ingest(corpus, str(first), "--url", URL) == 0
    folder = page_dir(corpus, URL)
    committed = (folder / "001.txt").read_bytes()
    proc = subprocess.run([sys.executable, "-c", _KILL_AFTER_RAW, "ingest", str(second), "--url", URL,
                           "--corpus", str(corpus)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 9
    assert {"002.txt", ".tmp-002.txt"} <= set(os.listdir(folder))  # what the killed run left
    # The build does not mistake the uncommitted write for a page that lost its sidecar.
    assert not scan(corpus).failures
    # The next ingest (of anything) takes the leftovers away; version 1 is untouched.
    other = tmp_path / "c.txt"
    other.write_text(CAPTURE + "\nAnother story.\n", encoding="utf-8")
    assert _ingest(corpus, str(other), "--url", URL + "-other") == 0
    assert sorted(os.listdir(folder)) == [".lock", "001.json", "001.txt"]
    assert (folder / "001.txt").read_bytes() == committed
    assert _ingest(corpus, str(second), "--url", URL) == 0
    assert [e.version for e in versions(folder)] == [1, 2]


# ---------------------------------------------------------------- 5. a huge file is not read


def test_a_1_gib_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.html"
    with open(huge, "wb") as fh:  # sparse: instant, and takes no disk
        fh.truncate(1 << 30)
    # VmHWM: this process's own peak (ru_maxrss would carry over the forking parent's).
    script = (
        "import re\n"
        "from gsomia_news.cli import main\n"
        f"code = main(['ingest', {str(huge)!r}, '--url', {URL!r}, '--corpus', {str(tmp_path / 'corpus')!r}])\n"
        "peak = re.search(r'VmHWM:\\s+(\\d+) kB', open('/proc/self/status').read())\n"
        "print(code, int(peak.group(1)) // 1024)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    code, peak_mb = (int(v) for v in proc.stdout.split())
    assert code == 2 and "file too large" in proc.stderr
    assert peak_mb < 300, f"peak memory {peak_mb} MB: the file was read"


# ---------------------------------------------------------------- 6. duplicates


def test_bytes_equal_to_any_stored_version_are_a_noop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(CAPTURE, encoding="utf-8")
    b.write_text(CAPTURE + "\nUpdated.\n", encoding="utf-8")
    for page in (a, b, a, b):
        assert _ingest(corpus, str(page), "--url", URL) == 0
    assert [e.version for e in versions(page_dir(corpus, URL))] == [1, 2]  # A, B, A, B: two versions
    assert "unchanged" in capsys.readouterr().err


def test_a_damaged_stored_copy_does_not_swallow_good_bytes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    first = add(corpus, URL, CAPTURE.encode(), "text/plain")
    (corpus / first.entry.path).write_bytes(b"bit rot")
    again = add(corpus, URL, CAPTURE.encode(), "text/plain")
    assert again.created and again.entry.version == 2  # stored again: the old copy no longer matches


def _add_all(args: tuple[str, int, list[int]]) -> int:
    root, seed, order = args
    random.Random(seed).shuffle(order)
    created = 0
    for i in order:
        created += add(Path(root), f"{URL}-{i}", f"{CAPTURE}\nPage {i}.\n".encode(), "text/plain", how="warc").created
    return created


def test_four_concurrent_ingests_of_the_same_200_pages_store_no_duplicate(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    with multiprocessing.get_context("fork").Pool(4) as pool:
        created = pool.map(_add_all, [(str(corpus), seed, list(range(200))) for seed in range(4)])
    assert sum(created) == 200
    found = scan(corpus)
    assert len(found.pages) == 200 and not found.failures
    assert all(len(page.versions) == 1 for page in found.pages)
    assert not [p for p in _everything(corpus) if ".tmp-" in p]
