"""The cart (PunchOutOrderMessage): lenient reading of real-world variations, and every warning code."""

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from punchout import (
    CURRENCY_MISMATCH,
    DUPLICATE_LINE,
    MISSING_PRICE,
    NEGATIVE_QUANTITY,
    SHARED_SECRET_IN_CART,
    TOTAL_MISMATCH,
    MalformedDocumentError,
    parse_order_message,
    parse_xml,
)
from tests.punchout.conftest import fixture_bytes


def codes(cart) -> list[str]:
    return [w.code for w in cart.warnings]


class TestBasicCart:
    @pytest.fixture(scope="class")
    def cart(self):
        return parse_order_message(fixture_bytes("poom_basic.xml"), expected_currency="DKK")

    def test_header(self, cart):
        assert (cart.protocol, cart.buyer_cookie, cart.operation_allowed) == ("cxml", "cookie-7f3a", "edit")
        assert (cart.currency, cart.total, cart.recomputed_total) == (
            "DKK",
            Decimal("286.50"),
            Decimal("286.50"),
        )
        assert (cart.status_code, cart.status_text, cart.outcome) == (200, "OK", "cart")
        assert cart.timestamp == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
        assert cart.envelope.deployment_mode == "test"
        assert cart.envelope.from_credentials[0].identity == "123456789"
        assert cart.warnings == []

    def test_first_line(self, cart):
        line = cart.lines[0]
        assert (line.line_number, line.quantity, line.unit_price) == (1, Decimal(3), Decimal("12.50"))
        assert (line.supplier_part_id, line.supplier_part_auxiliary_id) == ("KH-1001", "session 88 line 1")
        assert (line.description, line.short_name) == ("Kuglepen, blå, 10 stk.", "Kuglepen blå")
        assert (line.unit_of_measure, line.classification) == ("PK", [("UNSPSC", "44121701")])
        assert (line.manufacturer_part_id, line.manufacturer_name) == ("BP-10-B", "Skrivegrej A/S")
        assert (line.lead_time_days, line.url, line.gtin) == (
            2,
            "https://shop.example/p/KH-1001",
            "5701234567899",
        )
        assert line.extrinsics == {"Farve": "blå"}
        assert line.line_total == Decimal("37.50")

    def test_danish_description_is_preferred_over_english(self, cart):
        line = cart.lines[1]
        assert (line.description_lang, line.description, line.short_name) == (
            "da-DK",
            "Skrivebordslampe, LED",
            "Bordlampe",
        )
        assert line.descriptions == {"en": "Desk lamp, LED", "da-DK": "Skrivebordslampe, LED"}

    def test_raw_xml_is_kept_and_parses_again(self, cart):
        assert "KH-2002" in cart.raw_xml
        assert parse_xml(cart.raw_xml.encode()) is not None


class TestLowercaseLegacyCart:
    @pytest.fixture(scope="class")
    def cart(self):
        return parse_order_message(fixture_bytes("poom_lowercase.xml"), expected_currency="DKK")

    def test_lowercase_elements_and_attributes_are_read(self, cart):
        assert cart.operation_allowed == "create"
        assert cart.buyer_cookie == "cookie-legacy"
        assert [(ln.supplier_part_id, ln.quantity, ln.unit_price) for ln in cart.lines] == [
            ("OD-55", Decimal(2), Decimal("10.00"))
        ]
        assert cart.lines[0].line_number == 1
        assert cart.envelope.version == "1.2.011"

    def test_timestamp_without_zone_is_read_as_copenhagen_time(self, cart):
        assert cart.timestamp.utcoffset() == timedelta(hours=1)

    def test_shared_secret_is_ignored_scrubbed_and_reported(self, cart):
        assert codes(cart) == [SHARED_SECRET_IN_CART]
        assert "leaked-in-the-browser" not in cart.raw_xml
        assert "leaked" not in repr(cart)
        assert all(c.shared_secret is None for c in cart.envelope.sender_credentials)

    def test_shared_secret_is_scrubbed_from_a_utf16_cart_too(self):
        text = fixture_bytes("poom_lowercase.xml").decode("utf-8")
        cart = parse_order_message(text.encode("utf-16"), expected_currency="DKK")
        assert SHARED_SECRET_IN_CART in codes(cart)
        assert "leaked-in-the-browser" not in cart.raw_xml

    def test_english_description_when_there_is_no_danish(self, cart):
        assert cart.lines[0].description == "Sticky notes"


