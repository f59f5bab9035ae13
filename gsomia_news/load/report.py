"""`gsomia-news report`: one self-contained HTML file a researcher opens first.

Sections (SECTIONS, in order): overview; articles per outlet per month; share of articles
without a publication date per outlet; officials by country; the most-named officials over
time, with their roles; failures by stage; what is new since the previous run. Each has its
numbers as a table beside the plot.

Plots are matplotlib SVG inlined in the page (text kept as text), styles are inline, and a
Content-Security-Policy forbids every external load: the file opens with no network. The
report of the same datasets is byte-identical (no wall-clock time, fixed SVG ids). Matplotlib
comes with the `[report]` or `[notebook]` extra.

The previous run is, unless given, the newest other run folder in the dataset's build folder
whose run id sorts before the dataset's.
"""

from __future__ import annotations

import html
import io
import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, MissingDependency, ReportError

SECTIONS: tuple[tuple[str, str], ...] = (
    ("overview", "Overview"),
    ("per-month", "Articles per outlet per month"),
    ("undated", "Articles without a publication date"),
    ("countries", "Officials by country"),
    ("officials", "Most-named officials over time"),
    ("failures", "Failures by stage"),
    ("new", "New since the previous run"),
)
STAGES = ("corpus", "clean", "extract", "load")
MAX_LISTED = 100  # rows of long lists (failures, new articles) shown before "and N more"


@dataclass(frozen=True)
class ReportOptions:
    """Options of one `gsomia-news report` run."""

    dataset: Path = Path("build/latest")
    output: Path = Path("report.html")
    previous: Path | None = None  # None: the run before `dataset` in its build folder
    top: int = 10  # officials in the most-named section


@dataclass(frozen=True)
class ReportResult:
    """What a report run wrote."""

    output: Path
    dataset: Path
    previous: Path | None
    articles: int
    sections: tuple[str, ...]


@dataclass
class DatasetSummary:
    """What the report needs of one dataset, gathered in one streaming pass."""

    folder: Path
    manifest: dict[str, Any]
    people: list[dict[str, Any]]
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> {outlet, month, title, sha256, ...}
    per_month: Counter[tuple[str, str]] = field(default_factory=Counter)  # (outlet, YYYY-MM) -> articles
    per_outlet: Counter[str] = field(default_factory=Counter)
    undated: Counter[str] = field(default_factory=Counter)


def summarize(folder: Path) -> DatasetSummary:
    """Read a dataset's articles (streamed), registry and manifest into a DatasetSummary."""
    from .tables import iter_articles, read_json

    try:
        summary = DatasetSummary(folder=folder, manifest=read_json(folder / "manifest.json"),
                                 people=read_json(folder / "officials.json"))
        for article in iter_articles(folder):
            day = article.get("published_date") or (article.get("published") or "")[:10] or None
            outlet = article.get("outlet") or "?"
            summary.articles[article["id"]] = {
                "outlet": outlet, "day": day, "month": day[:7] if day else None,
                "title": article.get("title"), "url": article.get("url"),
                "sha256": (article.get("raw") or {}).get("sha256"),
            }
            summary.per_outlet[outlet] += 1
            if day:
                summary.per_month[(outlet, day[:7])] += 1
            else:
                summary.undated[outlet] += 1
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"cannot read the dataset at {folder}: {exc}") from exc
    return summary


def previous_run(folder: Path) -> Path | None:
    """The newest other dataset in `folder`'s build folder whose run id sorts before it."""
    here = folder.resolve()
    candidates = sorted(p for p in here.parent.iterdir()
                        if p.is_dir() and not p.is_symlink() and p.name < here.name and not p.name.startswith(".")
                        and (p / "manifest.json").is_file() and (p / "articles.jsonl").is_file())
    return candidates[-1] if candidates else None


# ---------------------------------------------------------------- plots


