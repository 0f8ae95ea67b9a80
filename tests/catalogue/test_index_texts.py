"""Activating a fresh import indexes it from the texts counted while it was read: the index is the same as one
built by reading every item back, and counts that do not match the items are refused."""

from collections import Counter

import pytest
from sqlalchemy import select

from app.catalogue import service
from app.catalogue.search import index_version
from app.catalogue.search.indexer import IndexMismatch
from app.models import CatalogueSearchItem, CatalogueSearchTerm
from tests.catalogue.conftest import csv_file

FILE = csv_file(
    *(
        f"V-{n};{'' if n % 3 else '5701234567899'};{['Hvedemel 2 kg', 'Sødmælk 1 l', 'Rugbrød'][n % 3]} {n % 7};"
        f"stk;1 kg;{n % 50},95;25;{['Ø-mærket', '', 'FSC|Svanemærket'][n % 3]}"
        for n in range(1, 400)
    ),
    "NM-1001;;Smør 250 g;stk;250 g;abc;25;",
)


def _index(db, version_id: int) -> tuple[list, list]:  # type: ignore[no-untyped-def]
    rows = db.execute(
        select(CatalogueSearchItem.__table__)
        .where(CatalogueSearchItem.version_id == version_id)
        .order_by(CatalogueSearchItem.item_id)
    ).all()
    terms = db.execute(
        select(CatalogueSearchTerm.term, CatalogueSearchTerm.word, CatalogueSearchTerm.doc_count)
        .where(CatalogueSearchTerm.version_id == version_id)
        .order_by(CatalogueSearchTerm.term)
    ).all()
    return rows, terms


@pytest.fixture
def given() -> list:  # type: ignore[type-arg]
    return []


@pytest.fixture
def imported(db, shop, monkeypatch, given):  # type: ignore[no-untyped-def]
    import io

    from app.catalogue import activation

    def spy(session, version_id, texts=None):  # type: ignore[no-untyped-def]
        given.append(texts)
        return index_version(session, version_id, texts)

    monkeypatch.setattr(activation, "index_version", spy)
    version = service.import_catalogue(
        db,
        "test",
        supplier_cvr=shop.supplier.cvr,
        agreement_number=shop.agreement.number,
        source=io.BytesIO(FILE),
        source_name="katalog.csv",
        activate=True,
    )
    db.flush()
    return version


def test_the_index_is_the_one_built_by_reading_the_items_back(db, imported, given):  # type: ignore[no-untyped-def]
    assert given and sum(given[0].values()) == 399
    built = _index(db, imported.id)
    assert len(built[0]) == imported.item_count == 399
    index_version(db, imported.id)
    assert _index(db, imported.id) == built


def test_counts_that_miss_items_are_refused(db, imported):  # type: ignore[no-untyped-def]
    short = Counter({("Hvedemel 2 kg 1", None, None, None, "Ø-mærket"): 1})
    with pytest.raises(IndexMismatch):
        index_version(db, imported.id, short)


class TestTooManyTexts:
    @pytest.fixture(autouse=True)
    def _few(self, monkeypatch):  # type: ignore[no-untyped-def]
        from app.catalogue import text_tally

        monkeypatch.setattr(text_tally, "TEXTS_LIMIT", 5)

    def test_the_index_counts_them_itself(self, db, imported, given):  # type: ignore[no-untyped-def]
        assert given == [None]
        built = _index(db, imported.id)
        assert len(built[0]) == 399
        index_version(db, imported.id)
        assert _index(db, imported.id) == built
