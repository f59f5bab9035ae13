"""The Dask engine: same bytes as the local engine, the model loaded once per worker, a killed worker."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="the dask engine is not installed (pip install '.[dask]')")

from conftest import REPO  # noqa: E402

from gsomia_news.build import build  # noqa: E402
from gsomia_news.cli import main  # noqa: E402
from gsomia_news.profiles import profile_for_url  # noqa: E402
from gsomia_news.settings import BuildOptions  # noqa: E402
from gsomia_news.store.corpus import add, read_latest, scan  # noqa: E402


def _corpus(target: Path, copies: int) -> Path:
    """The bundled pages `copies` times, under new article numbers (distinct pages, real text)."""
    seeds = [page for ref in scan(REPO / "corpus").pages if (page := read_latest(REPO / "corpus", ref)[0])]
    for i in range(copies):
        for page in seeds:
            entry = page.entry
            number = profile_for_url(entry.url).article_number(entry.url)
            url = entry.url.replace(number, f"{number}{i:02d}") if number else f"{entry.url}?copy={i}"
            add(target, url, page.raw, entry.content_type, obtained_at=entry.obtained_at)
    return target


def _files(dataset: Path) -> dict[str, bytes]:
    return {name: (dataset / name).read_bytes() for name in ("articles.jsonl", "officials.json")}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A 15-page corpus and the files the local engine builds from it (one process)."""
    root = tmp_path_factory.mktemp("dask-corpus")
    corpus = _corpus(root / "corpus", 3)
    result = build(BuildOptions(corpus=corpus, out=root / "local", progress=False, chunk_size=2))
    assert result.exit_code == 0 and result.manifest.counts.articles == 15
    return corpus, _files(result.path)


@pytest.fixture(scope="module")
def cluster():
    """A 2-worker LocalCluster (processes) that tests reach through --scheduler."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR) as local, distributed.Client(local) as client:
        yield local, client


def test_dask_build_on_its_own_local_cluster_gives_the_local_bytes(pages, tmp_path: Path) -> None:
    corpus, expected = pages
    result = build(BuildOptions(corpus=corpus, out=tmp_path / "build", progress=False, chunk_size=2,
                                engine="dask", workers=2))
    assert result.exit_code == 0
    assert _files(result.path) == expected


def test_dask_build_loads_the_model_once_per_worker_not_per_task(pages, cluster, tmp_path: Path) -> None:
    corpus, expected = pages
    local, client = cluster
    code = main(["build", "--quiet", "--no-cache", "--engine", "dask", "--scheduler", local.scheduler_address,
                 "--corpus", str(corpus), "--out", str(tmp_path / "build")])
    assert code == 0
    assert _files(tmp_path / "build" / "latest") == expected

    def loads() -> int:
        from gsomia_news.extract.nlp import load_nlp
        return load_nlp.cache_info().misses

    # 15 pages in chunks over 2 workers is more tasks than workers; each worker loaded once.
    assert sorted(client.run(loads).values()) == [1, 1]


def test_a_worker_killed_mid_task_is_retried_and_the_dataset_is_complete(pages, cluster, tmp_path: Path) -> None:
    corpus, expected = pages
    local, client = cluster
    pids = client.run(os.getpid)
    killed: dict[str, object] = {}

    def kill_a_busy_worker() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            for address, tasks in client.processing().items():
                if tasks and address in pids:
                    killed.update(address=address, task=tasks[0])
                    os.kill(pids[address], signal.SIGKILL)
                    return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    try:
        result = build(BuildOptions(corpus=corpus, out=tmp_path / "build", progress=False, chunk_size=2,
                                    use_cache=False, engine="dask", scheduler=local.scheduler_address))
    finally:
        killer.join()
    assert killed, "no worker was busy: the kill never happened"
    assert "process_chunk" in str(killed["task"])
    assert result.exit_code == 0 and result.manifest.counts.articles == 15
    assert _files(result.path) == expected
    client.wait_for_workers(2, timeout=120)  # the nanny restarted the killed worker
    assert pids[killed["address"]] not in client.run(os.getpid).values()


def test_ingest_warc_on_dask_stores_what_the_local_engine_stores(cluster, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("fastwarc", reason="WARC support not installed (pip install '.[warc]')")
    pytest.importorskip("warcio", reason="the tests write their WARC files with warcio")
    from warc_pages import standard_records, write_warc

    records = standard_records()
    files = [tmp_path / "a.warc.gz", tmp_path / "b.warc.gz"]
    write_warc(files[0], records[:8])
    write_warc(files[1], records[8:])
    local, _ = cluster
    runs = {}
    for name, engine in (("local", []), ("dask", ["--engine", "dask", "--scheduler", local.scheduler_address])):
        code = main(["ingest-warc", "--quiet", *map(str, files), "--corpus", str(tmp_path / name), *engine])
        runs[name] = (code, capsys.readouterr().out)
    assert runs["dask"] == runs["local"]
    snapshot = {name: {str(p.relative_to(tmp_path / name)): p.read_bytes()
                       for p in sorted((tmp_path / name).rglob("*"))
                       if p.is_file() and not p.name.startswith(".")} for name in runs}  # not the folders' .lock files
    assert snapshot["dask"] == snapshot["local"] and len(snapshot["local"]) == 12


def test_the_engines_own_workers_run_without_malloc_trim_and_without_the_profiler(monkeypatch: pytest.MonkeyPatch) -> None:
    # Dask's nanny sets MALLOC_TRIM_THRESHOLD_=65536 in its workers, which costs each article
    # page faults a forked pool worker does not pay, and its sampling profiler takes the GIL
    # from the task 100 times a second; the engine's LocalCluster has neither.
    from gsomia_news.engine.dask import DaskEngine

    def seen_by_worker() -> tuple[dict[str, str], list[str]]:
        return dict(os.environ), sorted(distributed.get_worker().periodic_callbacks)

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with DaskEngine(None, 1) as engine:
        assert engine.client is not None
        env, callbacks = engine.client.submit(seen_by_worker, pure=False).result()
    assert "MALLOC_TRIM_THRESHOLD_" not in env
    assert env.get("OMP_NUM_THREADS") == "1"  # the rest of Dask's worker environment is kept
    assert "heartbeat" in callbacks and "profile" not in callbacks and "profile-cycle" not in callbacks


def test_the_worker_config_file_for_other_clusters_holds_the_same_settings(tmp_path: Path) -> None:
    import dask.config
    from distributed.nanny import _get_env_variables

    from gsomia_news.engine.dask import worker_config

    (tmp_path / "dask-worker.yaml").write_text(worker_config())
    loaded = dask.config.collect(paths=[str(tmp_path)], env={})
    with dask.config.set(loaded):
        assert "MALLOC_TRIM_THRESHOLD_" not in _get_env_variables("distributed.nanny.pre-spawn-environ")
        assert dask.config.get("distributed.worker.profile.enabled") is False
    assert "MALLOC_TRIM_THRESHOLD_" in _get_env_variables("distributed.nanny.pre-spawn-environ")
    assert dask.config.get("distributed.worker.profile.enabled") is True
