"""The lint pipeline: files → documents → rules → findings → filters."""

from __future__ import annotations

import gc
import platform
import sys
import traceback
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from linter.config import Config, selected_codes
from linter.engine import Engine
from linter.errors import InputError, internal_error_line
from linter.filters import Filters
from linter.findings import Finding, Severity
from linter.folding import Population, fold_findings, gather_table_notices
from linter.limits import Limits
from linter.model import Document
from linter.parallel import automatic_jobs, map_in_order
from linter.readers import iter_input_files, read_document
from linter.registry import all_rules
from linter.spill import SpilledList

if TYPE_CHECKING:
    from linter.baseline import Baseline, BaselineSummary


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
    """Everything a reporter needs: files, what was read, and the findings that survived filters.

    A run that hands each file's findings to a streaming report as it goes keeps none of them:
    ``streamed`` counts them by severity instead. A run that drops its documents counts their
    projects and indicators in ``outline`` (:attr:`project_count`, :attr:`indicator_count`).
    """

    files: list[FileStatus] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    baseline: BaselineSummary | None = None
    """Set when a baseline was applied (:class:`linter.baseline.BaselineFilter`)."""
    errors: list[FileStatus] = field(default_factory=list)
    """Internal errors not tied to one file (a cross-file rule that failed); path ``*``."""
    streamed: Counter[Severity] = field(default_factory=Counter)
    """Findings handed to a streaming report and not kept, by severity."""
    outline: Population | None = None
    """Projects, units and indicators read, when the documents were not kept."""
    before_baseline: list[Finding] | None = None
    """The findings before the baseline filter, when the run was asked to keep them (to write
    a new baseline)."""

    def count(self, severity: Severity) -> int:
        """How many findings have ``severity`` (kept or streamed)."""
        kept = sum(1 for finding in self.findings if finding.severity is severity)
        return kept + self.streamed[severity]

    @property
    def finding_count(self) -> int:
        """How many findings the run reports (kept or streamed)."""
        return len(self.findings) + sum(self.streamed.values())

    @property
    def project_count(self) -> int:
        """How many projects were read."""
        if self.outline is not None:
            return self.outline.projects
        return sum(len(document.projects()) for document in self.documents)

    @property
    def indicator_count(self) -> int:
        """How many indicators were read."""
        if self.outline is not None:
            return self.outline.indicators
        return sum(document.indicator_count() for document in self.documents)

    def fails(self, fail_on: str) -> bool:
        """Whether a finding is at or above the ``fail_on`` level (``never``: never fails)."""
        if fail_on == "never":
            return False
        threshold = Severity(fail_on).rank
        return any(self.count(severity) for severity in Severity if severity.rank >= threshold)


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


@dataclass(slots=True)
class FileOutcome:
    """What the per-file stage makes of one input (in a ``--jobs`` worker or in this process):
    its status, the per-document rules' findings, its population, what the cross-file rules
    keep of it (:meth:`~linter.engine.Engine.collect`), and the document itself only when asked
    for."""

    status: FileStatus
    findings: list[Finding] = field(default_factory=list)
    population: Population | None = None
    collected: dict[str, Any] = field(default_factory=dict)
    document: Document | None = None


def lint_document_outcome(
    document: Document, status: FileStatus, engine: Engine, keep_document: bool
) -> FileOutcome:
    """Run the per-document rules on a read document and collect what the run-wide stages need.

    A rule failing unexpectedly gives an error status, no document and no findings.
    """
    try:
        findings = engine.lint_document(document)
        collected = engine.collect(document)
    except Exception as error:
        return FileOutcome(_internal_error(document.path, error))
    kept = document if keep_document else None
    return FileOutcome(status, findings, Population.of(document), collected, kept)


def lint_file(
    path: str, engine: Engine, limits: Limits | None = None, keep_document: bool = True
) -> FileOutcome:
    """Read one file and run the per-document rules on it (what a ``--jobs`` worker does).

    Reading or a rule failing unexpectedly gives an error status, no document and no findings.
    """
    sweep_cycles()
    document, status = read_input(path, limits)
    if document is None:
        return FileOutcome(status)
    return lint_document_outcome(document, status, engine, keep_document)


CYCLE_SWEEP = 2_000_000
"""Objects created (less those freed) since the last cyclic collection after which a batch
process collects, between two files (see :func:`tune_collector_for_batch`)."""


