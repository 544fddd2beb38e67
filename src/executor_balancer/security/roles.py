"""Who may do what: roles, and the access policy of every route in one table.

The table is the single source: the enforcing dependency reads it, the README's table is
generated from it, and a test fails when a route has no entry.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    admin = "admin"
    dispatcher = "dispatcher"
    viewer = "viewer"
    executor = "executor"


class Access(StrEnum):
    """Levels of access; each names the roles it admits."""

    public = "public"
    read = "read"  # admin, dispatcher, viewer
    operate = "operate"  # admin, dispatcher
    admin = "admin"  # admin only
    own_read = "own_read"  # read; an executor key sees only its own assignments
    own_act = "own_act"  # operate; an executor key acts only on its own assignments
    signed_in = "signed_in"  # any valid key or session (web pages)


ROLES: dict[Access, frozenset[Role]] = {
    Access.public: frozenset(Role),
    Access.read: frozenset({Role.admin, Role.dispatcher, Role.viewer}),
    Access.operate: frozenset({Role.admin, Role.dispatcher}),
    Access.admin: frozenset({Role.admin}),
    Access.own_read: frozenset(Role),
    Access.own_act: frozenset({Role.admin, Role.dispatcher, Role.executor}),
    Access.signed_in: frozenset(Role),
}

R, O, A = Access.read, Access.operate, Access.admin  # noqa: E741 - short names keep the table legible
POLICY: dict[tuple[str, str], Access] = {
    ("GET", "/api/health"): Access.public,
    ("GET", "/api/stats"): R,
    ("GET", "/api/dashboard"): R,
    ("GET", "/api/metrics"): R,
    ("GET", "/api/events"): R,
    ("GET", "/api/queue"): R,
    ("GET", "/api/executors"): R,
    ("POST", "/api/executors"): O,
    ("POST", "/api/executors/search"): R,
    ("GET", "/api/executors/{executor_id}"): R,
    ("PUT", "/api/executors/{executor_id}"): O,
    ("PATCH", "/api/executors/{executor_id}"): O,
    ("DELETE", "/api/executors/{executor_id}"): O,
    ("GET", "/api/requests"): R,
    ("POST", "/api/requests"): O,
    ("GET", "/api/requests/{request_id}"): R,
    ("PUT", "/api/requests/{request_id}"): O,
    ("PATCH", "/api/requests/{request_id}"): O,
    ("DELETE", "/api/requests/{request_id}"): O,
    ("POST", "/api/requests/{request_id}/assign"): O,
    ("GET", "/api/requests/{request_id}/history"): R,
    ("GET", "/api/assignments"): Access.own_read,
    ("POST", "/api/assignments"): O,
    ("GET", "/api/assignments/{assignment_id}"): Access.own_read,
    ("PUT", "/api/assignments/{assignment_id}"): O,
    ("PATCH", "/api/assignments/{assignment_id}"): O,
    ("DELETE", "/api/assignments/{assignment_id}"): O,
    ("POST", "/api/assignments/{assignment_id}/start"): Access.own_act,
    ("POST", "/api/assignments/{assignment_id}/complete"): Access.own_act,
    ("POST", "/api/assignments/{assignment_id}/reject"): Access.own_act,
    ("POST", "/api/assignments/{assignment_id}/cancel"): O,
    ("GET", "/api/rules"): R,
    ("POST", "/api/rules"): A,
    ("GET", "/api/rules/{rule_id}"): R,
    ("PUT", "/api/rules/{rule_id}"): A,
    ("PATCH", "/api/rules/{rule_id}"): A,
    ("DELETE", "/api/rules/{rule_id}"): A,
    ("POST", "/api/rules/{rule_id}/test"): R,
    ("GET", "/api/keys"): A,
    ("POST", "/api/keys"): A,
    ("DELETE", "/api/keys/{key_id}"): A,
    ("WS", "/ws"): R,
    ("GET", "/metrics"): Access.public,  # or METRICS_TOKEN, when set
    ("GET", "/login"): Access.public,
    ("POST", "/login"): Access.public,
    ("POST", "/logout"): Access.public,
    ("GET", "/"): Access.public,
    ("GET", "/guide"): Access.public,
    ("GET", "/docs"): Access.public,
    ("GET", "/lang/{code}"): Access.public,
    ("GET", "/app"): Access.signed_in,
    ("GET", "/dashboard"): Access.signed_in,
    ("GET", "/demo"): Access.signed_in,
}


def access_for(method: str, path: str) -> Access | None:
    return POLICY.get((method, path))


ACCESS_TEXT = {
    Access.public: "anyone",
    Access.read: "admin, dispatcher, viewer",
    Access.operate: "admin, dispatcher",
    Access.admin: "admin",
    Access.own_read: "admin, dispatcher, viewer; executor: own assignments only",
    Access.own_act: "admin, dispatcher; executor: own assignments only",
    Access.signed_in: "any signed-in role",
}


def markdown_table() -> str:
    """The README's table of who may call what, made from POLICY (a test keeps it in step)."""
    lines = ["| Method | Path | Who |", "|---|---|---|"]
    for (method, path), access in POLICY.items():
        lines.append(f"| {method} | `{path}` | {ACCESS_TEXT[access]} |")
    return "\n".join(lines)
