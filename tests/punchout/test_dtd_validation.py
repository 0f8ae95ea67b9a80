"""Strict on output: what we and the demo shop emit validates against the cXML 1.2.071 DTD.

Uses the public DTD beside the repository (../shared/samples); skipped where that folder is absent.
"""

from datetime import datetime
from decimal import Decimal

import pytest
from lxml import etree

from punchout import (
    Cart,
    CartLine,
    Contact,
    Credential,
    ItemRef,
    OrderLine,
    OrderRequest,
    PriceBasis,
    SetupRequest,
    build_order_message,
    build_order_request,
    build_profile_request,
    build_profile_response,
    build_setup_request,
    build_setup_response,
    build_status_response,
    parse_order_message,
)
from tests.punchout.conftest import CXML_DTD, fixture_bytes, needs_dtd, tree

pytestmark = needs_dtd


def assert_valid(dtd, data: bytes) -> None:
    assert dtd.validate(tree(data)), dtd.error_log.filter_from_errors()


def sample_lines() -> list[CartLine]:
    return [
        CartLine(
            1,
            Decimal(3),
            "KH-1001",
            "session 88\n  ",
            Decimal("12.50"),
            "DKK",
            "Kuglepen",
            "Pen",
            "PK",
            [("UNSPSC", "44121701")],
            "BP-10-B",
            "Skrivegrej A/S",
            2,
            "5701234567899",
            tax_amount=Decimal("9.38"),
            tax_rate=Decimal(25),
            extrinsics={"Farve": "blå"},
            url="https://shop.example/p/1",
            descriptions={"da": "Kuglepen", "en": "Ballpoint pen"},
        ),
        CartLine(
            2,
            Decimal(3),
            "HANDSKE-M",
            None,
            Decimal(25),
            "DKK",
            "Handsker",
            None,
            "PK",
            price_basis=PriceBasis(Decimal(100), Decimal(10), "EA", "pr. 100 stk.", Decimal("250.00")),
        ),
    ]


@pytest.mark.parametrize("operation", ["create", "edit", "inspect"])
def test_setup_request(cxml_dtd, envelope, town_hall, operation):
    items = sample_lines() if operation != "create" else []
    request = SetupRequest(
        "cookie",
        "https://portal.example/r/t",
        envelope,
        operation,
        {"UserEmail": "anna@holbaek.example", "CostCenter": "4711"},
        [Contact("Anna", "anna@holbaek.example")],
        town_hall,
        ItemRef("KH-1001"),
        items,
    )
    assert_valid(cxml_dtd, build_setup_request(request))


def test_profile_request(cxml_dtd, envelope):
    assert_valid(cxml_dtd, build_profile_request(envelope))


def test_order_request(cxml_dtd, envelope, town_hall):
    lines = [
        OrderLine.from_cart_line(ln, requested_delivery_date=datetime(2026, 3, 10).date())
        for ln in sample_lines()
    ]
    order = OrderRequest(
        "PO-1",
        datetime(2026, 3, 1, 12),
        town_hall,
        lines,
        ship_to=town_hall,
        comments="Ring ved levering",
        contacts=[Contact("Anna", "a@b.dk", role="buyer")],
        extrinsics={"CostCenter": "4711"},
        tax_amount=Decimal("18.76"),
        shipping_amount=Decimal(0),
        type="update",
        order_version=2,
        document_reference_payload_id="prev@portal",
    )
    assert_valid(cxml_dtd, build_order_request(order, envelope))


def test_order_request_from_a_real_world_cart(cxml_dtd, envelope, town_hall):
    cart = parse_order_message(fixture_bytes("poom_variations.xml"), expected_currency="DKK")
    order = OrderRequest(
        "PO-2", datetime(2026, 3, 1, 12), town_hall, [OrderLine.from_cart_line(ln) for ln in cart.lines]
    )
    assert_valid(cxml_dtd, build_order_request(order, envelope))


@pytest.mark.parametrize("status", [None, 204])
def test_supplier_order_message(cxml_dtd, status):
    cart = Cart(
        "cxml", currency="DKK", lines=sample_lines(), shipping_amount=Decimal(0), tax_amount=Decimal(9)
    )
    creds = Credential("DUNS", "123456789", "never-in-a-cart")
    data = build_order_message(
        cart, creds, Credential("NetworkID", "HOLBAEK"), creds, "cookie", "edit", status_code=status
    )
    assert_valid(cxml_dtd, data)
    assert b"never-in-a-cart" not in data


def test_supplier_responses(cxml_dtd):
    assert_valid(cxml_dtd, build_setup_response("https://shop.example/start/abc"))
    assert_valid(cxml_dtd, build_status_response(401, "Unauthorized", "unknown sender"))
    assert_valid(
        cxml_dtd,
        build_profile_response({"PunchOutSetupRequest": "https://s/x", "OrderRequest": "https://s/o"}),
    )


@pytest.mark.parametrize(
    "name",
    [
        "poom_basic.xml",
        "poom_pricebasis.xml",
        "poom_no_change_204.xml",
        "setup_response_ok.xml",
        "profile_response.xml",
    ],
)
def test_our_well_formed_fixtures_are_dtd_valid(cxml_dtd, name):
    # Keeps the fixtures honest: the "clean" ones are valid, the variation ones deliberately are not.
    assert_valid(cxml_dtd, fixture_bytes(name))


def test_confirmation_fixture_is_valid_against_fulfill_dtd():
    fulfill = etree.DTD(str(CXML_DTD.with_name("Fulfill.dtd")))
    assert fulfill.validate(tree(fixture_bytes("confirmation_request.xml"))), fulfill.error_log
