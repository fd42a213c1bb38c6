"""Configuration: ``[tool.jxlint]`` in ``pyproject.toml``, or ``jxlint.toml`` / ``.jxlint.toml``.

Found by walking up from the first input (or given with ``--config``). Unknown keys, unknown rule
codes and bad values are errors (exit 2), never silently ignored::

    select = ["V", "C0", "A01"]        # codes, code prefixes or rule names; default: every rule
    extend-select = []
    ignore = ["V08"]
    fail-on = "error"                  # error | warning | info | never
    show-info = false                  # text report: list info findings one by one
    max-per-rule = 5                   # text report: findings of one rule per project (0: all)
    framework = "legacy"               # legacy | 2021
    vocabulary = ["our-words.toml"]    # extra vocabulary files (relative to the config file)

    [severity]                         # per-rule severity
    P03 = "info"

    [rules.D04]                        # per-rule options (see `jxlint explain CODE`)
    threshold = 0.9

    [per-file-ignores]                 # glob (relative to the config file) → codes
    "archive/2023/*.txt" = ["V01", "P"]

    [per-project-ignores]              # regular expression on the project name → codes
    "保密" = ["G02"]

    [review]                           # `jxlint review`: lowest score of 优, 良, 中 (below: 差)
    grades = [90, 75, 60]

Input limits (defaults shown; see :mod:`linter.limits`) are top-level keys too::

    max-file-size = "200 MB"           # bytes or "200 MB"; larger files are refused unread
    max-workbook-size = "500 MB"       # decompressed size of an .xlsx/.docx (zip bomb guard)
    max-compression-ratio = 100        # decompressed ÷ compressed, for zips over 16 MB
    max-cells = 5000000                # non-empty cells of a workbook
    max-pdf-pages = 2000
    max-field-length = 10000           # characters of a name, 绩效目标 or value; the rest is noted
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter.engine import Rule
from linter.findings import Finding, Severity
from linter.limits import CONFIG_KEYS as LIMIT_KEYS
from linter.limits import DEFAULT_LIMITS, LimitError, Limits, limits_from_settings
from linter.scoring import DEFAULT_GRADES, check_grades
from linter.toml import ConfigError, line_of, load_toml

CONFIG_FILES = ("jxlint.toml", ".jxlint.toml", "pyproject.toml")
FAIL_LEVELS = ("error", "warning", "info", "never")
FRAMEWORKS = ("legacy", "2021")
KNOWN_KEYS = {
    "select",
    "extend-select",
    "ignore",
    "fail-on",
    "show-info",
    "framework",
    "vocabulary",
    "severity",
    "rules",
    "per-file-ignores",
    "per-project-ignores",
    "max-per-rule",
    "review",
    *LIMIT_KEYS,
}
REVIEW_KEYS = ("grades",)
DEFAULT_MAX_PER_RULE = 5
"""How many findings of one rule the text report prints per project; the rest are counted."""


@dataclass(slots=True)
class Config:
    """The settings of a run, after reading the config file."""

    path: str | None = None
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    show_info: bool = False
    """Whether the text report lists info findings one by one (else it counts them)."""
    framework: str = "legacy"
    vocabulary: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    per_file_ignores: list[tuple[str, list[str]]] = field(default_factory=list)
    per_project_ignores: list[tuple[re.Pattern[str], list[str]]] = field(default_factory=list)
    limits: Limits = DEFAULT_LIMITS
    """Input limits (``max-file-size`` …, see :mod:`linter.limits`)."""
    max_per_rule: int = DEFAULT_MAX_PER_RULE
    """How many findings of one rule the text report prints per project (0: no cap)."""
    review_grades: tuple[int, ...] = DEFAULT_GRADES
    """The review's lowest scores of 优, 良 and 中 (``[review] grades``, see :mod:`linter.review`)."""

    def report_options(self) -> dict[str, object]:
        """The config's options of the reports, as :func:`linter.reporters.render` takes them
        (each renderer picks those it names)."""
        return {
            "show_info": self.show_info,
            "max_per_rule": self.max_per_rule,
            "grades": self.review_grades,
        }

    @property
    def root(self) -> Path:
        """The directory the config file is in (relative paths in it start there)."""
        return Path(self.path).resolve().parent if self.path else Path.cwd()


