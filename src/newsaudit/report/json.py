"""The JSON report: serialise, and validate against the shipped JSON Schema."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from ..models import Report


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(resources.files("newsaudit").joinpath("schema/report.schema.json").read_text("utf-8"))


def validate(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``data`` breaks the report contract."""
    import jsonschema

    jsonschema.validate(data, schema())


def to_json(report: Report, *, indent: int | None = 2) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=indent)
