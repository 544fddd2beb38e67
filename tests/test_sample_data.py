"""The demo data is valid against the contract and actually assignable."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from executor_balancer.domain import (
    ISO_639_1,
    Category,
    Complexity,
    ExecutorRole,
    ExecutorStatus,
    Priority,
    Strategy,
    resolve_timezone,
)
from executor_balancer.engine.conditions import (
    EXECUTOR_FIELDS,
    REQUEST_FIELDS,
    Condition,
    compile_condition,
)
from executor_balancer.sample_data import sample_executors, sample_requests, sample_rules

EMAIL = re.compile(r"^[a-z0-9._-]+@example\.(com|org)$")
EXECUTOR_KEYS = {
    "name", "email", "role", "skills", "languages", "timezone", "experience_years", "status",
    "daily_limit", "capacity", "success_rate", "weight",
}
REQUEST_KEYS = {
    "title", "description", "category", "priority", "complexity", "required_skills",
    "required_languages", "timezone_preference", "deadline_in_hours",
}
RULE_KEYS = {
    "name", "description", "priority", "is_active", "conditions", "require", "prefer", "strategy",
}
REQUIRED_ZONES = {
    "MSK", "UTC", "Europe/Moscow", "Europe/London", "Europe/Berlin", "Asia/Yekaterinburg",
    "Asia/Novosibirsk", "Asia/Almaty", "America/New_York", "Asia/Vladivostok",
}


def _cyrillic(text: str) -> bool:
    return bool(re.search("[а-яё]", text, re.IGNORECASE))


@pytest.fixture(scope="module")
def executors() -> list[dict]:
    return sample_executors()


@pytest.fixture(scope="module")
def requests() -> list[dict]:
    return sample_requests()


@pytest.fixture(scope="module")
def rules() -> list[dict]:
    return sample_rules()


# --- executors --------------------------------------------------------------------------------


def test_executor_shape(executors):
    assert len(executors) >= 30
    for e in executors:
        assert set(e) == EXECUTOR_KEYS
        assert isinstance(e["name"], str) and 0 < len(e["name"]) <= 200
        assert e["role"] in set(ExecutorRole)
        assert e["status"] in set(ExecutorStatus)
        assert isinstance(e["experience_years"], int | float) and e["experience_years"] >= 0
        assert isinstance(e["daily_limit"], int) and 3 <= e["daily_limit"] <= 15
        assert e["capacity"] is None or (isinstance(e["capacity"], int) and e["capacity"] >= 1)
        assert 0 <= e["success_rate"] <= 1
        assert 0 <= e["weight"] <= 1


def test_every_role_is_covered(executors):
    assert {e["role"] for e in executors} == set(ExecutorRole)


def test_emails_unique_and_valid(executors):
    emails = [e["email"].lower() for e in executors]
    assert len(set(emails)) == len(emails)
    for email in emails:
        assert email.isascii() and EMAIL.match(email), email


def test_names_mix_russian_and_english(executors):
    russian = sum(_cyrillic(e["name"]) for e in executors)
    assert 0.35 <= russian / len(executors) <= 0.65


def test_skills_are_normalised(executors):
    for e in executors:
        skills = e["skills"]
        assert skills, e["name"]
        assert len(skills) == len(set(skills)) <= 50
        for skill in skills:
            assert skill == skill.strip().lower() and 0 < len(skill) <= 64


def test_languages_are_iso_codes(executors):
    for e in executors:
        assert e["languages"], e["name"]
        assert set(e["languages"]) <= ISO_639_1
    spoken = {code for e in executors for code in e["languages"]}
    assert {"ru", "en", "de", "es", "fr", "zh", "kk", "uk"} <= spoken


def test_time_zones_resolve(executors):
    zones = {e["timezone"] for e in executors}
    for zone in zones:
        resolve_timezone(zone)
    assert zones >= REQUIRED_ZONES


def test_statuses_mostly_active(executors):
    counts = Counter(e["status"] for e in executors)
    assert counts["busy"] >= 1 and counts["offline"] >= 1
    assert counts["active"] > len(executors) * 0.75


# --- requests ---------------------------------------------------------------------------------


def test_request_shape_and_limits(requests):
    assert len(requests) == 100
    for r in requests:
        assert set(r) == REQUEST_KEYS
        assert 0 < len(r["title"]) <= 300
        assert 0 < len(r["description"]) <= 10_000
        assert 0 <= len(r["required_skills"]) <= 3
        assert all(0 < len(s) <= 64 for s in r["required_skills"])
        assert set(r["required_languages"]) <= ISO_639_1
        if r["timezone_preference"] is not None:
            resolve_timezone(r["timezone_preference"])
        hours = r["deadline_in_hours"]
        assert hours is None or (isinstance(hours, int) and hours > 0)


def test_requests_cover_every_enum(requests):
    assert {r["category"] for r in requests} == set(Category)
    assert {r["priority"] for r in requests} == set(Priority)
    assert {r["complexity"] for r in requests} == set(Complexity)


def test_requests_mix_languages_and_options(requests):
    russian = sum(_cyrillic(r["title"]) for r in requests)
    assert 20 <= russian <= 80
    languages = Counter(tuple(r["required_languages"]) for r in requests)
    assert languages[()] >= 40 and languages[("ru",)] >= 1 and languages[("en",)] >= 1
    with_zone = sum(r["timezone_preference"] is not None for r in requests)
    assert 0 < with_zone < 50
    assert any(r["deadline_in_hours"] is None for r in requests)
    assert any(r["deadline_in_hours"] is not None for r in requests)


def test_required_skills_exist_in_the_team(executors, requests):
    known = {skill for e in executors for skill in e["skills"]}
    for r in requests:
        assert set(r["required_skills"]) <= known, r


def test_smaller_counts(executors):
    assert sample_requests(0) == []
    assert len(sample_requests(5)) == 5
    assert len(sample_requests(250)) == 250


# --- rules ------------------------------------------------------------------------------------


def _compiled(rule: dict) -> tuple[list[Condition], list[Condition], list[Condition]]:
    conditions = [
        compile_condition(REQUEST_FIELDS, c["field"], c["operator"], c["value"])
        for c in rule["conditions"]
    ]
    require = [
        compile_condition(EXECUTOR_FIELDS, c["field"], c["operator"], c["value"])
        for c in rule["require"]
    ]
    prefer = [
        compile_condition(EXECUTOR_FIELDS, c["field"], c["operator"], c["value"])
        for c in rule["prefer"]
    ]
    return conditions, require, prefer


def test_rules_shape_and_compile(rules):
    assert len(rules) == 4
    assert len({r["name"] for r in rules}) == 4
    for rule in rules:
        assert set(rule) == RULE_KEYS
        assert isinstance(rule["priority"], int) and isinstance(rule["is_active"], bool)
        assert rule["strategy"] is None or rule["strategy"] in set(Strategy)
        assert rule["conditions"], rule["name"]
        for item in rule["prefer"]:
            assert 0 <= item["bonus"] <= 50
        _compiled(rule)


def test_every_request_has_an_eligible_executor(executors, requests, rules):
    """Status, skills (all), languages and every matching rule's `require` leave someone."""
    compiled = [_compiled(rule) for rule in rules if rule["is_active"]]
    active = [e for e in executors if e["status"] == "active"]
    for r in requests:
        requires = [
            cond for conditions, require, _ in compiled
            if all(c.matches(r) for c in conditions) for cond in require
        ]
        eligible = [
            e for e in active
            if set(r["required_skills"]) <= set(e["skills"])
            and set(r["required_languages"]) <= set(e["languages"])
            and all(c.matches(e) for c in requires)
        ]
        assert eligible, r


def test_rules_match_some_requests(requests, rules):
    for rule in rules:
        conditions, _, _ = _compiled(rule)
        assert any(all(c.matches(r) for c in conditions) for r in requests), rule["name"]


# --- determinism ------------------------------------------------------------------------------


def test_deterministic():
    assert sample_executors() == sample_executors()
    assert sample_requests() == sample_requests()
    assert sample_rules() == sample_rules()


def test_returns_fresh_objects():
    first = sample_rules()
    first[0]["conditions"].clear()
    first[1]["prefer"][0]["value"].append("admin")
    assert sample_rules()[0]["conditions"]
    assert sample_rules()[1]["prefer"][0]["value"] == ["support", "manager"]
    team = sample_executors()
    team[0]["skills"].append("cobol")
    assert "cobol" not in sample_executors()[0]["skills"]
