"""``--format sarif``: a SARIF 2.1.0 log for code-scanning dashboards (GitHub, Azure DevOps …).

One run; ``tool.driver.rules`` lists every rule of the catalog (code, name, summary, documentation,
default level); each finding is a result with its rule, level, message (plus the suggestion), a
physical location (file URI relative to ``--sarif-root`` or the working directory, and a region:
line/column for text and delimited files, the row/column of the sheet, PDF table or Word table
otherwise, whose exact place — ``Sheet1!G12``, the page — also starts the message and is a logical
location with location properties) and the content fingerprint
as ``partialFingerprints["jxlint/v1"]``, so dashboards track a finding across edits that move it.
Files that could not be read are ``toolExecutionNotifications`` of the invocation.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from linter import __version__
from linter.engine import FAMILIES, Rule, describe_options
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


def artifact_path(path: str, root: str | None = None) -> str:
    """``path`` relative to ``root`` (default: the working directory) with ``/`` separators,
    when it lies under it.

    CI systems resolve report paths against the checkout root, where jxlint usually runs.
    """
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, os.path.abspath(root or os.getcwd()))
    except ValueError:
        return path.replace(os.sep, "/")
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return path.replace(os.sep, "/")
    return relative.replace(os.sep, "/")


def _artifact_location(path: str, root: str | None) -> dict[str, str]:
    relative = artifact_path(path, root)
    if os.path.isabs(relative):
        return {"uri": Path(relative).as_uri()}
    return {"uri": quote(relative, safe="/"), "uriBaseId": SOURCE_ROOT}


def _help_text(rule: type[Rule]) -> str:
    text = rule.doc()
    if rule.options:
        text += "\n\n" + describe_options(rule)
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


def _region(location: Location | None) -> dict[str, int]:
    """The region GitHub code scanning needs on every result: the line and column of a text
    place; for a cell the row and column of its sheet, PDF table or Word table (the exact place
    is also written in the message); line 1 for a place without a row."""
    if location is None:
        return {"startLine": 1}
    line = location.line if location.line is not None else location.row
    region = {"startLine": line or 1}
    if line and location.column is not None:
        region["startColumn"] = location.column
    return region


def _location(
    path: str, location: Location | None, root: str | None, message: str | None = None
) -> dict[str, Any]:
    physical: dict[str, Any] = {
        "artifactLocation": _artifact_location(path, root),
        "region": _region(location),
    }
    out: dict[str, Any] = {"physicalLocation": physical}
    if location is None:
        return out
    place = _place_properties(location)
    if place:
        out["logicalLocations"] = [{"name": str(location), "kind": "element"}]
        out["properties"] = place
    if message:
        out["message"] = {"text": message}
    return out


def _related_location(related: Related, number: int, root: str | None) -> dict[str, Any]:
    label = related.project or related.unit or related.path
    text = f"{label}（{related.note}）" if related.note else label
    return {"id": number, **_location(related.path, related.location, root, text)}


def _message(finding: Finding) -> str:
    """The message, after the exact place when the region cannot say it (a cell, a PDF page),
    and with the suggestion."""
    text = finding.message
    location = finding.location
    if location is not None and location.line is None and str(location) != "?":
        text = f"{location}：{text}"
    if finding.suggestion:
        return f"{text}\n建议：{finding.suggestion}"
    return text


def _result(
    finding: Finding, rule_index: dict[str, int], baselined: bool, root: str | None
) -> dict[str, Any]:
    out: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in rule_index:
        out["ruleIndex"] = rule_index[finding.code]
    out["level"] = SARIF_LEVELS[finding.severity]
    out["message"] = {"text": _message(finding)}
    out["locations"] = [_location(finding.path, finding.location, root)]
    if finding.related:
        out["relatedLocations"] = [
            _related_location(related, number, root)
            for number, related in enumerate(finding.related)
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


def _notification(path: str, error: str, root: str | None) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": f"无法读取 (could not read): {error}"},
        "locations": [_location(path, None, root)],
    }


def sarif_log(result: LintResult, root: str | None = None) -> dict[str, Any]:
    """The run as a SARIF 2.1.0 log (a dict ready for JSON), artifact URIs relative to ``root``
    (default: the working directory) for the files under it."""
    rules = all_rules()
    rule_index = {rule.code: index for index, rule in enumerate(rules)}
    failed = [status for status in result.files if not status.ok]
    invocation: dict[str, Any] = {"executionSuccessful": not failed}
    if failed:
        invocation["toolExecutionNotifications"] = [
            _notification(status.path, status.error or status.path, root) for status in failed
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
        "results": [_result(finding, rule_index, baselined, root) for finding in result.findings],
    }
    return {"$schema": SARIF_SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render_sarif(result: LintResult, *, root: str | None = None) -> str:
    """The SARIF log as pretty-printed JSON text (``root``: see :func:`sarif_log`)."""
    return json_text(sarif_log(result, root), indent=2) + "\n"
