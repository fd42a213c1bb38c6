"""``jxlint serve``: a checker in the browser for people who cannot install anything.

A finance bureau runs it on its intranet; a clerk drops tables into the page and reads the report.
Needs the ``serve`` extra (``pip install 'jxlint[serve]'``: Starlette, uvicorn, python-multipart);
nothing here is imported by ``jxlint lint``.
"""

from __future__ import annotations

from linter.server.app import ServeSettings

__all__ = ["ServeSettings", "missing_dependency", "serve"]

DEPENDENCIES = ("starlette", "uvicorn", "python_multipart")


def missing_dependency() -> str | None:
    """The first package of the ``serve`` extra that is not installed, or ``None``."""
    import importlib.util

    for name in DEPENDENCIES:
        if importlib.util.find_spec(name) is None:
            return name
    return None


def serve(settings: ServeSettings, host: str, port: int, max_connections: int) -> None:
    """Run the app with uvicorn on ``host``:``port`` until interrupted; at most
    ``max_connections`` requests at once (more get 503), which bounds the memory uploads take."""
    import uvicorn

    from linter.server.app import create_app

    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        limit_concurrency=max_connections,
        server_header=False,
        log_level="info",
    )
