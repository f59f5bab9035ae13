"""`build --export parquet,csv`: the tidy tables (load/tables.py) written beside the JSON.

`<dataset>/parquet/<table>.parquet`: typed columns (string, int64, date32 for days,
timestamp[us, UTC] for instants, list<string>); pyarrow comes with the `[notebook]` extra.
`<dataset>/csv/<table>.csv`: UTF-8, a header row, days as YYYY-MM-DD, instants as
YYYY-MM-DDTHH:MM:SSZ, lists as JSON arrays, null as an empty field.

Both are written into the build's temporary folder before it is published, so they appear
with the rest of the dataset or not at all, and are byte-identical for the same JSON.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from ..errors import InputError, MissingDependency
from .tables import TABLES, Rows, article_batches, column_names, registry_rows

FORMATS = ("parquet", "csv")


def parse_formats(text: str) -> tuple[str, ...]:
    """`parquet,csv` -> ("parquet", "csv"); an unknown name is an InputError."""
    names = tuple(dict.fromkeys(n.strip().lower() for n in text.split(",") if n.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise InputError(f"--export takes a comma-separated list of {', '.join(FORMATS)}; got {text!r}")
    return names


def check_available(formats: tuple[str, ...]) -> None:
    """Raise MissingDependency before a build starts if a format's library is missing."""
    if "parquet" in formats:
        try:
            import pyarrow  # noqa: F401
            import pyarrow.parquet  # noqa: F401
        except ImportError as exc:
            raise MissingDependency("--export parquet needs pyarrow: pip install 'gsomia-news[notebook]'") from exc


def exporter(formats: tuple[str, ...]) -> Callable[[Path], None] | None:
    """A function that writes the exports into a dataset folder (None when there are none)."""
    if not formats:
        return None
    check_available(formats)
    return lambda folder: export(folder, formats)


def export(folder: Path, formats: tuple[str, ...]) -> None:
    """Write every table of the dataset at `folder` in each of `formats`."""
    sinks: list[_Sink] = []
    if "parquet" in formats:
        sinks.append(_ParquetSink(folder / "parquet"))
    if "csv" in formats:
        sinks.append(_CsvSink(folder / "csv"))
    try:
        for batch in article_batches(folder):
            for sink in sinks:
                sink.write(batch)
        registry = registry_rows(folder)
        for sink in sinks:
            sink.write(registry)
    finally:
        for sink in sinks:
            sink.close()
    for sink in sinks:
        _fsync_tree(sink.folder)


def _fsync_tree(folder: Path) -> None:
    """Flush the exported files and their folder to disk (the rest of the dataset is too)."""
    for path in sorted(folder.iterdir()):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class _Sink:
    folder: Path

    def write(self, rows: Rows) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class _ParquetSink(_Sink):
    """One ParquetWriter per table, fed batch by batch; every table file exists, even empty."""

    def __init__(self, folder: Path) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.pa, self.pq, self.folder = pa, pq, folder
        folder.mkdir()
        types = {"str": pa.string(), "int": pa.int64(), "date": pa.date32(),
                 "timestamp": pa.timestamp("us", tz="UTC"), "list": pa.list_(pa.string())}
        self.schemas = {
            name: pa.schema([pa.field(c.name, types[c.kind], metadata={"description": c.description})
                             for c in columns], metadata={"table": name})
            for name, columns in TABLES.items()
        }
        self.writers = {name: pq.ParquetWriter(folder / f"{name}.parquet", schema, compression="zstd")
                        for name, schema in self.schemas.items()}

    def write(self, rows: Rows) -> None:
        for name, values in rows.items():
            if values:
                self.writers[name].write_table(self.pa.Table.from_pylist(values, schema=self.schemas[name]))

    def close(self) -> None:
        for writer in self.writers.values():
            writer.close()


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


class _CsvSink(_Sink):
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir()
        self.files: dict[str, TextIO] = {}
        self.writers: dict[str, Any] = {}
        for name in TABLES:
            fh = open(folder / f"{name}.csv", "w", encoding="utf-8", newline="")
            self.files[name] = fh
            self.writers[name] = csv.writer(fh, lineterminator="\n")
            self.writers[name].writerow(column_names(name))

    def write(self, rows: Rows) -> None:
        for name, values in rows.items():
            columns = column_names(name)
            self.writers[name].writerows([_csv_value(row[c]) for c in columns] for row in values)

    def close(self) -> None:
        for fh in self.files.values():
            fh.close()
