"""Loading TOML files (config and vocabularies) with errors that name the file and line."""

from __future__ import annotations

import re
import sys
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


class ConfigError(Exception):
    """A config or vocabulary file that cannot be used; says which file, line and why."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")


_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def load_toml(path: str) -> dict[str, Any]:
    """Parse a TOML file; a syntax error becomes :class:`ConfigError` with the line."""
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        line = int(found.group(1)) if found else None
        if line is None and "end of document" in str(error):
            with open(path, "rb") as handle:
                line = handle.read().count(b"\n") + 1
        reason = _TOML_LINE.sub("", str(error)).strip()
        raise ConfigError(path, f"TOML 语法错误 (invalid TOML): {reason}", line) from None
    except OSError as error:
        raise ConfigError(path, f"无法读取 ({error.strerror or error})") from None


def line_of(path: str, needle: str, after: str | None = None) -> int | None:
    """The first line of a file containing ``needle`` (to point errors at a key or value).

    With ``after`` (a table header such as ``rules.D04``), the first such line at or after the
    first line containing ``after``; the first line anywhere when ``after`` is not in the file.
    """
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    start = 0
    if after is not None:
        start = next((n for n, line in enumerate(lines) if after in line), 0)
    for number, line in enumerate(lines[start:], start=start + 1):
        if needle in line:
            return number
    return None
