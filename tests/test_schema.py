"""The published JSON Schema matches the model, accepts the shipped guide and rejects a typo."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import yaml

from conftest import GUIDE, ROOT
from guidepress.source.model import guide_json_schema


def _jsonable(value):  # type: ignore[no-untyped-def]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def test_committed_schema_is_current() -> None:
    committed = (ROOT / "schema" / "guide.schema.json").read_text(encoding="utf-8")
    assert committed == guide_json_schema(), "run: python make_pdf.py --print-schema > schema/guide.schema.json"


def test_schema_accepts_the_guide_and_rejects_unknown_keys() -> None:
    schema = json.loads(guide_json_schema())
    guide = _jsonable(yaml.safe_load(GUIDE.read_text(encoding="utf-8")))
    jsonschema.validate(guide, schema)
    guide["stpes"] = guide.pop("sections")
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(guide))
    assert any("stpes" in e.message for e in errors)
