"""`gsomia-news validate`: a dataset against its JSON Schema and the invariants users rely on.

Checks: every file parses and matches `schema/` (officials.jsonl too, and it holds the same
people as officials.json); `body[start:end] == text` for every date and
official mention; article ids are unique; every official id is in officials.json; every
article's raw sha256 is a committed corpus version whose bytes still hash to it.
"""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from ..errors import CorpusError
from ..store.corpus import known_hashes, read_inside, sha256_bytes


def _load_schemas(folder: Path) -> dict[str, Draft202012Validator]:
    # Schemas of this version are self-contained (see load/schema.py); the registry keyed by
    # file name only serves datasets written before that, whose officials schema referred to
    # person.schema.json by a relative name.
    docs = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted((folder / "schema").glob("*.json"))}
    registry = Registry().with_resources(
        (name, Resource.from_contents(doc, default_specification=DRAFT202012)) for name, doc in docs.items())
    return {name: Draft202012Validator(doc, registry=registry) for name, doc in docs.items()}


def validate_dataset(folder: Path, corpus: Path | None = None) -> list[str]:
    """Problems found in the dataset at `folder` (empty list: valid)."""
    problems: list[str] = []
    for name in ("articles.jsonl", "officials.json", "manifest.json", "schema/article.schema.json"):
        if not (folder / name).is_file():
            problems.append(f"missing {name}")
    if problems:
        return problems
    schemas = _load_schemas(folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for error in schemas["manifest.schema.json"].iter_errors(manifest):
        problems.append(f"manifest.json: {error.json_path}: {error.message}")
    officials = json.loads((folder / "officials.json").read_text(encoding="utf-8"))
    for error in schemas["officials.schema.json"].iter_errors(officials):
        problems.append(f"officials.json: {error.json_path}: {error.message}")
    person_ids = {p.get("id") for p in officials if isinstance(p, dict)}
    problems += _check_officials_lines(folder, officials, schemas)
    corpus = corpus if corpus is not None else Path(manifest.get("corpus", {}).get("path", "corpus"))
    hashes = known_hashes(corpus) if corpus.is_dir() else {}
    if not corpus.is_dir():
        problems.append(f"corpus folder {corpus} not found: raw pages cannot be checked")
    seen_ids: set[str] = set()
    lines = (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        where = f"articles.jsonl line {number}"
        try:
            article = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: not JSON ({exc.msg})")
            continue
        for error in schemas["article.schema.json"].iter_errors(article):
            problems.append(f"{where}: {error.json_path}: {error.message}")
        if not isinstance(article, dict):
            continue
        aid = article.get("id")
        if aid in seen_ids:
            problems.append(f"{where}: duplicate article id {aid}")
        seen_ids.add(aid)
        body = article.get("body", "")
        spans = [("dates", d) for d in article.get("dates", [])]
        for official in article.get("officials", []):
            if official.get("id") not in person_ids:
                problems.append(f"{where}: official {official.get('id')} not in officials.json")
            spans += [(f"official {official.get('id')}", m) for m in official.get("mentions", [])]
        for label, span in spans:
            if body[span.get("start", 0):span.get("end", 0)] != span.get("text"):
                problems.append(f"{where} ({aid}): {label} span {span.get('start')}-{span.get('end')} "
                                f"is {body[span.get('start', 0):span.get('end', 0)]!r}, not {span.get('text')!r}")
        raw = article.get("raw", {})
        if hashes and raw.get("sha256") not in hashes:
            problems.append(f"{where} ({aid}): raw sha256 {raw.get('sha256')} is not in the corpus")
        elif hashes:
            try:
                if sha256_bytes(read_inside(corpus, str(raw.get("path", "")))) != raw.get("sha256"):
                    problems.append(f"{where} ({aid}): raw file {raw.get('path')} no longer matches its sha256")
            except CorpusError as exc:  # a path or link out of the corpus: never read
                problems.append(f"{where} ({aid}): raw file {raw.get('path')}: {exc.message}")
            except OSError:
                problems.append(f"{where} ({aid}): raw file {raw.get('path')} is missing")
    if manifest.get("counts", {}).get("articles") != len(lines):
        problems.append(f"manifest counts {manifest.get('counts', {}).get('articles')} articles, file has {len(lines)}")
    return problems


def _check_officials_lines(folder: Path, officials: object, schemas: dict[str, Draft202012Validator]) -> list[str]:
    """officials.jsonl (when the dataset has it): each line a valid person, the same as officials.json."""
    path = folder / "officials.jsonl"
    if not path.is_file():
        return []  # datasets written before officials.jsonl existed
    problems: list[str] = []
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            problems.append(f"officials.jsonl line {number}: not JSON ({exc.msg})")
            continue
        if "person.schema.json" in schemas:
            for error in schemas["person.schema.json"].iter_errors(rows[-1]):
                problems.append(f"officials.jsonl line {number}: {error.json_path}: {error.message}")
    if not problems and rows != officials:
        problems.append("officials.jsonl does not hold the same people as officials.json")
    return problems
