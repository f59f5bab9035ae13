"""`build --export parquet,csv`, officials.jsonl, and which files are byte-identical across runs."""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from conftest import REPO, read_articles
from gsomia_news.build import build
from gsomia_news.cli import main
from gsomia_news.errors import InputError, MissingDependency
from gsomia_news.load.export import check_available, parse_formats
from gsomia_news.load.tables import TABLES, column_names
from gsomia_news.load.validate import validate_dataset
from gsomia_news.settings import BuildOptions

pa = pytest.importorskip("pyarrow", reason="--export parquet needs the [notebook] extra (pyarrow)")
pq = pytest.importorskip("pyarrow.parquet")

# What a run writes anew each time: its id and its clock.
RUN_FIELDS = {"run_id", "started_at", "finished_at"}


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_exported_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """Two builds of the seed corpus with every export; the second one from the cache."""
    root = tmp_path_factory.mktemp("exported")
    shutil.copytree(REPO / "corpus", root / "corpus")
    options = BuildOptions(corpus=root / "corpus", out=root / "build", progress=False, export=("parquet", "csv"))
    first = build(options).path
    second = build(options).path
    return root / "corpus", first, second


def test_parse_formats() -> None:
    assert parse_formats("parquet,csv") == ("parquet", "csv")
    assert parse_formats(" CSV ") == ("csv",)
    with pytest.raises(InputError, match="--export takes"):
        parse_formats("parquet,xlsx")


def test_every_table_is_written_in_both_formats(two_exported_builds: tuple[Path, Path, Path]) -> None:
    _, dataset, _ = two_exported_builds
    for table in TABLES:
        assert (dataset / "parquet" / f"{table}.parquet").is_file()
        assert (dataset / "csv" / f"{table}.csv").is_file()


def test_parquet_columns_are_typed(two_exported_builds: tuple[Path, Path, Path]) -> None:
    _, dataset, _ = two_exported_builds
    articles = pq.read_table(dataset / "parquet" / "articles.parquet")
    assert articles.schema.names == column_names("articles")
    assert articles.schema.field("published_date").type == pa.date32()
    assert articles.schema.field("published_utc").type == pa.timestamp("us", tz="UTC")
    assert articles.schema.field("authors").type == pa.list_(pa.string())
    assert articles.schema.field("n_words").type == pa.int64()
    assert articles.schema.field("published_date").metadata[b"description"]
    rows = {r["id"]: r for r in articles.to_pylist()}
    donga = rows["donga:1892437"]
    # The KST stamp's local day, not the UTC day the instant falls on.
    assert str(donga["published_date"]) == "2019-11-04"
    assert donga["published_utc"].isoformat() == "2019-11-03T22:29:00+00:00"
    json_rows = read_articles(dataset)
    assert len(rows) == len(json_rows)
    officials = pq.read_table(dataset / "parquet" / "officials.parquet")
    assert officials.num_rows == sum(len(a["officials"]) for a in json_rows)
    dates = pq.read_table(dataset / "parquet" / "dates.parquet")
    assert dates.schema.field("range_start").type == pa.date32()
    assert dates.num_rows == sum(len(a["dates"]) for a in json_rows)


def test_csv_has_a_header_iso_days_and_json_lists(two_exported_builds: tuple[Path, Path, Path]) -> None:
    _, dataset, _ = two_exported_builds
    with open(dataset / "csv" / "articles.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == column_names("articles")
    donga = next(r for r in rows if r["id"] == "donga:1892437")
    assert donga["published_date"] == "2019-11-04" and donga["published_utc"] == "2019-11-03T22:29:00Z"
    assert json.loads(donga["authors"]) == ["Gi-Jae Han"]
    undated = next(r for r in rows if r["id"] == "korea-times:278906")
    assert undated["published"] == "" and undated["published_date"] == ""
    body = next(a for a in read_articles(dataset) if a["id"] == "donga:1892437")["body"]
    assert donga["body"] == body  # multi-line text survives quoting


def test_officials_jsonl_holds_the_registry_one_person_per_line(two_exported_builds: tuple[Path, Path, Path]) -> None:
    _, dataset, _ = two_exported_builds
    lines = (dataset / "officials.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == json.loads((dataset / "officials.json").read_text(encoding="utf-8"))
    import pyarrow.json as pj

    assert pj.read_json(dataset / "officials.jsonl").num_rows == len(lines)


def test_validate_checks_officials_jsonl(two_exported_builds: tuple[Path, Path, Path], tmp_path: Path) -> None:
    corpus, dataset, _ = two_exported_builds
    assert validate_dataset(dataset, corpus) == []
    copy = tmp_path / "copy"
    shutil.copytree(dataset, copy)
    lines = (copy / "officials.jsonl").read_text(encoding="utf-8").splitlines()
    (copy / "officials.jsonl").write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")
    assert validate_dataset(copy, corpus) == ["officials.jsonl does not hold the same people as officials.json"]


def test_every_file_but_the_manifest_is_byte_identical_across_runs(two_exported_builds: tuple[Path, Path, Path]) -> None:
    corpus, first, second = two_exported_builds
    a, b = _files(first), _files(second)
    assert sorted(a) == sorted(b)
    different = sorted(name for name in a if a[name] != b[name])
    assert different == ["manifest.json"]
    m1, m2 = (json.loads(x["manifest.json"]) for x in (a, b))
    changed = {k for k in m1 if m1[k] != m2[k]}
    assert "run_id" in changed and changed <= RUN_FIELDS  # the clock fields, unless both ran in one second
    # The corpus is recorded absolute, so `validate` finds it from any folder.
    assert m1["corpus"]["path"] == str(corpus.resolve())


def test_validate_from_another_folder(two_exported_builds: tuple[Path, Path, Path], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _, dataset, _ = two_exported_builds
    monkeypatch.chdir(tmp_path)
    assert main(["validate", str(dataset)]) == 0
    assert "valid" in capsys.readouterr().out


def test_missing_pyarrow_fails_before_any_work(corpus_copy: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow -> ImportError
    with pytest.raises(MissingDependency, match=r"\[E702\] --export parquet needs pyarrow"):
        check_available(("parquet",))
    out = tmp_path / "build"
    code = main(["build", "--quiet", "--corpus", str(corpus_copy), "--out", str(out), "--export", "parquet"])
    assert code == 1
    assert "[E702]" in capsys.readouterr().err
    assert not out.exists()  # nothing was started
    assert main(["build", "--quiet", "--corpus", str(corpus_copy), "--out", str(out), "--export", "csv"]) == 0
    assert (out / "latest" / "csv" / "articles.csv").is_file() and not (out / "latest" / "parquet").exists()


def test_unknown_export_format_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "--export", "xlsx"])
    assert exit_info.value.code == 2
    assert "--export takes a comma-separated list" in capsys.readouterr().err


def test_a_failing_export_publishes_nothing(corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gsomia_news.load import export as export_module

    out = tmp_path / "build"
    good = build(BuildOptions(corpus=corpus_copy, out=out, progress=False)).path

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module, "export", full_disk)
    with pytest.raises(Exception, match="No space left on device"):
        build(BuildOptions(corpus=corpus_copy, out=out, progress=False, export=("csv",)))
    assert os.readlink(out / "latest") == good.name
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted([good.name, "latest"])
