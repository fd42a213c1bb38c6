"""D04's machinery (blocking + scoring in rules/duplicates.py), cross-file D04, the DUP/GOAL
findings on the seeds, and the examples of the GOAL vocabularies (rules/goal.toml)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from benchmarks.corpus import corpus_documents, generate
from linter.engine import Engine
from linter.lint import lint_documents
from linter.readers import read_bytes, read_document
from linter.registry import rule_by_key
from linter.vocab import read_vocabulary
from rules.duplicates import (
    ProjectText,
    all_pairs,
    candidate_pairs,
    near_duplicate_pairs,
    similarity,
)
from tests.casekit import render_projects
from tests.conftest import SEEDS

# ---------------------------------------------------------------------------------------------
# A synthetic set: projects written from a Zipf-weighted word list (so boilerplate is shared, as
# in real tables), plus planted near-duplicates: copies with a reworded goal, slightly edited
# indicator names, sometimes one indicator replaced and often a new name.
# ---------------------------------------------------------------------------------------------

CJK = [chr(code) for code in range(0x4E00, 0x4E00 + 3000)]


class Synthetic:
    def __init__(self, seed_value: int) -> None:
        self.rng = random.Random(seed_value)
        self.words = [
            "".join(self.rng.choice(CJK) for _ in range(self.rng.randint(2, 4))) for _ in range(600)
        ]
        self.weights = [1 / (rank + 1) for rank in range(len(self.words))]

    def phrase(self, words: int) -> str:
        return "".join(self.rng.choices(self.words, self.weights, k=words))

    def project(self) -> ProjectText:
        rng = self.rng
        name = self.phrase(rng.randint(2, 4)) + rng.choice(["经费", "专项资金", "项目", "补贴"])
        goal = "".join(self.phrase(rng.randint(3, 6)) for _ in range(rng.randint(2, 6)))
        indicators = tuple(self.phrase(rng.randint(1, 3)) for _ in range(rng.randint(3, 8)))
        return ProjectText(name, goal, indicators)

    def reword(self, text: str, rate: float) -> str:
        out = []
        for char in text:
            draw = self.rng.random()
            if draw < rate / 2:
                out.append(self.rng.choice(CJK))
            elif draw >= rate:
                out.append(char)
        return "".join(out)

    def near_copy(self, source: ProjectText) -> ProjectText:
        rng = self.rng
        name = self.reword(source.name, 0.2) if rng.random() < 0.7 else self.phrase(3) + "经费"
        indicators = [self.reword(name, 0.04) for name in source.indicators]
        if rng.random() < 0.3:
            indicators[rng.randrange(len(indicators))] = self.phrase(2)
        return ProjectText(name, self.reword(source.goal, 0.05), tuple(indicators))

    def dataset(self, size: int, planted: int) -> tuple[list[ProjectText], set[tuple[int, int]]]:
        """``size`` projects of which ``planted`` are near-copies; the planted pairs."""
        items = [self.project() for _ in range(size - planted)]
        twins = []
        for _ in range(planted):
            source = self.rng.randrange(size - planted)
            items.append(self.near_copy(items[source]))
            twins.append((source, len(items) - 1))
        order = list(range(len(items)))
        self.rng.shuffle(order)
        position = {old: new for new, old in enumerate(order)}
        pairs = {(min(position[a], position[b]), max(position[a], position[b])) for a, b in twins}
        return [items[old] for old in order], pairs


@pytest.fixture(scope="module")
def synthetic() -> tuple[list[ProjectText], set[tuple[int, int]]]:
    return Synthetic(2024).dataset(2000, 50)


def test_blocking_recall_on_synthetic_set(synthetic) -> None:
    items, planted = synthetic
    reference = {(i, j) for i, j, _ in all_pairs(items)}
    found = {(i, j) for i, j, _ in near_duplicate_pairs(items)}
    # the planted copies are what the reference finds (the set is otherwise random text) …
    assert len(reference & planted) >= 30
    # … and blocking loses (almost) none of them, and scoring adds nothing the reference lacks
    assert len(found & reference) >= 0.95 * len(reference)
    assert found <= reference


def test_blocking_recall_holds_at_lower_thresholds() -> None:
    items, _ = Synthetic(7).dataset(800, 30)
    reference = {(i, j) for i, j, _ in all_pairs(items, 0.7, content_min=0.65)}
    found = {(i, j) for i, j, _ in near_duplicate_pairs(items, 0.7, content_min=0.65)}
    assert len(reference) >= 25
    assert len(found & reference) >= 0.95 * len(reference)


def test_blocking_compares_few_pairs(synthetic) -> None:
    items, planted = synthetic
    candidates = candidate_pairs(items)
    every_pair = len(items) * (len(items) - 1) // 2
    assert len(candidates) < 0.002 * every_pair
    assert all(i < j for i, j in candidates)
    assert len(planted & candidates) >= 0.95 * len(planted)


def test_blocking_recall_on_the_benchmark_corpus() -> None:
    corpus = generate(1500, duplicate_rate=0.02, seed=3)
    items = [ProjectText.of(p) for d in corpus_documents(corpus) for p in d.projects()]
    reference = {(i, j) for i, j, _ in all_pairs(items)}
    found = {(i, j) for i, j, _ in near_duplicate_pairs(items)}
    qualifying = corpus.planted & reference
    assert len(qualifying) >= 20
    assert qualifying <= found
    assert len(found & reference) >= 0.95 * len(reference)
    assert found <= reference


def seed_profiles() -> list[ProjectText]:
    return [ProjectText.of(p) for path in SEEDS for p in read_document(str(path)).projects()]


@pytest.mark.parametrize(("threshold", "content_min"), [(0.85, 0.8), (0.7, 0.65), (0.55, 0.5)])
def test_blocking_is_exact_on_the_seeds(threshold: float, content_min: float) -> None:
    items = seed_profiles()
    reference = all_pairs(items, threshold, content_min=content_min)
    found = near_duplicate_pairs(items, threshold, content_min=content_min)
    assert {(i, j) for i, j, _ in found} == {(i, j) for i, j, _ in reference}
    assert found == sorted(found, key=lambda pair: (-pair[2], pair[0], pair[1]))


def test_similarity_components() -> None:
    a = ProjectText(
        "乡村振兴劳务协作补贴及工作经费", "开展劳务协作工作", ("举办招聘会数量", "满意度")
    )
    assert similarity(a, a).score == pytest.approx(1.0)
    b = ProjectText("番禺区乡村振兴劳务协作补贴及工作经费", "开展劳务协作工作", ("满意度",))
    ab, ba = similarity(a, b), similarity(b, a)
    assert ab.score == pytest.approx(ba.score)
    assert ab.goal == pytest.approx(1.0)
    assert 0.5 < ab.indicators < 1.0
    assert ab.name == pytest.approx(30 / 33)


def test_a_shared_name_alone_is_not_enough() -> None:
    one = ProjectText("租赁岗位合同工经费", "保障租赁人员工资按时足额发放", ("保障人数", "满意度"))
    two = ProjectText("租赁岗位合同工经费", "为机关提供人才租赁服务和员工关系维护", ("合同签订率",))
    found = similarity(one, two)
    assert found.name == 1.0
    assert found.content is not None and found.content < 0.5
    assert near_duplicate_pairs([one, two], 0.3) == []


def test_missing_parts_are_left_out_of_the_weighting() -> None:
    one = ProjectText("项目甲", "", ("采购数量", "验收合格率"))
    two = ProjectText("项目乙", "", ("采购数量", "验收合格率"))
    found = similarity(one, two)
    assert found.goal is None
    assert found.content == pytest.approx(1.0)
    bare = similarity(ProjectText("项目甲", "", ()), ProjectText("项目甲", "", ()))
    assert bare.content is None
    assert near_duplicate_pairs([ProjectText("项目甲", "", ())] * 2, 0.1) == []


def test_weights_on_parts_both_projects_lack_score_zero() -> None:
    """Weights that pass the config check (sum > 0) but weigh only parts missing on both sides."""
    one = ProjectText("项目甲", "", ("采购数量",))
    found = similarity(one, one, (0.0, 1.0, 0.0))
    assert found.score == 0.0 and found.content is None


def test_skip_drops_pairs_before_scoring() -> None:
    item = ProjectText("项目", "保障档案整理上架工作顺利开展", ("档案整理数量", "满意度"))
    assert near_duplicate_pairs([item, item]) == [(0, 1, pytest.approx(1.0))]
    assert near_duplicate_pairs([item, item], skip=lambda i, j: True) == []


# ---------------------------------------------------------------------------------------------
# D04 across the files of a run
# ---------------------------------------------------------------------------------------------

MAINTENANCE = {
    "goal": "通过对机房网络硬件设备进行维护，遇整体网络问题时能及时跟进处理；"
    "每月对机房硬件设备及网络"
    "进行全面检测，排查隐患，定期报告相关情况。",
    "indicators": [
        {"name": "对维护范围内的硬件系统做巡检服务", "cycle": "每季度一次", "annual": "每季度一次"},
        {"name": "故障响应时间", "cycle": "8小时内", "annual": "8小时内"},
        {"name": "满意度", "cycle": "＞95%", "annual": "＞95%"},
    ],
}


def _document(path: str, projects: list[dict]) -> object:
    return read_bytes(render_projects(projects).encode("utf-8"), path)


def test_d04_reports_the_twin_in_another_file() -> None:
    first = _document(
        "a/人社局.txt",
        [
            {
                "name": "档案整理经费",
                "goal": "整理人事档案1500卷。",
                "indicators": [
                    {"name": "办理退休职工人事档案", "cycle": "1500卷", "annual": "1500卷"}
                ],
            },
            {"name": "机房硬件设备及网络维护服务经费", "amount": "10.00", **MAINTENANCE},
        ],
    )
    second = _document(
        "b/政务局.txt",
        [{"name": "机房网络维护费", "amount": "12.00", **MAINTENANCE}],
    )
    rule = rule_by_key("D04")
    findings = lint_documents([first, second], Engine([rule()])).findings  # type: ignore[list-item]
    assert len(findings) == 1
    finding = findings[0]
    assert finding.path == "b/政务局.txt"
    assert finding.project == "机房网络维护费"
    assert "人社局.txt“测试单位”第2个项目" in finding.message
    assert "相似度" in finding.message
    assert [(r.path, r.project_ordinal) for r in finding.related] == [("a/人社局.txt", 2)]


def test_d04_same_goal_in_two_files_is_not_left_to_d03() -> None:
    project = {"name": "机房网络维护费", **MAINTENANCE}
    first, second = _document("a.txt", [project]), _document("b.txt", [project])
    findings = lint_documents([first, second], Engine([rule_by_key("D04")()])).findings  # type: ignore
    assert [(f.path, f.code) for f in findings] == [("b.txt", "D04")]
    assert "相似度 1.00" in findings[0].message


# ---------------------------------------------------------------------------------------------
# The seeds: the catalog's examples are reported (and by which rule)
# ---------------------------------------------------------------------------------------------


def _seed_findings(codes: list[str]) -> set[tuple[str, str, int]]:
    documents = [read_document(str(path)) for path in SEEDS]
    rules = [rule_by_key(code)() for code in codes]  # type: ignore[misc]
    findings = lint_documents(documents, Engine(rules)).findings
    return {
        (code, Path(f.path).name[:3], f.project_ordinal)
        for f in findings
        for code in (f.code, *(folded.code for folded in f.folded))
    }


def test_duplicate_examples_on_the_seeds() -> None:
    if not all(any(p.name.startswith(n) for p in SEEDS) for n in ("000", "003")):
        pytest.skip("seed files missing")
    found = _seed_findings(["D01", "D02", "D03", "D04"])
    expected = {
        ("D01", "000", 12),  # 机构运行辅助经费 55.00 twice
        ("D03", "000", 11),  # same goal as 租赁岗位合同工经费 #4
        ("D02", "003", 23),  # 劳动关系…薪酬调查 1.47 vs 22.69: indicators …
        ("D03", "003", 23),  # … and goal identical
        ("D02", "003", 36),  # 南粤家政 / 粤菜师傅
        ("D03", "003", 31),  # 乡村振兴劳务协作 9.00 vs 番禺区… 278.40
        ("D02", "003", 65),  # 医疗经费 ×3
        ("D02", "003", 66),
        ("D04", "003", 40),  # 区属转制企业退休干部 / 转制企业移交人员
    }
    assert expected <= found
    # generic names (租赁岗位合同工经费, 业务用房经费, 购置经费) are not near-duplicates
    assert {f for f in found if f[0] == "D04"} == {("D04", "003", 40)}


def test_goal_examples_on_the_seeds() -> None:
    found = _seed_findings(["G01", "G02", "G03"])
    assert ("G01", "000", 13) in found  # 长隆万博商务区专项经费
    assert not {f for f in found if f[0] in ("G02", "G03")}  # 004 <p> is S04's


# ---------------------------------------------------------------------------------------------
# rules/goal.toml: every entry's examples behave
# ---------------------------------------------------------------------------------------------

GOAL_VOCABULARY = read_vocabulary(
    str(Path(__file__).resolve().parent.parent / "rules" / "goal.toml")
)


@pytest.mark.parametrize("name", sorted(GOAL_VOCABULARY))
def test_goal_vocabulary_examples(name: str) -> None:
    for entry in GOAL_VOCABULARY[name]:
        assert entry.match, f"{name}: {entry.source} has no match examples"
        for text in entry.match:
            assert entry.search(text), f"{name}: {entry.source!r} should match {text!r}"
        for text in entry.no_match:
            assert not entry.search(text), f"{name}: {entry.source!r} should not match {text!r}"


def test_blocking_on_disk_finds_the_pairs_it_finds_in_memory(synthetic, monkeypatch) -> None:
    """Many partitions, codes written to the scratch file and read back, every project's codes
    on disk between the passes: the same candidates as one partition held in memory."""
    import rules.blocking as blocking

    items, _ = synthetic
    in_memory = candidate_pairs(items)
    monkeypatch.setattr(blocking, "PROJECTS_PER_PARTITION", 7)
    monkeypatch.setattr(blocking, "BUFFERED_CODES", 50)
    monkeypatch.setattr(blocking, "CODES_IN_MEMORY", 0)
    assert candidate_pairs(items) == in_memory
    assert len(in_memory) > 100


def test_gram_codes_are_one_integer_per_distinct_n_gram() -> None:
    """Packed from the characters (BMP, at most three), or numbered (outside the BMP, NUL,
    longer n-grams): never two n-grams on one code, and the same n-gram on the same code."""
    from rules.blocking import PACKED_LIMIT, content_grams, gram_codes

    numbered: dict[str, int] = {}
    items = [
        ProjectText("", "加强专项资金管理", ("培训人次", "ab")),
        ProjectText("", "𠮷野家资金管理", ("培训\0人次", "专项资金")),
        ProjectText("", "加强专项资金", ("𠮷野家",)),
    ]
    seen: dict[int, str] = {}
    for item in items:
        codes = gram_codes(item, 3, 1, numbered)
        grams = content_grams(item, 3, 1)
        assert len(codes) == len(grams)
        for code, gram in zip(codes, grams, strict=True):
            assert seen.setdefault(code, gram) == gram
    assert {seen[code] for code in seen if code >= PACKED_LIMIT} == set(numbered)
    assert "𠮷野家" in numbered and "训\0人" in numbered and "专项资" not in numbered
    longer = gram_codes(items[0], 4, 1, {})
    assert len(set(longer)) == len(content_grams(items[0], 4, 1))
