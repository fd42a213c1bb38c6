"""Drive Debian's headless Chromium (``/usr/bin/chromium``) with Playwright's Python package.

Playwright is only the driver here: it launches the system browser through ``executable_path``
and never downloads one (``playwright install`` cannot work without network access). The flags
keep Chromium off the network it would otherwise try to reach at start-up.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Command-line flags for a headless Chromium that runs as root and stays off the network."""

CANDIDATES = ("chromium", "chromium-browser")


def find_chromium() -> str | None:
    """The Chromium executable: ``$JXLINT_CHROMIUM``, else ``chromium`` on the ``PATH``."""
    configured = os.environ.get("JXLINT_CHROMIUM")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def unavailable_reason() -> str | None:
    """Why the browser tests cannot run here, or ``None`` when they can."""
    if find_chromium() is None:
        return "Chromium is not installed (apt-get install chromium; .ci/run does this)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing (pip install -e '.[test]')"
    return None


@contextmanager
def chromium_page(width: int = 1366, height: int = 900) -> Iterator[Any]:
    """A Playwright page in a fresh headless Chromium with a laptop-sized viewport.

    Playwright gives each launch a new empty profile directory (``--user-data-dir``).
    """
    from playwright.sync_api import sync_playwright

    executable = find_chromium()
    if executable is None:
        raise RuntimeError(unavailable_reason())
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=list(CHROMIUM_ARGS)
        )
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            yield page
        finally:
            browser.close()
