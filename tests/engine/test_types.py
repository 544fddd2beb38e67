"""Value types: normalisation, weights validation and rule compilation errors."""

from __future__ import annotations

import pytest
from engine_helpers import cond, executor, request, rule

from executor_balancer.engine import ConditionError, Weights, compile_rule


def test_tags_are_normalised() -> None:
    ex = executor(skills=frozenset({" Python ", "SQL", " "}), languages=frozenset({"EN"}))
    assert ex.skills == {"python", "sql"} and ex.languages == {"en"}
    assert request(required_skills=frozenset({"Go "})).required_skills == {"go"}


def test_capacity_falls_back_to_daily_limit() -> None:
    assert executor(daily_limit=7, capacity=None).capacity_effective == 7
    assert executor(daily_limit=7, capacity=2).capacity_effective == 2


def test_weights_default_order_and_total() -> None:
    w = Weights()
    names = [name for name, _ in w.items()]
    assert names == [
        "role", "skills", "language", "timezone", "load", "success_rate", "experience", "weight"
    ]  # fmt: skip
    assert w.total == pytest.approx(1.0)


@pytest.mark.parametrize(
    "kwargs", [{"role": -0.1}, {"load": float("nan")}, {n: 0.0 for n, _ in Weights().items()}]
)
def test_weights_reject_negative_or_all_zero(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="weights"):
        Weights(**kwargs)


def test_compile_rule_keeps_everything() -> None:
    r = rule(
        "r",
        7,
        conditions=[cond("category", "eq", "support")],
        require=[cond("role", "in", ["support", "admin"])],
        prefer=[cond("languages", "contains", "RU", bonus=15)],
        strategy="least_loaded",
    )
    assert (r.id, r.priority, r.strategy) == ("r", 7, "least_loaded")
    assert r.conditions[0].value == "support" and r.require[0].value == ("support", "admin")
    assert r.prefer[0][0].value == "ru" and r.prefer[0][1] == 15.0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"require": [cond("role", "eq", "support"), cond("role", "gt", "support")]},
            "require[1]: operator 'gt' does not fit field 'role'",
        ),
        ({"conditions": [cond("colour", "eq", "red")]}, "conditions[0]: unknown field 'colour'"),
        (
            {"conditions": [cond("category", "eq", "space")]},
            "conditions[0]: 'space' is not a valid",
        ),
        ({"require": [cond("experience_years", "gte", "three")]}, "require[0]: field"),
        ({"prefer": [cond("skills", "contains", "go", bonus=51)]}, "prefer[0]: bonus must be"),
        ({"prefer": [cond("skills", "contains", "go", bonus=True)]}, "prefer[0]: bonus must be"),
        ({"prefer": [cond("skills", "like", "go", bonus=5)]}, "prefer[0]: unknown operator"),
        ({"require": ["role eq support"]}, "require[0]: expected an object"),
        ({"require": [cond("role", "in", [])]}, "require[0]: operator 'in' on 'role' needs"),
        ({"strategy": "fastest"}, "strategy: 'fastest' is not one of"),
    ],
)
def test_compile_rule_errors_name_the_list_and_index(
    kwargs: dict[str, object], message: str
) -> None:
    args: dict[str, object] = {"conditions": [], "require": [], "prefer": [], "strategy": None}
    args.update(kwargs)
    with pytest.raises(ConditionError) as info:
        compile_rule("r", "R", 0, **args)  # type: ignore[arg-type]
    assert str(info.value).startswith(message)


def test_condition_error_is_a_value_error() -> None:
    assert issubclass(ConditionError, ValueError)
