"""Punch-out connections, sessions, returned lines and exchanges; the basket

Revision ID: 29bc36a6b26a
Revises: 5e4c0a9b7d21
Create Date: 2026-11-22 15:03:13.658305
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "29bc36a6b26a"
down_revision: str | None = "5e4c0a9b7d21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "punchout_connection",
        sa.Column("municipality_id", ID, nullable=False),
        sa.Column("supplier_id", ID, nullable=False),
        sa.Column("agreement_id", ID, nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "protocol", sa.Enum("cxml", "oci", name="protocol", native_enum=False, length=10), nullable=False
        ),
        sa.Column("setup_url", sa.String(length=1000), nullable=False),
        sa.Column("from_domain", sa.String(length=100), nullable=True),
        sa.Column("from_identity", sa.String(length=200), nullable=True),
        sa.Column("to_domain", sa.String(length=100), nullable=True),
        sa.Column("to_identity", sa.String(length=200), nullable=True),
        sa.Column("sender_domain", sa.String(length=100), nullable=True),
        sa.Column("sender_identity", sa.String(length=200), nullable=True),
        sa.Column("secret_ciphertext", sa.Text(), nullable=True),
        sa.Column("deployment_mode", sa.String(length=10), nullable=False),
        sa.Column("extrinsics", sa.JSON(), nullable=False),
        sa.Column("operations", sa.JSON(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("unit_map", sa.JSON(), nullable=False),
        sa.Column("oci_options", sa.JSON(), nullable=False),
        sa.Column("timeout_seconds", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreement.id"], name=op.f("fk_punchout_connection_agreement_id_agreement")
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipality.id"],
            name=op.f("fk_punchout_connection_municipality_id_municipality"),
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["supplier.id"], name=op.f("fk_punchout_connection_supplier_id_supplier")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_punchout_connection")),
        sa.UniqueConstraint(
            "municipality_id", "name", name=op.f("uq_punchout_connection_municipality_id_name")
        ),
    )
    with op.batch_alter_table("punchout_connection", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_punchout_connection_agreement_id"), ["agreement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_punchout_connection_municipality_id"), ["municipality_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_punchout_connection_supplier_id"), ["supplier_id"], unique=False)

    op.create_table(
        "punchout_session",
        sa.Column("municipality_id", ID, nullable=False),
        sa.Column("department_id", ID, nullable=True),
        sa.Column("user_id", ID, nullable=False),
        sa.Column("connection_id", ID, nullable=False),
        sa.Column(
            "operation",
            sa.Enum("create", "edit", "inspect", name="operation", native_enum=False, length=10),
            nullable=False,
        ),
        sa.Column(
            "state",
            sa.Enum(
                "started",
                "returned",
                "accepted",
                "cancelled",
                "unchanged",
                "failed",
                name="sessionstate",
                native_enum=False,
                length=12,
            ),
            nullable=False,
        ),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("buyer_cookie", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("returned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("selected_item", sa.String(length=100), nullable=True),
        sa.Column("reopens_session_id", ID, nullable=True),
        sa.Column("setup_payload_id", sa.String(length=200), nullable=True),
        sa.Column("payload_format", sa.String(length=20), nullable=True),
        sa.Column("payload_id", sa.String(length=200), nullable=True),
        sa.Column("raw_payload", sa.LargeBinary(), nullable=True),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("operation_allowed", sa.String(length=10), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("document_total", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("computed_total", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("error_code", sa.String(length=60), nullable=True),
        sa.Column("error_detail", sa.String(length=1000), nullable=True),
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.ForeignKeyConstraint(
            ["connection_id"],
            ["punchout_connection.id"],
            name=op.f("fk_punchout_session_connection_id_punchout_connection"),
        ),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name=op.f("fk_punchout_session_department_id_department")
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipality.id"],
            name=op.f("fk_punchout_session_municipality_id_municipality"),
        ),
        sa.ForeignKeyConstraint(
            ["reopens_session_id"],
            ["punchout_session.id"],
            name=op.f("fk_punchout_session_reopens_session_id_punchout_session"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_punchout_session_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_punchout_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_punchout_session_token_hash")),
    )
    with op.batch_alter_table("punchout_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_punchout_session_connection_id"), ["connection_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_punchout_session_municipality_id"), ["municipality_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_punchout_session_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_punchout_session_user_id"), ["user_id"], unique=False)

    op.create_table(
        "basket_line",
        sa.Column("municipality_id", ID, nullable=False),
        sa.Column("user_id", ID, nullable=False),
        sa.Column("department_id", ID, nullable=True),
        sa.Column("supplier_id", ID, nullable=False),
        sa.Column("agreement_id", ID, nullable=True),
        sa.Column(
            "source",
            sa.Enum("punchout", "catalogue", name="linesource", native_enum=False, length=12),
            nullable=False,
        ),
        sa.Column("punchout_session_id", ID, nullable=True),
        sa.Column("catalogue_item_id", ID, nullable=True),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("supplier_part_id", sa.String(length=200), nullable=True),
        sa.Column("supplier_part_auxiliary_id", sa.Text(), nullable=True),
        sa.Column("description", sa.String(length=2000), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=14, scale=4), nullable=False),
        sa.Column("unit", sa.String(length=3), nullable=True),
        sa.Column("unit_price", sa.Numeric(precision=14, scale=4), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("unspsc", sa.String(length=8), nullable=True),
        sa.Column("gtin", sa.String(length=14), nullable=True),
        sa.Column("manufacturer_part_id", sa.String(length=200), nullable=True),
        sa.Column("agreement_price", sa.Numeric(precision=14, scale=4), nullable=True),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreement.id"], name=op.f("fk_basket_line_agreement_id_agreement")
        ),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name=op.f("fk_basket_line_department_id_department")
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["municipality.id"], name=op.f("fk_basket_line_municipality_id_municipality")
        ),
        sa.ForeignKeyConstraint(
            ["punchout_session_id"],
            ["punchout_session.id"],
            name=op.f("fk_basket_line_punchout_session_id_punchout_session"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["supplier.id"], name=op.f("fk_basket_line_supplier_id_supplier")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_basket_line_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_basket_line")),
    )
    with op.batch_alter_table("basket_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_basket_line_municipality_id"), ["municipality_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_basket_line_punchout_session_id"), ["punchout_session_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_basket_line_user_id"), ["user_id"], unique=False)

    op.create_table(
        "punchout_exchange",
        sa.Column("municipality_id", ID, nullable=False),
        sa.Column("connection_id", ID, nullable=False),
        sa.Column("session_id", ID, nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("cxml_status", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=30), nullable=False),
        sa.Column("request_text", sa.Text(), nullable=True),
        sa.Column("response_text", sa.Text(), nullable=True),
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.ForeignKeyConstraint(
            ["connection_id"],
            ["punchout_connection.id"],
            name=op.f("fk_punchout_exchange_connection_id_punchout_connection"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipality.id"],
            name=op.f("fk_punchout_exchange_municipality_id_municipality"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["punchout_session.id"],
            name=op.f("fk_punchout_exchange_session_id_punchout_session"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_punchout_exchange")),
    )
    with op.batch_alter_table("punchout_exchange", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_punchout_exchange_connection_id"), ["connection_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_punchout_exchange_municipality_id"), ["municipality_id"], unique=False
        )

    op.create_table(
        "punchout_line",
        sa.Column("session_id", ID, nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("supplier_part_id", sa.String(length=200), nullable=True),
        sa.Column("supplier_part_auxiliary_id", sa.Text(), nullable=True),
        sa.Column("description", sa.String(length=2000), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=14, scale=4), nullable=False),
        sa.Column("unit", sa.String(length=3), nullable=True),
        sa.Column("unit_price", sa.Numeric(precision=14, scale=4), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("unspsc", sa.String(length=8), nullable=True),
        sa.Column("gtin", sa.String(length=14), nullable=True),
        sa.Column("manufacturer_name", sa.String(length=200), nullable=True),
        sa.Column("manufacturer_part_id", sa.String(length=200), nullable=True),
        sa.Column("lead_time_days", sa.Integer(), nullable=True),
        sa.Column("catalogue_item_id", ID, nullable=True),
        sa.Column("agreement_price", sa.Numeric(precision=14, scale=4), nullable=True),
        sa.Column("agreement_unit", sa.String(length=3), nullable=True),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["punchout_session.id"],
            name=op.f("fk_punchout_line_session_id_punchout_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_punchout_line")),
    )
    with op.batch_alter_table("punchout_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_punchout_line_flagged"), ["flagged"], unique=False)
        batch_op.create_index(batch_op.f("ix_punchout_line_session_id"), ["session_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("punchout_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_punchout_line_session_id"))
        batch_op.drop_index(batch_op.f("ix_punchout_line_flagged"))

    op.drop_table("punchout_line")
    with op.batch_alter_table("punchout_exchange", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_punchout_exchange_municipality_id"))
        batch_op.drop_index(batch_op.f("ix_punchout_exchange_connection_id"))

    op.drop_table("punchout_exchange")
    with op.batch_alter_table("basket_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_basket_line_user_id"))
        batch_op.drop_index(batch_op.f("ix_basket_line_punchout_session_id"))
        batch_op.drop_index(batch_op.f("ix_basket_line_municipality_id"))

    op.drop_table("basket_line")
    with op.batch_alter_table("punchout_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_punchout_session_user_id"))
        batch_op.drop_index(batch_op.f("ix_punchout_session_state"))
        batch_op.drop_index(batch_op.f("ix_punchout_session_municipality_id"))
        batch_op.drop_index(batch_op.f("ix_punchout_session_connection_id"))

    op.drop_table("punchout_session")
    with op.batch_alter_table("punchout_connection", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_punchout_connection_supplier_id"))
        batch_op.drop_index(batch_op.f("ix_punchout_connection_municipality_id"))
        batch_op.drop_index(batch_op.f("ix_punchout_connection_agreement_id"))

    op.drop_table("punchout_connection")
