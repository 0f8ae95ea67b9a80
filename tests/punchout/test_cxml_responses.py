"""Replies from suppliers: setup and profile responses, confirmations, and the Status of any reply."""

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from punchout import (
    MalformedDocumentError,
    parse_confirmation,
    parse_profile_response,
    parse_setup_response,
    parse_status,
)
from tests.punchout.conftest import fixture_bytes

CET = timezone(timedelta(hours=1))


def test_setup_response_with_a_non_standard_success_text():
    response = parse_setup_response(fixture_bytes("setup_response_ok.xml"))
    assert (response.status_code, response.status_text, response.ok) == (200, "success", True)
    assert response.start_url == "https://shop.example/punchout/start?sid=one-time-123"
    assert response.payload_id == "sr-1@shop.example"


def test_http_200_carrying_a_cxml_401_is_exposed_not_raised():
    response = parse_setup_response(fixture_bytes("setup_response_401.xml"))
    assert (response.status_code, response.status_text, response.ok) == (401, "Unauthorized", False)
    assert response.status_detail == "Sender credentials not recognised: HOLBAEK-KOMMUNE"
    assert response.start_url is None


def test_success_without_a_start_page_is_malformed():
    data = fixture_bytes("setup_response_ok.xml").replace(
        b"<URL>https://shop.example/punchout/start?sid=one-time-123</URL>", b""
    )
    with pytest.raises(MalformedDocumentError) as caught:
        parse_setup_response(data)
    assert caught.value.xpath.endswith("StartPage/URL")


def test_reply_without_status_is_malformed():
    # Coupa's most common setup failure: "No status element in setup response" (reference §5).
    with pytest.raises(MalformedDocumentError):
        parse_setup_response(b"<cXML payloadID='x' timestamp='y'><Response/></cXML>")


def test_html_error_page_is_malformed():
    with pytest.raises(MalformedDocumentError):
        parse_setup_response(b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>")


@pytest.mark.parametrize(
    ("code", "ok", "retryable"),
    [(200, True, False), (201, True, False), (204, True, False), (406, False, False), (500, False, True)],
)
def test_status_of_any_reply(code, ok, retryable):
    data = f'<cXML payloadID="p" timestamp="t"><Response><Status code="{code}" text="x"/></Response></cXML>'
    status = parse_status(data.encode())
    assert (status.code, status.ok, status.retryable) == (code, ok, retryable)


def test_status_of_a_message_without_status_is_an_implied_200():
    status = parse_status(fixture_bytes("poom_basic.xml"))
    assert (status.code, status.text) == (200, "OK")


def test_status_204_of_a_message():
    assert parse_status(fixture_bytes("poom_no_change_204.xml")).code == 204


def test_status_code_that_is_not_a_number_is_malformed():
    with pytest.raises(MalformedDocumentError):
        parse_status(b'<cXML><Response><Status code="OK" text="OK"/></Response></cXML>')


def test_profile_response():
    profile = parse_profile_response(fixture_bytes("profile_response.xml"))
    assert profile.transactions == {
        "PunchOutSetupRequest": "https://shop.example/cxml/setup",
        "OrderRequest": "https://shop.example/cxml/order",
    }
    assert profile.supports("orderrequest") and not profile.supports("ConfirmationRequest")
    assert profile.punchout_operations == ["create", "inspect"]
    assert profile.options == {"service": "kontorhuset"}
    assert profile.effective_date == datetime(2025, 1, 1, tzinfo=CET)


def test_profile_error_status_is_returned():
    profile = parse_profile_response(fixture_bytes("setup_response_401.xml"))
    assert (profile.status_code, profile.transactions) == (401, {})


def test_confirmation_request():
    confirmation = parse_confirmation(fixture_bytes("confirmation_request.xml"))
    assert (confirmation.type, confirmation.operation, confirmation.confirm_id) == ("detail", "new", "C-9001")
    assert (confirmation.order_id, confirmation.total, confirmation.currency) == (
        "PO-2026-0001",
        Decimal("286.50"),
        "DKK",
    )
    assert confirmation.order_payload_id == "1772362800000.77.123456789012@portal.example"
    assert confirmation.comments == "Lampen leveres senere."
    first, second = confirmation.items
    assert (first.line_number, first.quantity, first.statuses[0].type) == (1, Decimal(3), "accept")
    status = second.statuses[0]
    assert (status.type, status.quantity, status.unit_price, status.comments) == (
        "backordered",
        Decimal(0),
        Decimal("249.00"),
        "Restordre",
    )
    # A date-only deliveryDate is read as midnight Copenhagen time.
    assert status.delivery_date == datetime(2026, 3, 20, tzinfo=CET)


def test_confirmation_item_without_line_number_is_malformed():
    data = fixture_bytes("confirmation_request.xml").replace(b'quantity="3" lineNumber="1"', b'quantity="3"')
    with pytest.raises(MalformedDocumentError):
        parse_confirmation(data)
