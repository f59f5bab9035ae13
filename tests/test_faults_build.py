"""Fault and bad-input tests of the corpus as a build reads it, and of `gsomia-news build`
(issue 14, items 7-13).

Each test reproduces one break found by probing: a page longer than spaCy accepts, a deleted
or hostile sidecar, symbolic links and `../` out of the corpus, an empty corpus, a disk that
fills while articles stream, a second build in another pid namespace, and run folders that
pile up. The rule they hold the build to: every page it cannot or will not read is listed in
the manifest with stage and reason and the rest is built (exit 3); anything that keeps a
dataset from being published is one line on stderr (exit 1) and leaves `latest` untouched.
"""

from __future__ import annotations

import builtins
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, read_articles
from gsomia_news.build import build
from gsomia_news.cli import main
from gsomia_news.load import writer as writer_mod
from gsomia_news.settings import BuildOptions
from gsomia_news.store.corpus import add

SEED = "kbs-world/149540"  # one bundled seed page: a small corpus that builds in a second
SEED_URL = "http://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=149540"


def _one_page_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus" / SEED, corpus / SEED)
    return corpus


@pytest.fixture
def out(tmp_path: Path, seed_build: Path) -> Path:
    """An empty build folder with the seed build's extraction cache: the seed pages need no NLP."""
    folder = tmp_path / "build"
    shutil.copytree(seed_build.parent / ".cache", folder / ".cache")
    return folder


def _build(corpus: Path, out: Path, **kw: object):  # noqa: ANN202 - a BuildResult
    return build(BuildOptions(corpus=corpus, out=out, progress=False, **kw))  # type: ignore[arg-type]


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _manifest(out: Path) -> dict:
    return json.loads((out / "latest" / "manifest.json").read_text(encoding="utf-8"))


def _one_line_error(capsys: pytest.CaptureFixture[str], *words: str) -> None:
    err = capsys.readouterr().err.strip()
    assert err.startswith("gsomia-news: [E") and "\n" not in err and "Traceback" not in err, err
    for word in words:
        assert word in err, err


# ---------------------------------------------------------------- 7. longer than spaCy takes


@pytest.mark.parametrize("workers", [1, 2])
def test_a_page_longer_than_spacy_takes_is_listed_and_the_rest_built(tmp_path: Path, workers: int) -> None:
    corpus = _one_page_corpus(tmp_path)
    paragraphs = [f"In paragraph {i}, officials in Seoul said on Friday that the government would keep the "
                  f"intelligence-sharing pact with Japan for now while talks continue, decision {i} aside."
                  for i in range(6000)]
    long_page = "Seoul keeps the pact for now\n\n" + "\n\n".join(paragraphs) + "\n"
    assert len(long_page) > 1_000_000
    add(corpus, "https://news.example.org/a/long", long_page.encode(), "text/plain")
    out = tmp_path / "build"
    result = _build(corpus, out, workers=workers, chunk_size=1)  # chunks of one page: a real pool with 2
    assert result.exit_code == 3
    (failure,) = result.manifest.failures
    assert failure.stage == "extract" and failure.url == "https://news.example.org/a/long"
    assert "more than the NLP model's limit of 1,000,000" in failure.reason
    assert [a["id"] for a in read_articles(out / "latest")] == ["kbs-world:149540"]


# ---------------------------------------------------------------- 8. deleted and hostile sidecars


