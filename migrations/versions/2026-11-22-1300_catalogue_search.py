"""Catalogue search: index rows, indexed versions, vocabulary; FTS5 on SQLite, tsvector + GIN + pg_trgm on PostgreSQL

Revision ID: 5e4c0a9b7d21
Revises: cbd76749fc81
Create Date: 2026-11-22 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5e4c0a9b7d21"
down_revision: str | None = "cbd76749fc81"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TERM_COLUMNS = "name_terms, part_terms, body_terms, tag_terms"

# External content (the terms live once, in catalogue_search_item); detail=column keeps column filters but no
# positions, which no query needs; columnsize=0 because nothing ranks by bm25 (sqlite.org/fts5.html: "External
# Content Tables", "The Detail Option", "The Columnsize Option").
# No prefix index: the word being typed is completed from the vocabulary into whole terms (query.complete).
SQLITE_FTS = f"""
CREATE VIRTUAL TABLE catalogue_search_fts USING fts5(
    {TERM_COLUMNS}, content='catalogue_search_item', content_rowid='item_id',
    tokenize='unicode61 remove_diacritics 2', detail='column', columnsize=0
)"""
# Rows leave the index however they are deleted (unindex, or a cascade from catalogue_item), so the external
# content index never keeps a stale rowid that a later item could reuse.
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER catalogue_search_item_ad AFTER DELETE ON catalogue_search_item BEGIN
        INSERT INTO catalogue_search_fts(catalogue_search_fts, rowid, {TERM_COLUMNS})
        VALUES ('delete', old.item_id, old.name_terms, old.part_terms, old.body_terms, old.tag_terms);
    END""",
    f"""CREATE TRIGGER catalogue_search_item_au AFTER UPDATE ON catalogue_search_item BEGIN
        INSERT INTO catalogue_search_fts(catalogue_search_fts, rowid, {TERM_COLUMNS})
        VALUES ('delete', old.item_id, old.name_terms, old.part_terms, old.body_terms, old.tag_terms);
        INSERT INTO catalogue_search_fts(rowid, {TERM_COLUMNS})
        VALUES (new.item_id, new.name_terms, new.part_terms, new.body_terms, new.tag_terms);
    END""",
]
# PostgreSQL: a stored tsvector whose lexemes carry their column as a one-letter prefix ("nsmoer" in the name,
# "pmel" among stems and compound parts, "bnordmolle" in the description or brand, "tzv12" a filter tag). GIN
# does not store tsvector weights, so `'mel':A` would send every row containing "mel" anywhere to a heap recheck;
# a prefixed lexeme is decided by the index alone. The terms arrive folded and stemmed, so no text search
# configuration touches them (array_to_tsvector); the column is stored, so reading a row recomputes nothing.
PG_MARKERS = {"name_terms": "n", "part_terms": "p", "body_terms": "b", "tag_terms": "t"}


def _lexemes(column: str, marker: str) -> str:
    words = f"string_to_array(replace(' ' || {column}, ' ', ' {marker}'), ' ')"
    return f"array_to_tsvector(array_remove(array_remove({words}, ''), '{marker}'))"


PG_TSV = ("ALTER TABLE catalogue_search_item ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
          + " || ".join(_lexemes(column, marker) for column, marker in PG_MARKERS.items()) + ") STORED")
# The first N matches of a tsquery, in physical order, through the GIN index. With a LIMIT the planner prefers a
# scan that stops early and evaluates @@ row by row, which it prices far too cheaply (tens of ms for a broad
# word); inside this function only the bitmap path is enabled (SET clauses apply to the call alone).
PG_MATCH = """
CREATE FUNCTION catalogue_search_match(query tsquery, versions bigint[], low numeric, high numeric,
                                       wanted integer) RETURNS SETOF bigint
LANGUAGE sql STABLE ROWS 1000 SET enable_seqscan = off SET enable_indexscan = off AS $$
    SELECT s.item_id FROM catalogue_search_item s
    WHERE s.tsv @@ query AND s.version_id = ANY(versions)
      AND (low IS NULL AND high IS NULL OR EXISTS (
          SELECT 1 FROM catalogue_item i WHERE i.id = s.item_id
          AND i.unit_price >= coalesce(low, 0) AND i.unit_price <= coalesce(high, 'Infinity')))
    LIMIT wanted
$$"""


