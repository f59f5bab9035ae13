#!/usr/bin/env python3
"""Build-speed benchmark: prints figures; targets are checked by reading them, not by tests.

Makes a corpus of N articles (distinct URLs, texts from the pages in corpus/) in a temporary
folder, then measures, in one run:
  - cold build docs/s with 1 and with 2 workers (`gsomia-news build --no-cache --workers N`);
  - bare `list(nlp.pipe(bodies))` docs/s over the same cleaned bodies, same model and batch
    size, in 1 and 2 processes, and the ratio build / bare at each worker count;
  - warm rebuild (nothing changed, cache used) time and its speed-up over the cold build;
  - peak memory of each build: PSS of the build process plus its workers (shared pages counted
    once), and the build process's own RSS, sampled from /proc.

Two more modes (issue 16):
  --warc   WARC scan: a generated WARC.gz of >= --warc-mb MB (real pages from
           ../shared/benchmarks/htmldate-dev when present, else made from corpus/ words), 1% of
           its responses naming the pact. Prints MB/s per core (CPU seconds of one process) of
           bare fastwarc and warcio iteration (every record's payload read, no filter), of
           ingest-warc's per-file scan (`scan_file`: filter, parse of the matches), and of the
           whole `gsomia-news ingest-warc` command into an empty corpus; and ingest / bare, best
           of --rounds alternated rounds (default 5), with the median and range of the per-round
           ratio.
  --dask   cold build docs/s with `--engine dask --workers 2` (its LocalCluster's start
           included) against `--engine local --workers 2`, on the same corpus.

Usage: .venv/bin/python scripts/bench.py [--articles 2000] [--big] [--rss-only] [--keep DIR]
       .venv/bin/python scripts/bench.py --warc [--warc-mb 200] [--rounds 5]
       .venv/bin/python scripts/bench.py --dask [--articles 2000]
Targets (issue 7): cold >= 0.85 x bare at the same worker count; 2 workers >= 1.7 x one;
warm >= 50 x faster than cold; peak RSS < 1.5 GB at 10,000 articles.
Targets (issue 16): ingest-warc >= 0.8 x bare fastwarc iteration, per core; dask build >= 0.9 x
local build docs/s with 2 workers each.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gsomia_news.store.corpus import add, read_latest, scan  # noqa: E402
from gsomia_news.profiles import profile_for_url  # noqa: E402


def make_corpus(target: Path, n: int) -> list[str]:
    """N corpus pages: the bundled pages under new article numbers; returns their cleaned bodies."""
    from gsomia_news.clean import clean_page

    seeds = []
    for ref in scan(REPO / "corpus").pages:
        page, _ = read_latest(REPO / "corpus", ref)
        if page is not None:
            seeds.append(page)
    bodies = []
    for i in range(n):
        page = seeds[i % len(seeds)]
        entry = page.entry
        number = profile_for_url(entry.url).article_number(entry.url)
        url = entry.url.replace(number, str(90_000_000 + i)) if number else f"{entry.url}?copy={i}"
        result = add(target, url, page.raw, entry.content_type, how="ingest", obtained_at=entry.obtained_at)
        bodies.append(clean_page(result.entry, page.raw).body)
    return bodies


def _tree_rss_kb(pid: int) -> tuple[int, int]:
    """(PSS of a process and all its descendants, RSS of the process alone), in kB.

    PSS, not RSS, is summed: forked workers share pages with their parent (copy-on-write), and
    summing RSS would count those pages once per process."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    total, own, todo = 0, 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            total += int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1))  # type: ignore[union-attr]
            if current == pid:
                own = int(re.search(r"^Rss:\s+(\d+)", rollup, re.M).group(1))  # type: ignore[union-attr]
        except (OSError, AttributeError):
            continue
    return total, own


