"""The lint pipeline: files → documents → rules → findings → filters."""

from __future__ import annotations

import gc
import platform
import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from linter.config import Config, is_ignored, selected_codes
from linter.engine import Engine
from linter.errors import InputError, internal_error_line
from linter.findings import Finding, Severity
from linter.folding import Population, fold_findings, gather_table_notices
from linter.limits import Limits
from linter.model import Document
from linter.parallel import automatic_jobs, map_in_order
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
    traceback: str | None = None
    """The error's traceback, for ``--debug`` (not part of the report)."""

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
    errors: list[FileStatus] = field(default_factory=list)
    """Internal errors not tied to one file (a cross-file rule that failed); path ``*``."""

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


def read_input(path: str, limits: Limits | None = None) -> tuple[Document | None, FileStatus]:
    """Read one input file; an input error or an unexpected exception becomes its error status.

    An unexpected exception is a jxlint bug: it must cost only this file, never the run.
    """
    try:
        document = read_document(path, limits)
    except InputError as error:
        return None, FileStatus(path, None, error.one_line(), traceback.format_exc())
    except Exception as error:
        return None, _internal_error(path, error)
    return document, FileStatus(path, document.format)


def _internal_error(path: str, error: Exception) -> FileStatus:
    return FileStatus(path, None, internal_error_line(path, error), traceback.format_exc())


def lint_file(
    path: str, engine: Engine, limits: Limits | None = None
) -> tuple[Document | None, FileStatus, list[Finding]]:
    """Read one file and run the per-document rules on it (what a ``--jobs`` worker does).

    Reading or a rule failing unexpectedly gives an error status, no document and no findings.
    """
    document, status = read_input(path, limits)
    if document is None:
        return None, status, []
    try:
        return document, status, engine.lint_document(document)
    except Exception as error:
        return None, _internal_error(path, error), []


BATCH_GC_THRESHOLD = (200_000, 30, 30)
"""CPython's cyclic collector thresholds for a linting process (the default is ``(700, 10, 10)``)."""


def tune_collector_for_batch() -> None:
    """Make CPython's cyclic garbage collector run less often in this process, for good.

    A lint builds millions of small objects that live until its end (documents, findings, the
    rules' caches) and almost no reference cycles; with the default thresholds every full
    collection walks them all again, about a fifth of a run's time (measured on 3,000 generated
    projects). A young collection every 200,000 allocations instead of 700, as mypy does for the
    same reason, still collects the few cycles, at a bounded cost in memory. For a process that
    lints and exits (``jxlint lint``, forked ``--jobs`` workers inherit it): setting the
    thresholds back after a run would itself cost a full collection of everything the run kept.
    """
    if platform.python_implementation() == "CPython":
        gc.set_threshold(*BATCH_GC_THRESHOLD)


class RunProgress(Protocol):
    """What :func:`lint_paths` tells about its progress (e.g. a progress bar on a terminal)."""

    def start(self, files: int) -> None:
        """The run will read ``files`` files."""

    def file_done(self, document: Document | None) -> None:
        """One more file was read and linted (``None``: it could not be read)."""


def lint_paths(
    paths: list[str],
    config: Config,
    engine: Engine,
    jobs: int | None = 1,
    progress: RunProgress | None = None,
) -> LintResult:
    """Read every file under ``paths``, lint what could be read, apply the config's ignores.

    A file that cannot be read, or on which reading or a rule fails unexpectedly, gets an error
    status and no findings; the other files are linted as usual. With ``jobs`` > 1 the files
    are read and linted in that many processes (``None``: as many as there are CPUs when the
    inputs are large, see :func:`~linter.parallel.automatic_jobs`); the result is the same.
    ``progress`` hears of each file as it is done.
    """
    result = LintResult()
    findings: list[Finding] = []
    files = iter_input_files(paths)
    if jobs is None:
        jobs = automatic_jobs(files)
    if progress is not None:
        progress.start(len(files))
    for document, status, found in map_in_order(lint_file, files, jobs, engine, config.limits):
        if document is not None:
            result.documents.append(document)
        findings.extend(found)
        result.files.append(status)
        if progress is not None:
            progress.file_done(document)
    try:
        findings.extend(engine.lint_run(result.documents))
    except Exception as error:
        result.errors.append(_internal_error("*", error))
    findings.sort(key=Finding.sort_key)
    kept = [f for f in findings if not is_ignored(f, config)]
    populations = {
        document.path: Population(len(document.projects()), len(document.units))
        for document in result.documents
    }
    folded = fold_findings(kept, engine.supersedes)
    result.findings = gather_table_notices(folded, engine.table_notices, populations)
    return result
