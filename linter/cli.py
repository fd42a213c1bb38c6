"""The ``jxlint`` command line."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from linter import __version__

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

app = typer.Typer(
    name="jxlint",
    help=(
        "jxlint：项目支出绩效目标表检查工具。在提交前找出指标值含糊、年度与实施周期不一致、"
        "金额对不上、项目重复、指标归类错误等问题。\n\n"
        "A linter for budget performance-target tables (项目支出绩效目标表)."
    ),
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class ParseFormat(str, Enum):
    """Output formats of ``jxlint parse``."""

    json = "json"
    text = "text"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jxlint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_version,
            is_eager=True,
            help="显示版本号后退出 (show the version and exit)",
        ),
    ] = False,
) -> None:
    """jxlint：项目支出绩效目标表检查工具。"""


def report_input_error(message: str) -> None:
    """Print one input error as one line on stderr."""
    typer.echo(f"jxlint: 错误 error: {message}", err=True)


@app.command("parse")
def parse_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="要读取的表格文件或目录 (table files or directories)", show_default=False
        ),
    ],
    output_format: Annotated[
        ParseFormat,
        typer.Option("--format", "-f", help="输出格式：json 或 text (树形，便于人工核对)"),
    ] = ParseFormat.json,
) -> None:
    """读取表格，输出解析出的结构（单位 → 项目 → 指标），用于核对 jxlint 读到了什么。

    Read tables and print the parsed document tree (units → projects → indicators).
    """
    from linter.errors import InputError
    from linter.readers import iter_input_files, read_document
    from linter.serialize import document_to_dict

    documents = []
    failed = False
    for path in iter_input_files([str(f) for f in files]):
        try:
            documents.append(read_document(path))
        except InputError as error:
            report_input_error(error.one_line())
            failed = True
    if output_format is ParseFormat.json:
        payload = [document_to_dict(d) for d in documents]
        data = payload[0] if len(files) == 1 and len(payload) == 1 else payload
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        from linter.tree import print_tree

        for document in documents:
            print_tree(document)
    raise typer.Exit(EXIT_ERROR if failed else EXIT_OK)


def main() -> None:
    """Entry point of the ``jxlint`` console script."""
    app()
