"""All ORM tables in one place, so domains never import each other's tables in circles."""

from executor_balancer.models.api_key import ApiKey, ServerSecret
from executor_balancer.models.assignment import Assignment
from executor_balancer.models.base import Base
from executor_balancer.models.event import Event
from executor_balancer.models.executor import Executor
from executor_balancer.models.rule import Rule
from executor_balancer.models.work_request import WorkRequest

__all__ = [
    "ApiKey",
    "Assignment",
    "Base",
    "Event",
    "Executor",
    "Rule",
    "ServerSecret",
    "WorkRequest",
]
