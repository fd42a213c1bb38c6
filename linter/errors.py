"""The one error type for input problems, and the one-line form of every per-file error."""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Right-to-left marks, embeddings, overrides and isolates: they reorder what a terminal shows."""


def printable(text: str) -> str:
    """``text`` safe for one line of a terminal: control, bidi and lone surrogate characters escaped.

    A file name or a cell can hold a newline, an ANSI escape or a right-to-left override; each
    becomes a visible ``\\n`` / ``\\x1b`` / ``\\u202e`` so one error stays one line.
    """
    if text.isprintable():
        return text
    out: list[str] = []
    for char in text:
        if char in BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp"):
            out.append(char.encode("unicode_escape").decode("ascii"))
        else:
            out.append(char)
    return "".join(out)


class InputError(Exception):
    """A file that cannot be read or is not a recognisable table.

    Carries the path, a one-line reason (Chinese, then English in parentheses) and optionally a
    location (``line:column``, ``Sheet1!B7``, ``page 3``); the CLI prints ``path[:location]:
    reason`` on one line and exits 2 once every other file was processed.
    """

    def __init__(self, path: str, reason: str, location: str | None = None) -> None:
        self.path = path
        self.reason = reason
        self.location = location
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """The error as one line: ``path[:location]: reason``."""
        where = f"{self.path}:{self.location}" if self.location else self.path
        return printable(f"{where}: {self.reason}")


ADDRESS_SPACE_SPENT = 0.9
"""Share of the process's address-space limit past which an unexpected error is read as memory
running out."""


def address_space_spent() -> bool:
    """Whether the process has a soft address-space limit (``ulimit -v``, ``jxlint serve
    --worker-memory``) and has come within :data:`ADDRESS_SPACE_SPENT` of it (its peak virtual
    size, ``VmPeak`` of ``/proc/self/status``; ``False`` where either cannot be read)."""
    try:
        import resource

        limit = resource.getrlimit(resource.RLIMIT_AS)[0]
        if limit == resource.RLIM_INFINITY:
            return False
        with open("/proc/self/status", encoding="ascii") as status:
            peak = next(line for line in status if line.startswith("VmPeak:"))
    except (ImportError, OSError, StopIteration, ValueError):
        return False
    return int(peak.split()[1]) * 1024 >= ADDRESS_SPACE_SPENT * limit


def internal_error_line(path: str, error: BaseException) -> str:
    """The one line for an unexpected exception while processing ``path`` (a jxlint bug, or
    memory running out: C extensions do not always raise :class:`MemoryError` when an allocation
    fails under an address-space limit — e.g. ``SystemError: error return without exception
    set`` — so an error raised once the limit is nearly spent is reported as out of memory)."""
    if isinstance(error, MemoryError) or address_space_spent():
        return printable(
            f"{path}: 内存不足，文件太大，可调低 max-file-size 以提前拒绝 (out of memory)"
        )
    detail = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
    what = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
    return printable(
        f"{path}: 内部错误，请报告此问题，--debug 显示详情 "
        f"(internal error: {what}; rerun with --debug for the traceback)"
    )
