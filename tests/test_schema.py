"""schema/: self-contained JSON Schemas that plain `jsonschema` uses as they are, every field described."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from gsomia_news.load.schema import FILE_SCHEMAS, schema_documents
from gsomia_news.models import SCHEMA_VERSION


def _properties(node: Any, where: str = "") -> list[tuple[str, dict]]:
    """Every (path, property schema) in a schema document, $defs included."""
    found: list[tuple[str, dict]] = []
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            found.append((f"{where}.{name}", prop))
        for key, value in node.items():
            found += _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _properties(value, f"{where}[{i}]")
    return found


def _records(dataset: Path, name: str) -> list[Any]:
    text = (dataset / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()] if name.endswith(".jsonl") else [json.loads(text)]


@pytest.mark.parametrize("name", sorted(schema_documents()))
def test_every_property_has_a_description(name: str) -> None:
    props = _properties(schema_documents()[name])
    assert props, "a schema with no properties at all"
    missing = [path for path, prop in props if not str(prop.get("description", "")).strip()]
    assert not missing, f"{name}: properties without a description: {missing}"


@pytest.mark.parametrize("name", sorted(schema_documents()))
def test_schema_names_its_dialect_and_identity_and_refers_only_inside_itself(name: str) -> None:
    doc = schema_documents()[name]
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert doc["$id"] == f"urn:gsomia-news:schema:{SCHEMA_VERSION}:{name}"
    assert doc["description"]
    jsonschema.Draft202012Validator.check_schema(doc)
    refs = [m for m in json.dumps(doc).split('"$ref": ')[1:]]
    assert all(r.startswith('"#/$defs/') for r in refs), refs


def test_output_fields_with_defaults_are_required_too() -> None:
    docs = schema_documents()
    article = docs["article.schema.json"]
    assert "quotes" in article["required"] and "published_date" in article["required"]
    official = article["$defs"]["ArticleOfficial"]
    assert {"kb_id", "wikidata", "mentions"} <= set(official["required"])
    assert {"kb_id", "wikidata"} <= set(docs["person.schema.json"]["required"])


def test_plain_jsonschema_validates_every_dataset_file(seed_build: Path) -> None:
    # The schema files as a user finds them in the dataset, passed to jsonschema as they are:
    # no registry, no base URI, no added "$schema".
    for data_file, schema_file in FILE_SCHEMAS.items():
        schema = json.loads((seed_build / "schema" / schema_file).read_text(encoding="utf-8"))
        records = _records(seed_build, data_file)
        assert records, data_file
        for record in records:
            jsonschema.validate(record, schema)


def test_the_schemas_reject_a_bad_value_deep_inside_a_referenced_definition(seed_build: Path) -> None:
    schema = json.loads((seed_build / "schema" / "officials.schema.json").read_text(encoding="utf-8"))
    people = json.loads((seed_build / "officials.json").read_text(encoding="utf-8"))
    people[0]["roles"][0]["country"] = "Japan"  # Person -> Role -> Country pattern, through $defs
    with pytest.raises(jsonschema.ValidationError, match="does not match"):
        jsonschema.validate(people, schema)
    article = json.loads((seed_build / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    del article["quotes"]
    with pytest.raises(jsonschema.ValidationError, match="'quotes' is a required property"):
        jsonschema.validate(article, json.loads((seed_build / "schema" / "article.schema.json").read_text()))
