"""Returned carts: only flagged lines in the flag index; raw payloads compressed with lz4 on PostgreSQL

Revision ID: e1a7c0d2b002
Revises: e1a7c0d2b001
Create Date: 2026-11-22 17:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e1a7c0d2b002"
down_revision: str | None = "e1a7c0d2b001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The office lists flagged lines only, so the index holds those and nothing is written to it for a clean line.
FLAGGED = sa.text("flagged")


def upgrade() -> None:
    with op.batch_alter_table("punchout_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_punchout_line_flagged"))
        batch_op.create_index(
            batch_op.f("ix_punchout_line_flagged"),
            ["flagged"],
            unique=False,
            postgresql_where=FLAGGED,
            sqlite_where=FLAGGED,
        )
    if op.get_bind().dialect.name == "postgresql" and _has_lz4():
        # A returned cart's raw payload is a few hundred kB, stored once and seldom read: lz4 compresses it several
        # times faster than the default pglz, inside the return's request (PostgreSQL 14+, built --with-lz4).
        op.execute("ALTER TABLE punchout_session ALTER COLUMN raw_payload SET COMPRESSION lz4")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql" and _has_lz4():
        op.execute("ALTER TABLE punchout_session ALTER COLUMN raw_payload SET COMPRESSION default")
    with op.batch_alter_table("punchout_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_punchout_line_flagged"))
        batch_op.create_index(batch_op.f("ix_punchout_line_flagged"), ["flagged"], unique=False)


def _has_lz4() -> bool:
    found = op.get_bind().execute(
        sa.text(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
        )
    )
    return found.first() is not None
