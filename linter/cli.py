"""The ``jxlint`` command line."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from linter import __version__
from linter.reporters import REPORT_FORMATS

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
    """Print one input error as one line on stderr (control characters in it shown escaped)."""
    from linter.errors import printable

    typer.echo(f"jxlint: 错误 error: {printable(message)}", err=True)


def report_file_errors(statuses, debug: bool) -> bool:
    """Print each failed file's one-line error (and, with ``--debug``, its traceback).

    Returns whether any file failed.
    """
    failed = False
    for status in statuses:
        if status.ok:
            continue
        failed = True
        report_input_error(status.error or status.path)
        if debug and status.traceback:
            typer.echo(status.traceback.rstrip("\n"), err=True)
    return failed


DebugOption = Annotated[
    bool,
    typer.Option(
        "--debug", help="出错时显示完整的 traceback（用于报告问题）(show tracebacks of errors)"
    ),
]


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
    debug: DebugOption = False,
) -> None:
    """读取表格，输出解析出的结构（单位 → 项目 → 指标），用于核对 jxlint 读到了什么。

    Read tables and print the parsed document tree (units → projects → indicators).
    """
    from linter.config import find_config, load_config
    from linter.lint import read_input
    from linter.readers import iter_input_files
    from linter.registry import all_rules
    from linter.serialize import document_to_dict, json_text
    from linter.toml import ConfigError

    try:
        config = load_config(find_config(str(files[0])), all_rules())
    except ConfigError as error:
        typer.echo(f"jxlint: 配置错误 config error: {error}", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    documents = []
    statuses = []
    for path in iter_input_files([str(f) for f in files]):
        document, status = read_input(path, config.limits)
        statuses.append(status)
        if document is not None:
            documents.append(document)
    failed = report_file_errors(statuses, debug)
    if output_format is ParseFormat.json:
        payload = [document_to_dict(d) for d in documents]
        data = payload[0] if len(files) == 1 and len(payload) == 1 else payload
        sys.stdout.write(json_text(data, indent=2) + "\n")
    else:
        from linter.tree import print_tree

        for document in documents:
            print_tree(document)
    raise typer.Exit(EXIT_ERROR if failed else EXIT_OK)


ReportFormat = Enum(  # type: ignore[misc]
    "ReportFormat", {name: name for name in REPORT_FORMATS}, type=str
)
"""Output formats of ``jxlint lint`` (one per reporter module)."""


class FailOn(str, Enum):
    """The lowest severity that makes ``jxlint lint`` exit 1."""

    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class ColorMode(str, Enum):
    """When to color the text report."""

    auto = "auto"
    always = "always"
    never = "never"


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _report_width(to_file: bool) -> int | None:
    """The terminal's width when the report goes to a terminal (``COLUMNS`` if set), else the
    reporter's default."""
    if to_file or not sys.stdout.isatty():
        return None
    import shutil

    return max(40, shutil.get_terminal_size().columns)


def _use_color(mode: ColorMode, to_file: bool) -> bool:
    import os

    if mode is ColorMode.always:
        return True
    if mode is ColorMode.never or to_file or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _check_selectors(selectors: list[str], rules) -> None:
    from linter.config import expand_selector

    for selector in selectors:
        if not expand_selector(selector, rules):
            raise typer.BadParameter(f"未知规则 “{selector}” (unknown rule code or name)")


