"""A screenshot of the ``jxlint serve`` page with a report, for the docs.

Run: ``.venv/bin/python -m tests.browser.serve_screenshot OUT.png [TABLE ...]`` (default table:
seed 003). Starts ``jxlint serve`` on a free loopback port, uploads the tables through the page
and saves what the page shows once the report is in.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.browser.chromium import chromium_page
from tests.conftest import seed
from tests.servekit import running_server


def screenshot_serve(out: Path, tables: list[Path]) -> None:
    """Upload ``tables`` through the page of a fresh server and save the page to ``out``."""
    with (
        tempfile.TemporaryDirectory() as directory,
        running_server(Path(directory) / "serve.log") as server,
        chromium_page() as page,
    ):
        page.goto(server.url + "/")
        page.set_input_files("#picker", [str(table) for table in tables])
        page.wait_for_selector("#result:not([hidden])", timeout=120_000)
        page.frame_locator("#report").locator("body[data-ready='1']").wait_for(state="attached")
        page.screenshot(path=str(out))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    arguments = [Path(argument) for argument in sys.argv[1:]]
    screenshot_serve(arguments[0], arguments[1:] or [seed("003")])