class TestRealWorldVariations:
    @pytest.fixture(scope="class")
    def cart(self):
        return parse_order_message(fixture_bytes("poom_variations.xml"), expected_currency="DKK")

    def test_four_decimal_prices_and_fractional_quantity(self, cart):
        lines = cart.lines
        assert [ln.unit_price for ln in lines] == [Decimal("18.7650"), Decimal("22.7200")]
        assert lines[1].quantity == Decimal("1.5")
        assert [ln.line_total for ln in lines] == [Decimal("37.5300"), Decimal("34.0800")]

    def test_empty_currency_is_filled_from_the_cart(self, cart):
        assert cart.lines[0].currency == "DKK"
        assert CURRENCY_MISMATCH not in codes(cart)

    def test_empty_classification_domain_and_ten_digit_code_survive(self, cart):
        assert cart.lines[0].classification == [("", "5136030000")]

    def test_tax_as_fraction_or_percent_becomes_a_percentage(self, cart):
        assert [ln.tax_rate for ln in cart.lines] == [Decimal(25), Decimal("25.000")]
        assert [ln.tax_amount for ln in cart.lines] == [Decimal("9.3825"), Decimal("8.52")]
        assert (cart.tax_amount, cart.shipping_amount) == (Decimal("17.9025"), Decimal("0.0000"))

    def test_several_from_credentials(self, cart):
        assert [c.domain for c in cart.envelope.from_credentials] == [
            "NetworkId",
            "DUNS",
            "UserSiteNetworkUserId",
        ]

    def test_plus0200_timestamp_with_milliseconds(self, cart):
        assert cart.timestamp == datetime(2026, 3, 1, 10, 0, 0, 123000, tzinfo=timezone(timedelta(hours=2)))

    def test_total_that_does_not_add_up_is_recomputed_and_flagged(self, cart):
        assert (cart.total, cart.recomputed_total) == (Decimal("75.00"), Decimal("71.6100"))
        [warning] = [w for w in cart.warnings if w.code == TOTAL_MISMATCH]
        assert warning.detail == {"total": "75.00", "recomputed_total": "71.6100"}
        assert warning.severity == "warning"

    def test_shortname_in_cdata_and_multiline_description(self, cart):
        line = cart.lines[0]
        assert line.short_name == "Skrue 5x100 <rustfri>"
        assert line.description.startswith("Træskrue 5x100 mm, rustfri,")
        assert line.description.endswith("100 stk. i æske")

    def test_no_danish_or_english_takes_the_first_language(self, cart):
        assert cart.lines[1].description == "Installationskabel 3G1,5"

    def test_supplier_part_id_keeps_inner_spaces_and_gtin_from_extrinsic(self, cart):
        assert cart.lines[0].supplier_part_id == "031710    005  100"
        assert cart.lines[1].gtin == "4006381333931"

    def test_same_auxiliary_id_on_different_items_is_not_a_duplicate(self, cart):
        assert DUPLICATE_LINE not in codes(cart)


def test_price_basis_quantity_with_conversion_factor():
    # Money 250.00 buys 100 EA; one ordered PK is 10 EA (conversionFactor), so a PK costs 250 × 10 / 100.
    cart = parse_order_message(fixture_bytes("poom_pricebasis.xml"))
    line = cart.lines[0]
    assert line.unit_price == Decimal(25)
    assert line.price_basis.price == Decimal("250.00")
    assert (line.price_basis.quantity, line.price_basis.conversion_factor) == (Decimal(100), Decimal(10))
    assert line.line_total == Decimal(75)
    assert TOTAL_MISMATCH not in codes(cart)


