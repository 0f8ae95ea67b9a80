"""Catalogues: versions per supplier and agreement, items, rejected lines, activations

Revision ID: cbd76749fc81
Revises: 32ce1283c326
Create Date: 2026-11-22 12:24:56.329426
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "cbd76749fc81"
down_revision: str | None = "32ce1283c326"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "catalogue_version",
        sa.Column("supplier_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("agreement_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft", "active", "superseded", "failed", name="versionstatus", native_enum=False, length=20
            ),
            nullable=False,
        ),
        sa.Column("based_on_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("source_name", sa.String(length=300), nullable=False),
        sa.Column("source_format", sa.String(length=10), nullable=False),
        sa.Column("source_sha256", sa.String(length=64), nullable=True),
        sa.Column("uploaded_by_label", sa.String(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lines_read", sa.Integer(), nullable=False),
        sa.Column("accepted", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("diff_new", sa.Integer(), nullable=True),
        sa.Column("diff_removed", sa.Integer(), nullable=True),
        sa.Column("diff_changed", sa.Integer(), nullable=True),
        sa.Column("diff_price_changed", sa.Integer(), nullable=True),
        sa.Column("header", sa.JSON(), nullable=True),
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreement.id"], name=op.f("fk_catalogue_version_agreement_id_agreement")
        ),
        sa.ForeignKeyConstraint(
            ["based_on_id"],
            ["catalogue_version.id"],
            name=op.f("fk_catalogue_version_based_on_id_catalogue_version"),
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["supplier.id"], name=op.f("fk_catalogue_version_supplier_id_supplier")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_version")),
        sa.UniqueConstraint(
            "supplier_id",
            "agreement_id",
            "number",
            name=op.f("uq_catalogue_version_supplier_id_agreement_id_number"),
        ),
    )
    with op.batch_alter_table("catalogue_version", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_catalogue_version_agreement_id"), ["agreement_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_catalogue_version_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_catalogue_version_supplier_id"), ["supplier_id"], unique=False)

    op.create_table(
        "catalogue_activation",
        sa.Column("version_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("supplier_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("agreement_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deactivated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("activated_by_label", sa.String(length=254), nullable=False),
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreement.id"], name=op.f("fk_catalogue_activation_agreement_id_agreement")
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["supplier.id"], name=op.f("fk_catalogue_activation_supplier_id_supplier")
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["catalogue_version.id"],
            name=op.f("fk_catalogue_activation_version_id_catalogue_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_activation")),
    )
    with op.batch_alter_table("catalogue_activation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_catalogue_activation_version_id"), ["version_id"], unique=False)

    op.create_table(
        "catalogue_item",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("version_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=True),
        sa.Column("supplier_item_number", sa.String(length=100), nullable=False),
        sa.Column("gtin", sa.String(length=14), nullable=True),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("brand", sa.String(length=200), nullable=True),
        sa.Column("manufacturer", sa.String(length=200), nullable=True),
        sa.Column("manufacturer_item_number", sa.String(length=100), nullable=True),
        sa.Column("unspsc", sa.String(length=8), nullable=True),
        sa.Column("orderable_unit", sa.String(length=3), nullable=False),
        sa.Column("content_quantity", sa.Numeric(precision=14, scale=4), nullable=True),
        sa.Column("content_unit", sa.String(length=3), nullable=True),
        sa.Column("price", sa.Numeric(precision=14, scale=4), nullable=False),
        sa.Column("base_quantity", sa.Numeric(precision=14, scale=4), nullable=False),
        sa.Column("unit_price", sa.Numeric(precision=14, scale=4), nullable=False),
        sa.Column("comparison_unit", sa.String(length=3), nullable=True),
        sa.Column("comparison_price", sa.Numeric(precision=14, scale=4), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("vat_rate", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("price_valid_from", sa.Date(), nullable=True),
        sa.Column("price_valid_to", sa.Date(), nullable=True),
        sa.Column("minimum_order_quantity", sa.Numeric(precision=14, scale=4), nullable=True),
        sa.Column("order_increment", sa.Numeric(precision=14, scale=4), nullable=True),
        sa.Column("lead_time_days", sa.Integer(), nullable=True),
        sa.Column("image_url", sa.String(length=1000), nullable=True),
        sa.Column("labels", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["catalogue_version.id"],
            name=op.f("fk_catalogue_item_version_id_catalogue_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_item")),
        sa.UniqueConstraint(
            "version_id",
            "supplier_item_number",
            name=op.f("uq_catalogue_item_version_id_supplier_item_number"),
        ),
    )
    op.create_table(
        "catalogue_rejected_line",
        sa.Column("version_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=True),
        sa.Column("xpath", sa.String(length=300), nullable=True),
        sa.Column("field", sa.String(length=60), nullable=True),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("value", sa.String(length=300), nullable=True),
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["catalogue_version.id"],
            name=op.f("fk_catalogue_rejected_line_version_id_catalogue_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_rejected_line")),
    )
    with op.batch_alter_table("catalogue_rejected_line", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_catalogue_rejected_line_version_id"), ["version_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("catalogue_rejected_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_catalogue_rejected_line_version_id"))

    op.drop_table("catalogue_rejected_line")
    op.drop_table("catalogue_item")
    with op.batch_alter_table("catalogue_activation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_catalogue_activation_version_id"))

    op.drop_table("catalogue_activation")
    with op.batch_alter_table("catalogue_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_catalogue_version_supplier_id"))
        batch_op.drop_index(batch_op.f("ix_catalogue_version_status"))
        batch_op.drop_index(batch_op.f("ix_catalogue_version_agreement_id"))

    op.drop_table("catalogue_version")