def _months(first: str, last: str) -> list[str]:
    """Every YYYY-MM from first to last, inclusive."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


class _Plots:
    """matplotlib figures rendered to inline SVG (Figure API: no pyplot, no GUI backend)."""

    def __init__(self) -> None:
        try:
            import matplotlib
            from matplotlib.figure import Figure
        except ImportError as exc:
            raise MissingDependency("the report needs matplotlib: pip install 'gsomia-news[report]'") from exc
        self.matplotlib, self.Figure = matplotlib, Figure
        self.rc = {"svg.fonttype": "none", "svg.hashsalt": "gsomia-news", "font.family": "sans-serif",
                   "font.size": 9, "axes.spines.top": False, "axes.spines.right": False}

    def colors(self, keys: list[str]) -> dict[str, Any]:
        """One stable color per key (outlets keep their color across plots)."""
        cmap = self.matplotlib.colormaps["tab10"]
        return {k: cmap(i % 10) for i, k in enumerate(sorted(keys))}

    def svg(self, draw: Any, width: float, height: float, label: str) -> str:
        """Call draw(figure) and return the figure as an <svg> element."""
        with self.matplotlib.rc_context(self.rc):
            figure = self.Figure(figsize=(width, height), layout="constrained")
            draw(figure)
            buffer = io.StringIO()
            figure.savefig(buffer, format="svg", metadata={"Date": None})
        text = buffer.getvalue()
        text = text[text.index("<svg"):]
        return text.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)

    def per_month(self, data: DatasetSummary) -> str:
        outlets = sorted(data.per_outlet)
        months = sorted({m for _, m in data.per_month})
        axis = _months(months[0], months[-1])
        colors = self.colors(outlets)

        def draw(figure: Any) -> None:
            ax = figure.subplots()
            bottom = [0] * len(axis)
            for outlet in outlets:
                values = [data.per_month.get((outlet, m), 0) for m in axis]
                if any(values):
                    ax.bar(range(len(axis)), values, bottom=bottom, color=colors[outlet], label=outlet, width=0.8)
                    bottom = [b + v for b, v in zip(bottom, values)]
            step = max(1, len(axis) // 24)
            ax.set_xticks(range(0, len(axis), step), axis[::step], rotation=90 if len(axis) > 6 else 0)
            ax.set_ylabel("articles")
            ax.yaxis.get_major_locator().set_params(integer=True)
            ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)

        return self.svg(draw, 9, 3.6, "Articles per outlet per month")

    def undated(self, data: DatasetSummary) -> str:
        outlets = sorted(data.per_outlet)

        def draw(figure: Any) -> None:
            ax = figure.subplots()
            shares = [100 * data.undated[o] / data.per_outlet[o] for o in outlets]
            ax.barh(range(len(outlets)), shares, color="#c0504d")
            ax.set_yticks(range(len(outlets)), outlets)
            ax.invert_yaxis()
            ax.set_xlim(0, 100)
            ax.set_xlabel("% of the outlet's articles without a publication date")
            for i, o in enumerate(outlets):
                ax.text(min(shares[i] + 1, 88), i, f"{data.undated[o]} of {data.per_outlet[o]}", va="center")

        return self.svg(draw, 9, 0.5 + 0.35 * len(outlets), "Share of articles without a publication date")

    def countries(self, rows: list[tuple[str, int, int]]) -> str:
        def draw(figure: Any) -> None:
            ax = figure.subplots()
            ax.barh(range(len(rows)), [r[1] for r in rows], color="#4f81bd")
            ax.set_yticks(range(len(rows)), [r[0] for r in rows])
            ax.invert_yaxis()
            ax.set_xlabel("officials (people)")
            ax.xaxis.get_major_locator().set_params(integer=True)
            for i, (_, people, seen) in enumerate(rows):
                ax.text(people, i, f"  {people} ({seen} article appearances)", va="center")

        return self.svg(draw, 9, 0.5 + 0.35 * len(rows), "Officials by country")

    def officials(self, names: list[str], axis: list[str], counts: list[list[int]]) -> str:
        def draw(figure: Any) -> None:
            ax = figure.subplots()
            # pcolormesh, not imshow: vector cells, where imshow would embed a raster image
            # that the page's Content-Security-Policy (rightly) does not load.
            top = max((max(r) for r in counts), default=0)
            ax.pcolormesh(counts, cmap="Blues", vmin=0, vmax=max(top, 1), edgecolors="white", linewidth=0.5)
            ax.set_yticks([i + 0.5 for i in range(len(names))], names)
            ax.invert_yaxis()
            step = max(1, len(axis) // 24)
            ax.set_xticks([j + 0.5 for j in range(0, len(axis), step)], axis[::step],
                          rotation=90 if len(axis) > 6 else 0)
            if len(axis) <= 40:
                for i, row in enumerate(counts):
                    for j, value in enumerate(row):
                        if value:
                            ax.text(j + 0.5, i + 0.5, str(value), ha="center", va="center", fontsize=7,
                                    color="white" if value > top / 2 else "black")
            ax.set_xlabel("month (cell: articles naming the official)")

        return self.svg(draw, 9, 0.8 + 0.32 * len(names), "Most-named officials over time")

    def failures(self, by_stage: Counter[str]) -> str:
        def draw(figure: Any) -> None:
            ax = figure.subplots()
            ax.bar(STAGES, [by_stage.get(s, 0) for s in STAGES], color="#9bbb59")
            ax.set_ylim(0, max(1, max(by_stage.values(), default=0)) * 1.15)
            ax.set_ylabel("pages or corpus entries")
            ax.yaxis.get_major_locator().set_params(integer=True)
            for i, s in enumerate(STAGES):
                ax.text(i, by_stage.get(s, 0), str(by_stage.get(s, 0)), ha="center", va="bottom")

        return self.svg(draw, 6, 2.2, "Failures by stage")


# ---------------------------------------------------------------- HTML


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _table(head: list[str], rows: list[list[Any]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    cells = "".join(f"<th>{_e(h)}</th>" for h in head)
    thead = f"<thead><tr>{cells}</tr></thead>" if any(head) else ""
    body = "".join("<tr>" + "".join(f'<td class="n">{_e(v)}</td>' if i in numeric else f"<td>{_e(v)}</td>"
                                    for i, v in enumerate(row)) + "</tr>" for row in rows)
    return f"<table>{thead}<tbody>{body}</tbody></table>"


def _numbers(content: str, label: str = "Numbers") -> str:
    return f"<details><summary>{_e(label)}</summary>{content}</details>"


def _more(total: int) -> str:
    return f"<p class=note>… and {total - MAX_LISTED} more.</p>" if total > MAX_LISTED else ""


def _overview(data: DatasetSummary) -> str:
    m = data.manifest
    counts = m.get("counts", {})
    model = m.get("model", {})
    rows = [
        ["run", m.get("run_id")], ["built", f"{m.get('started_at')} – {m.get('finished_at')}"],
        ["articles", counts.get("articles")], ["pages in the corpus", m.get("corpus", {}).get("pages")],
        ["failed pages or entries", counts.get("failed")],
        ["date mentions (resolved)", f"{counts.get('dates')} ({counts.get('dates_resolved')})"],
        ["officials (mentions)", f"{counts.get('officials')} ({counts.get('official_mentions')})"],
        ["outlets", ", ".join(f"{o} ({n})" for o, n in sorted(data.per_outlet.items())) or "none"],
        ["versions", f"gsomia-news {m.get('package_version')}, pipeline {m.get('pipeline_version')}, "
                     f"schema {m.get('schema_version')}, model {model.get('name')} {model.get('version')}"],
        ["corpus", f"{m.get('corpus', {}).get('path')} (digest {str(m.get('corpus', {}).get('digest', ''))[:12]}…)"],
    ]
    return _table(["", ""], rows)


def _per_month(data: DatasetSummary, plots: _Plots) -> str:
    if not data.per_month:
        return "<p>No dated articles.</p>"
    outlets = sorted(data.per_outlet)
    months = sorted({m for _, m in data.per_month})
    rows = [[month, *[data.per_month.get((o, month), 0) for o in outlets],
             sum(data.per_month.get((o, month), 0) for o in outlets)] for month in months]
    undated = sum(data.undated.values())
    note = f"<p class=note>{undated} article(s) without a publication date are not shown.</p>" if undated else ""
    return (plots.per_month(data) + note
            + _numbers(_table(["month", *outlets, "all"], rows, set(range(1, len(outlets) + 2)))))


def _undated(data: DatasetSummary, plots: _Plots) -> str:
    if not data.per_outlet:
        return "<p>No articles.</p>"
    rows = [[o, n, data.undated[o], f"{100 * data.undated[o] / n:.0f}%"] for o, n in sorted(data.per_outlet.items())]
    return (plots.undated(data) + "<p class=note><code>published</code> is null when neither the page nor its URL "
            "states a date: it is never guessed.</p>"
            + _table(["outlet", "articles", "without a date", "share"], rows, {1, 2, 3}))


def _countries(data: DatasetSummary, plots: _Plots) -> str:
    people = Counter(p.get("country") or "unknown" for p in data.people)
    seen = Counter()
    for p in data.people:
        seen[p.get("country") or "unknown"] += len(p.get("article_ids") or [])
    if not people:
        return "<p>No officials.</p>"
    rows = sorted(((c, people[c], seen[c]) for c in people), key=lambda r: (-r[1], r[0]))
    return (plots.countries(rows) + "<p class=note>Country: ISO 3166-1 alpha-2 code of the government the "
            "person serves most often in the articles.</p>"
            + _table(["country", "officials", "article appearances"], [list(r) for r in rows], {1, 2}))


def _officials(data: DatasetSummary, plots: _Plots, top: int) -> str:
    ranked = sorted(data.people, key=lambda p: (-len(p.get("article_ids") or []), p.get("name") or ""))[:top]
    if not ranked:
        return "<p>No officials.</p>"
    months_of = {aid: a["month"] for aid, a in data.articles.items()}
    months = sorted({months_of[a] for p in ranked for a in p.get("article_ids") or [] if months_of.get(a)})
    parts = []
    if months:
        axis = _months(months[0], months[-1])
        index = {m: i for i, m in enumerate(axis)}
        counts = []
        for person in ranked:
            row = [0] * len(axis)
            for aid in person.get("article_ids") or []:
                if months_of.get(aid):
                    row[index[months_of[aid]]] += 1
            counts.append(row)
        names = [f"{p.get('name')} ({p.get('country') or '?'})" for p in ranked]
        parts.append(plots.officials(names, axis, counts))
    rows = []
    for person in ranked:
        roles = "; ".join(
            " ".join(filter(None, [r.get("title") or "(no title)", f"({r.get('org')})" if r.get("org") else None,
                                   r.get("country")]))
            + (", in undated articles only" if not r.get("first_date") else f", {r['first_date']}"
               if r.get("first_date") == r.get("last_date") else f", {r['first_date']} – {r.get('last_date')}")
            for r in person.get("roles") or [])
        rows.append([person.get("name"), person.get("country"), len(person.get("article_ids") or []), roles])
    parts.append(_table(["official", "country", "articles", "roles (title, organization, country, first – last article)"],
                        rows, {2}))
    return "".join(parts)


def _failures(data: DatasetSummary, plots: _Plots) -> str:
    failures = data.manifest.get("failures") or []
    by_stage = Counter(f.get("stage") for f in failures)
    if not failures:
        return plots.failures(by_stage) + "<p>No page failed.</p>"
    rows = [[f.get("stage"), f.get("url") or f.get("path"), f.get("reason")] for f in failures[:MAX_LISTED]]
    return (plots.failures(by_stage) + _table(["stage", "page", "reason"], rows) + _more(len(failures)))


def _new(data: DatasetSummary, previous: DatasetSummary | None) -> str:
    if previous is None:
        return "<p>No previous run to compare with: this is the first dataset in its build folder.</p>"
    before, now = previous.articles, data.articles
    added = sorted(set(now) - set(before))
    changed = sorted(a for a in set(now) & set(before) if now[a]["sha256"] != before[a]["sha256"])
    gone = sorted(set(before) - set(now))
    old_people = {p["id"] for p in previous.people}
    new_people = sorted((p for p in data.people if p["id"] not in old_people), key=lambda p: p.get("name") or "")
    old_failed = {(f.get("stage"), f.get("url") or f.get("path")) for f in previous.manifest.get("failures") or []}
    new_failed = [f for f in data.manifest.get("failures") or []
                  if (f.get("stage"), f.get("url") or f.get("path")) not in old_failed]
    summary = _table(["compared with run", previous.manifest.get("run_id")], [
        ["new articles", len(added)], ["changed articles (new raw version)", len(changed)],
        ["articles no longer in the dataset", len(gone)], ["new officials", len(new_people)],
        ["new failures", len(new_failed)],
    ], {1})
    parts = [summary]

    def article_rows(ids: list[str], source: dict[str, dict[str, Any]]) -> list[list[Any]]:
        return [[aid, source[aid]["outlet"], source[aid]["day"] or "no date", source[aid]["title"]]
                for aid in ids[:MAX_LISTED]]

    for label, ids, source in (("New articles", added, now), ("Changed articles", changed, now),
                               ("Articles no longer in the dataset", gone, before)):
        if ids:
            parts.append(f"<h3>{_e(label)}</h3>" + _table(["id", "outlet", "published", "title"],
                                                           article_rows(ids, source)) + _more(len(ids)))
    if new_people:
        parts.append("<h3>New officials</h3>" + _table(
            ["official", "country", "articles"],
            [[p.get("name"), p.get("country"), len(p.get("article_ids") or [])] for p in new_people[:MAX_LISTED]],
            {2}) + _more(len(new_people)))
    if new_failed:
        parts.append("<h3>New failures</h3>" + _table(
            ["stage", "page", "reason"],
            [[f.get("stage"), f.get("url") or f.get("path"), f.get("reason")] for f in new_failed[:MAX_LISTED]])
            + _more(len(new_failed)))
    return "".join(parts)


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header{background:#1f3a5f;color:#fff;padding:16px 24px}header h1{margin:0 0 4px;font-size:22px}
header p{margin:0;opacity:.85}nav{padding:8px 24px;background:#e8edf3;position:sticky;top:0}
nav a{margin-right:14px;color:#1f3a5f;text-decoration:none;font-size:14px}
main{padding:0 24px 40px;max-width:1100px}section{background:#fff;border:1px solid #dde3ea;border-radius:6px;
margin:18px 0;padding:8px 18px 16px}h2{font-size:18px;color:#1f3a5f}h3{font-size:15px}
svg{max-width:100%;height:auto;display:block}table{border-collapse:collapse;margin:8px 0;font-size:13px}
th,td{border:1px solid #dde3ea;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f0f3f7}
td.n{text-align:right;font-variant-numeric:tabular-nums}td:first-child{white-space:nowrap}.note{color:#555;font-size:13px}
details{margin:8px 0}summary{cursor:pointer;color:#1f3a5f}
"""


