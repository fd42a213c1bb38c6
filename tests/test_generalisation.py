"""The generalisation corpus (tests/generalisation) is well formed, and the benchmark runs on it."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generalisation  # noqa: E402

CORPUS = ROOT / "tests" / "generalisation"
KINDS = {
    "cost-outside-14",
    "count-under-benefit",
    "satisfaction-outside-31",
    "timeliness-outside-13",
    "quality-outside-12",
    "process-indicator",
}
EXPECTS = {"vague", "ok"} | {f"misfit:{kind}" for kind in KINDS}
KEYS = {"code", "name", "value", "cycle", "source", "expect", "note"}
CODES = {
    "1-产出指标；11-数量指标",
    "1-产出指标；12-质量指标",
    "1-产出指标；13-时效指标",
    "1-产出指标；14-成本指标",
    "2-效益指标；21-经济效益指标",
    "2-效益指标；22-社会效益指标",
    "2-效益指标；23-生态效益指标",
    "2-效益指标；24-可持续影响指标",
    "3-满意度指标；31-服务对象满意度指标",
    "",
}
CATEGORIES = ["11", "12", "13", "14", "21", "22", "23", "24", "31", "uncoded"]


def raw_entries() -> list[dict]:
    """Every corpus entry as written, with its file name."""
    entries = []
    for path in sorted(CORPUS.glob("*.toml")):
        if path.name == "floor.toml":
            continue
        with open(path, "rb") as handle:
            for item in tomllib.load(handle)["indicator"]:
                entries.append({**item, "_file": path.name})
    return entries


def category(code: str) -> str:
    return code.split("；")[-1].split("-")[0] if code else "uncoded"


def test_every_entry_has_known_keys_and_values():
    for entry in raw_entries():
        where = f"{entry['_file']}: {entry.get('name')}"
        assert set(entry) - {"_file"} <= KEYS, where
        assert {"code", "name", "value", "source", "expect"} <= set(entry), where
        assert entry["expect"] in EXPECTS, where
        assert entry["code"] in CODES, where
        assert entry["name"].strip() and entry["value"].strip(), where
        assert entry["source"] == "paraphrase" or entry["source"].startswith("http"), where


def test_no_duplicates():
    keys = Counter((e["code"], e["name"], e["value"]) for e in raw_entries())
    assert [key for key, n in keys.items() if n > 1] == []


def test_enough_entries_per_class_and_code():
    entries = raw_entries()
    vague_values = {e["value"] for e in entries if e["expect"] == "vague"}
    assert len(vague_values) >= 120
    assert sum(e["expect"] == "ok" for e in entries) >= 120
    for expect in ("vague", "ok"):
        per_code = Counter(category(e["code"]) for e in entries if e["expect"] == expect)
        assert all(per_code[code] >= 10 for code in CATEGORIES), (expect, per_code)
    for kind in KINDS:
        assert sum(e["expect"] == f"misfit:{kind}" for e in entries) >= 15, kind
    assert sum(e["source"] != "paraphrase" for e in entries) >= 40


def test_misfits_sit_where_their_kind_says():
    allowed = {
        "cost-outside-14": {"11", "12", "13", "21", "22", "23", "24"},
        "count-under-benefit": {"21", "22", "23", "24"},
        "satisfaction-outside-31": set(CATEGORIES) - {"31", "uncoded"},
        "timeliness-outside-13": {"11", "12"},
        "quality-outside-12": {"11", "13"},
        "process-indicator": set(CATEGORIES) - {"31", "uncoded"},
    }
    for entry in raw_entries():
        if entry["expect"].startswith("misfit:"):
            kind = entry["expect"].split(":", 1)[1]
            assert category(entry["code"]) in allowed[kind], entry["name"]


@pytest.fixture(scope="module")
def summary() -> dict:
    return generalisation.summarise(generalisation.lint_corpus(generalisation.load_corpus()))


def test_the_runner_reports_every_class(summary, capsys):
    assert set(summary["classes"]) == EXPECTS
    total = sum(row["count"] for row in summary["classes"].values())
    assert total == len(raw_entries())
    ok = summary["classes"]["ok"]
    assert ok["measure"] == "false_alarms"
    assert len(summary["false_alarms"]) == ok["hits"]
    assert generalisation.main(["--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == summary
    assert generalisation.main([]) == 0
    assert "false alarms on ok entries" in capsys.readouterr().out


def test_the_runner_sees_findings_on_the_right_indicator():
    entries = generalisation.lint_corpus(
        [
            generalisation.Entry(
                "t", "1-产出指标；11-数量指标", "培训人次", "60人次", "60人次", "ok", "p"
            ),
            generalisation.Entry(
                "t", "2-效益指标；22-社会效益指标", "群众满意度", "≥90%", "≥90%", "misfit:x", "p"
            ),
        ]
    )
    assert not entries[0].hit
    assert entries[1].hit


def test_a_missing_corpus_folder_is_one_line(tmp_path, capsys):
    assert generalisation.main(["--corpus", str(tmp_path / "nope")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_figures_are_not_worse_than_the_floor(summary):
    with open(CORPUS / "floor.toml", "rb") as handle:
        floor = tomllib.load(handle)
    for name, least in floor["recall"].items():
        assert summary["classes"][name]["share"] >= least, name
    for name, most in floor["false_alarms"].items():
        assert summary["classes"][name]["share"] <= most, name
