"""Command line: build, ingest, crawl, update, validate, report, ingest-warc, export-warc
(README documents each).

Layout, so new commands slot in: each subcommand is one `_add_<name>(sub)` that declares its
parser (options from the shared `_opt_*` helpers) and points at its `_run_<name>(args) -> exit
code`; COMMANDS lists them in help order. `main` runs the chosen one and turns errors into
exit codes: InputError -> 2, any other GsomiaError -> 1, Ctrl-C -> 130 (EXIT_EPILOG, shown by
every --help, lists them). `--json` prints one machine-readable object on stdout instead of the
closing summary line; progress and failures still go to stderr.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.metadata
import io
import json
import platform
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import PIPELINE_VERSION, __version__
from .errors import CorpusError, GsomiaError, InputError
from .settings import DATE_PROFILES, DEFAULT_KEEP_RUNS, BuildOptions, IngestOptions

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PARTIAL, EXIT_INVALID, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130

EXIT_EPILOG = """\
exit codes:
  0    ok
  1    failed, nothing written: a one-line [E...] reason on stderr (no spaCy model, disk full,
       a missing optional extra; build: no article to publish, without --allow-empty; crawl: no
       outlet answered; update: another update is running, or the build failed)
  2    bad usage or bad input: an unknown option, a missing corpus folder or dataset, a
       missing, empty, binary or oversized file, a URL that is not http(s) or too long to
       store, a bad obtained_at, a crawl config value of the wrong type (nothing added)
  3    done, but some pages failed; the rest were built or saved (build, update: manifest.json
       lists them; crawl: the summary does; ingest-warc: some records were truncated or corrupt)
  4    validate: the dataset has problems, each printed on its own line
  130  interrupted (Ctrl-C); nothing half-written was published