def render(data: DatasetSummary, previous: DatasetSummary | None, top: int = 10) -> str:
    """The report page of `data` (compared with `previous`) as one HTML string."""
    plots = _Plots()
    bodies = {
        "overview": _overview(data),
        "per-month": _per_month(data, plots),
        "undated": _undated(data, plots),
        "countries": _countries(data, plots),
        "officials": _officials(data, plots, top),
        "failures": _failures(data, plots),
        "new": _new(data, previous),
    }
    run = data.manifest.get("run_id", "")
    nav = "".join(f'<a href="#{sid}">{_e(title)}</a>' for sid, title in SECTIONS)
    sections = "".join(f'<section id="{sid}"><h2>{_e(title)}</h2>{bodies[sid]}</section>' for sid, title in SECTIONS)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        # Nothing may be loaded from anywhere: the report must open offline, exactly as written.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>gsomia-news report {_e(run)}</title><style>{_CSS}</style></head><body>"
        f"<header><h1>GSOMIA news dataset</h1><p>run {_e(run)} · {len(data.articles)} article(s) · "
        f"{len(data.people)} official(s) · schema {_e(data.manifest.get('schema_version'))}</p></header>"
        f"<nav>{nav}</nav><main>{sections}</main></body></html>\n"
    )


def _write_atomic(path: Path, text: str) -> None:
    """Write `path` through a temporary file in its folder, so it is never half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_report(options: ReportOptions) -> ReportResult:
    """Summarize the dataset (and the previous run), render the page, write it atomically."""
    from .tables import dataset_folder

    folder = dataset_folder(options.dataset)
    if options.previous is not None:
        previous_folder: Path | None = dataset_folder(options.previous)
    else:
        previous_folder = previous_run(folder)
    data = summarize(folder)
    previous = summarize(previous_folder) if previous_folder is not None else None
    page = render(data, previous, options.top)
    try:
        _write_atomic(options.output, page)
    except OSError as exc:
        raise ReportError(f"cannot write {options.output}: {exc.strerror or exc}") from exc
    return ReportResult(output=options.output, dataset=folder, previous=previous_folder,
                        articles=len(data.articles), sections=tuple(sid for sid, _ in SECTIONS))

