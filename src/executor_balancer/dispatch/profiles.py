"""Turn ORM rows and settings into the engine's immutable inputs."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from executor_balancer.config import Settings
from executor_balancer.engine.types import ExecutorProfile, RequestProfile, Weights
from executor_balancer.models import Executor, WorkRequest


def executor_profile(executor: Executor) -> ExecutorProfile:
    last = executor.last_assigned_at
    return ExecutorProfile(
        id=str(executor.id),
        name=executor.name,
        role=executor.role,
        skills=frozenset(executor.skills),
        languages=frozenset(executor.languages),
        timezone=executor.timezone,
        experience_years=executor.experience_years,
        status=executor.status,
        daily_limit=executor.daily_limit,
        capacity=executor.capacity,
        current_load=executor.current_load,
        assigned_today=executor.assigned_today,
        assigned_day=executor.assigned_day,
        success_rate=executor.success_rate,
        weight=executor.weight,
        last_assigned_at=last.timestamp() if last else None,
    )


# The request fields routing looks at (and rule conditions may name).
ROUTING_FIELDS = ("category", "priority", "complexity", "required_skills", "required_languages",
                  "timezone_preference", "title", "description")


def request_profile(request: WorkRequest, rejected_by: Iterable[uuid.UUID] = ()) -> RequestProfile:
    fields = {name: getattr(request, name) for name in ROUTING_FIELDS}
    return query_profile(fields, id=str(request.id), rejected_by=rejected_by)


def query_profile(
    query: Mapping[str, Any], *, id: str = "query", rejected_by: Iterable[uuid.UUID] = ()
) -> RequestProfile:
    """A request-shaped mapping as the engine sees it (a stored request, a search, a dry run)."""
    return RequestProfile(
        id=id,
        category=str(query["category"]),
        priority=str(query.get("priority") or "medium"),
        complexity=str(query.get("complexity") or "medium"),
        required_skills=frozenset(query.get("required_skills") or ()),
        required_languages=frozenset(query.get("required_languages") or ()),
        timezone_preference=query.get("timezone_preference"),
        title=query.get("title") or "",
        description=query.get("description") or "",
        excluded_executor_ids=frozenset(str(e) for e in rejected_by),
    )


def weights(settings: Settings) -> Weights:
    return Weights(
        role=settings.weight_role,
        skills=settings.weight_skills,
        language=settings.weight_language,
        timezone=settings.weight_timezone,
        load=settings.weight_load,
        success_rate=settings.weight_success_rate,
        experience=settings.weight_experience,
        weight=settings.weight_weight,
    )
