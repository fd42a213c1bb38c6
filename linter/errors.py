"""The one error type for input problems."""

from __future__ import annotations


class InputError(Exception):
    """A file that cannot be read or is not a recognisable table.

    Carries the path and a one-line reason; the CLI prints ``path: reason`` and exits 2.
    """

    def __init__(self, path: str, reason: str, location: str | None = None) -> None:
        self.path = path
        self.reason = reason
        self.location = location
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """The error as one line: ``path[:location]: reason``."""
        where = f"{self.path}:{self.location}" if self.location else self.path
        return f"{where}: {self.reason}"
