"""The lint pipeline: files → documents → rules → findings → filters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from linter.config import Config, is_ignored, selected_codes
from linter.engine import Engine
from linter.errors import InputError
from linter.findings import Finding, Severity
from linter.model import Document
from linter.readers import iter_input_files, read_document
from linter.registry import all_rules

if TYPE_CHECKING:
    from linter.baseline import BaselineSummary


@dataclass(frozen=True, slots=True)
class FileStatus:
    """One input file: its format once read, or the one-line reason it could not be read."""

    path: str
    format: str | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the file was read."""
        return self.error is None

    def to_dict(self) -> dict[str, str | None]:
        """The file entry of ``jxlint.report/1``."""
        return {
            "path": self.path,
            "format": self.format,
            "status": "ok" if self.ok else "error",
            "error": self.error,
        }


@dataclass(slots=True)
class LintResult:
    """Everything a reporter needs: files, documents and the findings that survived filters."""

    files: list[FileStatus] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    baseline: BaselineSummary | None = None
    """Set when a baseline was applied (:func:`linter.baseline.apply_baseline`)."""

    def count(self, severity: Severity) -> int:
        """How many findings have ``severity``."""
        return sum(1 for finding in self.findings if finding.severity is severity)

    def fails(self, fail_on: str) -> bool:
        """Whether a finding is at or above the ``fail_on`` level (``never``: never fails)."""
        if fail_on == "never":
            return False
        threshold = Severity(fail_on).rank
        return any(finding.severity.rank >= threshold for finding in self.findings)


def build_engine(
    config: Config,
    select: list[str] | None = None,
    extend_select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> Engine:
    """An engine with the rules the config and the command line select."""
    rules = all_rules()
    codes = selected_codes(
        rules,
        select if select is not None else config.select,
        [*config.extend_select, *(extend_select or [])],
        [*config.ignore, *(ignore or [])],
    )
    by_code = {rule.code: rule for rule in rules}
    instances = [by_code[code](config.rule_options.get(code)) for code in codes]
    settings = {"framework": config.framework, "vocabulary": tuple(config.vocabulary)}
    return Engine(instances, severities=config.severity, settings=settings)


def lint_paths(paths: list[str], config: Config, engine: Engine) -> LintResult:
    """Read every file under ``paths``, lint what could be read, apply the config's ignores."""
    result = LintResult()
    for path in iter_input_files(paths):
        try:
            document = read_document(path)
        except InputError as error:
            result.files.append(FileStatus(path, None, error.one_line()))
            continue
        result.files.append(FileStatus(path, document.format))
        result.documents.append(document)
    run = engine.run(result.documents)
    result.findings = [f for f in run.findings if not is_ignored(f, config)]
    return result
