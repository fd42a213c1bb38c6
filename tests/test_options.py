"""Rule options: typed declarations (:class:`linter.engine.Option`) checked when read."""

from __future__ import annotations

import pytest

from linter.engine import Option
from linter.registry import all_rules


@pytest.mark.parametrize(
    ("option", "value", "reason"),
    [
        (Option(0.8, minimum=0.0, maximum=1.0), 1.5, "不应大于 1.0"),
        (Option(0.8, minimum=0.0, maximum=1.0), -0.1, "不应小于 0.0"),
        (Option(0.8), "0.8", "应为有限的数"),
        (Option(0.8), True, "应为有限的数"),
        (Option(0.8, minimum=0.0, maximum=1.0), float("nan"), "应为有限的数"),
        (Option((1.0, 1.0), items=float, positive_sum=True), [float("inf"), 1], "第 1 个值"),
        (Option(3, minimum=1), 2.5, "应为整数"),
        (Option(3, minimum=1), 0, "不应小于 1"),
        (Option(False), 1, "true 或 false"),
        (Option((1.0, 2.0, 1.0), length=3, items=float), [1.0, 2.0], "应有 3 个值"),
        (Option((1.0, 2.0, 1.0), length=3, items=float), 1.0, "应为数组"),
        (Option((1.0, 2.0, 1.0), length=3, items=float), [1.0, "2", 1.0], "第 2 个值"),
        (Option((1.0, 2.0, 1.0), length=3, items=float, minimum=0.0), [1, -2, 1], "不应小于 0.0"),
        (Option((1.0, 1.0), items=float, positive_sum=True), [0, 0.0], "之和应大于 0"),
    ],
)
def test_check_says_why_a_value_is_refused(option: Option, value: object, reason: str) -> None:
    found = option.check(value)
    assert found is not None and reason in found


@pytest.mark.parametrize(
    ("option", "value"),
    [
        (Option(0.8, minimum=0.0, maximum=1.0), 1),
        (Option(0.8, minimum=0.0, maximum=1.0), 0.0),
        (Option(3, minimum=1), 7),
        (Option(False), True),
        (Option((1.0, 2.0, 1.0), length=3, items=float, minimum=0.0), [0, 2, 1.5]),
        (Option((1, 2), items=int), [4, 5, 6]),
    ],
)
def test_check_accepts_good_values(option: Option, value: object) -> None:
    assert option.check(value) is None


def test_int_items_refuse_floats() -> None:
    reason = Option((1, 2), items=int).check([1, 2.5])
    assert reason is not None and "整数" in reason


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_every_rule_option_is_typed_documented_and_its_default_passes(rule) -> None:
    for name, option in rule.options.items():
        assert isinstance(option, Option), f"{rule.code}.{name}"
        assert option.help, f"{rule.code}.{name} has no help"
        assert option.check(option.default) is None, f"{rule.code}.{name}"
        assert rule().settings[name] == option.default


def test_settings_take_the_defaults_and_the_given_values() -> None:
    d04 = next(rule for rule in all_rules() if rule.code == "D04")
    settings = d04({"threshold": 0.9}).settings
    assert settings["threshold"] == 0.9
    assert settings["weights"] == d04.options["weights"].default


def test_describe_shows_the_default_as_toml_with_help_and_bounds() -> None:
    line = Option((0.2, 0.4), length=2, items=float, minimum=0.0, help="权重").describe("weights")
    assert line.startswith("weights = [0.2, 0.4]") and "权重" in line and "≥ 0.0" in line
    assert Option(False, help="x").describe("flag").startswith("flag = false")
