#!/usr/bin/env python3
"""ingest-warc and build on a Slurm cluster: Dask workers as Slurm jobs (dask-jobqueue).

Tried here on a one-node Slurm 22.05 (Debian's slurm-wlm; tests/test_slurm.py, which skips
where no Slurm answers): the workers ran as a Slurm job and the corpus and dataset were
byte-identical to `--engine local`. Not tried on several nodes. The gsomia-news side
(`--engine dask --scheduler ADDRESS`) is also what the test suite runs against a LocalCluster;
this script only adds the cluster. Install with `pip install 'gsomia-news[warc,slurm]'` in an
environment every node sees, then run this on the login node (or in a small batch job):

    python scripts/slurm_dask.py --jobs 8 --cores 4 --memory 16GB --walltime 04:00:00 \\
        --corpus /shared/gsomia/corpus --out /shared/gsomia/build \\
        --warcs /shared/cc-news/2019-11/warc.paths      # one WARC path or URL per line

Shared filesystem (see README): the corpus and --out must be on it (build workers read the
corpus and write the extraction cache under --out/.cache); the WARC files too, unless they are
http(s) or s3 URLs. Only this process writes the corpus and the dataset.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path


def interrupts_stop_the_run() -> None:
    """Ctrl-C and SIGTERM (scancel, a time limit) raise KeyboardInterrupt, which gsomia-news
    reports (exit 130) and which closes the cluster. Importing dask_jobqueue replaces the SIGINT
    handler with a bare sys.exit(), which would end the run silently with exit status 0."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)


def main() -> int:
    """Start the Slurm cluster, then run ingest-warc (if --warcs) and build through it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=4, help="Slurm jobs (each runs --cores worker processes)")
    parser.add_argument("--cores", type=int, default=4, help="cores per job: one single-threaded worker each")
    parser.add_argument("--memory", default="16GB", help="memory per job (a worker with the spaCy model needs about 1 GB)")
    parser.add_argument("--walltime", default="04:00:00")
    parser.add_argument("--queue", help="Slurm partition")
    parser.add_argument("--account", help="Slurm account")
    parser.add_argument("--local-directory", default="/tmp", help="node-local scratch for Dask's spill files")
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--warcs", type=Path, help="file listing WARC paths or URLs, one per line")
    args = parser.parse_args()
    if args.warcs and not args.warcs.is_file():  # before any job is queued
        parser.error(f"--warcs {args.warcs}: no such file")

    from dask_jobqueue import SLURMCluster
    from distributed import Client

    interrupts_stop_the_run()

    from gsomia_news.cli import main as gsomia_news
    from gsomia_news.engine.dask import worker_config

    # The workers' Dask settings (see gsomia_news.engine.dask.WORKER_CONFIG), in a file on the
    # shared filesystem that every job's nanny reads before it starts its workers.
    args.out.mkdir(parents=True, exist_ok=True)
    settings = args.out / "dask-worker.yaml"
    settings.write_text(worker_config())
    cluster = SLURMCluster(
        job_script_prologue=[f"export DASK_CONFIG={settings}"],
        cores=args.cores, processes=args.cores, memory=args.memory, walltime=args.walltime,
        queue=args.queue, account=args.account, local_directory=args.local_directory,
        python=sys.executable,  # the same environment on every node
    )
    # The cluster is closed (its Slurm jobs cancelled) however this ends: an early return, an
    # error or Ctrl-C, so no worker job is left holding cores until its walltime.
    with cluster, Client(cluster) as client:
        cluster.scale(jobs=args.jobs)
        client.wait_for_workers(1, timeout=3600)  # jobs may wait in the queue; more join as they start
        engine = ["--engine", "dask", "--scheduler", cluster.scheduler_address]
        status = 0
        if args.warcs:
            warcs = [line.strip() for line in args.warcs.read_text().splitlines() if line.strip()]
            status = gsomia_news(["ingest-warc", *warcs, "--corpus", str(args.corpus), *engine])
            if status not in (0, 3):  # 3: some records were bad; they are listed, the rest is stored
                return status
        return max(status, gsomia_news(["build", "--corpus", str(args.corpus), "--out", str(args.out), *engine]))


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # before or between the commands (they report their own)
        print("slurm_dask: interrupted; the Slurm jobs are cancelled", file=sys.stderr)
        sys.exit(130)