Error messages start with their code, e.g. [E101]; README, "Errors and exit codes", lists
every code."""


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the epilog's layout and appends each option's default to its help text."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if "%(default)" in text or "default" in text.lower():
            return text
        if action.default in (None, False, [], argparse.SUPPRESS):
            return text
        if not action.option_strings and action.nargs not in ("?", "*"):
            return text
        return f"{text} (default: %(default)s)"


# ---------------------------------------------------------------- shared options


def _opt_corpus(p: argparse.ArgumentParser, default: Path | None = Path("corpus"), help: str | None = None) -> None:
    p.add_argument("--corpus", type=Path, default=default, metavar="DIR",
                   help=help or "corpus folder of raw pages")


def _opt_out(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path("build"), metavar="DIR",
                   help="build folder: datasets go to DIR/<run-id>/, DIR/latest points at the newest")


def _opt_workers(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="extraction processes; output is byte-identical for any N")


def _opt_keep(p: argparse.ArgumentParser) -> None:
    p.add_argument("--keep", type=int, default=DEFAULT_KEEP_RUNS, metavar="N",
                   help="keep the N newest run folders in DIR; the one latest points to is never removed")


def _opt_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("--export", type=_export_formats, default=(), metavar="FORMATS",
                   help="also write the tidy tables beside the JSON: parquet, csv or parquet,csv "
                        "(parquet needs the [notebook] extra); default: none")


def _opt_dates(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dates", choices=DATE_PROFILES, default="dataset",
                   help="which date expressions to list: dataset = calendar dates (days, weeks, months, "
                        "quarters, seasons, years); timeml = all TimeML DATEs, adding PRESENT_REF/PAST_REF/"
                        "FUTURE_REF ('now', 'recently'), offsets ('a year earlier'), decades, centuries and "
                        "spans of years; default: dataset")


def _opt_engine(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local: this machine's processes; dask: dask.distributed tasks (the [dask] extra); "
                        "output is byte-identical; default: local")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="dask scheduler to use (e.g. tcp://host:8786); default: a local cluster of --workers processes")


def _opt_quiet(p: argparse.ArgumentParser, what: str = "no start line and no progress on stderr") -> None:
    p.add_argument("--quiet", action="store_true", help=what)


def _opt_json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true",
                   help="print one JSON object (the summary, or the error) on stdout instead of the summary line")


def _export_formats(text: str) -> tuple[str, ...]:
    from .load.export import parse_formats

    try:
        return parse_formats(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def _positive(name: str, value: int | None) -> None:
    if value is not None and value < 1:
        raise InputError(f"{name} must be at least 1")


# ---------------------------------------------------------------- shared output


def _version_of(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def start_line(command: str) -> str:
    """The first line a long command prints: when, and with which versions."""
    from .extract.nlp import installed_model
    from .models import SCHEMA_VERSION
    from .progress import timestamp

    try:
        model = installed_model()
        model_text = f"{model.name} {model.version}"
    except GsomiaError:
        model_text = "none installed"
    return (f"{timestamp()} gsomia-news {__version__} {command}: started (pipeline {PIPELINE_VERSION}, "
            f"schema {SCHEMA_VERSION}, Python {platform.python_version()}, spaCy {_version_of('spacy')}, "
            f"model {model_text})")


def _start(args: argparse.Namespace) -> None:
    if not getattr(args, "quiet", False):
        print(start_line(args.command), file=sys.stderr, flush=True)


def _finish(args: argparse.Namespace, code: int, summary: dict[str, Any], line: str) -> int:
    """Print the closing summary (a JSON object with --json, else `line`); return `code`."""
    if getattr(args, "json", False):
        print(json.dumps({"command": args.command, "exit_code": code, **summary}, ensure_ascii=False))
    else:
        print(line)
    return code


# ---------------------------------------------------------------- build


def _add_build(sub: argparse._SubParsersAction) -> None:
    p = _command(sub, "build", "rebuild the dataset from the corpus",
                 "Clean and extract every page of the corpus into a new dataset DIR/<run-id>/, "
                 "then point DIR/latest at it. Unchanged pages come from the extraction cache.")
    _opt_corpus(p)
    _opt_out(p)
    _opt_workers(p)
    _opt_engine(p)
    p.add_argument("--no-cache", action="store_true",
                   help="extract every page again (a cold build); the cache is refreshed")
    _opt_dates(p)
    _opt_keep(p)
    p.add_argument("--allow-empty", action="store_true",
                   help="publish a dataset even when no article could be built; default: refuse (exit 1), "
                        "latest left as it was")
    _opt_export(p)
    _opt_quiet(p)
    _opt_json(p)
    p.set_defaults(run=_run_build)


def _build_once(args: argparse.Namespace) -> tuple[int, dict[str, Any], str]:
    """Run one build; return its exit code, JSON summary and summary line (printed by the caller)."""
    from .build import build
    from .engine import check_engine

    _positive("--workers", args.workers)
    check_engine(args.engine, args.scheduler, args.workers)
    result = build(BuildOptions(corpus=args.corpus, out=args.out, progress=not args.quiet,
                                workers=args.workers, use_cache=not args.no_cache, dates=args.dates,
                                export=args.export, keep=args.keep, allow_empty=args.allow_empty,
                                engine=args.engine, scheduler=args.scheduler))
    m = result.manifest
    for failure in m.failures:
        print(f"  failed [{failure.stage}] {failure.url or failure.path}: {failure.reason}", file=sys.stderr)
    if result.pruned:
        print(f"  removed {len(result.pruned)} old run(s) (--keep {args.keep}): {', '.join(result.pruned)}",
              file=sys.stderr)
    line = (f"built {m.counts.articles} article(s) ({result.cached} from cache) from {m.corpus.pages} page(s), "
            f"{m.counts.failed} failed; {m.counts.dates} dates ({m.counts.dates_resolved} resolved), "
            f"{m.counts.officials} officials -> {result.path} ({args.out / 'latest'})")
    summary = {
        "run_id": m.run_id, "dataset": str(result.path), "latest": str(args.out / "latest"),
        "schema_version": m.schema_version, "cached": result.cached, "pages": m.corpus.pages,
        "counts": m.counts.model_dump(), "exports": list(args.export),
        "failures": [f.model_dump() for f in m.failures], "pruned": list(result.pruned),
    }
    return result.exit_code, summary, line


def _run_build(args: argparse.Namespace) -> int:
    _start(args)
    return _finish(args, *_build_once(args))


# ---------------------------------------------------------------- ingest


def _add_ingest(sub: argparse._SubParsersAction) -> None:
    p = _command(sub, "ingest", "add pages saved elsewhere (HTML or text captures)",
                 "Add saved pages to the corpus, one --url per FILE in order, or a JSON manifest "
                 '[{"file": ..., "url": ..., "obtained_at": ...}]. Every file is checked before any '
                 "is added, so one bad file adds nothing.")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE",
                   help="saved pages, or one JSON manifest [{file, url}, ...]")
    p.add_argument("--url", action="append", default=[], metavar="URL",
                   help="URL of each FILE, in order (repeat once per file)")
    p.add_argument("--obtained-at", metavar="TIME",
                   help="when the pages were saved (ISO 8601, UTC); default: now")
    _opt_corpus(p)
    _opt_quiet(p, "no line per file on stderr")
    _opt_json(p)
    p.set_defaults(run=_run_ingest)


def _run_ingest(args: argparse.Namespace) -> int:
    from .store.ingest import IngestItem, ingest, is_manifest, items_from_manifest

    if len(args.files) == 1 and not args.url and is_manifest(args.files[0]):
        items = items_from_manifest(args.files[0])
    else:
        if len(args.url) != len(args.files):
            raise InputError(f"give one --url per file: {len(args.files)} file(s), {len(args.url)} --url")
        items = [IngestItem(f, u, args.obtained_at) for f, u in zip(args.files, args.url)]
    results = ingest(items, IngestOptions(corpus=args.corpus))
    files = []
    for item, result in zip(items, results):
        if not args.quiet:
            state = f"new version {result.entry.version}" if result.created else "unchanged"
            print(f"{state}: {item.file} -> {args.corpus / result.entry.path}", file=sys.stderr)
        files.append({"file": str(item.file), "url": result.entry.url, "path": result.entry.path,
                      "version": result.entry.version, "created": result.created})
    added = sum(r.created for r in results)
    line = f"ingested {len(results)} file(s): {added} new version(s), {len(results) - added} unchanged"
    return _finish(args, EXIT_OK, {"added": added, "unchanged": len(results) - added, "files": files}, line)


# ---------------------------------------------------------------- crawl, update


def _opt_config(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, metavar="FILE",
                   help="crawl settings file (TOML: [crawl], [fetch], [base_urls]; see scripts/crawl.example.toml); "
                        "default: built-in settings")


def _crawl_json(summary: Any) -> dict[str, Any]:
    data = dataclasses.asdict(summary)
    data["failed"] = [{"url": u, "reason": r} for u, r in summary.failed]
    data["skips"] = [{"url": u, "reason": r} for u, r in summary.skips]
    return data


def _add_crawl(sub: argparse._SubParsersAction) -> None:
    p = _command(sub, "crawl", "discover and fetch new pages into the corpus",
                 "Discover article URLs per outlet, fetch them politely (robots.txt, delays, "
                 "conditional GET) and keep the pages that name the pact.")
    p.add_argument("--outlet", action="append", default=[], metavar="NAME",
                   help="outlet profile key, or a comma list of them (repeatable); "
                        "default: every outlet with discovery endpoints")
    p.add_argument("--since", metavar="DATE",
                   help="only articles published on or after DATE (YYYY-MM-DD); default: any date")
    p.add_argument("--max-pages", type=int, metavar="N",
                   help="fetch at most N article pages per outlet, new ones first; default: no limit")
    _opt_config(p)
    # default None: a corpus named in --config must not be overridden by a CLI default
    _opt_corpus(p, None, "corpus folder; default: the config's, else corpus")
    _opt_quiet(p, "no start line and no progress on stderr")
    _opt_json(p)
    p.set_defaults(run=_run_crawl)


def _run_crawl(args: argparse.Namespace) -> int:
    from .fetch import crawl, options_from_cli, report

    _positive("--max-pages", args.max_pages)
    options = options_from_cli(args.config, args.corpus, args.outlet, args.since, args.max_pages, args.quiet)
    _start(args)
    summary = crawl(options)
    report(summary, out=io.StringIO())  # failures on stderr; the summary line comes from _finish
    return _finish(args, summary.exit_code, {"crawl": _crawl_json(summary)}, summary.line())


def _add_update(sub: argparse._SubParsersAction) -> None:
    p = _command(sub, "update", "crawl then build (what cron runs)",
                 "Crawl every outlet, then rebuild the dataset, under an update lock so two runs "
                 "never overlap.")
    _opt_config(p)
    _opt_corpus(p, None, "corpus folder; default: the config's, else corpus")
    _opt_out(p)
    _opt_workers(p)
    _opt_dates(p)
    _opt_keep(p)
    _opt_export(p)
    _opt_quiet(p)
    _opt_json(p)
    p.set_defaults(run=_run_update)


def _run_update(args: argparse.Namespace) -> int:
    from .fetch import options_from_cli, update

    _positive("--workers", args.workers)
    options = options_from_cli(args.config, args.corpus, quiet=args.quiet)
    build_args = argparse.Namespace(corpus=options.corpus, out=args.out, quiet=args.quiet, workers=args.workers,
                                    no_cache=False, dates=args.dates, export=args.export, keep=args.keep,
                                    allow_empty=False, engine="local", scheduler=None)
    parts: dict[str, Any] = {}

    def build_step() -> int:
        code, summary, line = _build_once(build_args)
        parts["build"] = summary
        if not args.json:
            print(line)
        return code

    _start(args)
    code = update(options, build_step, out=io.StringIO() if args.json else None,
                  on_summary=lambda s: parts.__setitem__("crawl", _crawl_json(s)))
    if args.json:
        print(json.dumps({"command": "update", "exit_code": code, **parts}, ensure_ascii=False))
    return code


# ---------------------------------------------------------------- validate, report


def _add_validate(sub: argparse._SubParsersAction) -> None:
    p = _command(sub, "validate", "check a dataset against its JSON Schema and invariants",
                 "Check every file of a dataset against schema/, every offset against the body, "
                 "every official against the registry and every raw page against the corpus.")
    p.add_argument("dataset", nargs="?", type=Path, default=Path("build/latest"), metavar="DATASET",
                   help="dataset folder")
    _opt_corpus(p, None, "corpus folder to check raw pages against; default: the one named in manifest.json")
    _opt_json(p)
    p.set_defaults(run=_run_validate)


def _run_validate(args: argparse.Namespace) -> int:
    from .load.validate import validate_dataset

    if not args.dataset.is_dir():
        raise InputError(f"no dataset at {args.dataset}")
    problems = validate_dataset(args.dataset, args.corpus)
    if not args.json:
        for problem in problems:
            print(problem)
    code = EXIT_INVALID if problems else EXIT_OK
    if problems and not args.json:
        print(f"{args.dataset}: {len(problems)} problem(s)", file=sys.stderr)
        return code
    return _finish(args, code, {"dataset": str(args.dataset), "valid": not problems, "problems": problems},
                   f"{args.dataset}: valid")


def _add_report(sub: argparse._SubParsersAction) -> None:
    p = _command(sub, "report", "write one self-contained HTML report of a dataset",
                 "Plots and tables of a dataset in one HTML file that needs no network to view: "
                 "articles per outlet and month, undated articles, officials by country, the "
                 "most-named officials over time, failures, and what is new since the previous run.")
    p.add_argument("dataset", nargs="?", type=Path, default=Path("build/latest"), metavar="DATASET",
                   help="dataset folder")
    p.add_argument("-o", "--output", type=Path, default=Path("report.html"), metavar="FILE",
                   help="HTML file to write (replaced atomically)")
    p.add_argument("--previous", type=Path, metavar="DATASET",
                   help="dataset to compare with; default: the run before DATASET in the same build folder")
    p.add_argument("--top", type=int, default=10, metavar="N", help="officials shown in the most-named section")
    _opt_json(p)
    p.set_defaults(run=_run_report)


def _run_report(args: argparse.Namespace) -> int:
    from .load.report import ReportOptions, write_report

    _positive("--top", args.top)
    result = write_report(ReportOptions(dataset=args.dataset, output=args.output, previous=args.previous,
                                        top=args.top))
    previous = f", compared with {result.previous}" if result.previous else ", no previous run to compare with"
    line = f"report of {result.articles} article(s) -> {result.output}{previous}"
    return _finish(args, EXIT_OK, {"output": str(result.output), "dataset": str(result.dataset),
                                   "previous": str(result.previous) if result.previous else None,
                                   "sections": list(result.sections)}, line)


# ---------------------------------------------------------------- WARC


_LISTED_PER_KIND = 10  # skipped records printed per kind; --skipped FILE has them all


def _add_ingest_warc(sub: argparse._SubParsersAction) -> None:
    p = _command(sub, "ingest-warc", "keep the GSOMIA pages of WARC files (CC-NEWS or any crawl)",
                 "Read WARC or WARC.gz files (local paths or http(s)/s3 URLs), keep the HTTP responses "
                 "whose raw bytes name the pact, and store them in the corpus with their WARC provenance. "
                 "Truncated, corrupt and non-HTML records are counted and listed, never fatal; a re-run "
                 "over the same files adds nothing. Needs the [warc] extra.")
    p.add_argument("warcs", nargs="+", metavar="WARC", help="WARC or WARC.gz files, or URLs (http(s)://, s3://)")
    _opt_corpus(p)
    p.add_argument("--all", action="store_true", dest="keep_all",
                   help="keep every HTML or text response, about GSOMIA or not (e.g. to re-ingest an export-warc file)")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="files read at a time")
    _opt_engine(p)
    p.add_argument("--skipped", type=Path, metavar="FILE",
                   help="write every record not stored (and why) to FILE, one JSON object per line; default: none")
    _opt_quiet(p, "no start line and no progress on stderr")
    _opt_json(p)
    p.set_defaults(run=_run_ingest_warc)


def _run_ingest_warc(args: argparse.Namespace) -> int:
    from dataclasses import asdict
    from functools import partial

    from .engine import check_engine, map_files
    from .progress import Progress
    from .store.warc import BAD_KINDS, ScanOptions, WarcSummary, check_paths, ingest_warc, scan_file

    check_engine(args.engine, args.scheduler, args.workers)
    check_paths(args.warcs)
    if args.skipped and not args.skipped.parent.is_dir():
        raise InputError(f"folder {args.skipped.parent} does not exist (--skipped)")
    _start(args)
    progress = Progress(len(args.warcs), "ingest-warc", "file", enabled=not args.quiet)

    def step(summary: WarcSummary) -> None:
        progress.update(summary.files - progress.done)

    scans = map_files(partial(scan_file, options=ScanOptions(keep_all=args.keep_all)), list(args.warcs),
                      args.workers, args.engine, args.scheduler)
    try:
        summary = ingest_warc(args.corpus, scans, step)
    finally:
        progress.close()
    shown: dict[str, int] = {}
    for skip in summary.skips:
        shown[skip.kind] = shown.get(skip.kind, 0) + 1
        if shown[skip.kind] <= _LISTED_PER_KIND:
            print(f"  skipped {skip.line()}", file=sys.stderr)
    for kind, n in shown.items():
        if n > _LISTED_PER_KIND:
            more = "listed in " + str(args.skipped) if args.skipped else "--skipped FILE lists them all"
            print(f"  ... and {n - _LISTED_PER_KIND} more [{kind}] ({more})", file=sys.stderr)
    if args.skipped:
        with args.skipped.open("w", encoding="utf-8") as fh:
            for skip in summary.skips:
                fh.write(json.dumps(asdict(skip), ensure_ascii=False) + "\n")
    code = EXIT_PARTIAL if any(s.kind in BAD_KINDS for s in summary.skips) else EXIT_OK
    totals = {k: getattr(summary, k) for k in ("files", "records", "responses", "matched", "stored", "duplicates", "bad")}
    return _finish(args, code, {**totals, "skipped": [asdict(s) for s in summary.skips]}, summary.line())


def _add_export_warc(sub: argparse._SubParsersAction) -> None:
    p = _command(sub, "export-warc", "write the raw pages behind a dataset as one WARC.gz file",
                 "Write a request/response record pair, with the stored headers, for every article's "
                 "raw page, so others can rebuild from exactly the same bytes (ingest-warc --all). "
                 "Nothing is written if any raw page is missing or changed; an existing file is never replaced.")
    p.add_argument("dataset", nargs="?", type=Path, default=Path("build/latest"), metavar="DATASET",
                   help="dataset folder")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.warc.gz", help="WARC file to create (required; no default, and an existing file is never replaced)")
    _opt_corpus(p, None, "corpus folder of the raw pages; default: the one named in manifest.json")
    _opt_json(p)
    p.set_defaults(run=_run_export_warc)


def _run_export_warc(args: argparse.Namespace) -> int:
    from .store.warc_export import export_warc

    result = export_warc(args.dataset, args.output, args.corpus)
    if result.problems:
        for problem in result.problems:
            print(f"  {problem}", file=sys.stderr)
        raise CorpusError(f"{len(result.problems)} raw page(s) missing or changed; nothing written")
    line = (f"exported {result.pages} page(s) from {args.dataset} -> {result.path} "
            f"({result.size / 1e6:.1f} MB, {2 * result.pages + 1} WARC records)")
    return _finish(args, EXIT_OK, {"output": str(result.path), "pages": result.pages, "size": result.size}, line)


# ---------------------------------------------------------------- parser and entry point


def _command(sub: argparse._SubParsersAction, name: str, help: str, description: str) -> argparse.ArgumentParser:
    return sub.add_parser(name, help=help, description=textwrap.fill(description, 88), epilog=EXIT_EPILOG,
                          formatter_class=_HelpFormatter)


COMMANDS: tuple[Callable[[argparse._SubParsersAction], None], ...] = (
    _add_build, _add_ingest, _add_crawl, _add_update, _add_validate, _add_report,
    _add_ingest_warc, _add_export_warc,
)


def parser() -> argparse.ArgumentParser:
    """The `gsomia-news` argument parser, every subcommand included."""
    top = argparse.ArgumentParser(prog="gsomia-news", formatter_class=_HelpFormatter, epilog=EXIT_EPILOG,
                                  description="Gather GSOMIA news pages and build the dataset notebooks read.")
    top.add_argument("--version", action="version", version=f"gsomia-news {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in COMMANDS:
        add(sub)
    return top


def _error(args: argparse.Namespace, code: int, exc: GsomiaError | None, message: str) -> int:
    print(f"gsomia-news: {message}", file=sys.stderr)
    if getattr(args, "json", False):
        error = {"code": exc.code if exc else None, "message": exc.message if exc else message}
        print(json.dumps({"command": args.command, "exit_code": code, "error": error}, ensure_ascii=False))
    return code


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `gsomia-news` console script."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except InputError as exc:
        return _error(args, EXIT_USAGE, exc, str(exc))
    except GsomiaError as exc:
        return _error(args, EXIT_ERROR, exc, str(exc))
    except KeyboardInterrupt:
        return _error(args, EXIT_INTERRUPTED, None, "interrupted; nothing half-written was published")


if __name__ == "__main__":
    sys.exit(main())