def tune_collector_for_batch() -> None:
    """Run this process without CPython's automatic cyclic garbage collector, for good.

    A lint builds millions of small objects that live until its end (documents, findings, the
    rules' caches) and almost no reference cycles (5 unreachable objects in a lint of 10^4
    generated projects; up to about 100 a file in python-docx's reading of a .docx). The
    automatic collector walks every new object again, 3–6% of a run's time spent finding
    nothing. Instead :func:`sweep_cycles` collects the objects made since the last collection
    (each object is looked at once, as young) between files, once :data:`CYCLE_SWEEP` of them
    are alive, so that a run of many files keeps the few cycles bounded; a lint of 10^4
    generated projects, streamed, never gets there. For a process that lints and exits
    (``jxlint lint``; forked ``--jobs`` workers inherit it).
    """
    if platform.python_implementation() == "CPython":
        gc.disable()


def sweep_cycles() -> None:
    """Collect the reference cycles among the objects made since the last collection, if this
    process runs without automatic collection (a batch, see :func:`tune_collector_for_batch`)
    and :data:`CYCLE_SWEEP` of them are alive. Called between files."""
    if not gc.isenabled() and gc.get_count()[0] > CYCLE_SWEEP:
        gc.collect(0)


class RunProgress(Protocol):
    """What :func:`lint_paths` tells about its progress (e.g. a progress bar on a terminal)."""

    def start(self, files: int) -> None:
        """The run will read ``files`` files."""

    def file_done(self, projects: int | None) -> None:
        """One more file was read and linted: its projects (``None``: it could not be read)."""


class FileReport(Protocol):
    """A report written as the run goes: each file's final findings, in report order (file by
    file in path order, each file's in document order), then its end (see
    :func:`linter.reporters.streaming_report`)."""

    wants_documents: bool
    """Whether :meth:`file` needs the file's document (it is kept on disk until then)."""

    def start(self, result: LintResult) -> None:
        """Every file has been read and the cross-file rules have run (``result.files`` is
        complete); no finding has been handed over yet."""

    def file(self, findings: list[Finding], document: Document | None) -> None:
        """One file's findings (perhaps none), with its document when :attr:`wants_documents`."""


@dataclass(slots=True)
class _Spooled:
    findings: list[Finding]
    population: Population
    document: Document | None


SPOOL_IN_MEMORY = 20_000
"""Findings (and projects of documents a report asks for) the spool holds in memory before it
writes further files' entries to disk: a small run never pays for pickling."""


class _Spool:
    """Each file's findings from the moment its rules have run until the report stage asks for
    them, in a :class:`~linter.spill.SpilledList` weighed in findings (and projects of documents
    a report asks for): the first :data:`SPOOL_IN_MEMORY` in memory, the rest on disk, so that a
    run holds a bounded number of findings, not the run's.

    The report is in path order and a file's findings are final only once the cross-file rules
    have run over every file: hence the spool, read back file by file in path order. A run that
    keeps every finding in its result (no streaming report) holds them all in memory (a
    ``memory`` of ``sys.maxsize``): writing them to disk first would only cost the time.
    """

    def __init__(self, memory: int = SPOOL_IN_MEMORY) -> None:
        self.spilled: SpilledList[_Spooled] = SpilledList(memory=memory)
        self.places: dict[str, list[int]] = {}
        """Each path's entries: their places in :attr:`spilled`."""

    def add(self, path: str, entry: _Spooled) -> None:
        """Keep one file's entry."""
        weight = len(entry.findings) + (entry.population.projects if entry.document else 0)
        self.places.setdefault(path, []).append(len(self.spilled))
        self.spilled.append(entry, weight)

    def entries(self, path: str) -> list[_Spooled]:
        """The entries kept for ``path``, in the order they were added."""
        return [self.spilled[place] for place in self.places.pop(path, ())]

    def close(self) -> None:
        """Remove the spool's file, if it has one."""
        self.spilled.close()


COLLECTED_IN_MEMORY = 10_000
"""Projects whose documents' cross-file keeps (D04's signatures) the pipeline holds in memory;
further documents' keeps wait on disk for the cross-file rules (a run holds a bounded number)."""


