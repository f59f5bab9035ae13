"""scripts/slurm_dask.py on a real Slurm cluster: workers as Slurm jobs, the local engine's bytes.

Runs only where a Slurm controller answers (`sinfo`) and dask-jobqueue is installed; it skips
everywhere else, CI included. The test's temporary folder must be visible to the compute node
(a one-node cluster, or `pytest --basetemp` on the shared filesystem). It was run on a one-node
Slurm 22.05 (Debian's slurm-wlm) on a development machine.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("dask_jobqueue", reason="dask-jobqueue is not installed (pip install '.[slurm]')")
pytest.importorskip("fastwarc", reason="WARC support not installed (pip install '.[warc]')")
pytest.importorskip("warcio", reason="the tests write their WARC files with warcio")

from conftest import REPO  # noqa: E402
from warc_pages import corpus_files, standard_records, write_warc  # noqa: E402

from gsomia_news.cli import main  # noqa: E402
from gsomia_news.store.corpus import add, read_latest, scan  # noqa: E402


def _slurm_up() -> bool:
    if shutil.which("sinfo") is None or shutil.which("sbatch") is None:
        return False
    try:
        out = subprocess.run(["sinfo", "-h", "-o", "%a"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return out.returncode == 0 and "up" in out.stdout.split()


pytestmark = pytest.mark.skipif(not _slurm_up(), reason="no Slurm controller answers here (sinfo)")

SCRIPT = [sys.executable, str(REPO / "scripts" / "slurm_dask.py")]
ONE_JOB = ["--jobs", "1", "--cores", "2", "--memory", "4GB", "--walltime", "00:15:00"]


def _jobs() -> list[str]:
    out = subprocess.run(["squeue", "-h", "-n", "dask-worker", "-o", "%i %T"], capture_output=True, text=True, timeout=10)
    return out.stdout.split("\n")[:-1]


def test_slurm_workers_ingest_and_build_what_the_local_engine_does(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    warc = tmp_path / "cc-news.warc.gz"
    write_warc(warc, standard_records())
    (tmp_path / "warc.paths").write_text(f"{warc}\n")

    assert main(["ingest-warc", "--quiet", str(warc), "--corpus", str(tmp_path / "local-corpus")]) == 3  # one truncated record
    assert main(["build", "--quiet", "--corpus", str(tmp_path / "local-corpus"), "--out", str(tmp_path / "local-out")]) == 0
    capsys.readouterr()

    run = subprocess.run([*SCRIPT, *ONE_JOB, "--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"),
                          "--warcs", str(tmp_path / "warc.paths")],
                         cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert run.returncode == 3, run.stdout[-2000:] + run.stderr[-2000:]  # the truncated record, as locally
    # six versions of five pages: the story captured twice is one page
    assert "6 stored" in run.stdout and "built 5 article(s)" in run.stdout

    logs = "".join(p.read_text() for p in tmp_path.glob("slurm-*.out"))  # the worker job's own output
    assert "Worker name:           SLURMCluster-0-0" in logs and "SLURMCluster-0-1" in logs

    assert corpus_files(tmp_path / "corpus") == corpus_files(tmp_path / "local-corpus")
    for name in ("articles.jsonl", "officials.json", "officials.jsonl"):
        assert (tmp_path / "out" / "latest" / name).read_bytes() == (tmp_path / "local-out" / "latest" / name).read_bytes()


def test_a_missing_warc_list_is_refused_before_any_job_is_queued(tmp_path: Path) -> None:
    run = subprocess.run([*SCRIPT, "--corpus", str(tmp_path / "c"),
                          "--out", str(tmp_path / "o"), "--warcs", str(tmp_path / "nope.paths")],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "no such file" in run.stderr and _jobs() == []


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_run_says_so_exits_130_and_leaves_no_job(tmp_path: Path, sig: signal.Signals) -> None:
    # dask_jobqueue's import makes SIGINT a bare sys.exit(): the run used to end silently, exit 0.
    seeds = [page for ref in scan(REPO / "corpus").pages if (page := read_latest(REPO / "corpus", ref)[0])]
    for i in range(40):  # long enough a build that the signal lands while it runs
        for page in seeds:
            add(tmp_path / "corpus", f"{page.entry.url}?copy={i}", page.raw, page.entry.content_type,
                obtained_at=page.entry.obtained_at)
    proc = subprocess.Popen([*SCRIPT, *ONE_JOB, "--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "out")],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while not any(line.endswith("RUNNING") for line in _jobs()) and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(5)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err[-2000:]
    assert "interrupted" in err.strip().splitlines()[-1]
    assert not (tmp_path / "out" / "latest").exists()  # nothing published
    for _ in range(20):  # scancel is asynchronous
        if not _jobs():
            break
        time.sleep(0.5)
    assert _jobs() == []
