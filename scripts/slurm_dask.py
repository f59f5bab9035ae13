#!/usr/bin/env python3
"""ingest-warc and build on a Slurm cluster: Dask workers as Slurm jobs (dask-jobqueue).

UNTESTED HERE: the development machines have no Slurm. The gsomia-news side (`--engine dask
--scheduler ADDRESS`) is what the test suite runs against a LocalCluster; this script only adds
the cluster. Install with `pip install 'gsomia-news[warc,slurm]'` in an environment every node
sees, then run this on the login node (or in a small batch job):

    python scripts/slurm_dask.py --jobs 8 --cores 4 --memory 16GB --walltime 04:00:00 \\
        --corpus /shared/gsomia/corpus --out /shared/gsomia/build \\
        --warcs /shared/cc-news/2019-11/warc.paths      # one WARC path or URL per line

Shared filesystem (see README): the corpus and --out must be on it (build workers read the
corpus and write the extraction cache under --out/.cache); the WARC files too, unless they are
http(s) or s3 URLs. Only this process writes the corpus and the dataset.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


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

    from dask_jobqueue import SLURMCluster
    from distributed import Client

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
    cluster.scale(jobs=args.jobs)
    with Client(cluster) as client:
        client.wait_for_workers(1, timeout=3600)  # jobs may wait in the queue; more join as they start
        engine = ["--engine", "dask", "--scheduler", cluster.scheduler_address]
        status = 0
        if args.warcs:
            warcs = [line.strip() for line in args.warcs.read_text().splitlines() if line.strip()]
            status = gsomia_news(["ingest-warc", *warcs, "--corpus", str(args.corpus), *engine])
            if status not in (0, 3):  # 3: some records were bad; they are listed, the rest is stored
                return status
        status = max(status, gsomia_news(["build", "--corpus", str(args.corpus), "--out", str(args.out), *engine]))
    cluster.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