@app.command("lint")
def lint_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="要检查的表格文件或目录（目录递归查找）", show_default=False),
    ],
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="报告格式 (report format)")
    ] = ReportFormat.text,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="只运行这些规则：代码、代码前缀（V、C0）或规则名，逗号分隔"),
    ] = None,
    extend_select: Annotated[
        list[str] | None, typer.Option("--extend-select", help="在已选规则之外再加上这些规则")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="不运行这些规则（代码、前缀或规则名）")
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="达到此级别的问题使退出码为 1（默认 error）"),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="把报告写入文件（原子写入）")
    ] = None,
    color: Annotated[
        ColorMode,
        typer.Option("--color", help="彩色输出：auto（终端且未设 NO_COLOR）、always、never"),
    ] = ColorMode.auto,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="只输出每条规则的问题数")
    ] = False,
    config_file: Annotated[
        Path | None, typer.Option("--config", help="配置文件（默认从第一个输入向上查找）")
    ] = None,
    baseline_file: Annotated[
        Path | None,
        typer.Option(
            "--baseline", help="基线文件：只报告其中没有记录的新问题 (report new findings only)"
        ),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            "--write-baseline", help="把当前全部问题记录为基线文件（原子写入），本次不因问题失败"
        ),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="有问题也以 0 退出（读取或配置错误仍为 2）")
    ] = False,
    sarif_root: Annotated[
        Path | None,
        typer.Option(
            "--sarif-root",
            help="SARIF 报告中的文件路径相对于此目录（默认：当前目录；通常为仓库根目录）",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            show_default=False,
            help="并行读取和检查文件的进程数；默认：输入较大时为 CPU 核数，否则为 1；结果与单进程相同 (worker processes)",
        ),
    ] = None,
    show_info: Annotated[
        bool,
        typer.Option(
            "--show-info", help="文本报告逐条列出“提示”级问题（默认只计数）(list info findings)"
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="不显示进度条和提示信息，只输出报告和错误 (no progress, no notes)"
        ),
    ] = False,
    debug: DebugOption = False,
) -> None:
    """检查表格，报告审核时会被退回的问题。

    Lint tables. Exit 0: no finding at or above --fail-on (or --exit-zero, --write-baseline);
    1: such findings; 2: usage, config, baseline or unreadable-input error.
    """
    from linter.config import find_config, load_config
    from linter.lint import build_engine, tune_collector_for_batch
    from linter.registry import all_rules
    from linter.reporters import BINARY_FORMATS, DOCUMENT_FORMATS, STREAMING
    from linter.toml import ConfigError

    if output_format.value in BINARY_FORMATS and output is None and not statistics:
        raise typer.BadParameter(
            f"{output_format.value} 报告是二进制文件，须用 --output 指定输出文件 "
            "(a binary format needs --output FILE)",
            param_hint="'--format'",
        )
    rules = all_rules()
    select_list, extend_list, ignore_list = _split(select), _split(extend_select), _split(ignore)
    _check_selectors([*(select_list or []), *(extend_list or []), *(ignore_list or [])], rules)
    try:
        path = str(config_file) if config_file else find_config(str(paths[0]))
        config = load_config(path, rules)
    except ConfigError as error:
        typer.echo(f"jxlint: 配置错误 config error: {error}", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    _refuse_writing_inputs([output, write_baseline], paths)
    baseline = _load_baseline(baseline_file) if baseline_file is not None else None
    engine = build_engine(config, select_list, extend_list, ignore_list)
    tune_collector_for_batch()
    inputs = [str(p) for p in paths]
    whole_run = statistics or write_baseline is not None
    options = {
        **config.report_options(),
        "color": _use_color(color, output is not None) and output_format is ReportFormat.text,
        "width": _report_width(output is not None),
        "root": str(sarif_root) if sarif_root is not None else None,
        "show_info": show_info or config.show_info,
    }
    if not whole_run and output_format.value in STREAMING:
        result = _lint_streamed(
            inputs, config, engine, jobs, quiet, output, output_format, options, baseline
        )
        unreadable = report_file_errors([*result.files, *result.errors], debug)
        _say_baseline(result, quiet)
        _exit(
            result, unreadable, fail_on.value if fail_on is not None else config.fail_on, exit_zero
        )
    keep_documents = output_format.value in DOCUMENT_FORMATS and not statistics
    result = _lint_with_progress(
        inputs,
        config,
        engine,
        jobs,
        quiet,
        keep_documents,
        baseline=baseline,
        keep_unrecorded=write_baseline is not None,
    )
    unreadable = report_file_errors([*result.files, *result.errors], debug)
    if write_baseline is not None:
        _write_baseline(write_baseline, result, unreadable, quiet)
    _say_baseline(result, quiet)
    if statistics:
        from linter.reporters.text_report import render_statistics

        text = render_statistics(result)
    else:
        text = _rendered(output_format.value, result, options)
    _deliver(text, output)
    level = fail_on.value if fail_on is not None else config.fail_on
    _exit(result, unreadable, level, exit_zero or write_baseline is not None)


def _rendered(output_format: str, result, options: dict) -> str | bytes:
    """The report in ``output_format``; a report that cannot be made (a missing optional
    package) is one line on stderr and exit 2."""
    from linter.reporters import ReportError, render

    try:
        return render(output_format, result, **options)
    except ReportError as error:
        report_input_error(str(error))
        raise typer.Exit(EXIT_ERROR) from None


def _deliver(text: str | bytes, output: Path | None) -> None:
    """Write the report to ``output`` (atomically), else to stdout."""
    if output is not None:
        _write_file(output, text)
    else:
        sys.stdout.write(text)


def _exit(result, unreadable: bool, level: str, zero: bool) -> None:
    """Exit 2 when an input could not be read, else 0 with ``zero``, else 1 when a finding is
    at or above ``level``."""
    if unreadable:
        raise typer.Exit(EXIT_ERROR)
    if zero:
        raise typer.Exit(EXIT_OK)
    raise typer.Exit(EXIT_FINDINGS if result.fails(level) else EXIT_OK)


def _lint_with_progress(
    paths: list[str], config, engine, jobs: int | None, quiet: bool, keep_documents: bool, **extra
):
    """:func:`~linter.lint.lint_paths`, with a progress bar on stderr when it is a terminal
    (unless ``quiet``) and the run takes more than a second."""
    from linter.lint import lint_paths
    from linter.progress import TerminalProgress, wants_progress

    if quiet or not wants_progress(sys.stderr):
        return lint_paths(paths, config, engine, jobs, keep_documents=keep_documents, **extra)
    progress = TerminalProgress(sys.stderr)
    try:
        return lint_paths(
            paths, config, engine, jobs, progress, keep_documents=keep_documents, **extra
        )
    finally:
        progress.close()


def _lint_streamed(
    paths: list[str],
    config,
    engine,
    jobs,
    quiet: bool,
    output: Path | None,
    output_format,
    options,
    baseline,
):
    """Lint with the report written file by file as the run goes (a streaming format), to
    ``output`` (atomically: the file appears whole when the run ends) or to stdout, filtered by
    ``baseline`` when one is given."""
    from linter.reporters import StreamingReport, atomic_output

    if output is None:
        report = StreamingReport(output_format.value, sys.stdout.write, **options)
        result = _lint_with_progress(
            paths, config, engine, jobs, quiet, False, report=report, baseline=baseline
        )
        report.end(result)
        return result
    try:
        with atomic_output(str(output)) as stream:
            report = StreamingReport(
                output_format.value, lambda text: stream.write(text.encode("utf-8")), **options
            )
            result = _lint_with_progress(
                paths, config, engine, jobs, quiet, False, report=report, baseline=baseline
            )
            report.end(result)
    except OSError as error:
        report_input_error(f"{output}: 无法写入 (cannot write: {error.strerror or error})")
        raise typer.Exit(EXIT_ERROR) from None
    return result


def _say_baseline(result, quiet: bool) -> None:
    """The one line on stderr saying what the baseline did, when one was applied."""
    if result.baseline is not None and not quiet:
        typer.echo(f"jxlint: {result.baseline.one_line()}", err=True)


def _refuse_writing_inputs(targets: list[Path | None], paths: list[Path]) -> None:
    """A one-line error and exit 2, before anything is read or written, when a file jxlint
    would write (``--output``, ``--write-baseline``) is one of its inputs."""
    from linter.readers import input_overwritten_by

    inputs = [str(p) for p in paths]
    for target in targets:
        if target is None:
            continue
        clash = input_overwritten_by(str(target), inputs)
        if clash is not None:
            report_input_error(
                f"{target}: 会覆盖或混入输入 {clash}，拒绝写入 (refusing to write over an input)"
            )
            raise typer.Exit(EXIT_ERROR)


def _write_file(path: Path, text: str | bytes) -> None:
    """Write a report or baseline atomically; a one-line error and exit 2 when it cannot."""
    from linter.reporters import write_atomically

    try:
        write_atomically(str(path), text)
    except OSError as error:
        report_input_error(f"{path}: 无法写入 (cannot write: {error.strerror or error})")
        raise typer.Exit(EXIT_ERROR) from None


def _load_baseline(path: Path):
    """The baseline file at ``path``; a one-line error and exit 2 when it is unusable."""
    from linter.baseline import load_baseline
    from linter.errors import InputError

    try:
        return load_baseline(str(path))
    except InputError as error:
        report_input_error(error.one_line())
        raise typer.Exit(EXIT_ERROR) from None


def _write_baseline(path: Path, result, unreadable: bool, quiet: bool) -> None:
    """Record the run's findings as a baseline, unless a file could not be read."""
    from linter.baseline import render_baseline

    if unreadable:
        report_input_error(
            f"{path}: 有文件无法读取，基线未写入 (baseline not written: unreadable input)"
        )
        return
    _write_file(path, render_baseline(result.before_baseline, str(path)))
    if quiet:
        return
    typer.echo(
        f"jxlint: 基线已写入 baseline written: {path} ({len(result.before_baseline)} 条 entries)",
        err=True,
    )


class ReviewFormat(str, Enum):
    """Output formats of ``jxlint review``."""

    text = "text"
    json = "json"
    html = "html"
    xlsx = "xlsx"
    docx = "docx"


REVIEW_RENDERERS = {
    ReviewFormat.text: "review",
    ReviewFormat.json: "review-json",
    ReviewFormat.html: "html",
    ReviewFormat.xlsx: "xlsx",
    ReviewFormat.docx: "docx",
}
"""``jxlint review --format`` → the report format that prints it."""


@app.command("review")
def review_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="要审核的表格文件或目录（目录递归查找）", show_default=False),
    ],
    output_format: Annotated[
        ReviewFormat,
        typer.Option(
            "--format",
            "-f",
            help="text、json (jxlint.review/1)、html、xlsx（审核意见表）或 docx（审核意见函）",
        ),
    ] = ReviewFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="把结果写入文件（原子写入）")
    ] = None,
    config_file: Annotated[
        Path | None, typer.Option("--config", help="配置文件（默认从第一个输入向上查找）")
    ] = None,
    color: Annotated[
        ColorMode,
        typer.Option("--color", help="彩色输出：auto（终端且未设 NO_COLOR）、always、never"),
    ] = ColorMode.auto,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, show_default=False, help="并行进程数 (worker processes)"
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="不显示进度条 (no progress bar)")
    ] = False,
    debug: DebugOption = False,
) -> None:
    """审核意见：按项目给出标准审核意见（调整审核意见 1–11）、涉及的指标、修改建议和审核结果（优/良/中/差）。

    Review tables: per project, the budget system's standard review opinions, the indicators
    they concern, what to change, and the result. Exit 0, or 2 on a usage, config or
    unreadable-input error.
    """
    from linter.config import find_config, load_config
    from linter.lint import build_engine, tune_collector_for_batch
    from linter.registry import all_rules
    from linter.reporters import BINARY_FORMATS
    from linter.toml import ConfigError

    renderer = REVIEW_RENDERERS[output_format]
    if renderer in BINARY_FORMATS and output is None:
        raise typer.BadParameter(
            f"{output_format.value} 是二进制文件，须用 --output 指定输出文件 "
            "(a binary format needs --output FILE)",
            param_hint="'--format'",
        )
    try:
        path = str(config_file) if config_file else find_config(str(paths[0]))
        config = load_config(path, all_rules())
    except ConfigError as error:
        typer.echo(f"jxlint: 配置错误 config error: {error}", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    _refuse_writing_inputs([output], paths)
    engine = build_engine(config)
    tune_collector_for_batch()
    result = _lint_with_progress([str(p) for p in paths], config, engine, jobs, quiet, True)
    unreadable = report_file_errors([*result.files, *result.errors], debug)
    use_color = _use_color(color, output is not None) and output_format is ReviewFormat.text
    options = {
        **config.report_options(),
        "color": use_color,
        "width": _report_width(output is not None),
    }
    _deliver(_rendered(renderer, result, options), output)
    raise typer.Exit(EXIT_ERROR if unreadable else EXIT_OK)


@app.command("rules")
def rules_command(
    output_format: Annotated[
        ParseFormat, typer.Option("--format", "-f", help="输出格式：text 或 json")
    ] = ParseFormat.text,
) -> None:
    """列出全部检查规则 (list every rule)."""
    from rich.cells import cell_len

    from linter.opinions import OPINION_CELLS, OPINIONS
    from linter.registry import all_rules
    from linter.serialize import json_text

    rules = all_rules()
    if output_format is ParseFormat.json:
        payload = [
            {
                "code": rule.code,
                "name": rule.name,
                "family": rule.code[0],
                "severity": rule.severity.value,
                "scope": rule.scope.value,
                "summary": rule.summary(),
                "opinion": rule.opinion,
                "options": {name: option.default for name, option in rule.options.items()},
            }
            for rule in rules
        ]
        sys.stdout.write(json_text(payload, indent=2) + "\n")
        return
    for rule in rules:
        opinion = f"op#{rule.opinion:<2} {OPINIONS[rule.opinion]}"
        pad = " " * (OPINION_CELLS - cell_len(opinion))
        typer.echo(
            f"{rule.code}  {rule.name:<28} {rule.severity.value:<8} {opinion}{pad} {rule.summary()}"
        )


@app.command("explain")
def explain_command(
    code: Annotated[str, typer.Argument(help="规则代码或名称，如 V01 或 vague-value")],
) -> None:
    """显示一条规则的说明 (show a rule's documentation)."""
    from linter.engine import describe_options
    from linter.opinions import opinion_label
    from linter.registry import rule_by_key

    rule = rule_by_key(code)
    if rule is None:
        typer.echo(f"jxlint: 未知规则 unknown rule: {code}", err=True)
        raise typer.Exit(EXIT_ERROR)
    typer.echo(f"{rule.code} {rule.name}  [{rule.severity.value}, {rule.scope.value}]")
    typer.echo(f"审核意见 (review opinion): {opinion_label(rule.opinion)}\n")
    typer.echo(rule.doc())
    if rule.options:
        typer.echo("\n" + describe_options(rule))


@app.command("serve")
def serve_command(
    host: Annotated[
        str, typer.Option("--host", help="监听地址（内网部署时放在反向代理之后）")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="监听端口")] = 8000,
    config_file: Annotated[
        Path | None,
        typer.Option("--config", help="配置文件，与 jxlint lint --config 相同（启动时读取一次）"),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="检查用的工作进程数 (lint worker processes)")
    ] = 2,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=1, help="每次请求检查的最长秒数，超时即终止该进程"),
    ] = 60.0,
    max_upload_size: Annotated[
        str,
        typer.Option("--max-upload-size", help="每次上传的总大小上限，如 “50 MB”（超过返回 413）"),
    ] = "50 MB",
    max_files: Annotated[
        int, typer.Option("--max-files", min=1, help="每次上传的文件数上限（超过返回 400）")
    ] = 20,
    worker_memory: Annotated[
        str, typer.Option("--worker-memory", help="每个工作进程的内存上限，如 “2 GB”；0 为不限")
    ] = "2 GB",
    max_connections: Annotated[
        int, typer.Option("--max-connections", min=1, help="同时处理的请求数上限（超过返回 503）")
    ] = 32,
) -> None:
    """启动网页版检查服务：在浏览器中上传表格、查看报告 (serve the checker as a web page).

    Needs the serve extra: pip install 'jxlint[serve]'.
    """
    from linter.limits import parse_size

    try:
        from linter.server import ServeSettings, missing_dependency, serve
    except ImportError:
        missing = "linter.server"
    else:
        missing = missing_dependency()
    if missing is not None:
        report_input_error(
            f"jxlint serve 需要 {missing}：pip install 'jxlint[serve]' (the serve extra is missing)"
        )
        raise typer.Exit(EXIT_ERROR)
    try:
        upload_limit = parse_size(max_upload_size)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="'--max-upload-size'") from None
    try:
        memory_limit = 0 if worker_memory.strip() == "0" else parse_size(worker_memory)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="'--worker-memory'") from None
    from linter.toml import ConfigError

    settings = ServeSettings(
        config_path=str(config_file) if config_file else None,
        max_upload_size=upload_limit,
        max_files=max_files,
        workers=workers,
        timeout=timeout,
        worker_memory=memory_limit,
    )
    try:
        serve(settings, host, port, max_connections)
    except ConfigError as error:
        typer.echo(f"jxlint: 配置错误 config error: {error}", err=True)
        raise typer.Exit(EXIT_ERROR) from None


def main() -> None:
    """Entry point of the ``jxlint`` console script.

    An unexpected exception outside the per-file work (a jxlint bug) is one line on stderr and
    exit 2; ``--debug`` shows its traceback instead.
    """
    try:
        app()
    except Exception as error:
        if "--debug" in sys.argv[1:]:
            raise
        from linter.errors import internal_error_line

        report_input_error(internal_error_line("jxlint", error))
        sys.exit(EXIT_ERROR)
