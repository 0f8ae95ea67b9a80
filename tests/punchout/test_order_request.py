"""OrderRequest: header attributes and DTD order, lines built from stored cart lines, strict refusals."""

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest

from punchout import (
    BuildError,
    Contact,
    OrderLine,
    OrderRequest,
    PriceBasis,
    build_order_request,
    parse_order_message,
)
from tests.punchout.conftest import child_names, fixture_bytes, tree


def order_line(**changes) -> OrderLine:
    values = {
        "line_number": 1,
        "quantity": Decimal(3),
        "supplier_part_id": "KH-1001",
        "supplier_part_auxiliary_id": "session 88 line 1",
        "unit_price": Decimal("12.50"),
        "currency": "DKK",
        "unit_of_measure": "PK",
        "description": "Kuglepen, blå, 10 stk.",
        "short_name": "Kuglepen blå",
        "classification": [("UNSPSC", "44121701")],
        "manufacturer_part_id": "BP-10-B",
        "manufacturer_name": "Skrivegrej A/S",
        "gtin": "5701234567899",
        "extrinsics": {"CostCenter": "4711"},
        "requested_delivery_date": date(2026, 3, 10),
        "agreement_item_number": "SKI-50.40-17",
    }
    values.update(changes)
    return OrderLine(**values)


def order(town_hall, **changes) -> OrderRequest:
    values = {
        "order_id": "PO-2026-0001",
        "order_date": datetime(2026, 3, 1, 12, 0),
        "bill_to": replace(town_hall, name="Holbæk Kommune, Kreditor"),
        "ship_to": town_hall,
        "lines": [
            order_line(),
            order_line(
                line_number=2,
                quantity=Decimal("1.5"),
                supplier_part_auxiliary_id=None,
                unit_price=Decimal("22.7200"),
                unit_of_measure="MTR",
                gtin=None,
            ),
        ],
        "comments": "Leveres ved hovedindgangen.",
        "contacts": [Contact("Anna Æbelø", "anna@holbaek.example", role="buyer")],
        "extrinsics": {"UserEmail": "anna@holbaek.example", "CostCenter": "4711"},
        "agreement_id": "SKI 50.40",
        "tax_amount": Decimal("17.90"),
    }
    values.update(changes)
    return OrderRequest(**values)


def test_header_attributes_total_and_order(envelope, town_hall):
    root = tree(build_order_request(order(town_hall), envelope))
    header = root.find("Request/OrderRequest/OrderRequestHeader")
    assert (header.get("orderID"), header.get("orderDate"), header.get("type")) == (
        "PO-2026-0001",
        "2026-03-01T12:00:00+01:00",
        "new",
    )
    assert header.get("agreementID") == "SKI 50.40"
    # Total covers the lines only: 3 × 12.50 + 1.5 × 22.72 = 71.58, tax separate (reference §6).
    assert header.findtext("Total/Money") == "71.5800"
    assert (
        child_names(header) == ["Total", "ShipTo", "BillTo", "Tax", "Contact", "Comments"] + ["Extrinsic"] * 2
    )
    assert child_names(root.find("Request/OrderRequest")) == ["OrderRequestHeader", "ItemOut", "ItemOut"]


def test_item_out_carries_ids_detail_and_attributes(envelope, town_hall):
    item = tree(build_order_request(order(town_hall), envelope)).find("Request/OrderRequest/ItemOut")
    assert (item.get("quantity"), item.get("lineNumber"), item.get("requestedDeliveryDate")) == (
        "3",
        "1",
        "2026-03-10",
    )
    assert item.get("agreementItemNumber") == "SKI-50.40-17"
    assert child_names(item.find("ItemID")) == ["SupplierPartID", "SupplierPartAuxiliaryID", "IdReference"]
    assert item.find("ItemID/IdReference").attrib == {"identifier": "5701234567899", "domain": "EAN-13"}
    assert child_names(item.find("ItemDetail")) == [
        "UnitPrice",
        "Description",
        "UnitOfMeasure",
        "Classification",
        "ManufacturerPartID",
        "ManufacturerName",
        "Extrinsic",
    ]
    assert item.findtext("ItemDetail/Description/ShortName") == "Kuglepen blå"


def test_update_references_the_previous_order_request(envelope, town_hall):
    data = build_order_request(
        order(town_hall, type="update", order_version=2, document_reference_payload_id="prev@portal"),
        envelope,
    )
    header = tree(data).find("Request/OrderRequest/OrderRequestHeader")
    assert (header.get("type"), header.get("orderVersion")) == ("update", "2")
    assert header.find("DocumentReference").get("payloadID") == "prev@portal"


def test_lines_from_a_parsed_cart_keep_the_auxiliary_id_and_price_basis(envelope, town_hall):
    cart = parse_order_message(fixture_bytes("poom_variations.xml"), expected_currency="DKK")
    pricebasis_line = parse_order_message(fixture_bytes("poom_pricebasis.xml")).lines[0]
    lines = [OrderLine.from_cart_line(ln) for ln in [*cart.lines, pricebasis_line]]
    lines[2].line_number = 30
    data = build_order_request(order(town_hall, lines=lines, tax_amount=None), envelope)
    assert data.count(b"<SupplierPartAuxiliaryID>BASKET-77\n        </SupplierPartAuxiliaryID>") == 2
    items = tree(data).findall("Request/OrderRequest/ItemOut")
    assert [i.findtext("ItemDetail/UnitPrice/Money") for i in items] == ["18.7650", "22.7200", "250.00"]
    assert items[2].find("ItemDetail/PriceBasisQuantity").get("conversionFactor") == "10"
    # 37.53 + 34.08 + 3 PK at 25.00
    assert tree(data).findtext(".//OrderRequestHeader/Total/Money") == "146.6100"


def test_price_basis_without_a_quoted_price_is_derived(envelope, town_hall):
    line = order_line(unit_price=Decimal("0.10"), quantity=Decimal(100), price_basis=PriceBasis(Decimal(100)))
    item = tree(build_order_request(order(town_hall, lines=[line]), envelope)).find(
        "Request/OrderRequest/ItemOut"
    )
    assert item.findtext("ItemDetail/UnitPrice/Money") == "0.10"


@pytest.mark.parametrize(
    "changes",
    [
        {"type": "cancel"},
        {"type": "delete"},
        {"lines": []},
        {"currency": "EUR"},
        {"lines": [order_line(unit_of_measure=None)]},
        {"lines": [order_line(supplier_part_id="")]},
        {"lines": [order_line(currency="")]},
    ],
    ids=[
        "bad-type",
        "delete-without-reference",
        "no-lines",
        "line-currency-differs",
        "no-unit",
        "no-part-id",
        "no-currency",
    ],
)
def test_orders_the_dtd_would_refuse_are_not_built(envelope, town_hall, changes):
    if changes.get("lines") and changes["lines"][0].currency == "":
        changes["currency"] = ""
    with pytest.raises(BuildError):
        build_order_request(order(town_hall, **changes), envelope)


def test_bill_to_without_street_is_refused(envelope, town_hall):
    with pytest.raises(BuildError):
        build_order_request(order(town_hall, bill_to=replace(town_hall, street=[])), envelope)