def find_config(start: str) -> str | None:
    """The nearest config file at or above ``start`` (a pyproject.toml counts only with jxlint)."""
    directory = Path(start).resolve()
    if not directory.is_dir():
        directory = directory.parent
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml":
                return str(candidate)
            data = load_toml(str(candidate))
            if "jxlint" in data.get("tool", {}):
                return str(candidate)
    return None


def load_config(path: str | None, rules: tuple[type[Rule], ...]) -> Config:
    """Read and validate a config file (``None``: the defaults)."""
    config = Config(path=path)
    if path is None:
        return config
    data = load_toml(path)
    if Path(path).name == "pyproject.toml":
        data = data.get("tool", {}).get("jxlint", {})
    _apply(config, data, rules)
    return config


def _fail(
    config: Config, reason: str, needle: str | None = None, after: str | None = None
) -> ConfigError:
    assert config.path is not None
    line = line_of(config.path, needle, after) if needle else None
    return ConfigError(config.path, reason, line)


def _string_list(config: Config, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(config, f"“{key}” 应为字符串列表 (must be a list of strings)", key)
    return value


def _apply(config: Config, data: dict[str, Any], rules: tuple[type[Rule], ...]) -> None:
    for key in data:
        if key not in KNOWN_KEYS:
            known = "、".join(sorted(KNOWN_KEYS))
            raise _fail(config, f"未知配置项 “{key}” (unknown key; known: {known})", key)
    if "select" in data:
        config.select = _string_list(config, "select", data["select"])
    config.extend_select = _string_list(config, "extend-select", data.get("extend-select", []))
    config.ignore = _string_list(config, "ignore", data.get("ignore", []))
    for selector in [*(config.select or []), *config.extend_select, *config.ignore]:
        if not expand_selector(selector, rules):
            raise _fail(config, f"未知规则 “{selector}” (unknown rule code or name)", selector)
    config.fail_on = _choice(config, "fail-on", data.get("fail-on", "error"), FAIL_LEVELS)
    config.show_info = data.get("show-info", False)
    if not isinstance(config.show_info, bool):
        raise _fail(config, "“show-info” 应为 true 或 false (must be a boolean)", "show-info")
    _apply_report_settings(config, data)
    try:
        config.limits = limits_from_settings({k: v for k, v in data.items() if k in LIMIT_KEYS})
    except LimitError as error:
        raise _fail(config, str(error), error.key) from None
    config.framework = _choice(config, "framework", data.get("framework", "legacy"), FRAMEWORKS)
    vocabulary = _string_list(config, "vocabulary", data.get("vocabulary", []))
    config.vocabulary = [str(config.root / p) for p in vocabulary]
    for vocabulary_file in config.vocabulary:
        if not os.path.isfile(vocabulary_file):
            raise _fail(config, f"词表文件不存在 (no such vocabulary file): {vocabulary_file}")
    severities = _table(config, "severity", data.get("severity", {}))
    for code, level in severities.items():
        rule = _rule(config, code, rules)
        config.severity[rule.code] = Severity(
            _choice(config, f"severity.{code}", level, ("error", "warning", "info"))
        )
    for code, options in _table(config, "rules", data.get("rules", {})).items():
        rule = _rule(config, code, rules)
        config.rule_options[rule.code] = validate_options(rule, options, config, code)
    for pattern, codes in _table(
        config, "per-file-ignores", data.get("per-file-ignores", {})
    ).items():
        config.per_file_ignores.append((pattern, _codes(config, pattern, codes, rules)))
    projects = _table(config, "per-project-ignores", data.get("per-project-ignores", {}))
    for pattern, codes in projects.items():
        try:
            compiled = re.compile(pattern)
        except re.error as error:
            raise _fail(config, f"项目名称正则表达式错误 {error.msg}: {pattern}", pattern) from None
        config.per_project_ignores.append((compiled, _codes(config, pattern, codes, rules)))


def _apply_report_settings(config: Config, data: dict[str, Any]) -> None:
    """``max-per-rule`` and the ``[review]`` table."""
    cap = data.get("max-per-rule", DEFAULT_MAX_PER_RULE)
    if isinstance(cap, bool) or not isinstance(cap, int) or cap < 0:
        raise _fail(config, f"“max-per-rule” 的值 {cap!r} 无效：应为 ≥ 0 的整数", "max-per-rule")
    config.max_per_rule = cap
    review = _table(config, "review", data.get("review", {}))
    for key in review:
        if key not in REVIEW_KEYS:
            known = "、".join(REVIEW_KEYS)
            raise _fail(config, f"[review] 没有选项 “{key}” (known: {known})", key, "review")
    if "grades" in review:
        reason = check_grades(review["grades"])
        if reason is not None:
            value = review["grades"]
            raise _fail(config, f"review.grades 的值 {value!r} 无效：{reason}", "grades", "review")
        config.review_grades = tuple(review["grades"])


def _table(config: Config, key: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(config, f"“{key}” 应为表 [{key}] (must be a table)", key)
    return value


def _choice(config: Config, key: str, value: Any, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise _fail(config, f"“{key}” 的值 {value!r} 无效，应为 {' | '.join(choices)}", key)
    return value


def _rule(config: Config, key: str, rules: tuple[type[Rule], ...]) -> type[Rule]:
    for rule in rules:
        if key.upper() == rule.code or key == rule.name:
            return rule
    raise _fail(config, f"未知规则 “{key}” (unknown rule)", key)


def _codes(config: Config, key: str, codes: Any, rules: tuple[type[Rule], ...]) -> list[str]:
    selectors = _string_list(config, key, codes)
    expanded: list[str] = []
    for selector in selectors:
        matched = expand_selector(selector, rules)
        if not matched:
            raise _fail(config, f"未知规则 “{selector}” (unknown rule code or name)", selector)
        expanded.extend(matched)
    return expanded


def validate_options(
    rule: type[Rule], options: Any, config: Config, key: str | None = None
) -> dict[str, Any]:
    """Check a config's ``[rules.CODE]`` table: known option names, values their
    :class:`~linter.engine.Option` accepts (type, length, bounds).

    ``key`` is the rule as the config writes it (``D04``, ``near-duplicate-project``): an error
    names the line of the option under that table.
    """
    table = f"rules.{key or rule.code}"
    if not isinstance(options, dict):
        raise _fail(config, f"rules.{rule.code} 应为表 (must be a table)", rule.code)
    for name, value in options.items():
        if name not in rule.options:
            known = "、".join(rule.options) or "无"
            raise _fail(config, f"{rule.code} 没有选项 “{name}” (known: {known})", name, table)
        reason = rule.options[name].check(value)
        if reason is not None:
            raise _fail(config, f"{rule.code}.{name} 的值 {value!r} 无效：{reason}", name, table)
    return dict(options)


def expand_selector(selector: str, rules: tuple[type[Rule], ...]) -> list[str]:
    """The codes a selector stands for: a code, a code prefix (``V``, ``C0``) or a rule name."""
    key = selector.strip()
    by_name = [rule.code for rule in rules if rule.name == key]
    if by_name:
        return by_name
    return [rule.code for rule in rules if rule.code.startswith(key.upper()) and key]


def selected_codes(
    rules: tuple[type[Rule], ...],
    select: list[str] | None,
    extend_select: list[str],
    ignore: list[str],
) -> list[str]:
    """The codes a run uses: ``select`` (default: all) plus ``extend_select`` minus ``ignore``."""
    chosen: set[str] = set()
    for selector in select if select is not None else [rule.code for rule in rules]:
        chosen.update(expand_selector(selector, rules))
    for selector in extend_select:
        chosen.update(expand_selector(selector, rules))
    for selector in ignore:
        chosen.difference_update(expand_selector(selector, rules))
    return [rule.code for rule in rules if rule.code in chosen]


def is_ignored(finding: Finding, config: Config) -> bool:
    """Whether a per-file or per-project ignore of the config drops this finding."""
    if config.per_file_ignores:
        absolute = Path(finding.path).resolve()
        try:
            relative = str(absolute.relative_to(config.root))
        except ValueError:
            relative = finding.path
        for pattern, codes in config.per_file_ignores:
            if finding.code in codes and (
                fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(finding.path, pattern)
            ):
                return True
    if finding.project is not None:
        for pattern, codes in config.per_project_ignores:
            if finding.code in codes and pattern.search(finding.project):
                return True
    return False
