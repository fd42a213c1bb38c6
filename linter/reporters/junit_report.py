"""``--format junit``: JUnit XML for Jenkins, GitLab and other test-report viewers.

One ``<testsuite>`` per input file; in it one ``<testcase>`` per rule that found something
(``name`` = code and rule name, ``classname`` = the file) whose ``<failure>`` lists the findings,
one passing ``<testcase name="jxlint">`` for a file without findings, and an ``<error>`` test case
for a file that could not be read. Characters XML 1.0 cannot carry are written as ``\\xNN``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby

from linter.errors import printable
from linter.findings import Finding
from linter.lint import LintResult
from linter.registry import all_rules

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 forbids replaced by ``\\xNN`` escapes."""
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def _finding_line(finding: Finding) -> str:
    where = str(finding.location) if finding.location else "-"
    context = ""
    if finding.project:
        context = finding.project
        if finding.indicator is not None:
            context += f" › 指标{finding.indicator} {finding.indicator_name or ''}".rstrip()
        context += "："
    line = f"{where} {finding.severity.label} {context}{finding.message}"
    if finding.suggestion:
        line += f"\n    建议：{finding.suggestion}"
    return line


def _rule_case(suite: ET.Element, path: str, findings: list[Finding]) -> None:
    first = findings[0]
    case = ET.SubElement(suite, "testcase", name=f"{first.code} {first.name}", classname=path)
    worst = max(findings, key=lambda finding: finding.severity.rank).severity
    failure = ET.SubElement(
        case,
        "failure",
        message=xml_text(f"{first.code} {first.name}: {len(findings)} 个问题 (findings)"),
        type=worst.value,
    )
    failure.text = xml_text("\n".join(_finding_line(finding) for finding in findings))


def junit_tree(result: LintResult) -> ET.Element:
    """The run as a ``<testsuites>`` element."""
    order = {rule.code: index for index, rule in enumerate(all_rules())}
    paths = [status.path for status in result.files]
    paths += sorted({finding.path for finding in result.findings} - set(paths))
    errors = {status.path: status.error for status in result.files if not status.ok}
    root = ET.Element("testsuites", name="jxlint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for path in paths:
        classname = xml_text(printable(path))
        suite = ET.SubElement(root, "testsuite", name=classname)
        findings = sorted(
            (finding for finding in result.findings if finding.path == path),
            key=lambda finding: (order.get(finding.code, len(order)), finding.code),
        )
        for _code, group in groupby(findings, key=lambda finding: finding.code):
            _rule_case(suite, classname, list(group))
        if path in errors:
            case = ET.SubElement(suite, "testcase", name="read", classname=classname)
            error = ET.SubElement(
                case, "error", message=xml_text(errors[path] or path), type="InputError"
            )
            error.text = xml_text(errors[path] or path)
        elif not findings:
            ET.SubElement(suite, "testcase", name="jxlint", classname=classname)
        counts = {
            "tests": len(suite),
            "failures": len(suite.findall("testcase/failure")),
            "errors": len(suite.findall("testcase/error")),
        }
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("skipped", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    return root


def render_junit(result: LintResult) -> str:
    """The JUnit XML document as text (UTF-8 declaration, indented)."""
    root = junit_tree(result)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
