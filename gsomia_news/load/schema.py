"""JSON Schema of every dataset file, generated from the pydantic models in models.py.

Each schema file is self-contained: it names its dialect (`$schema`, draft 2020-12) and its
identity (`$id`, a URN carrying SCHEMA_VERSION), and every `$ref` points inside the same file
(`#/$defs/...`). So plain `jsonschema.validate(instance, schema)` works with no registry, no
retrieval and no patching. Schemas are made in serialization mode: every field the output
writes is listed as required.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, TypeAdapter

from ..models import SCHEMA_VERSION, Article, Manifest, Person

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# schema file -> (title, model or type, the dataset files it validates)
_DOCUMENTS: dict[str, tuple[str, Any, str]] = {
    "article.schema.json": ("Article", Article, "each line of articles.jsonl"),
    "person.schema.json": ("Person", Person, "each line of officials.jsonl (and each item of officials.json)"),
    "officials.schema.json": ("Officials registry", list[Person], "officials.json, the registry of every person"),
    "manifest.schema.json": ("Manifest", Manifest, "manifest.json"),
}

# Which schema validates which dataset file (a line-per-record file: each line).
FILE_SCHEMAS: dict[str, str] = {
    "articles.jsonl": "article.schema.json",
    "officials.jsonl": "person.schema.json",
    "officials.json": "officials.schema.json",
    "manifest.json": "manifest.schema.json",
}


def schema_id(name: str) -> str:
    """The `$id` of a schema file: a URN naming the project, the schema version and the file."""
    return f"urn:gsomia-news:schema:{SCHEMA_VERSION}:{name}"


def _generate(target: Any) -> dict[str, Any]:
    if isinstance(target, type) and issubclass(target, BaseModel):
        return target.model_json_schema(mode="serialization")
    return TypeAdapter(target).json_schema(mode="serialization")


def schema_documents() -> dict[str, dict[str, Any]]:
    """JSON Schema of each output file, keyed by schema file name."""
    docs: dict[str, dict[str, Any]] = {}
    for name, (title, target, validates) in _DOCUMENTS.items():
        body = _generate(target)
        body.pop("title", None)
        doc = body.pop("description", "").strip()
        head = {
            "$schema": DIALECT,
            "$id": schema_id(name),
            "title": title,
            "description": " ".join(filter(None, (doc, f"Validates {validates}; gsomia-news schema {SCHEMA_VERSION}."))),
        }
        docs[name] = {**head, **body}
    return docs
