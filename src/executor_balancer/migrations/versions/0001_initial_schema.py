"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-12-03 17:26:07.751915
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from executor_balancer.models.base import UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "event",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("ts", UTCDateTime(), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("entity_type", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("request_id", sa.String(length=36), nullable=True),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column(
            "data",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index("ix_event_entity", ["entity_type", "entity_id", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_ts"), ["ts"], unique=False)
        batch_op.create_index("ix_event_type_ts", ["type", "ts"], unique=False)
        batch_op.create_index("ix_event_request", ["request_id", "id"], unique=False)

    op.create_table(
        "executor",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column(
            "skills",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "languages",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("experience_years", sa.Float(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("daily_limit", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("current_load", sa.Integer(), nullable=False),
        sa.Column("assigned_today", sa.Integer(), nullable=False),
        sa.Column("assigned_day", sa.Integer(), nullable=False),
        sa.Column("completed_count", sa.Integer(), nullable=False),
        sa.Column("success_count", sa.Integer(), nullable=False),
        sa.Column("success_rate", sa.Float(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("last_assigned_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "assigned_today >= 0", name=op.f("ck_executor_assigned_today_non_negative")
        ),
        sa.CheckConstraint(
            "capacity IS NULL OR capacity >= 1", name=op.f("ck_executor_capacity_positive")
        ),
        sa.CheckConstraint("current_load >= 0", name=op.f("ck_executor_current_load_non_negative")),
        sa.CheckConstraint("daily_limit >= 1", name=op.f("ck_executor_daily_limit_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_executor")),
        sa.UniqueConstraint("email", name=op.f("uq_executor_email")),
    )
    with op.batch_alter_table("executor", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_executor_role"), ["role"], unique=False)
        batch_op.create_index(batch_op.f("ix_executor_status"), ["status"], unique=False)

    op.create_table(
        "rule",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column(
            "conditions",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "require",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "prefer",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("strategy", sa.String(length=32), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule")),
    )
    with op.batch_alter_table("rule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rule_priority"), ["priority"], unique=False)

    op.create_table(
        "work_request",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("priority", sa.String(length=16), nullable=False),
        sa.Column("priority_rank", sa.Integer(), nullable=False),
        sa.Column("complexity", sa.String(length=16), nullable=False),
        sa.Column(
            "required_skills",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "required_languages",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("timezone_preference", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("assigned_executor_id", sa.Uuid(), nullable=True),
        sa.Column("deadline", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assigned_executor_id"],
            ["executor.id"],
            name=op.f("fk_work_request_assigned_executor_id_executor"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_request")),
    )
    with op.batch_alter_table("work_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_work_request_assigned_executor_id"),
            ["assigned_executor_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_work_request_category"), ["category"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_work_request_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_work_request_priority"), ["priority"], unique=False)
        batch_op.create_index(
            "ix_work_request_queue",
            ["status", "priority_rank", "deadline", "created_at"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_work_request_status"), ["status"], unique=False)

    op.create_table(
        "assignment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("executor_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("strategy", sa.String(length=32), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column(
            "explanation",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("quota_day", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("assigned_at", UTCDateTime(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=True),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["executor_id"],
            ["executor.id"],
            name=op.f("fk_assignment_executor_id_executor"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["work_request.id"],
            name=op.f("fk_assignment_request_id_work_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment")),
    )
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assignment_assigned_at"), ["assigned_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_assignment_executor_id"), ["executor_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_assignment_finished_at"), ["finished_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_assignment_request_id"), ["request_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignment_status"), ["status"], unique=False)
        batch_op.create_index(
            "uq_assignment_one_open_per_request",
            ["request_id"],
            unique=True,
            sqlite_where=sa.text("status IN ('assigned', 'in_progress')"),
            postgresql_where=sa.text("status IN ('assigned', 'in_progress')"),
        )


def downgrade() -> None:
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_assignment_one_open_per_request",
            sqlite_where=sa.text("status IN ('assigned', 'in_progress')"),
            postgresql_where=sa.text("status IN ('assigned', 'in_progress')"),
        )
        batch_op.drop_index(batch_op.f("ix_assignment_status"))
        batch_op.drop_index(batch_op.f("ix_assignment_request_id"))
        batch_op.drop_index(batch_op.f("ix_assignment_finished_at"))
        batch_op.drop_index(batch_op.f("ix_assignment_executor_id"))
        batch_op.drop_index(batch_op.f("ix_assignment_assigned_at"))

    op.drop_table("assignment")
    with op.batch_alter_table("work_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_request_status"))
        batch_op.drop_index("ix_work_request_queue")
        batch_op.drop_index(batch_op.f("ix_work_request_priority"))
        batch_op.drop_index(batch_op.f("ix_work_request_created_at"))
        batch_op.drop_index(batch_op.f("ix_work_request_category"))
        batch_op.drop_index(batch_op.f("ix_work_request_assigned_executor_id"))

    op.drop_table("work_request")
    with op.batch_alter_table("rule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rule_priority"))

    op.drop_table("rule")
    with op.batch_alter_table("executor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_executor_status"))
        batch_op.drop_index(batch_op.f("ix_executor_role"))

    op.drop_table("executor")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index("ix_event_request")
        batch_op.drop_index("ix_event_type_ts")
        batch_op.drop_index(batch_op.f("ix_event_ts"))
        batch_op.drop_index("ix_event_entity")

    op.drop_table("event")
