"""The executor pool: a columnar snapshot that decides who gets a request, vectorised.

One decision = hard filter over whole columns, rule filters and scores over the
survivors, then a partial sort for the chosen strategy. Per-factor detail is built only
for the executors that end up in the explanation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray

from executor_balancer.engine import explain, factors, scoring, strategies
from executor_balancer.engine.columns import ExecutorColumns
from executor_balancer.engine.eligibility import hard_filter
from executor_balancer.engine.frame import Frame
from executor_balancer.engine.rules import (
    applying_rules,
    executor_record,
    prefer_bonus,
    require_mask,
    resolve_strategy,
)
from executor_balancer.engine.types import (
    SKILL_POLICIES,
    CompiledRule,
    Decision,
    ExecutorProfile,
    RequestProfile,
    Weights,
)
from executor_balancer.engine.zones import ZoneTables

RANKED_LIMIT = 20
RUNNERS_UP = 3
Ranked = tuple[ExecutorProfile, float, dict[str, Any]]


@dataclass(frozen=True)
class _Scored:
    frame: Frame
    values: dict[str, scoring.Values]
    score: NDArray[np.float64]
    excluded: dict[str, int]
    applying: list[CompiledRule]


class ExecutorPool:
    """In-memory view of every executor. Not thread-safe: the caller serialises access."""

    def __init__(self, profiles: Iterable[ExecutorProfile] = ()) -> None:
        self._store = ExecutorColumns()
        self._zones = ZoneTables()
        for profile in profiles:
            self.upsert(profile)

    def __len__(self) -> int:
        return len(self._store)

    def upsert(self, profile: ExecutorProfile) -> None:
        """Add or replace an executor; ValueError for an unknown time zone."""
        self._store.upsert(profile)

    def remove(self, executor_id: str) -> bool:
        """Drop an executor in O(1); False when it was not in the pool."""
        return self._store.remove(executor_id)

    def get(self, executor_id: str) -> ExecutorProfile | None:
        return self._store.get(executor_id)

    def decide(
        self,
        request: RequestProfile,
        rules: Sequence[CompiledRule],
        weights: Weights,
        *,
        now: datetime,
        strategy: str | None = None,
        default_strategy: str = "best_match",
        skill_policy: str = "all",
    ) -> Decision:
        """Choose one executor (or none) with the full explanation and the next candidates."""
        scored = self._score(request, rules, weights, skill_policy, now)
        used = resolve_strategy(strategy, scored.applying, default_strategy)
        positions = strategies.order(used, scored.frame, scored.score, RANKED_LIMIT)
        profiles = [self._store.profile_at(row) for row in scored.frame.rows[positions].tolist()]
        chosen = profiles[0] if profiles else None
        factor_list = (
            self._factors(scored, int(positions[0]), request, weights, now) if chosen else []
        )
        score = float(scored.score[positions[0]]) if chosen else 0.0
        runners = [
            explain.runner_up(p, float(scored.score[pos]))
            for p, pos in zip(
                profiles[1 : 1 + RUNNERS_UP], positions[1 : 1 + RUNNERS_UP], strict=True
            )
        ]
        payload = explain.explanation(
            score=score,
            strategy=used,
            executor_id=chosen.id if chosen else None,
            factor_list=factor_list,
            rule_list=explain.rule_entries(scored.applying, used),
            excluded=scored.excluded,
            eligible=len(scored.frame),
            runners_up=runners,
        )
        ranked = tuple(p.id for p in profiles)
        return Decision(chosen.id if chosen else None, score, used, payload, ranked)

    def rank(
        self,
        request: RequestProfile,
        rules: Sequence[CompiledRule],
        weights: Weights,
        *,
        now: datetime,
        skill_policy: str = "all",
        limit: int = 50,
    ) -> list[Ranked]:
        """Eligible executors best first (best_match order), each with its own explanation."""
        scored = self._score(request, rules, weights, skill_policy, now)
        positions = strategies.order("best_match", scored.frame, scored.score, limit)
        rule_list = explain.rule_entries(scored.applying, "best_match")
        ranked: list[Ranked] = []
        for pos in positions:
            profile = self._store.profile_at(int(scored.frame.rows[pos]))
            score = float(scored.score[pos])
            payload = explain.explanation(
                score=score,
                strategy="best_match",
                executor_id=profile.id,
                factor_list=self._factors(scored, int(pos), request, weights, now),
                rule_list=rule_list,
                excluded=dict(scored.excluded),
                eligible=len(scored.frame),
                runners_up=[],
            )
            ranked.append((profile, score, payload))
        return ranked

    def rule_effect(
        self, rule: CompiledRule, request: RequestProfile, now: datetime
    ) -> dict[str, Any]:
        """Dry run of one rule over every executor: who it admits, excludes and boosts."""
        if not applying_rules([rule], request):
            return {"applies": False, "admitted": [], "excluded": [], "boosted": {}}
        store = self._store
        frame = Frame(store, np.flatnonzero(store.cols["present"][: store.rows]), self._today(now))
        admitted = require_mask([rule], frame)
        bonus = np.broadcast_to(prefer_bonus([rule], frame), (len(frame),))
        ids = [store.profile_at(int(row)).id for row in frame.rows]
        boosted = {ids[i]: float(bonus[i]) for i in np.flatnonzero(admitted & (bonus > 0))}
        return {
            "applies": True,
            "admitted": sorted(ids[i] for i in np.flatnonzero(admitted)),
            "excluded": sorted(ids[i] for i in np.flatnonzero(~admitted)),
            "boosted": dict(sorted(boosted.items())),
        }

    def _score(
        self,
        request: RequestProfile,
        rules: Sequence[CompiledRule],
        weights: Weights,
        skill_policy: str,
        now: datetime,
    ) -> _Scored:
        if skill_policy not in SKILL_POLICIES:
            raise ValueError(f"unknown skill policy {skill_policy!r}; use 'all' or 'any'")
        today = self._today(now)
        applying = applying_rules(rules, request)
        rows, excluded = hard_filter(self._store, request, today, skill_policy)
        frame = Frame(self._store, rows, today)
        if any(rule.require for rule in applying):
            keep = require_mask(applying, frame)
            excluded["rules"] = len(frame) - int(np.count_nonzero(keep))
            frame = frame.select(keep)
        values = scoring.factor_values(frame, request, skill_policy, self._zone_fit(request, now))
        bonus = prefer_bonus(applying, frame)
        score = scoring.combine(values, weights, bonus, len(frame))
        return _Scored(frame, values, score, excluded, applying)

    def _today(self, now: datetime) -> NDArray[np.int64]:
        return self._zones.local_days(self._store.zones.items, now)

    def _zone_fit(self, request: RequestProfile, now: datetime) -> NDArray[np.float64] | None:
        preferred = request.timezone_preference
        zones = self._store.zones.items
        return None if preferred is None else self._zones.fits(zones, now, preferred)

    def _factors(
        self, scored: _Scored, pos: int, request: RequestProfile, weights: Weights, now: datetime
    ) -> list[dict[str, Any]]:
        profile = self._store.profile_at(int(scored.frame.rows[pos]))
        values = {
            name: v if isinstance(v, float) else float(v[pos]) for name, v in scored.values.items()
        }
        notes = []
        if any(rule.prefer for rule in scored.applying):
            record = executor_record(profile, factors.effective_assigned_today(profile, now))
            notes = explain.bonus_notes(scored.applying, record)
        return explain.factor_entries(profile, request, values, weights, notes, now)