def test_duplicate_lines_are_kept_and_flagged():
    cart = parse_order_message(fixture_bytes("poom_duplicates.xml"))
    assert len(cart.lines) == 3
    [warning] = [w for w in cart.warnings if w.code == DUPLICATE_LINE]
    assert warning.detail["lines"] == [1, 2]
    assert [ln.flags for ln in cart.lines] == [[DUPLICATE_LINE], [DUPLICATE_LINE], []]
    assert cart.recomputed_total == Decimal("45.00")


def test_status_204_means_no_change():
    cart = parse_order_message(fixture_bytes("poom_no_change_204.xml"))
    assert (cart.status_code, cart.no_change, cart.outcome, cart.lines) == (204, True, "no_change", [])


def edited(name: str, old: bytes, new: bytes) -> bytes:
    data = fixture_bytes(name)
    assert old in data
    return data.replace(old, new)


def test_empty_create_is_cancelled_and_empty_edit_clears_lines():
    no_items = edited("poom_no_change_204.xml", b'<Status code="204" text="No Content"/>', b"")
    assert parse_order_message(no_items).outcome == "clear_lines"
    create = no_items.replace(b'operationAllowed="edit"', b'operationAllowed="create"')
    assert parse_order_message(create).outcome == "cancelled"


def test_cart_in_another_currency_is_flagged():
    cart = parse_order_message(fixture_bytes("poom_basic.xml"), expected_currency="EUR")
    [warning] = cart.warnings
    assert (warning.code, warning.detail) == (CURRENCY_MISMATCH, {"expected": "EUR", "found": "DKK"})
    assert all(CURRENCY_MISMATCH in ln.flags for ln in cart.lines)


def test_line_in_another_currency_than_the_cart_is_flagged():
    data = edited(
        "poom_basic.xml", b'<Money currency="DKK">249.00</Money>', b'<Money currency="SEK">249.00</Money>'
    )
    cart = parse_order_message(data)
    assert [w.detail.get("line") for w in cart.warnings if w.code == CURRENCY_MISMATCH] == [2]


def test_negative_quantity_is_an_error():
    cart = parse_order_message(edited("poom_basic.xml", b'quantity="3"', b'quantity="-3"'))
    [error] = cart.errors
    assert (error.code, error.severity, error.detail["line"]) == (NEGATIVE_QUANTITY, "error", 1)
    assert NEGATIVE_QUANTITY in cart.lines[0].flags


@pytest.mark.parametrize("money", [b'<Money currency="DKK"></Money>', b'<Money currency="DKK">n/a</Money>'])
def test_missing_price_is_flagged(money):
    cart = parse_order_message(edited("poom_basic.xml", b'<Money currency="DKK">12.50</Money>', money))
    assert cart.lines[0].unit_price is None
    assert MISSING_PRICE in codes(cart)


def test_missing_quantity_is_malformed():
    with pytest.raises(MalformedDocumentError) as caught:
        parse_order_message(edited("poom_basic.xml", b'quantity="3" ', b""))
    assert "quantity" in caught.value.xpath


def test_unknown_operation_allowed_falls_back_to_create():
    cart = parse_order_message(
        edited("poom_basic.xml", b'operationAllowed="edit"', b'operationAllowed="change"')
    )
    assert cart.operation_allowed == "create"
    assert "invalid_operation_allowed" in codes(cart)


def test_a_document_that_is_not_a_cart_is_malformed():
    with pytest.raises(MalformedDocumentError):
        parse_order_message(fixture_bytes("setup_response_ok.xml"))


@pytest.mark.parametrize("encoding", ["ISO-8859-1", "windows-1252"])
def test_legacy_encodings(encoding):
    text = fixture_bytes("poom_basic.xml").decode().replace('encoding="UTF-8"', f'encoding="{encoding}"')
    cart = parse_order_message(text.encode(encoding))
    assert cart.lines[0].description == "Kuglepen, blå, 10 stk."
