"""``--format sarif``: a SARIF 2.1.0 log for code-scanning dashboards (GitHub, Azure DevOps …).

One run; ``tool.driver.rules`` lists every rule of the catalog (code, name, summary, documentation,
default level); each finding is a result with its rule, level, message (plus the suggestion), a
physical location (file, and line/column for text and delimited files; the sheet/cell, page or
Word table position as a logical location and location properties) and the content fingerprint
as ``partialFingerprints["jxlint/v1"]``, so dashboards track a finding across edits that move it.
Files that could not be read are ``toolExecutionNotifications`` of the invocation.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from linter import __version__
from linter.engine import FAMILIES, Rule
from linter.findings import Finding, Related, Severity
from linter.lint import LintResult
from linter.model import Location
from linter.registry import all_rules
from linter.serialize import json_text

SARIF_SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_LEVELS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}
FINGERPRINT_KEY = "jxlint/v1"
SOURCE_ROOT = "%SRCROOT%"


def artifact_path(path: str) -> str:
    """``path`` relative to the working directory with ``/`` separators, when it lies under it.

    CI systems resolve report paths against the checkout root, where jxlint runs.
    """
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, os.getcwd())
    except ValueError:
        return path.replace(os.sep, "/")
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return path.replace(os.sep, "/")
    return relative.replace(os.sep, "/")


def _artifact_location(path: str) -> dict[str, str]:
    relative = artifact_path(path)
    if os.path.isabs(relative):
        return {"uri": Path(relative).as_uri()}
    return {"uri": quote(relative, safe="/"), "uriBaseId": SOURCE_ROOT}


def _help_text(rule: type[Rule]) -> str:
    text = rule.doc()
    if rule.options:
        options = "\n".join(f"  {name} = {value!r}" for name, value in rule.options.items())
        text += f"\n\n选项 (options, defaults):\n{options}"
    return text


def rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    """The ``reportingDescriptor`` of a rule."""
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": rule.doc()},
        "help": {"text": _help_text(rule)},
        "defaultConfiguration": {"level": SARIF_LEVELS[rule.severity]},
        "properties": {
            "tags": ["jxlint", FAMILIES.get(rule.code[0], rule.code[0])],
            "scope": rule.scope.value,
        },
    }


def _place_properties(location: Location) -> dict[str, Any]:
    keys = ("sheet", "cell", "page", "table", "row", "column", "bbox")
    if location.sheet is None and location.page is None and location.table is None:
        return {}
    return {key: value for key, value in location.to_dict().items() if key in keys}


def _location(path: str, location: Location | None, message: str | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact_location(path)}
    out: dict[str, Any] = {"physicalLocation": physical}
    if location is None:
        return out
    if location.line is not None:
        region = {"startLine": location.line}
        if location.column is not None:
            region["startColumn"] = location.column
        physical["region"] = region
    place = _place_properties(location)
    if place:
        out["logicalLocations"] = [{"name": str(location), "kind": "element"}]
        out["properties"] = place
    if message:
        out["message"] = {"text": message}
    return out


def _related_location(related: Related, number: int) -> dict[str, Any]:
    label = related.project or related.unit or related.path
    text = f"{label}（{related.note}）" if related.note else label
    return {"id": number, **_location(related.path, related.location, text)}


def _message(finding: Finding) -> str:
    if finding.suggestion:
        return f"{finding.message}\n建议：{finding.suggestion}"
    return finding.message


def _result(finding: Finding, rule_index: dict[str, int], baselined: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in rule_index:
        out["ruleIndex"] = rule_index[finding.code]
    out["level"] = SARIF_LEVELS[finding.severity]
    out["message"] = {"text": _message(finding)}
    out["locations"] = [_location(finding.path, finding.location)]
    if finding.related:
        out["relatedLocations"] = [
            _related_location(related, number) for number, related in enumerate(finding.related)
        ]
    out["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    if baselined:
        out["baselineState"] = "new"
    properties = {
        "department": finding.department,
        "unit": finding.unit,
        "project": finding.project,
        "projectOrdinal": finding.project_ordinal,
        "indicator": finding.indicator,
        "indicatorName": finding.indicator_name,
        "field": finding.field,
        "excerpt": finding.excerpt,
    }
    out["properties"] = {key: value for key, value in properties.items() if value is not None}
    return out


def _notification(path: str, error: str) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": f"无法读取 (could not read): {error}"},
        "locations": [_location(path, None)],
    }


def sarif_log(result: LintResult) -> dict[str, Any]:
    """The run as a SARIF 2.1.0 log (a dict ready for JSON)."""
    rules = all_rules()
    rule_index = {rule.code: index for index, rule in enumerate(rules)}
    failed = [status for status in result.files if not status.ok]
    invocation: dict[str, Any] = {"executionSuccessful": not failed}
    if failed:
        invocation["toolExecutionNotifications"] = [
            _notification(status.path, status.error or status.path) for status in failed
        ]
    baselined = result.baseline is not None
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "jxlint",
                "version": __version__,
                "rules": [rule_descriptor(rule) for rule in rules],
            }
        },
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": [_result(finding, rule_index, baselined) for finding in result.findings],
    }
    return {"$schema": SARIF_SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render_sarif(result: LintResult, *, color: bool = False, width: int | None = None) -> str:
    """The SARIF log as pretty-printed JSON text."""
    return json_text(sarif_log(result), indent=2) + "\n"