def run_build(corpus: Path, out: Path, *flags: str) -> tuple[float, int]:
    """Run `gsomia-news build`; return (seconds, peak memory (PSS) in MB of its process tree)."""
    cmd = [sys.executable, "-m", "gsomia_news.cli", "build", "--quiet", "--corpus", str(corpus), "--out", str(out), *flags]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = own_peak = 0

    def sample() -> None:
        nonlocal peak, own_peak
        while proc.poll() is None:
            tree, own = _tree_rss_kb(proc.pid)
            peak, own_peak = max(peak, tree), max(own_peak, own)
            # Every 0.25 s: reading smaps_rollup walks page tables, and with as many workers as
            # cores any CPU the sampler takes is taken from the build it measures.
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    elapsed = time.perf_counter() - start
    sampler.join()
    if proc.returncode not in (0, 3):
        raise SystemExit(f"build failed ({proc.returncode}): {stderr.strip().splitlines()[-1] if stderr.strip() else ''}")
    print(f"    {stdout.strip()}")
    print(f"    peak memory: {peak // 1024} MB (PSS, build + workers); build process alone {own_peak // 1024} MB RSS")
    return elapsed, peak // 1024


def bare_pipe(bodies: list[str], processes: int, batch_size: int) -> float:
    """Seconds for list(nlp.pipe(bodies)) with the build's model and batch size."""
    from gsomia_news.extract.nlp import load_nlp

    nlp = load_nlp()
    start = time.perf_counter()
    list(nlp.pipe(bodies, batch_size=batch_size, n_process=processes))
    return time.perf_counter() - start


# ---------------------------------------------------------------- WARC scan (issue 16)

SHARED_PAGES = REPO.parent / "shared" / "benchmarks" / "htmldate-dev" / "pages"
PACT_SENTENCE = (b" Seoul said on Friday it would let GSOMIA, its military intelligence-sharing pact with "
                 b"Tokyo, lapse at midnight.")


def _bench_pages() -> tuple[list[bytes], str]:
    """Page bodies for the generated WARC: real pages when ../shared has them, else made here."""
    pages = [p.read_bytes() for p in sorted(SHARED_PAGES.glob("*.html"))] if SHARED_PAGES.is_dir() else []
    if pages:
        return pages, f"{len(pages)} real pages of {SHARED_PAGES.parent.name}"
    import random

    words = re.findall(rb"[A-Za-z]+", b" ".join(p.read_bytes() for p in (REPO / "corpus").glob("*/*/*.txt")))
    words = [w for w in words if w.lower() != b"gsomia"]
    rng = random.Random(16)
    made = []
    for i in range(200):
        paras = b"".join(b"<p>" + b" ".join(rng.choices(words, k=120)) + b"</p>" for _ in range(40))
        nav = b"".join(b'<li><a href="/s/%d">Section %d</a></li>' % (k, k) for k in range(60))
        made.append(b"<!doctype html><html><head><title>Story %d</title></head><body><nav><ul>%s</ul></nav>"
                    b"<article><h1>Story %d</h1>%s</article></body></html>" % (i, nav, i, paras))
    return made, "200 pages made from corpus/ words (../shared absent)"


def make_warc(path: Path, megabytes: int) -> tuple[int, int, str]:
    """A WARC.gz of request/response pairs, >= `megabytes` MB, 1% of responses naming the pact.
    Returns (responses, relevant, what the pages are)."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages, what = _bench_pages()
    responses = relevant = 0
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        while fh.tell() < megabytes * 1_000_000:
            html = pages[responses % len(pages)]
            if responses % 100 == 37:  # 1%: the pact named at the end of the paragraph nearest the middle
                at = html.rfind(b"</p>", 0, len(html) // 2)
                at = at if at > 0 else html.find(b"</p>")
                at = at if at > 0 else len(html) // 2
                html = html[:at] + PACT_SENTENCE + html[at:]
                relevant += 1
            host, path_ = f"news{responses % 50}.example.com", f"/article/{responses}"
            request = StatusAndHeaders(f"GET {path_} HTTP/1.1", [("Host", host)], is_http_request=True)
            writer.write_record(writer.create_warc_record(f"https://{host}{path_}", "request",
                                                          payload=io.BytesIO(b""), http_headers=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(html)))], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://{host}{path_}", "response",
                                                          payload=io.BytesIO(html), http_headers=headers))
            responses += 1
    return responses, relevant, what


def _bare_fastwarc(path: Path) -> int:
    from fastwarc.warc import ArchiveIterator

    total = 0
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh, parse_http=True, auto_decode="none"):
            total += len(record.reader.read())
    return total


def _bare_warcio(path: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator

    total = 0
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh):
            total += len(record.content_stream().read())
    return total


def _scan(path: Path) -> int:
    from gsomia_news.store.warc import scan_file

    return len(scan_file(str(path)).found)


def _timed(fn, *args) -> tuple[float, float, object]:
    """(CPU seconds of this process, wall seconds, result) of fn(*args)."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = fn(*args)
    return time.process_time() - cpu, time.perf_counter() - wall, result


