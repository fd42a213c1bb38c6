"""Screenshots of an HTML report as an officer first sees it, for review and for the docs.

Run: ``.venv/bin/python -m tests.browser.screenshot REPORT.html OVERVIEW.png [WORST.png]``.
``OVERVIEW.png`` is the top of the page (overview and the projects most in need of work);
``WORST.png`` is what the page shows after a click on the first thing to fix of the worst project.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.browser.chromium import chromium_page


def screenshot_report(report: Path, overview: Path, worst: Path | None = None) -> None:
    """Save the top of ``report`` to ``overview`` and, optionally, the worst project to ``worst``."""
    with chromium_page() as page:
        page.goto(report.resolve().as_uri())
        page.wait_for_selector("body[data-ready='1']", state="attached")
        page.screenshot(path=str(overview))
        if worst is not None:
            page.locator(".worst-item .fix a").first.click()
            page.wait_for_timeout(300)
            page.screenshot(path=str(worst))


if __name__ == "__main__":
    paths = [Path(argument) for argument in sys.argv[1:]]
    if len(paths) not in (2, 3):
        sys.exit(__doc__)
    screenshot_report(*paths)
