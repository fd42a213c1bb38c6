"""``python -m linter``: the same as the ``jxlint`` command."""

from linter.cli import main

main()
