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

Usage: .venv/bin/python scripts/bench.py [--articles 2000] [--big] [--rss-only] [--keep DIR]
Targets (issue 7): cold >= 0.85 x bare at the same worker count; 2 workers >= 1.7 x one;
warm >= 50 x faster than cold; peak RSS < 1.5 GB at 10,000 articles.
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


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--big", action="store_true", help="10,000 articles")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--rss-only", action="store_true",
                        help="only one cold build with 2 workers: docs/s and peak RSS (the 10,000 check)")
    args = parser.parse_args()
    n = 10_000 if args.big else args.articles
    work = args.keep or Path(tempfile.mkdtemp(prefix="gsomia-bench-"))
    corpus, out = work / "corpus", work / "build"
    try:
        print(f"machine: {os.cpu_count()} cores; corpus: {n} articles in {work}")
        t0 = time.perf_counter()
        bodies = make_corpus(corpus, n)
        words = sum(len(b.split()) for b in bodies)
        print(f"  corpus made in {time.perf_counter() - t0:.1f}s ({words / n:.0f} words/article)")
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