class Pipeline:
    """The lint pipeline after reading: findings → cross-file rules → fold and notices →
    filters → report.

    :meth:`add` takes each file's :class:`FileOutcome` in input order and spools its findings;
    :meth:`finish` runs the cross-file rules on what they collected, then, file by file in path
    order, sorts the file's findings, drops those the config ignores, folds findings that say
    the same thing (:func:`~linter.folding.fold_findings`), gathers table notices, drops those
    the ``baseline`` records (the filter stage: :class:`~linter.filters.Filters`), and hands
    them to ``report`` (or keeps them in the result when there is none). Documents are kept in
    the result only with ``keep_documents``.
    """

    def __init__(
        self,
        config: Config,
        engine: Engine,
        keep_documents: bool = True,
        report: FileReport | None = None,
        baseline: Baseline | None = None,
        keep_unrecorded: bool = False,
    ) -> None:
        self.filters = Filters(config, baseline, keep_unrecorded)
        self.engine = engine
        self.keep_documents = keep_documents
        self.report = report
        self.result = LintResult()
        self.collected: SpilledList[dict[str, Any]] = SpilledList(memory=COLLECTED_IN_MEMORY)
        self.population = Population(0, 0)
        self.spool = _Spool(SPOOL_IN_MEMORY if report is not None else sys.maxsize)

    def add(self, outcome: FileOutcome) -> None:
        """Take one file's outcome (files in input order)."""
        self.result.files.append(outcome.status)
        if outcome.population is None:
            return
        self.population += outcome.population
        if outcome.collected:
            self.collected.append(outcome.collected, outcome.population.projects)
        if outcome.document is not None and self.keep_documents:
            self.result.documents.append(outcome.document)
        document = outcome.document if self.report and self.report.wants_documents else None
        spooled = _Spooled(outcome.findings, outcome.population, document)
        self.spool.add(outcome.status.path, spooled)

    def finish(self) -> LintResult:
        """Run the cross-file rules and the per-file stages after them; the result."""
        result = self.result
        if not self.keep_documents:
            result.outline = self.population
        by_path: dict[str, list[Finding]] = {}
        try:
            for finding in self.engine.lint_run(self.collected):
                by_path.setdefault(finding.path, []).append(finding)
        except Exception as error:
            result.errors.append(_internal_error("*", error))
        self.collected.close()
        self.filters.start(result.files)
        if self.report is not None:
            self.report.start(result)
        try:
            for path in sorted(self.spool.places.keys() | by_path.keys()):
                self._file(path, self.spool.entries(path), by_path.get(path, []))
        finally:
            self.spool.close()
        result.baseline = self.filters.summary()
        result.before_baseline = self.filters.before_baseline
        return result

    def _file(self, path: str, entries: list[_Spooled], cross_file: list[Finding]) -> None:
        """The stages after the rules for one file (every entry read for its path)."""
        findings = [finding for entry in entries for finding in entry.findings]
        findings.extend(cross_file)
        findings.sort(key=Finding.sort_key)
        kept = self.filters.not_ignored(findings)
        folded = fold_findings(kept, self.engine.supersedes)
        populations = {path: entries[-1].population} if entries else {}
        noticed = gather_table_notices(folded, self.engine.table_notices, populations)
        final = self.filters.not_recorded(path, noticed)
        if self.report is None:
            self.result.findings.extend(final)
            return
        self.result.streamed.update(finding.severity for finding in final)
        self.report.file(final, entries[-1].document if entries else None)


def lint_paths(
    paths: list[str],
    config: Config,
    engine: Engine,
    jobs: int | None = 1,
    progress: RunProgress | None = None,
    *,
    keep_documents: bool = True,
    report: FileReport | None = None,
    baseline: Baseline | None = None,
    keep_unrecorded: bool = False,
) -> LintResult:
    """Read every file under ``paths``, lint what could be read, apply the config's ignores
    and the ``baseline``, if one is given (``keep_unrecorded``: keep the findings before it in
    the result's ``before_baseline``, to write a new baseline).

    A file that cannot be read, or on which reading or a rule fails unexpectedly, gets an error
    status and no findings; the other files are linted as usual. With ``jobs`` > 1 the files
    are read and linted in that many processes (``None``: as many as there are CPUs when the
    inputs are large, see :func:`~linter.parallel.automatic_jobs`); the result is the same.
    ``progress`` hears of each file as it is done.

    Each file's document is dropped once its rules have run unless ``keep_documents`` (the
    result's documents, for reports that lay out every project); with ``report``, each file's
    findings are handed to it and not kept (:class:`Pipeline`).
    """
    files = iter_input_files(paths)
    if jobs is None:
        jobs = automatic_jobs(files)
    if progress is not None:
        progress.start(len(files))
    wants = keep_documents or (report is not None and report.wants_documents)
    pipeline = Pipeline(config, engine, keep_documents, report, baseline, keep_unrecorded)
    for outcome in map_in_order(lint_file, files, jobs, engine, config.limits, wants):
        pipeline.add(outcome)
        if progress is not None:
            projects = outcome.population.projects if outcome.population else None
            progress.file_done(projects)
    return pipeline.finish()


def lint_documents(
    documents: list[Document], engine: Engine, config: Config | None = None
) -> LintResult:
    """Lint documents already in memory through the same pipeline as :func:`lint_paths`
    (rule cases, benchmarks, tests): the per-document rules, the cross-file rules, folding,
    table notices and the config's ignores."""
    pipeline = Pipeline(config or Config(), engine)
    for document in documents:
        status = FileStatus(document.path, document.format)
        pipeline.add(lint_document_outcome(document, status, engine, True))
    return pipeline.finish()
