"""Command line: build, ingest, crawl, update, validate, ingest-warc, export-warc (the public
contract in DESIGN.md).

Exit codes: 0 ok; 1 failed, nothing written (one-line reason on stderr; for crawl: no outlet
answered; for update: another update is running, or the build failed); 2 bad usage or input;
3 (build, crawl, update) done, but some pages failed (manifest.json / the crawl summary list them),
(ingest-warc) done, but some records were truncated or corrupt (listed); 4 (validate) invalid.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import CorpusError, GsomiaError, InputError
from .settings import BuildOptions, IngestOptions

EXIT_ERROR, EXIT_USAGE, EXIT_INVALID = 1, 2, 4


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gsomia-news", description="Build the GSOMIA news dataset.")
    parser.add_argument("--version", action="version", version=f"gsomia-news {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="rebuild the dataset from the corpus")
    b.add_argument("--corpus", type=Path, default=Path("corpus"))
    b.add_argument("--out", type=Path, default=Path("build"))
    b.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    b.add_argument("--no-cache", action="store_true", help="extract every page again (cold build); the cache is refreshed")
    b.add_argument("--quiet", action="store_true", help="no progress on stderr")
    _add_engine_options(b)

    i = sub.add_parser("ingest", help="add pages saved elsewhere (HTML or text captures)")
    i.add_argument("files", nargs="+", type=Path, metavar="FILE",
                   help="saved pages, or one JSON manifest [{file, url}, ...]")
    i.add_argument("--url", action="append", default=[], help="URL of each FILE, in order")
    i.add_argument("--obtained-at", help="when the page was saved (ISO 8601, UTC); default now")
    i.add_argument("--corpus", type=Path, default=Path("corpus"))

    c = sub.add_parser("crawl", help="discover and fetch new pages into the corpus")
    c.add_argument("--outlet", action="append", default=[], metavar="NAME",
                   help="outlet profile key (repeatable; default: every outlet with discovery endpoints)")
    c.add_argument("--since", metavar="DATE", help="only articles published on or after DATE (YYYY-MM-DD)")
    c.add_argument("--max-pages", type=int, help="fetch at most N article pages (new ones first)")
    c.add_argument("--config", type=Path, help="crawl settings file (TOML: [crawl], [fetch], [base_urls])")
    # default None: a corpus named in --config must not be overridden by a CLI default
    c.add_argument("--corpus", type=Path, default=None)
    c.add_argument("--quiet", action="store_true", help="no progress on stderr")

    u = sub.add_parser("update", help="crawl then build (what cron runs)")
    u.add_argument("--config", type=Path, help="crawl settings file (see crawl --config)")
    u.add_argument("--corpus", type=Path, default=None)
    u.add_argument("--out", type=Path, default=Path("build"))
    u.add_argument("--workers", type=int, default=1)
    u.add_argument("--quiet", action="store_true")

    v = sub.add_parser("validate", help="check a dataset against its JSON Schema and invariants")
    v.add_argument("dataset", nargs="?", type=Path, default=Path("build/latest"))
    v.add_argument("--corpus", type=Path, default=None, help="default: the corpus named in manifest.json")
    _add_warc_commands(sub)
    return parser


# ---------------------------------------------------------------- engines and WARC (issue 16)


def _add_engine_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="local: this machine's processes (default); dask: dask.distributed tasks")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="dask scheduler to use (e.g. tcp://host:8786); default: a local cluster of --workers processes")


def _add_warc_commands(sub: argparse._SubParsersAction) -> None:
    w = sub.add_parser("ingest-warc", help="keep the GSOMIA pages of WARC files (CC-NEWS or any crawl)")
    w.add_argument("warcs", nargs="+", metavar="WARC", help="WARC or WARC.gz files, or URLs (http(s)://, s3://)")
    w.add_argument("--corpus", type=Path, default=Path("corpus"))
    w.add_argument("--all", action="store_true", dest="keep_all",
                   help="keep every HTML or text response, about GSOMIA or not (e.g. to re-ingest an export-warc file)")
    w.add_argument("--workers", type=int, default=1, help="files read at a time (default 1)")
    w.add_argument("--skipped", type=Path, metavar="FILE",
                   help="write every record not stored (and why) to FILE, one JSON object per line")
    w.add_argument("--quiet", action="store_true", help="no progress on stderr")
    _add_engine_options(w)

    e = sub.add_parser("export-warc", help="the raw pages behind a dataset, as one WARC.gz file")
    e.add_argument("dataset", nargs="?", type=Path, default=Path("build/latest"))
    e.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.warc.gz")
    e.add_argument("--corpus", type=Path, default=None, help="default: the corpus named in manifest.json")


_LISTED_PER_KIND = 10  # skipped records printed per kind; --skipped FILE has them all


def _ingest_warc(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict
    from functools import partial

    from .engine import check_engine, map_files
    from .store.warc import BAD_KINDS, ScanOptions, WarcSummary, check_paths, ingest_warc, scan_file

    check_engine(args.engine, args.scheduler, args.workers)
    check_paths(args.warcs)
    if args.skipped and not args.skipped.parent.is_dir():
        raise InputError(f"folder {args.skipped.parent} does not exist (--skipped)")
    total = len(args.warcs)

    def progress(summary: WarcSummary) -> None:
        if not args.quiet:
            print(f"\r  files {summary.files}/{total}, {summary.records} records, {summary.matched} matched, "
                  f"{summary.stored} stored", end="\n" if summary.files == total else "", file=sys.stderr, flush=True)

    scans = map_files(partial(scan_file, options=ScanOptions(keep_all=args.keep_all)), list(args.warcs),
                      args.workers, args.engine, args.scheduler)
    summary = ingest_warc(args.corpus, scans, progress)
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
    print(summary.line())
    return 3 if any(s.kind in BAD_KINDS for s in summary.skips) else 0


def _export_warc(args: argparse.Namespace) -> int:
    from .store.warc_export import export_warc

    result = export_warc(args.dataset, args.output, args.corpus)
    if result.problems:
        for problem in result.problems:
            print(f"  {problem}", file=sys.stderr)
        print(f"gsomia-news: [{CorpusError.code}] {len(result.problems)} raw page(s) missing or changed; "
              "nothing written", file=sys.stderr)
        return EXIT_ERROR
    print(f"exported {result.pages} page(s) from {args.dataset} -> {result.path} "
          f"({result.size / 1e6:.1f} MB, {2 * result.pages + 1} WARC records)")
    return 0


def _ingest(args: argparse.Namespace) -> int:
    from .store.ingest import IngestItem, ingest, is_manifest, items_from_manifest

    if len(args.files) == 1 and not args.url and is_manifest(args.files[0]):
        items = items_from_manifest(args.files[0])
    else:
        if len(args.url) != len(args.files):
            raise InputError(f"give one --url per file: {len(args.files)} file(s), {len(args.url)} --url")
        items = [IngestItem(f, u, args.obtained_at) for f, u in zip(args.files, args.url)]
    results = ingest(items, IngestOptions(corpus=args.corpus))
    for item, result in zip(items, results):
        state = f"new version {result.entry.version}" if result.created else "unchanged"
        print(f"{state}: {item.file} -> {args.corpus / result.entry.path}", file=sys.stderr)
    added = sum(r.created for r in results)
    print(f"ingested {len(results)} file(s): {added} new version(s), {len(results) - added} unchanged")
    return 0


def _build(args: argparse.Namespace) -> int:
    from .build import build
    from .engine import check_engine

    engine, scheduler = getattr(args, "engine", "local"), getattr(args, "scheduler", None)
    check_engine(engine, scheduler, args.workers)
    result = build(BuildOptions(corpus=args.corpus, out=args.out, progress=not args.quiet,
                                workers=args.workers, use_cache=not args.no_cache,
                                engine=engine, scheduler=scheduler))
    m = result.manifest
    print(f"built {m.counts.articles} article(s) ({result.cached} from cache) from {m.corpus.pages} page(s), {m.counts.failed} failed; "
          f"{m.counts.dates} dates ({m.counts.dates_resolved} resolved), {m.counts.officials} officials "
          f"-> {result.path} ({args.out / 'latest'})")
    for failure in m.failures:
        print(f"  failed [{failure.stage}] {failure.url or failure.path}: {failure.reason}", file=sys.stderr)
    return result.exit_code


def _crawl(args: argparse.Namespace) -> int:
    from .fetch import crawl_command, options_from_cli

    if args.max_pages is not None and args.max_pages < 1:
        raise InputError("--max-pages must be at least 1")
    return crawl_command(options_from_cli(args.config, args.corpus, args.outlet, args.since, args.max_pages, args.quiet))


def _update(args: argparse.Namespace) -> int:
    from .fetch import options_from_cli, update

    options = options_from_cli(args.config, args.corpus, quiet=args.quiet)
    build_args = argparse.Namespace(corpus=options.corpus, out=args.out, quiet=args.quiet,
                                    workers=args.workers, no_cache=False)
    return update(options, lambda: _build(build_args))


def _validate(args: argparse.Namespace) -> int:
    from .load.validate import validate_dataset

    if not args.dataset.is_dir():
        raise InputError(f"no dataset at {args.dataset}")
    problems = validate_dataset(args.dataset, args.corpus)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{args.dataset}: {len(problems)} problem(s)", file=sys.stderr)
        return EXIT_INVALID
    print(f"{args.dataset}: valid")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `gsomia-news` console script."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "ingest":
            return _ingest(args)
        if args.command == "build":
            return _build(args)
        if args.command == "validate":
            return _validate(args)
        if args.command == "crawl":
            return _crawl(args)
        if args.command == "ingest-warc":
            return _ingest_warc(args)
        if args.command == "export-warc":
            return _export_warc(args)
        return _update(args)
    except InputError as exc:
        print(f"gsomia-news: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except GsomiaError as exc:
        print(f"gsomia-news: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("gsomia-news: interrupted; nothing was published", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
