"""The filter stage: which of a file's findings are reported.

Two filters, applied by :class:`linter.lint.Pipeline` file by file in path order, at the two
points where their meaning requires:

* the config's per-file and per-project ignores (:func:`linter.config.is_ignored`), before
  findings are folded: an ignored finding is as if its rule had not spoken, so it never absorbs
  another;
* the baseline (:class:`linter.baseline.BaselineFilter`), after folding and table notices: it
  records what a run reported, so it is matched against what a run reports.

Both decide from one file's findings and what was known before the first file's findings were
filtered (every file has been read), so the stage streams: a file's surviving findings can be
written before the next file is filtered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from linter.config import Config, is_ignored

if TYPE_CHECKING:
    from linter.baseline import Baseline, BaselineFilter, BaselineSummary
    from linter.findings import Finding
    from linter.lint import FileStatus


class Filters:
    """The config's ignores and, when given, a baseline: the pipeline's filter stage."""

    def __init__(
        self, config: Config, baseline: Baseline | None = None, keep_unrecorded: bool = False
    ) -> None:
        self.config = config
        self.baseline = baseline
        self.recorded: BaselineFilter | None = None
        self.before_baseline: list[Finding] | None = [] if keep_unrecorded else None
        """With ``keep_unrecorded``: every file's final findings before the baseline filter
        (what ``--write-baseline`` records, also when ``--baseline`` is given)."""

    def start(self, files: list[FileStatus]) -> None:
        """Every file has been read (``files``: their statuses); no finding is filtered yet."""
        if self.baseline is not None:
            from linter.baseline import BaselineFilter

            self.recorded = BaselineFilter(self.baseline, files)

    def not_ignored(self, findings: list[Finding]) -> list[Finding]:
        """The findings the config does not ignore (before folding)."""
        return [finding for finding in findings if not is_ignored(finding, self.config)]

    def not_recorded(self, path: str, findings: list[Finding]) -> list[Finding]:
        """The file's final findings the baseline does not record (all of them without one)."""
        if self.before_baseline is not None:
            self.before_baseline.extend(findings)
        return findings if self.recorded is None else self.recorded.new(path, findings)

    def summary(self) -> BaselineSummary | None:
        """What the baseline did, when one was applied."""
        return None if self.recorded is None else self.recorded.summary()
