"""api keys and server secrets; waiting time and deadline facts on assignments

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 18:11:37.011474
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from executor_balancer.models.base import UTCDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "server_secret",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_server_secret")),
    )
    op.create_table(
        "api_key",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("executor_id", sa.Uuid(), nullable=True),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=12), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_used_at", UTCDateTime(), nullable=True),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["executor_id"],
            ["executor.id"],
            name=op.f("fk_api_key_executor_id_executor"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_key")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_key_key_hash")),
    )
    with op.batch_alter_table("api_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_key_executor_id"), ["executor_id"], unique=False)
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("waited_seconds", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("deadline_met", sa.Boolean(), nullable=True))
        batch_op.create_index("ix_assignment_deadline_met", ["assigned_at", "deadline_met"])


def downgrade() -> None:
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_index("ix_assignment_deadline_met")
        batch_op.drop_column("deadline_met")
        batch_op.drop_column("waited_seconds")
    with op.batch_alter_table("api_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_key_executor_id"))

    op.drop_table("api_key")
    op.drop_table("server_secret")