def test_a_deleted_sidecar_is_listed_not_silently_dropped(out: Path, corpus_copy: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    (corpus_copy / SEED / "001.json").unlink()
    assert main(["build", "--quiet", "--corpus", str(corpus_copy), "--out", str(out)]) == 3
    (failure,) = _manifest(out)["failures"]
    assert failure["stage"] == "corpus" and failure["path"] == f"{SEED}/001.txt"
    assert "without its sidecar" in failure["reason"]
    assert len(read_articles(out / "latest")) == 4
    assert (corpus_copy / SEED / "001.txt").exists()  # kept: it may be all that is left of the page


def test_a_sidecar_with_a_javascript_url_is_listed_and_the_rest_built(out: Path, corpus_copy: Path, tmp_path: Path) -> None:
    meta = corpus_copy / SEED / "001.json"
    data = json.loads(meta.read_text(encoding="utf-8"))
    data["url"] = "javascript:alert(1)"
    meta.write_text(json.dumps(data), encoding="utf-8")
    assert main(["build", "--quiet", "--corpus", str(corpus_copy), "--out", str(out)]) == 3
    (failure,) = _manifest(out)["failures"]
    assert failure["stage"] == "corpus" and failure["path"] == f"{SEED}/001.json"
    assert "bad url" in failure["reason"] and "not an http(s) URL" in failure["reason"]
    assert len(read_articles(out / "latest")) == 4


# ---------------------------------------------------------------- 9. nothing outside the corpus is read


def _outside_page(tmp_path: Path) -> Path:
    """A valid page folder outside the corpus, whose bytes match its own sidecar."""
    outside = tmp_path / "outside" / "149540"
    shutil.copytree(REPO / "corpus" / SEED, outside)
    secret = "SECRET outside the corpus\n\nSouth Korea said on Friday it would keep the pact.\n".encode()
    (outside / "001.txt").write_bytes(secret)
    meta = json.loads((outside / "001.json").read_text(encoding="utf-8"))
    meta.update(sha256=hashlib.sha256(secret).hexdigest(), size=len(secret))
    (outside / "001.json").write_text(json.dumps(meta), encoding="utf-8")
    return outside


@pytest.mark.parametrize("how", ["raw file", "page folder", "outlet folder", "sidecar path", "sidecar file", "fifo"])
def test_nothing_that_resolves_outside_the_corpus_is_read(out: Path, tmp_path: Path, how: str) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", corpus)
    outside = _outside_page(tmp_path)
    page = corpus / SEED
    if how == "raw file":
        page.joinpath("001.txt").unlink()
        page.joinpath("001.txt").symlink_to(outside / "001.txt")
        page.joinpath("001.json").write_bytes((outside / "001.json").read_bytes())
    elif how == "page folder":
        shutil.rmtree(page)
        page.symlink_to(outside)
    elif how == "outlet folder":
        shutil.rmtree(page.parent)
        page.parent.symlink_to(outside.parent)
    elif how == "sidecar path":
        meta = json.loads((outside / "001.json").read_text(encoding="utf-8"))
        meta["path"] = "../" * 3 + "outside/149540/001.txt"
        page.joinpath("001.json").write_text(json.dumps(meta), encoding="utf-8")
    elif how == "sidecar file":
        page.joinpath("001.json").unlink()
        page.joinpath("001.json").symlink_to(outside / "001.json")
    else:  # a FIFO where the raw file was: opening it to read would wait forever
        page.joinpath("001.txt").unlink()
        os.mkfifo(page / "001.txt")
    result = _build(corpus, out)
    assert result.exit_code == 3
    assert [f.stage for f in result.manifest.failures] == ["corpus"]
    assert any(word in result.manifest.failures[0].reason
               for word in ("symbolic link", "not the raw file beside it", "not a regular file"))
    articles = read_articles(out / "latest")
    assert len(articles) == 4 and not any("SECRET" in a["body"] for a in articles)


# ---------------------------------------------------------------- 10. an empty corpus


def test_an_empty_corpus_does_not_replace_a_good_latest(out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _one_page_corpus(tmp_path)
    good = _build(corpus, out).path
    before = _snapshot(out / "latest")
    empty = tmp_path / "empty"  # e.g. a volume that was not mounted
    empty.mkdir()
    assert main(["build", "--quiet", "--corpus", str(empty), "--out", str(out)]) == 1
    _one_line_error(capsys, "has no readable page", "--allow-empty")
    assert os.readlink(out / "latest") == good.name and _snapshot(out / "latest") == before
    assert not list(out.glob(".tmp-*"))
    assert main(["build", "--quiet", "--allow-empty", "--corpus", str(empty), "--out", str(out)]) == 0
    assert os.readlink(out / "latest") != good.name and read_articles(out / "latest") == []


def test_a_build_where_every_page_fails_does_not_replace_latest(out: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _one_page_corpus(tmp_path)
    good = _build(corpus, out).path
    broken = tmp_path / "broken"
    add(broken, "https://example.org/a/1", b"Menu\nHome\nSearch\nShare\n", "text/plain")
    assert main(["build", "--quiet", "--corpus", str(broken), "--out", str(out)]) == 1
    _one_line_error(capsys, "no page could be built (1 failed", "[E301]")
    assert os.readlink(out / "latest") == good.name


# ---------------------------------------------------------------- 11. disk full while articles stream


def test_disk_full_while_articles_stream_is_one_line(out: Path, corpus_copy: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    good = _build(corpus_copy, out).path
    before = _snapshot(out / "latest")

    def full_articles_file(path: object, *args: object, **kw: object):  # noqa: ANN202
        # The kernel's own ENOSPC: articles.jsonl is /dev/full, everything else a real file.
        if Path(str(path)).name == "articles.jsonl":
            return builtins.open("/dev/full", *args, **kw)  # type: ignore[call-overload]
        return builtins.open(path, *args, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr(writer_mod, "open", full_articles_file, raising=False)
    assert main(["build", "--quiet", "--corpus", str(corpus_copy), "--out", str(out)]) == 1
    _one_line_error(capsys, "No space left on device")
    assert os.readlink(out / "latest") == good.name and _snapshot(out / "latest") == before
    assert not list(out.glob(".tmp-*"))


def _tmpfs_available() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k none /mnt"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


@pytest.mark.skipif(not _tmpfs_available(), reason="needs `unshare -m` and tmpfs mounts (root or user namespaces)")
def test_really_full_disk_while_articles_stream(corpus_copy: Path, tmp_path: Path, seed_build: Path) -> None:
    """A real ENOSPC: build/ on a small tmpfs, filled up after a good build, in a private mount namespace."""
    warm = seed_build.parent  # its extraction cache spares the builds below the NLP model
    out = tmp_path / "build"
    out.mkdir()
    build_cmd = f"{sys.executable} -m gsomia_news.cli build --quiet --corpus {corpus_copy} --out {out}"
    script = "\n".join([
        f"mount -t tmpfs -o size=4m none {out} || exit 99",
        f"cp -r {warm}/.cache {out}/.cache",
        f"{build_cmd} >/dev/null 2>&1 || exit 98",
        f"(cd {out}/latest && sha256sum $(find . -type f | sort)) > {tmp_path}/before",
        f"dd if=/dev/zero of={out}/filler bs=4k 2>/dev/null; truncate -s -16k {out}/filler",
        f"{build_cmd}; echo rc=$? >&2",
        f"(cd {out}/latest && sha256sum $(find . -type f | sort)) > {tmp_path}/after",
        f"ls -a {out} > {tmp_path}/listing",
    ])
    proc = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=300)
    lines = proc.stderr.strip().splitlines()
    assert lines[-1] == "rc=1", proc.stderr
    assert len(lines) == 2 and "No space left on device" in lines[0] and "Traceback" not in proc.stderr, proc.stderr
    assert (tmp_path / "before").read_text() == (tmp_path / "after").read_text()
    assert not [n for n in (tmp_path / "listing").read_text().split() if n.startswith(".tmp-")]


# ---------------------------------------------------------------- 12. builds in other pid namespaces


_PAUSED_BUILD = """
import sys, time
from pathlib import Path
from gsomia_news.load import writer
real_finish = writer.DatasetWriter.finish
def finish(self, *a, **k):
    print("writing", flush=True)
    go = Path(sys.argv[1])
    while not go.exists():
        time.sleep(0.05)
    return real_finish(self, *a, **k)
writer.DatasetWriter.finish = finish
from gsomia_news.cli import main
sys.exit(main(["build", "--quiet", "--corpus", sys.argv[2], "--out", sys.argv[3]]))
"""


def _pid_namespaces() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-p", "-f", "true"], capture_output=True, timeout=30).returncode == 0


@pytest.mark.skipif(not _pid_namespaces(), reason="needs `unshare -p` (root or user namespaces) for a second pid namespace")
def test_a_build_in_another_pid_namespace_leaves_a_running_build_alone(out: Path, tmp_path: Path) -> None:
    corpus = _one_page_corpus(tmp_path)
    _build(corpus, out)
    go = tmp_path / "go"
    first = subprocess.Popen([sys.executable, "-c", _PAUSED_BUILD, str(go), str(corpus), str(out)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert first.stdout.readline().strip() == "writing"  # its temporary folder is there, half-written
        (running,) = [p for p in out.glob(".tmp-*") if p.is_dir()]
        # Another container on the same volume: its pids say nothing about ours.
        second = subprocess.run(["unshare", "-p", "-f", sys.executable, "-m", "gsomia_news.cli", "build", "--quiet",
                                 "--corpus", str(corpus), "--out", str(out)], capture_output=True, text=True, timeout=300)
        assert second.returncode == 0, second.stderr
        assert running.is_dir()  # not taken for abandoned
    finally:
        go.touch()
        _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert not list(out.glob(".tmp-*"))


_KILL_AT = """
import os, sys
from gsomia_news.load import writer
point = sys.argv[1]
real_rename, real_replace, real_rmtree = os.rename, os.replace, writer.shutil.rmtree
def rename(src, dst, *a, **k):
    real_rename(src, dst, *a, **k)
    if point == "after-rename" and ".tmp-" in str(src):
        os._exit(9)
    if point == "mid-prune" and ".pruned-" in str(dst):
        os._exit(9)
def replace(src, dst, *a, **k):
    real_replace(src, dst, *a, **k)
    if point == "after-latest" and str(dst).endswith("latest"):
        os._exit(9)
writer.os.rename, writer.os.replace = rename, replace
from gsomia_news.cli import main
main(["build", "--quiet", "--keep", "1", "--corpus", sys.argv[2], "--out", sys.argv[3]])
"""


@pytest.mark.parametrize("point", ["after-rename", "after-latest", "mid-prune"])
def test_a_build_killed_while_publishing_or_pruning_leaves_a_complete_latest(out: Path, tmp_path: Path, point: str) -> None:
    corpus = _one_page_corpus(tmp_path)
    _build(corpus, out)
    _build(corpus, out)
    proc = subprocess.run([sys.executable, "-c", _KILL_AT, point, str(corpus), str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 9, proc.stderr
    latest = out / "latest"
    assert (latest / "manifest.json").is_file() and len(read_articles(latest)) == 1
    # The next build removes whatever the killed one left, and prunes as asked.
    assert main(["build", "--quiet", "--keep", "1", "--corpus", str(corpus), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir() if p.name not in (".cache", "latest")) == [os.readlink(latest)]


# ---------------------------------------------------------------- 13. --keep N


def _runs(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name not in (".cache", "latest", "notes"))


def test_keep_prunes_old_runs_and_never_the_latest(out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from gsomia_news.load.writer import prune

    corpus = _one_page_corpus(tmp_path)
    old = [_build(corpus, out, keep=100).path.name for _ in range(3)]
    (out / "notes").mkdir()  # not a run folder: never touched
    assert main(["build", "--quiet", "--keep", "2", "--corpus", str(corpus), "--out", str(out)]) == 0
    assert "removed 2 old run(s) (--keep 2)" in capsys.readouterr().err
    newest = os.readlink(out / "latest")
    assert _runs(out) == sorted([old[2], newest])
    # latest moved back to an older run by hand: pruning keeps it, whatever N is.
    os.remove(out / "latest")
    os.symlink(old[2], out / "latest")
    assert prune(out, 1, out / ".tmp-test") == []  # the newest, and the one latest points to
    another = _build(corpus, out, keep=100).path.name
    os.remove(out / "latest")
    os.symlink(old[2], out / "latest")
    assert prune(out, 1, out / ".tmp-test") == [newest]
    assert _runs(out) == sorted([old[2], another])
    assert (out / "notes").is_dir()


def test_keep_default_is_documented(capsys: pytest.CaptureFixture[str]) -> None:
    from gsomia_news.settings import DEFAULT_KEEP_RUNS

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"--keep N` (default {DEFAULT_KEEP_RUNS})" in readme
    assert main(["build", "--quiet", "--keep", "0", "--corpus", "nowhere"]) == 2
    _one_line_error(capsys, "--keep must be at least 1")


def test_validate_does_not_read_a_raw_path_outside_the_corpus(seed_build: Path, tmp_path: Path) -> None:
    from gsomia_news.load.validate import validate_dataset

    corpus = seed_build.parent.parent / "corpus"
    dataset = tmp_path / "dataset"
    shutil.copytree(seed_build, dataset)
    articles = read_articles(dataset)
    outside = tmp_path / "outside.txt"  # the same bytes, outside the corpus
    outside.write_bytes((corpus / articles[0]["raw"]["path"]).read_bytes())
    articles[0]["raw"]["path"] = os.path.relpath(outside, corpus)
    (dataset / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    problems = validate_dataset(dataset, corpus)
    assert len(problems) == 1 and "is not inside the corpus" in problems[0]
