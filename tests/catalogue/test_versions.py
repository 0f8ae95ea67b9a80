from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.catalogue import repository
from app.models import AuditEvent, CatalogueItem, CatalogueRejectedLine, CatalogueVersion
from app.models.base import utcnow
from tests.catalogue.conftest import FIRST, SECOND


def _count(db, model) -> int:  # type: ignore[no-untyped-def]
    return db.scalar(select(func.count()).select_from(model))


class TestImport:
    def test_first_import_is_a_draft_with_every_line_counted(self, upload, db):
        response = upload(FIRST)
        assert response.status_code == 201, response.text
        report = response.json()
        assert report["status"] == "draft"
        assert (report["lines_read"], report["accepted"], report["rejected"], report["item_count"]) == (
            3,
            3,
            0,
            3,
        )
        assert report["diff"] == {"new": 3, "removed": 0, "changed": 0, "price_changed": 0}
        assert db.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "catalogue.import")
        )

    def test_prices_and_comparison_prices_are_exact_decimals(self, upload, client, shop, db):
        version_id = upload(FIRST, activate=True).json()["id"]
        item = db.scalar(
            select(CatalogueItem).where(
                CatalogueItem.version_id == version_id, CatalogueItem.supplier_item_number == "HM-1"
            )
        )
        body = client.get(f"/api/v1/catalog/items/{item.id}", headers=shop.headers).json()
        assert body["unit_price"] == "25.9000"
        assert body["comparison_price"] == "12.9500" and body["comparison_unit"] == "KGM"
        assert body["labels"] == ["Ø-mærket"]

    def test_second_import_shows_what_changes_before_it_goes_live(self, upload, client, shop):
        first = upload(FIRST, activate=True).json()
        second = upload(SECOND).json()
        assert second["status"] == "draft"
        assert (second["lines_read"], second["accepted"], second["rejected"]) == (4, 3, 1)
        assert second["diff"] == {"new": 1, "removed": 1, "changed": 1, "price_changed": 1}
        rejected = second["rejected_lines"]
        assert rejected == [
            {
                "line_number": 5,
                "xpath": None,
                "field": "price",
                "code": "bad_price",
                "reason": rejected[0]["reason"],
                "value": "abc",
            }
        ]
        prices = client.get(f"/api/v1/catalogs/{second['id']}/diff?kind=price", headers=shop.headers).json()
        assert prices["compared_with"] == first["id"]
        assert prices["rows"] == [
            {
                "supplier_item_number": "HM-1",
                "name": "Hvedemel 2 kg",
                "old_price": "25.9000",
                "new_price": "27.5000",
                "percent": "6.2",
            }
        ]
        new = client.get(f"/api/v1/catalogs/{second['id']}/diff?kind=new", headers=shop.headers).json()
        removed = client.get(
            f"/api/v1/catalogs/{second['id']}/diff?kind=removed", headers=shop.headers
        ).json()
        assert [r["supplier_item_number"] for r in new["rows"]] == ["SMØ-250"]
        assert [r["supplier_item_number"] for r in removed["rows"]] == ["SM-1"]
        # Until activated, the first version stays the active one.
        versions = {v["id"]: v["status"] for v in client.get("/api/v1/catalogs", headers=shop.headers).json()}
        assert versions == {first["id"]: "active", second["id"]: "draft"}


class TestActivateAndRestore:
    def test_activation_swaps_versions_and_restore_brings_the_old_one_back(self, upload, client, shop, db):
        first = upload(FIRST, activate=True).json()
        second = upload(SECOND).json()
        assert (
            client.post(f"/api/v1/catalogs/{second['id']}/activate", headers=shop.headers).json()["status"]
            == "active"
        )
        statuses = {v["id"]: v["status"] for v in client.get("/api/v1/catalogs", headers=shop.headers).json()}
        assert statuses == {first["id"]: "superseded", second["id"]: "active"}
        restored = client.post(f"/api/v1/catalogs/{first['id']}/restore", headers=shop.headers)
        assert restored.json()["status"] == "active"
        statuses = {v["id"]: v["status"] for v in client.get("/api/v1/catalogs", headers=shop.headers).json()}
        assert statuses == {first["id"]: "active", second["id"]: "superseded"}

    def test_activating_twice_or_restoring_a_draft_is_a_clear_conflict(self, upload, client, shop):
        version = upload(FIRST, activate=True).json()
        again = client.post(f"/api/v1/catalogs/{version['id']}/activate", headers=shop.headers)
        assert again.status_code == 409 and again.json()["error"]["code"] == "not_draft"
        draft = upload(SECOND).json()
        restore = client.post(f"/api/v1/catalogs/{draft['id']}/restore", headers=shop.headers)
        assert restore.status_code == 409 and restore.json()["error"]["code"] == "not_superseded"

    def test_price_history_answers_what_the_price_was_on_a_date(self, upload, client, shop, db):
        upload(FIRST, activate=True)
        before_change = utcnow()
        second = upload(SECOND).json()
        client.post(f"/api/v1/catalogs/{second['id']}/activate", headers=shop.headers)
        old = repository.item_at(db, shop.supplier.id, shop.agreement.id, "HM-1", before_change)
        new = repository.item_at(
            db, shop.supplier.id, shop.agreement.id, "HM-1", utcnow() + timedelta(seconds=1)
        )
        assert (str(old.unit_price), str(new.unit_price)) == ("25.9000", "27.5000")
        item = db.scalar(
            select(CatalogueItem).where(
                CatalogueItem.version_id == second["id"], CatalogueItem.supplier_item_number == "HM-1"
            )
        )
        history = client.get(f"/api/v1/catalog/items/{item.id}", headers=shop.headers).json()["price_history"]
        assert [h["unit_price"] for h in history] == ["27.5000", "25.9000"]
        assert history[0]["to_at"] is None and history[1]["to_at"] is not None


