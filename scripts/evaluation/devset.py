"""devset suite: ../shared/devset/run.sh through this project's CLI, once per subset."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from . import Skipped

SUBSETS = ("seeds", "home", "other")


def run(shared: Path, misses: bool = False, **_: object) -> dict:
    """Scores per subset ({subset: score.py's JSON line}); misses are printed to stderr."""
    script = shared / "devset" / "run.sh"
    if not script.is_file():
        raise Skipped(f"{script} not found")
    gn = Path(sys.executable).with_name("gsomia-news")
    if not gn.is_file():
        raise Skipped(f"no gsomia-news next to {sys.executable} (run make install)")
    out: dict[str, dict] = {}
    for subset in SUBSETS:
        env = {**os.environ, "SET": subset, "GN": str(gn)}
        proc = subprocess.run(["bash", str(script), *(["--misses"] if misses else [])], env=env,
                              capture_output=True, text=True, timeout=1800, check=False)
        lines = proc.stdout.strip().splitlines()
        if proc.returncode != 0 or not lines or not lines[-1].startswith("{"):
            raise RuntimeError(f"devset {subset}: run.sh failed: {(proc.stderr or proc.stdout).strip()[-300:]}")
        if misses:
            print(f"--- devset {subset} misses ---\n" + "\n".join(lines[:-1]), file=sys.stderr)
        out[subset] = json.loads(lines[-1])
    return out
