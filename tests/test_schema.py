"""The published JSON Schema matches the model, accepts the shipped guide and rejects a typo."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import yaml

from conftest import GUIDE, ROOT
from guidepress.source.model import guide_json_schema
from guidepress.source.packs import pack_json_schema
from guidepress.source.tenants import tenants_json_schema


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


@pytest.mark.parametrize(
    "path",
    [*sorted((ROOT / "guide_src").glob("*.yaml")), ROOT / "docs" / "gallery" / "guide_src" / "widget-gallery.yaml"],
    ids=lambda p: p.stem,
)
def test_schema_accepts_every_shipped_guide(path) -> None:  # type: ignore[no-untyped-def]
    """Every element type and screen kind the guides and the gallery use, as an editor checks them."""
    jsonschema.validate(_jsonable(yaml.safe_load(path.read_text(encoding="utf-8"))), json.loads(guide_json_schema()))


def test_schema_knows_screen_kinds_and_ranges() -> None:
    schema = json.loads(guide_json_schema())
    validator = jsonschema.Draft202012Validator(schema)
    screen = {"kind": "phone", "elements": [{"id": "c", "type": "code_input", "length": 40}]}
    guide = {**_jsonable(yaml.safe_load(GUIDE.read_text(encoding="utf-8"))), "screens": {"app": screen}}
    assert any("40" in e.message for e in validator.iter_errors(guide))  # a code of at most 12 digits
    guide["screens"]["app"] = {"kind": "fax", "elements": []}
    assert list(validator.iter_errors(guide))


def test_schema_accepts_the_guide_and_rejects_unknown_keys() -> None:
    schema = json.loads(guide_json_schema())
    guide = _jsonable(yaml.safe_load(GUIDE.read_text(encoding="utf-8")))
    jsonschema.validate(guide, schema)
    guide["stpes"] = guide.pop("sections")
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(guide))
    assert any("stpes" in e.message for e in errors)


def test_the_pack_and_tenants_schemas_are_current_and_accept_the_shipped_files() -> None:
    for kind, made in (("pack", pack_json_schema), ("tenants", tenants_json_schema)):
        committed = (ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")
        assert committed == made(), f"run: python make_pdf.py --print-schema {kind} > schema/{kind}.schema.json"
    pack = yaml.safe_load((ROOT / "packs" / "onboarding.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(pack, json.loads(pack_json_schema()))
    pack["guide"] = pack.pop("guides")
    assert list(jsonschema.Draft202012Validator(json.loads(pack_json_schema())).iter_errors(pack))
    tenants = {"tenants": [{"id": "fjordvik", "locales": ["nb"], "variables": {"organisation": "Fjordvik kommune"}}]}
    jsonschema.validate(tenants, json.loads(tenants_json_schema()))
    tenants["tenants"][0]["profile"] = "tickett"
    assert list(jsonschema.Draft202012Validator(json.loads(tenants_json_schema())).iter_errors(tenants))
