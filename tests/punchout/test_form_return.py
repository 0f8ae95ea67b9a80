"""The browser's return POST: base64, urlencoded (any spelling), raw XML, OCI; size caps and bad input."""

import base64
from urllib.parse import quote, urlencode

import pytest

from punchout import (
    MalformedDocumentError,
    PayloadTooLargeError,
    extract_cart,
    parse_oci_cart,
    parse_order_message,
)
from tests.punchout.conftest import fixture_bytes

CART = fixture_bytes("poom_basic.xml")
FORM = "application/x-www-form-urlencoded"


def wrapped_base64(data: bytes) -> str:
    """Base64 with the line breaks and indentation that suppliers' templates add."""
    encoded = base64.b64encode(data).decode()
    return "\n    ".join(encoded[i : i + 76] for i in range(0, len(encoded), 76)) + "\r\n"


@pytest.mark.parametrize("name", ["cXML-base64", "cxml-base64", "CXML-BASE64"])
def test_base64_field_in_any_case_with_whitespace(name):
    protocol, payload = extract_cart([(name, wrapped_base64(CART))], None, FORM)
    assert (protocol, payload) == ("cxml", CART)


@pytest.mark.parametrize("name", ["cXML-urlencoded", "cxml-urlencoded", "CXML-URLENCODED"])
def test_urlencoded_field_in_any_case(name):
    # The framework has already decoded the form: the value is text, whatever its declaration says.
    text = CART.decode().replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    protocol, payload = extract_cart([(name, text)], None, FORM)
    assert protocol == "cxml"
    assert parse_order_message(payload).lines[0].description == "Kuglepen, blå, 10 stk."


def test_base64_is_preferred_over_urlencoded():
    fields = [("cXML-urlencoded", "<broken"), ("cXML-base64", base64.b64encode(CART).decode())]
    assert extract_cart(fields, None, FORM) == ("cxml", CART)


def test_raw_xml_body():
    assert extract_cart(None, CART, 'text/xml; charset="UTF-8"') == ("cxml", CART)
    assert extract_cart([], b"\n  " + CART, None)[0] == "cxml"


def test_raw_form_body_in_windows_1252_is_decoded_by_us():
    # A windows-1252 shop page sends %E6 for "æ"; a UTF-8 form parser would make it U+FFFD (reference §7).
    legacy = CART.decode().replace('encoding="UTF-8"', 'encoding="windows-1252"').encode("cp1252")
    body = b"cXML-urlencoded=" + quote(legacy, safe="").encode() + b"&other=1"
    protocol, payload = extract_cart(None, body, "application/x-www-form-urlencoded; charset=windows-1252")
    assert protocol == "cxml"
    assert parse_order_message(payload).lines[0].description == "Kuglepen, blå, 10 stk."


def test_raw_form_body_with_base64():
    body = urlencode({"cxml-base64": wrapped_base64(CART)}).encode()
    assert extract_cart(None, body, FORM) == ("cxml", CART)


def test_oci_fields_are_detected():
    fields = [("NEW_ITEM-DESCRIPTION[1]", "Vare"), ("NEW_ITEM-QUANTITY[1]", "1"), ("extra", "x")]
    assert extract_cart(fields, None, FORM) == ("oci", fields)


def test_oci_raw_body_in_legacy_charset():
    body = b"new_item-description[1]=Bl%E6k&new_item-quantity[1]=2"
    protocol, payload = extract_cart(None, body, FORM)
    assert protocol == "oci"
    assert parse_oci_cart(payload).lines[0].description == "Blæk"


@pytest.mark.parametrize(
    "value",
    ["this is not base64!", "QUJD$RA==", "QUJDR", base64.b64encode(b"not xml at all").decode()],
    ids=["prose", "bad-character", "bad-length", "not-xml"],
)
def test_invalid_base64_is_an_error(value):
    with pytest.raises(MalformedDocumentError) as caught:
        extract_cart([("cXML-base64", value)], None, FORM)
    assert caught.value.field == "cXML-base64"


def test_50_mb_base64_payload_is_refused_by_the_size_cap():
    huge = "PD94" + "A" * (50 * 1024 * 1024)
    with pytest.raises(PayloadTooLargeError):
        extract_cart([("cXML-base64", huge)], None, FORM)


def test_size_cap_is_configurable_for_every_transport():
    with pytest.raises(PayloadTooLargeError):
        extract_cart([("cXML-base64", base64.b64encode(CART).decode())], None, FORM, max_bytes=1000)
    with pytest.raises(PayloadTooLargeError):
        extract_cart([("cXML-urlencoded", CART.decode())], None, FORM, max_bytes=1000)
    with pytest.raises(PayloadTooLargeError):
        extract_cart(None, CART, "text/xml", max_bytes=1000)


@pytest.mark.parametrize(
    ("fields", "body", "content_type"),
    [
        (None, None, None),
        ([("foo", "bar")], None, FORM),
        (None, b"hello=world", FORM),
        (None, b"", "text/xml"),
    ],
)
def test_no_cart_is_a_clear_error(fields, body, content_type):
    with pytest.raises(MalformedDocumentError, match="no cart"):
        extract_cart(fields, body, content_type)


def test_form_body_decoding_matches_the_standard_library_on_awkward_values():
    from urllib.parse import parse_qsl, urlencode

    from punchout.form_return import _parse_form_body

    values = [
        ("cXML-base64", "PD94bWwg+/==\n"),
        ("NEW_ITEM-DESCRIPTION[1]", "Æbler & pærer = 100% + mere"),
        ("literal", "%2B is not a plus"),
        ("empty", ""),
        ("nul", "a\x00b"),
    ]
    for pairs in (values[:4], values):
        body = urlencode(pairs).encode()
        decoded = [(name, value.decode("utf-8")) for name, value in _parse_form_body(body)]
        assert decoded == parse_qsl(body.decode(), keep_blank_values=True)


@pytest.mark.parametrize(
    "body",
    [
        b"a=back%5Cslash+%5Cx41+\\x41+\\\\",  # backslashes, escaped and not, next to what looks like an escape
        b"a=100%&b=%zz&c=%4",  # stray percent signs that start no escape are kept as they are
        b"a=%c3%a6ble+%C3%86BLE&NEW_ITEM-PRICE%5b1%5D=1%2C5",  # either case of hex digit
        b"q=%25%32%35",  # an escaped percent sign is decoded once, never twice
    ],
)
def test_raw_form_bodies_decode_as_the_standard_library_does(body):
    from urllib.parse import unquote_to_bytes

    from punchout.form_return import _parse_form_body

    expected = [
        (
            unquote_to_bytes(name.replace(b"+", b" ")).decode("utf-8", "replace"),
            unquote_to_bytes(value.replace(b"+", b" ")),
        )
        for name, _eq, value in (part.partition(b"=") for part in body.split(b"&"))
    ]
    assert _parse_form_body(body) == expected
