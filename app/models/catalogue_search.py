"""The catalogue search index: one row per searchable item, the indexed versions, and their vocabulary.

Rows are derived from `catalogue_item` by `app.catalogue.search.index_version` and never edited by hand. The term
columns hold generated, already normalised search terms (folded, stemmed, decompounded); the full-text index over
them is dialect-specific and lives outside the model (see the migration): an external-content FTS5 table on
SQLite; on PostgreSQL a generated `tsvector` column (lexemes prefixed with their column) under a GIN index, and a
pg_trgm index on the vocabulary.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdType


class CatalogueSearchItem(Base):
    """Only what the item row cannot give: generated terms and normalised identifiers. Prices, labels and the
    commodity code are read from catalogue_item (the same row id) when candidates are ranked; every column less
    here is one less to write per item when a million-line catalogue is indexed."""

    __tablename__ = "catalogue_search_item"
    __table_args__ = (
        # Partial indexes: only items that have the identifier, and item numbers only when their normalised form
        # differs from how they are stored (the rest are found through catalogue_item's own unique index).
        *(
            Index(
                f"ix_catalogue_search_item_{key}",
                key,
                sqlite_where=text(f"{key} IS NOT NULL"),
                postgresql_where=text(f"{key} IS NOT NULL"),
            )
            for key in ("item_key", "gtin_key", "mpn_key")
        ),
    )

    # The item's own id, so the FTS5 rowid and the item id are one number.
    item_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("catalogue_item.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    # No index: rows of a version are found through catalogue_item's (version, item number) index.
    version_id: Mapped[int] = mapped_column(IdType)
    # Copied from the version so the scoping rule needs no join per row.
    agreement_id: Mapped[int] = mapped_column(IdType)
    # Exact lanes: identifiers without case, spaces, dashes, dots and slashes; GTINs as 14 digits (GS1).
    item_key: Mapped[str | None] = mapped_column(String(100))
    gtin_key: Mapped[str | None] = mapped_column(String(14))
    mpn_key: Mapped[str | None] = mapped_column(String(100))
    name_terms: Mapped[str] = mapped_column(Text)
    part_terms: Mapped[str] = mapped_column(Text)
    body_terms: Mapped[str] = mapped_column(Text)
    tag_terms: Mapped[str] = mapped_column(Text)


class CatalogueSearchVersion(Base):
    """A version whose items are in the index; `generation` changes on every (re)index so caches can tell."""

    __tablename__ = "catalogue_search_version"

    version_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("catalogue_version.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    agreement_id: Mapped[int] = mapped_column(IdType, ForeignKey("agreement.id"), index=True)
    supplier_id: Mapped[int] = mapped_column(IdType, ForeignKey("supplier.id"))
    item_count: Mapped[int] = mapped_column(Integer)
    generation: Mapped[str] = mapped_column(String(32))
    indexed_at: Mapped[datetime]


class CatalogueSearchTerm(Base):
    """The words of one indexed version with their document frequency: the vocabulary for typo correction."""

    __tablename__ = "catalogue_search_term"

    version_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("catalogue_version.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    # Folded form (æ→ae, ø→oe, å→aa): the key; `word` keeps the Danish spelling to show in "did you mean".
    term: Mapped[str] = mapped_column(String(100), primary_key=True)
    word: Mapped[str] = mapped_column(String(100))
    doc_count: Mapped[int] = mapped_column(Integer)


# Search structures the models cannot describe, created by hand in the search migrations: the FTS5
# virtual table and its shadow tables (SQLite); the generated tsvector column, its GIN index and the trigram index
# (PostgreSQL), and the lexemes' first item ids (PostgreSQL, `app.catalogue.search.pg_heads`). Autogenerate must
# neither drop them nor report them as drift.
_FTS_PREFIX = "catalogue_search_fts"
_UNMODELLED = {
    ("table", "catalogue_search_head"),
    ("column", "tsv"),
    ("index", "ix_catalogue_search_item_tsv"),
    ("index", "ix_catalogue_search_term_term_trgm"),
}


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    return not (type_ == "table" and name is not None and name.startswith(_FTS_PREFIX))


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    return not (reflected and compare_to is None and (type_, name) in _UNMODELLED)


def _filter_every_autogenerate_run() -> None:
    """`app.cli.migrate.drift` compares without env.py, so the filters given to `context.configure` there would
    not reach it; a comparator in Alembic's global registry runs first in every comparison and adds them."""
    from alembic.autogenerate.compare import comparators
    from alembic.util import DispatchPriority, PriorityDispatchResult

    @comparators.dispatch_for("autogenerate", priority=DispatchPriority.FIRST)
    def _add_search_filters(autogen_context, upgrade_ops):  # type: ignore[no-untyped-def]
        if include_name not in autogen_context._name_filters:
            autogen_context._name_filters.append(include_name)
            autogen_context._object_filters.append(include_object)
        return PriorityDispatchResult.CONTINUE


_filter_every_autogenerate_run()