class TestBadFiles:
    def _nothing_stored(self, db) -> None:  # type: ignore[no-untyped-def]
        assert _count(db, CatalogueVersion) == 0
        assert _count(db, CatalogueItem) == 0
        assert _count(db, CatalogueRejectedLine) == 0

    def test_missing_column_is_refused_and_nothing_is_kept(self, upload, db):
        response = upload(b"Navn;Pris\nHvedemel;25\n")
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "missing_column"
        self._nothing_stored(db)

    def test_undecodable_file(self, upload, db):
        response = upload(b"Varenr;Varenavn;Pris\n\x81\x8d\x8f\x90\x9d;x;1\n" + bytes(range(128, 256)) * 50)
        assert response.status_code == 422
        assert response.json()["error"]["code"] in ("bad_encoding", "missing_column")
        self._nothing_stored(db)

    def test_invoice_instead_of_catalogue(self, upload, db):
        invoice = (
            b'<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">'
            b"</Invoice>"
        )
        response = upload(invoice, "faktura.xml")
        assert response.status_code == 422 and response.json()["error"]["code"] == "wrong_document_type"
        self._nothing_stored(db)

    def test_xml_with_entities_is_refused(self, upload, db):
        evil = (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<Catalogue xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2">&e;</Catalogue>'
        )
        response = upload(evil, "katalog.xml")
        assert response.status_code == 422 and response.json()["error"]["code"] == "unsafe_xml"
        self._nothing_stored(db)

    def test_failed_import_leaves_the_active_catalogue_as_it_was(self, upload, client, shop, db):
        active = upload(FIRST, activate=True).json()
        assert upload(b"\x00\x01garbage", "x.csv").status_code == 422
        statuses = {v["id"]: v["status"] for v in client.get("/api/v1/catalogs", headers=shop.headers).json()}
        assert statuses == {active["id"]: "active"}
        assert _count(db, CatalogueItem) == 3

    def test_upload_over_the_size_cap_is_refused_before_reading(self, upload, db, monkeypatch):
        from app.config import get_settings

        monkeypatch.setattr(get_settings(), "max_upload_mb", 1)
        response = upload(b"x" * (1024 * 1024 + 10))
        assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"
        self._nothing_stored(db)

    def test_supplier_not_on_the_agreement(self, upload, db, shop):
        from tests.factories import make_supplier

        other = make_supplier(db, "Anden Leverandør ApS")
        response = upload(FIRST, supplier=other.cvr)
        assert response.status_code == 422 and response.json()["error"]["code"] == "supplier_not_on_agreement"

    def test_agreement_not_joined(self, upload, db):
        response = upload(FIRST, agreement="99.99")
        assert response.status_code == 404 and response.json()["error"]["code"] == "unknown_agreement"

    def test_requisitioner_may_not_import(self, upload, shop, db):
        from app.auth.service import create_api_token

        token = create_api_token(db, shop.requisitioner, "t")
        response = upload(FIRST, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 403
        self._nothing_stored(db)


class TestDelta:
    DELTA = """<?xml version="1.0" encoding="UTF-8"?>
<Catalogue xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2"
           xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
           xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:fdc:peppol.eu:poacc:trns:catalogue:3</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:poacc:bis:catalogue_only:3</cbc:ProfileID>
  <cbc:ID>DELTA-1</cbc:ID>
  <cbc:ActionCode>Update</cbc:ActionCode>
  <cbc:IssueDate>2026-11-01</cbc:IssueDate>
  <cac:ProviderParty><cac:PartyName><cbc:Name>Nordfrugt</cbc:Name></cac:PartyName></cac:ProviderParty>
  <cac:ReceiverParty><cac:PartyName><cbc:Name>Solby</cbc:Name></cac:PartyName></cac:ReceiverParty>
  {lines}
</Catalogue>"""
    LINE = """<cac:CatalogueLine><cbc:ID>{n}</cbc:ID><cbc:ActionCode>{action}</cbc:ActionCode>
    <cbc:OrderableUnit>EA</cbc:OrderableUnit>
    <cac:RequiredItemLocationQuantity><cac:Price><cbc:PriceAmount currencyID="DKK">{price}</cbc:PriceAmount>
    </cac:Price></cac:RequiredItemLocationQuantity>
    <cac:Item><cbc:Name>{name}</cbc:Name><cac:SellersItemIdentification><cbc:ID>{number}</cbc:ID>
    </cac:SellersItemIdentification></cac:Item></cac:CatalogueLine>"""

    def test_update_file_applies_its_lines_to_the_active_version(self, upload, client, shop, db):
        upload(FIRST, activate=True)
        lines = "".join(
            [
                self.LINE.format(n=1, action="Update", price="26.50", name="Hvedemel 2 kg", number="HM-1"),
                self.LINE.format(n=2, action="Delete", price="0", name="Sødmælk", number="SM-1"),
                self.LINE.format(n=3, action="Add", price="12.00", name="Salt 1 kg", number="SA-1"),
            ]
        )
        report = upload(self.DELTA.format(lines=lines).encode(), "delta.xml").json()
        assert report["based_on_id"] is not None
        assert report["diff"] == {"new": 1, "removed": 1, "changed": 1, "price_changed": 1}
        numbers = set(
            db.scalars(
                select(CatalogueItem.supplier_item_number).where(CatalogueItem.version_id == report["id"])
            )
        )
        assert numbers == {"HM-1", "ÆG-10", "SA-1"}


class TestReadInAReaderProcess:
    """Uploads read by a reader process (forced here for small files) behave as uploads read in process."""

    @pytest.fixture(autouse=True)
    def _reader_process(self, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
        from app.catalogue import reader_process, reading

        started = []

        class Counted(reader_process.ProcessBatches):
            def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
                started.append(args[0])
                super().__init__(*args, **kwargs)

        monkeypatch.setattr(reading, "PROCESS_MIN_BYTES", 0)
        monkeypatch.setattr(reading, "_spare_cpus", lambda: True)
        monkeypatch.setattr(reader_process, "ProcessBatches", Counted)
        yield
        assert started, "no upload was read by a reader process"

    def test_bad_lines_are_reported_with_their_line_numbers(self, upload, client, shop):
        upload(FIRST, activate=True)
        second = upload(SECOND).json()
        assert (second["lines_read"], second["accepted"], second["rejected"]) == (4, 3, 1)
        assert [(r["line_number"], r["code"]) for r in second["rejected_lines"]] == [(5, "bad_price")]
        assert second["diff"] == {"new": 1, "removed": 1, "changed": 1, "price_changed": 1}

    def test_a_file_refused_half_way_leaves_the_active_catalogue_as_it_was(self, upload, client, shop, db):
        active = upload(FIRST, activate=True).json()
        truncated = SECOND + b'TR-1;;"Rugmel;pose;1 kg;9,95;25;\n'
        response = upload(truncated, activate=True)
        assert response.status_code == 422 and response.json()["error"]["code"] == "truncated"
        statuses = {v["id"]: v["status"] for v in client.get("/api/v1/catalogs", headers=shop.headers).json()}
        assert statuses == {active["id"]: "active"}
        assert _count(db, CatalogueItem) == 3 and _count(db, CatalogueRejectedLine) == 0

    def test_update_file(self, upload, client, shop, db):
        TestDelta().test_update_file_applies_its_lines_to_the_active_version(upload, client, shop, db)


def test_thousands_of_rejected_lines_are_all_stored_between_the_items(db, shop):  # type: ignore[no-untyped-def]
    """Rejected lines are written between batches of items, never while items stream in (PostgreSQL's COPY)."""
    import io

    from app.catalogue import service
    from tests.catalogue.conftest import csv_file

    content = csv_file(*(f"V-{n};;Vare {n};stk;;{'abc' if n % 2 else '1,00'};25;" for n in range(1, 5001)))
    version = service.import_catalogue(
        db,
        "test",
        supplier_cvr=shop.supplier.cvr,
        agreement_number=shop.agreement.number,
        source=io.BytesIO(content),
        source_name="k.csv",
    )
    assert (version.lines_read, version.accepted, version.rejected, version.item_count) == (
        5000,
        2500,
        2500,
        2500,
    )
    lines = db.scalars(
        select(CatalogueRejectedLine.line_number).where(CatalogueRejectedLine.version_id == version.id)
    ).all()
    assert sorted(lines) == list(range(2, 5002, 2))
