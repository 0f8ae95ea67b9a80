"""Index maintenance: indexing is idempotent, unindexing complete, and deletes never leave stale entries."""

from sqlalchemy import delete, func, select

from app.catalogue.search import index_version, unindex_version
from app.catalogue.search.terms import price_band, row_keys, tag_terms
from app.models import (
    CatalogueItem,
    CatalogueSearchItem,
    CatalogueSearchTerm,
    CatalogueSearchVersion,
    VersionStatus,
)
from tests.catalogue_search.catalogue import ITEMS, add_version
from tests.catalogue_search.conftest import Shop


def _rows(shop: Shop, model, version_id: int) -> int:  # type: ignore[no-untyped-def]
    return shop.db.scalar(select(func.count()).select_from(model).where(model.version_id == version_id)) or 0


def test_indexing_counts_and_records_the_version(shop: Shop) -> None:
    assert _rows(shop, CatalogueSearchItem, shop.active.id) == len(ITEMS)
    version = shop.db.get(CatalogueSearchVersion, shop.active.id)
    assert version is not None and version.item_count == len(ITEMS) and version.agreement_id == shop.main.id
    assert _rows(shop, CatalogueSearchTerm, shop.active.id) > len(ITEMS)


def test_indexing_again_replaces_and_changes_the_generation(shop: Shop) -> None:
    before = shop.names("hvedemel")
    generation = shop.db.scalar(select(CatalogueSearchVersion.generation).where(
        CatalogueSearchVersion.version_id == shop.active.id))
    assert index_version(shop.db, shop.active.id) == len(ITEMS)
    assert _rows(shop, CatalogueSearchItem, shop.active.id) == len(ITEMS)
    assert shop.names("hvedemel") == before
    assert shop.db.scalar(select(CatalogueSearchVersion.generation).where(
        CatalogueSearchVersion.version_id == shop.active.id)) != generation


def test_unindexing_removes_everything_of_the_version(shop: Shop) -> None:
    assert unindex_version(shop.db, shop.active.id) == len(ITEMS)
    assert shop.names("smør") == [] and shop.names("NM-1001") == []
    assert shop.names("hvedemel") == ["Hvedemel 1 kg"]  # the other agreement's
    for model in (CatalogueSearchItem, CatalogueSearchTerm, CatalogueSearchVersion):
        assert _rows(shop, model, shop.active.id) == 0
    assert unindex_version(shop.db, shop.active.id) == 0


def test_activation_swaps_versions_in_one_unit_of_work(shop: Shop) -> None:
    new = add_version(shop.db, shop.main, shop.supplier, [("NY-1", "Sennepsfrø gule 500 g", "19.00", "50171800",
                                                           "", {})], number=4)
    unindex_version(shop.db, shop.active.id)
    shop.active.status = VersionStatus.superseded
    index_version(shop.db, new.id)
    shop.db.flush()
    assert shop.names("sennepsfrø") == ["Sennepsfrø gule 500 g"]
    assert shop.names("smør") == []
    # The vocabulary of the new version is used at once for corrections.
    result = shop.find("senepsfrø")
    assert (result.corrected_query, result.items[0].name) == ("sennepsfrø", "Sennepsfrø gule 500 g")


def test_deleting_items_takes_them_out_of_the_full_text_index(shop: Shop) -> None:
    butter = shop.db.scalar(select(CatalogueItem.id).where(CatalogueItem.version_id == shop.active.id,
                                                            CatalogueItem.supplier_item_number == "FM-2005"))
    shop.db.execute(delete(CatalogueItem).where(CatalogueItem.id == butter))
    assert shop.names("smør") == ["Smørrebrødspapir 500 ark"]
    # Re-indexing afterwards must not trip over the deleted row (FTS5 stays consistent).
    assert index_version(shop.db, shop.active.id) == len(ITEMS) - 1
    assert shop.names("smør") == ["Smørrebrødspapir 500 ark"]


def test_an_empty_version_indexes_nothing(shop: Shop) -> None:
    empty = add_version(shop.db, shop.main, shop.supplier, [], number=5)
    assert index_version(shop.db, empty.id) == 0
    assert unindex_version(shop.db, empty.id) == 0


# Identifiers as suppliers really send them, and the edges of the price bands, for the set-based index build.
EDGE_ITEMS = [
    ("ABC123", "Karklud 5 stk", "49.99", "47131502", "", {"gtin": "57012340", "manufacturer_item_number": ""}),
    ("abc-124", "Karklud blå 5 stk", "50.00", "4", "Svanemærket|", {"gtin": "5701 23400001"}),
    ("ÆØ7", "Ålekniv", "199.99", None, "|EU Ecolabel", {"gtin": "1234567",
                                                        "manufacturer_item_number": "ce-410/a"}),
    ("X 9.1", "Stol", "200.00", "56101504", "Blå Engel", {"gtin": "", "manufacturer_item_number": "CE410A"}),
    ("Q" * 100, "Bord", "1000.00", "56101700", "", {"gtin": "12345678901234", "manufacturer_item_number": "½"}),
    ("STRASSE", "Straße-skilt", "999.99", "55121700", "!!", {"manufacturer_item_number": "straße"}),
]


def test_search_rows_are_what_the_python_rules_give(shop: Shop) -> None:
    """Rows are written set-based in the database; their keys and tags must equal `terms.row_keys` and
    `terms.tag_terms`, odd identifiers included."""
    version = add_version(shop.db, shop.main, shop.supplier, EDGE_ITEMS, number=6)
    assert index_version(shop.db, version.id) == len(EDGE_ITEMS)
    rows = shop.db.execute(
        select(CatalogueItem, CatalogueSearchItem)
        .join(CatalogueSearchItem, CatalogueSearchItem.item_id == CatalogueItem.id)
        .where(CatalogueItem.version_id == version.id)
    ).all()
    assert len(rows) == len(EDGE_ITEMS)
    for item, row in rows:
        segment = item.unspsc[:2] if item.unspsc and len(item.unspsc) >= 2 else None
        expected_tags = tag_terms(version.id, segment, price_band(float(item.unit_price)), item.labels)
        assert (row.item_key, row.gtin_key, row.mpn_key, row.tag_terms) == (
            *row_keys(item.supplier_item_number, item.gtin, item.manufacturer_item_number), expected_tags
        ), item.supplier_item_number
