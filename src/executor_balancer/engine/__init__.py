"""The pure distribution engine: eligibility, scoring, strategy and explanation.

No I/O and no framework: inputs are frozen profiles, the output a Decision, so the engine
is tested without a database and benchmarked on its own.
"""

from executor_balancer.engine.conditions import ConditionError
from executor_balancer.engine.pool import ExecutorPool
from executor_balancer.engine.reference import decide_naive
from executor_balancer.engine.types import (
    EXCLUSION_KEYS,
    SKILL_POLICIES,
    STRATEGIES,
    CompiledRule,
    Decision,
    ExecutorProfile,
    RequestProfile,
    Weights,
    compile_rule,
)

__all__ = [
    "EXCLUSION_KEYS",
    "SKILL_POLICIES",
    "STRATEGIES",
    "CompiledRule",
    "ConditionError",
    "Decision",
    "ExecutorPool",
    "ExecutorProfile",
    "RequestProfile",
    "Weights",
    "compile_rule",
    "decide_naive",
]
