"""Recall and false alarms of the V and C rule families on the generalisation corpus.

The corpus (``tests/generalisation/*.toml``) holds indicator wording no rule was written from.
Each entry becomes one project of a TSV table in the seeds' layout (coded entries in one table,
uncoded ones in another, as seed 000 has no 实施周期 column), linted with every rule at its default
settings through the pipeline of ``jxlint lint`` (:func:`linter.lint.lint_documents`); a finding
folded into another one on the indicator (shown as "另：…") counts as found. Per expected class:

* ``vague`` — recall: the share with a V-family finding on the entry's indicator;
* ``misfit:<kind>`` — recall: the share with a C-family finding on the entry's indicator;
* ``ok`` — false alarms: the share with any V or C finding on the entry's indicator (listed).

Run ``python benchmarks/generalisation.py`` for a table, ``--json`` for machine output.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomllib

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from linter.config import Config  # noqa: E402
from linter.lint import build_engine, lint_documents  # noqa: E402
from linter.readers import read_bytes  # noqa: E402

CORPUS_DIR = ROOT / "tests" / "generalisation"
HEADER = "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标"
FAMILY_OF = {"vague": "V"}  # misfit classes are judged by the C family, ok by V and C
AMOUNT = "10.00"


@dataclass
class Entry:
    """One corpus indicator and what lint made of it."""

    file: str
    code: str
    name: str
    value: str
    cycle: str
    expect: str
    source: str
    codes: tuple[str, ...] = ()

    @property
    def category(self) -> str:
        """The 二级 code (``"11"`` … ``"31"``), or ``"uncoded"``."""
        if not self.code:
            return "uncoded"
        return self.code.split("；")[-1].split("-")[0]

    @property
    def hit(self) -> bool:
        """Whether the findings on this indicator are the ones its class asks for."""
        if self.expect == "vague":
            return any(code.startswith("V") for code in self.codes)
        if self.expect.startswith("misfit:"):
            return any(code.startswith("C") for code in self.codes)
        return any(code[0] in "VC" for code in self.codes)


def load_corpus(directory: Path = CORPUS_DIR) -> list[Entry]:
    """Every entry of every corpus file, in file order."""
    entries = []
    for path in sorted(directory.glob("*.toml")):
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        for item in data.get("indicator", []):
            entries.append(
                Entry(
                    file=path.name,
                    code=item["code"],
                    name=item["name"],
                    value=item["value"],
                    cycle=item.get("cycle", item["value"]),
                    expect=item["expect"],
                    source=item["source"],
                )
            )
    return entries


def project_name(entry: Entry) -> str:
    """A plausible project name for the project holding ``entry``."""
    return f"{entry.name.rstrip('（%）')}相关工作经费"


def render(entries: list[Entry], coded: bool) -> str:
    """A TSV table with one project per entry (one indicator each) under one unit."""
    rows = []
    for entry in entries:
        parts = [entry.code, entry.name] if coded else [entry.name]
        if coded:
            parts.append(f"实施周期指标值：{entry.cycle}")
        parts.append(f"年度指标值：{entry.value}")
        indicator = "1、" + "；".join(parts) + "。"
        goal = f"保障{entry.name}工作顺利开展。"
        rows.append(f"{project_name(entry)}\t{AMOUNT}\t{AMOUNT}\t\t\t{goal}\t{indicator}")
    total = f"{10 * len(entries):.2f}"
    head = [
        "项目支出绩效目标表",
        "部门名称：泛化测试部门",
        "单位：万元",
        HEADER,
        f"合计\t{total}\t{total}\t\t\t\t",
        f"泛化测试单位\t{total}\t{total}\t\t\t\t",
    ]
    return "\n".join(head + rows) + "\n"


def lint_corpus(entries: list[Entry]) -> list[Entry]:
    """Lint the corpus; fills each entry's ``codes`` with the rule codes found on its indicator."""
    config = Config()
    engine = build_engine(config)
    for coded in (True, False):
        group = [entry for entry in entries if bool(entry.code) == coded]
        if not group:
            continue
        name = "generalisation-coded.tsv" if coded else "generalisation-uncoded.tsv"
        document = read_bytes(render(group, coded).encode("utf-8"), name)
        found: dict[int, set[str]] = defaultdict(set)
        for finding in lint_documents([document], engine).findings:
            if finding.project_ordinal and finding.indicator == 1:
                found[finding.project_ordinal].add(finding.code)
                found[finding.project_ordinal].update(folded.code for folded in finding.folded)
        for ordinal, entry in enumerate(group, 1):
            entry.codes = tuple(sorted(found[ordinal]))
    return entries