def upgrade() -> None:
    op.create_table(
        "catalogue_search_item",
        sa.Column("item_id", ID, autoincrement=False, nullable=False),
        sa.Column("version_id", ID, nullable=False),
        sa.Column("agreement_id", ID, nullable=False),
        sa.Column("item_key", sa.String(length=100), nullable=True),
        sa.Column("gtin_key", sa.String(length=14), nullable=True),
        sa.Column("mpn_key", sa.String(length=100), nullable=True),
        sa.Column("name_terms", sa.Text(), nullable=False),
        sa.Column("part_terms", sa.Text(), nullable=False),
        sa.Column("body_terms", sa.Text(), nullable=False),
        sa.Column("tag_terms", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["catalogue_item.id"],
            ondelete="CASCADE",
            name=op.f("fk_catalogue_search_item_item_id_catalogue_item"),
        ),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_catalogue_search_item")),
    )
    for column in ("item_key", "gtin_key", "mpn_key"):
        present = sa.text(f"{column} IS NOT NULL")
        op.create_index(
            op.f(f"ix_catalogue_search_item_{column}"),
            "catalogue_search_item",
            [column],
            sqlite_where=present,
            postgresql_where=present,
        )

    op.create_table(
        "catalogue_search_version",
        sa.Column("version_id", ID, autoincrement=False, nullable=False),
        sa.Column("agreement_id", ID, nullable=False),
        sa.Column("supplier_id", ID, nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("generation", sa.String(length=32), nullable=False),
        sa.Column("indexed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["catalogue_version.id"],
            name=op.f("fk_catalogue_search_version_version_id_catalogue_version"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_catalogue_search_version_agreement_id_agreement"),
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["supplier.id"], name=op.f("fk_catalogue_search_version_supplier_id_supplier")
        ),
        sa.PrimaryKeyConstraint("version_id", name=op.f("pk_catalogue_search_version")),
    )
    op.create_index(
        op.f("ix_catalogue_search_version_agreement_id"), "catalogue_search_version", ["agreement_id"]
    )

    op.create_table(
        "catalogue_search_term",
        sa.Column("version_id", ID, autoincrement=False, nullable=False),
        sa.Column("term", sa.String(length=100), nullable=False),
        sa.Column("word", sa.String(length=100), nullable=False),
        sa.Column("doc_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["catalogue_version.id"],
            name=op.f("fk_catalogue_search_term_version_id_catalogue_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "term", name=op.f("pk_catalogue_search_term")),
    )

    if op.get_bind().dialect.name == "sqlite":
        op.execute(SQLITE_FTS)
        # Pending terms are flushed to a new segment each time they outgrow this (default 1 MB); a larger
        # buffer makes fewer, larger segments when a whole catalogue is indexed in one transaction.
        op.execute(
            "INSERT INTO catalogue_search_fts(catalogue_search_fts, rank) VALUES ('hashsize', 67108864)"
        )
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(PG_TSV)
        op.execute("CREATE INDEX ix_catalogue_search_item_tsv ON catalogue_search_item USING gin (tsv)")
        op.execute(PG_MATCH)
        # Substring lookups in the vocabulary (LIKE '%edemel%') for words no term matched.
        op.execute(
            "CREATE INDEX ix_catalogue_search_term_term_trgm ON catalogue_search_term "
            "USING gin (term gin_trgm_ops)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS catalogue_search_item_au")
        op.execute("DROP TRIGGER IF EXISTS catalogue_search_item_ad")
        op.execute("DROP TABLE IF EXISTS catalogue_search_fts")
    else:
        # pg_trgm stays: other schemas in the database may use it, and creating it again is idempotent.
        op.execute("DROP FUNCTION IF EXISTS catalogue_search_match(tsquery, bigint[], numeric, numeric, integer)")
        op.execute("DROP INDEX IF EXISTS ix_catalogue_search_term_term_trgm")
        op.execute("DROP INDEX IF EXISTS ix_catalogue_search_item_tsv")
    op.drop_table("catalogue_search_term")
    op.drop_index(op.f("ix_catalogue_search_version_agreement_id"), table_name="catalogue_search_version")
    op.drop_table("catalogue_search_version")
    for column in ("mpn_key", "gtin_key", "item_key"):
        op.drop_index(op.f(f"ix_catalogue_search_item_{column}"), table_name="catalogue_search_item")
    op.drop_table("catalogue_search_item")