def bench_warc(work: Path, megabytes: int, rounds: int = 5) -> None:
    """The WARC scan figures (see the module docstring)."""
    import resource
    import statistics

    from gsomia_news.store.warc import pact_filter

    path = work / "bench.warc.gz"
    t0 = time.perf_counter()
    responses, relevant, what = make_warc(path, megabytes)
    size = path.stat().st_size / 1e6
    print(f"  WARC made in {time.perf_counter() - t0:.0f}s: {size:.0f} MB, {responses} responses "
          f"({relevant} naming the pact) + as many requests; pages: {what}")
    pact_filter()  # compiled once per process (about 0.2 s): not part of any scan
    runs: dict[str, list[tuple[float, float]]] = {}
    ratios: list[float] = []  # bare / scan of each round: a drift in the machine's speed cancels
    found = 0
    for _ in range(rounds):  # alternated: the machine is shared and its speed drifts
        for name, fn in (("bare fastwarc", _bare_fastwarc), ("ingest scan", _scan), ("bare warcio", _bare_warcio)):
            cpu, wall, result = _timed(fn, path)
            if name == "ingest scan":
                found = int(result)  # type: ignore[arg-type]
            runs.setdefault(name, []).append((cpu, wall))
        ratios.append(runs["bare fastwarc"][-1][0] / runs["ingest scan"][-1][0])
    best = {name: (min(c for c, _ in got), min(w for _, w in got)) for name, got in runs.items()}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "gsomia_news.cli", "ingest-warc", "--quiet", str(path),
                           "--corpus", str(work / "warc-corpus")], cwd=REPO, capture_output=True, text=True)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cli_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"    {proc.stdout.strip()}")
    best["ingest-warc command"] = (cli_cpu, wall)
    bare = best["bare fastwarc"][0]
    print(f"  scan kept {found} of {relevant} pages naming the pact")
    print(f"\n{'':34}{'CPU s':>8}{'MB/s/core':>11}{'wall s':>8}{'vs bare fastwarc':>18}")
    for name, (cpu, wall_s) in best.items():
        print(f"{name:34}{cpu:8.2f}{size / cpu:11.1f}{wall_s:8.2f}{bare / cpu:17.2f}x")
    print(f"ingest scan / bare fastwarc per round ({rounds} alternated rounds): median "
          f"{statistics.median(ratios):.2f}x, range {min(ratios):.2f}-{max(ratios):.2f}x")
    print("target: ingest-warc >= 0.80x bare fastwarc per core (the command includes Python start-up, "
          "imports and storing the pages)")