def _share(hits: int, count: int) -> float:
    return round(hits / count, 4) if count else 0.0


def summarise(entries: list[Entry]) -> dict[str, Any]:
    """Per class and per class × category: count, hits and the share (recall or false alarms)."""
    classes: dict[str, dict[str, Any]] = {}
    for entry in entries:
        row = classes.setdefault(
            entry.expect,
            {
                "measure": "false_alarms" if entry.expect == "ok" else "recall",
                "count": 0,
                "hits": 0,
                "by_code": {},
            },
        )
        row["count"] += 1
        row["hits"] += entry.hit
        cell = row["by_code"].setdefault(entry.category, {"count": 0, "hits": 0})
        cell["count"] += 1
        cell["hits"] += entry.hit
    for row in classes.values():
        row["share"] = _share(row["hits"], row["count"])
        for cell in row["by_code"].values():
            cell["share"] = _share(cell["hits"], cell["count"])
        row["by_code"] = dict(sorted(row["by_code"].items()))

    def listed(entry: Entry) -> dict[str, Any]:
        return {
            "file": entry.file,
            "expect": entry.expect,
            "code": entry.category,
            "name": entry.name,
            "value": entry.value,
            "rules": list(entry.codes),
        }

    false_alarms = [listed(e) for e in entries if e.expect == "ok" and e.hit]
    missed = [listed(e) for e in entries if e.expect != "ok" and not e.hit]
    return {
        "classes": dict(sorted(classes.items())),
        "false_alarms": false_alarms,
        "missed": missed,
    }


CATEGORIES = ["11", "12", "13", "14", "21", "22", "23", "24", "31", "uncoded"]


def format_table(summary: dict[str, Any]) -> str:
    """The summary as a plain text table, then the false alarms and the missed defects."""
    lines = [f"{'class':32} {'measure':13} {'n':>4} {'hits':>5} {'share':>6}   per code (hits/n)"]
    for name, row in summary["classes"].items():
        cells = "  ".join(
            f"{code}:{row['by_code'][code]['hits']}/{row['by_code'][code]['count']}"
            for code in CATEGORIES
            if code in row["by_code"]
        )
        lines.append(
            f"{name:32} {row['measure']:13} {row['count']:>4} {row['hits']:>5} "
            f"{row['share']:>6.0%}   {cells}"
        )
    lines.append("")
    lines.append(f"false alarms on ok entries: {len(summary['false_alarms'])}")
    for alarm in summary["false_alarms"]:
        lines.append(
            f"  [{alarm['code']}] {alarm['name']} = {alarm['value']}  ({', '.join(alarm['rules'])})"
        )
    lines.append(f"missed defects: {len(summary['missed'])}")
    for miss in summary["missed"]:
        rules = f"  ({', '.join(miss['rules'])})" if miss["rules"] else ""
        lines.append(f"  {miss['expect']} [{miss['code']}] {miss['name']} = {miss['value']}{rules}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: print the table, or JSON with ``--json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help="corpus folder")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"{args.corpus}: not a folder", file=sys.stderr)
        return 2
    try:
        entries = load_corpus(args.corpus)
    except (tomllib.TOMLDecodeError, KeyError) as error:
        print(f"{args.corpus}: bad corpus file: {error}", file=sys.stderr)
        return 2
    summary = summarise(lint_corpus(entries))
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        print(format_table(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
