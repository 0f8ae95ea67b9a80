"""The demo shop's half: read our setup request, answer it, and return carts that our parser reads back."""

from decimal import Decimal

import pytest

from punchout import (
    BuildError,
    Cart,
    CartLine,
    Credential,
    MalformedDocumentError,
    PriceBasis,
    build_order_message,
    build_profile_response,
    build_setup_response,
    build_status_response,
    parse_order_message,
    parse_profile_response,
    parse_setup_request,
    parse_setup_response,
    parse_status,
)
from tests.punchout.conftest import child_names, tree

SHOP = Credential("DUNS", "123456789", "shop-secret")
BUYER = Credential("NetworkID", "HOLBAEK-KOMMUNE")


def shop_cart() -> Cart:
    return Cart(
        "cxml",
        currency="DKK",
        lines=[
            CartLine(
                1,
                Decimal(3),
                "KH-1001",
                "\n  <cfg>blå</cfg>\n",
                Decimal("12.50"),
                "DKK",
                "Kuglepen",
                "Pen",
                "PK",
                [("UNSPSC", "44121701")],
                tax_amount=Decimal("9.38"),
                tax_rate=Decimal(25),
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
                price_basis=PriceBasis(Decimal(100), Decimal(10), "EA", price=Decimal("250.00")),
            ),
        ],
    )


def test_order_message_round_trip():
    data = build_order_message(shop_cart(), SHOP, BUYER, SHOP, "cookie-9", "edit")
    cart = parse_order_message(data, expected_currency="DKK")
    assert (cart.buyer_cookie, cart.operation_allowed, cart.total) == ("cookie-9", "edit", Decimal("112.50"))
    assert cart.warnings == []
    first, second = cart.lines
    assert first.supplier_part_auxiliary_id == "\n  <cfg>blå</cfg>\n"
    assert (first.tax_amount, first.tax_rate, first.short_name) == (Decimal("9.38"), Decimal(25), "Pen")
    assert (second.unit_price, second.price_basis.price) == (Decimal(25), Decimal("250.00"))


def test_order_message_header_order_and_no_shared_secret():
    data = build_order_message(shop_cart(), SHOP, BUYER, SHOP, "cookie-9")
    assert b"shop-secret" not in data
    root = tree(data)
    assert child_names(root.find("Message/PunchOutOrderMessage")) == [
        "BuyerCookie",
        "PunchOutOrderMessageHeader",
        "ItemIn",
        "ItemIn",
    ]
    item = root.find("Message/PunchOutOrderMessage/ItemIn")
    assert child_names(item) == ["ItemID", "ItemDetail", "Tax"]


def test_no_change_message():
    data = build_order_message(
        Cart("cxml", currency="DKK"), SHOP, BUYER, SHOP, "cookie-9", "edit", status_code=204
    )
    assert parse_status(data).code == 204
    assert parse_order_message(data).outcome == "no_change"


def test_order_message_refuses_an_unknown_operation():
    with pytest.raises(BuildError, match="operationAllowed"):
        build_order_message(shop_cart(), SHOP, BUYER, SHOP, "c", "delete")


def test_setup_and_status_responses_round_trip():
    response = parse_setup_response(build_setup_response("https://shop.example/start/abc"))
    assert (response.status_code, response.start_url, response.ok) == (
        200,
        "https://shop.example/start/abc",
        True,
    )
    refused = parse_setup_response(build_status_response(401, "Unauthorized", "unknown sender"))
    assert (refused.status_code, refused.status_text, refused.status_detail) == (
        401,
        "Unauthorized",
        "unknown sender",
    )


def test_profile_response_round_trip():
    data = build_profile_response(
        {"PunchOutSetupRequest": "https://shop.example/setup", "OrderRequest": "https://shop.example/order"},
        operations=["create", "edit", "inspect"],
    )
    profile = parse_profile_response(data)
    assert profile.punchout_operations == ["create", "edit", "inspect"]
    assert profile.transactions["OrderRequest"] == "https://shop.example/order"


LEGACY_SETUP = b"""<?xml version="1.0"?>
<cxml payloadID="1" timestamp="Mon May 19 18:29:48 +0000 2008">
  <header>
    <from><credential domain="NetworkId"><identity>BUYER</identity></credential></from>
    <to><credential domain="DUNS"><identity>123456789</identity></credential></to>
    <sender>
      <credential domain="NetworkId"><identity>BUYER</identity><sharedsecret>s</sharedsecret></credential>
      <useragent>old</useragent>
    </sender>
  </header>
  <request>
    <punchoutsetuprequest operation="create">
      <buyercookie>  c-1  </buyercookie>
      <contact role="endUser"><name xml:lang="en">Anna</name><email>a@b.dk</email></contact>
      <browserformpost><url>https://buyer.example/return</url></browserformpost>
    </punchoutsetuprequest>
  </request>
</cxml>"""


def test_shop_reads_a_legacy_setup_request_in_any_order():
    request = parse_setup_request(LEGACY_SETUP)
    assert (request.buyer_cookie, request.browser_form_post_url) == ("c-1", "https://buyer.example/return")
    assert request.contacts[0].email == "a@b.dk"
    assert request.envelope.sender_credentials[0].shared_secret == "s"
    assert request.envelope.timestamp.year == 2008


def test_shop_refuses_a_setup_request_without_return_url():
    with pytest.raises(MalformedDocumentError):
        parse_setup_request(LEGACY_SETUP.replace(b"<url>https://buyer.example/return</url>", b""))