def _cluster_start() -> float:
    """Seconds to start a 2-worker LocalCluster and load the model in both workers (as a build does)."""
    from gsomia_news.engine.dask import DaskEngine

    start = time.perf_counter()
    with DaskEngine(None, 2) as engine:
        engine.load_model()
        return time.perf_counter() - start


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_dask(work: Path, n: int) -> None:
    """Cold build docs/s, --engine dask --workers 2 against --engine local --workers 2 (alternated, best of 2).

    Also docs per CPU-second of the whole process tree (build, workers, for dask the nannies
    and the scheduler): on a shared machine that moves less than wall time does."""
    corpus, out = work / "corpus", work / "build"
    seconds: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for _ in range(2):
        for engine in ("local", "dask"):
            print(f"  cold build, --engine {engine} --workers 2:")
            before = _children_cpu()
            elapsed, _ = run_build(corpus, out, "--no-cache", "--workers", "2", "--engine", engine)
            used = _children_cpu() - before
            print(f"    {elapsed:.1f} s wall, {used:.1f} CPU s")
            seconds[engine] = min(elapsed, seconds.get(engine, elapsed))
            cpu[engine] = min(used, cpu.get(engine, used))
    start = _cluster_start()
    print(f"\n{'':36}{'local':>10}{'dask':>10}")
    print(f"{'cold build docs/s':36}{n / seconds['local']:10.1f}{n / seconds['dask']:10.1f}")
    print(f"{'docs/s, cluster start left out':36}{'':10}{n / (seconds['dask'] - start):10.1f}")
    print(f"{'docs per CPU-second (all processes)':36}{n / cpu['local']:10.2f}{n / cpu['dask']:10.2f}")
    print(f"dask / local: {seconds['local'] / seconds['dask']:.2f}x   (target >= 0.9); "
          f"{seconds['local'] / (seconds['dask'] - start):.2f}x without the {start:.1f} s it takes to start the "
          f"LocalCluster and load the model in both workers; {cpu['local'] / cpu['dask']:.2f}x in docs per CPU-second")


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--warc", action="store_true", help="WARC scan figures (issue 16)")
    parser.add_argument("--warc-mb", type=int, default=200, help="size of the generated WARC.gz (default 200 MB)")
    parser.add_argument("--rounds", type=int, default=5, help="alternated rounds of the WARC scan figures (default 5)")
    parser.add_argument("--dask", action="store_true", help="dask against local build figures (issue 16)")
    parser.add_argument("--big", action="store_true", help="10,000 articles")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--rss-only", action="store_true",
                        help="only one cold build with 2 workers: docs/s and peak RSS (the 10,000 check)")
    args = parser.parse_args()
    n = 10_000 if args.big else args.articles
    work = args.keep or Path(tempfile.mkdtemp(prefix="gsomia-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus, out = work / "corpus", work / "build"
    try:
        if args.warc:
            print(f"machine: {os.cpu_count()} cores; WARC scan in {work}")
            bench_warc(work, args.warc_mb, args.rounds)
            return
        print(f"machine: {os.cpu_count()} cores; corpus: {n} articles in {work}")
        t0 = time.perf_counter()
        bodies = make_corpus(corpus, n)
        words = sum(len(b.split()) for b in bodies)
        print(f"  corpus made in {time.perf_counter() - t0:.1f}s ({words / n:.0f} words/article)")
        if args.dask:
            bench_dask(work, n)
            return
        if args.rss_only:
            seconds, rss = run_build(corpus, out, "--no-cache", "--workers", "2")
            print(f"cold build, 2 workers: {n / seconds:.1f} docs/s, peak memory {rss} MB PSS (target < 1536)")
            return
        results, bare = {}, {}
        for workers in (1, 2):
            # Bare pipe and build back to back, so a drift in the machine's speed during the
            # run (other tenants, clocks) affects both sides of each ratio alike.
            bare[workers] = bare_pipe(bodies, workers, 32)
            print(f"  bare nlp.pipe, {workers} process(es): {n / bare[workers]:.1f} docs/s")
            print(f"  cold build, {workers} worker(s):")
            results[workers] = run_build(corpus, out, "--no-cache", "--workers", str(workers))
        print("  warm rebuild (no change, cache used):")
        warm, warm_rss = run_build(corpus, out, "--workers", "1")
        print()
        print(f"{'':28}{'1 worker':>12}{'2 workers':>12}")
        print(f"{'cold build docs/s':28}{n / results[1][0]:12.1f}{n / results[2][0]:12.1f}")
        print(f"{'bare nlp.pipe docs/s':28}{n / bare[1]:12.1f}{n / bare[2]:12.1f}")
        print(f"{'build / bare':28}{bare[1] / results[1][0]:12.2f}{bare[2] / results[2][0]:12.2f}   (target >= 0.85)")
        print(f"{'peak memory, PSS (MB)':28}{results[1][1]:12d}{results[2][1]:12d}   (target < 1536 at 10,000)")
        print(f"2 workers / 1 worker: {results[1][0] / results[2][0]:.2f}x   (target >= 1.7)")
        print(f"warm rebuild: {warm:.2f}s, {results[1][0] / warm:.0f}x faster than cold (target >= 50); peak memory {warm_rss} MB")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
