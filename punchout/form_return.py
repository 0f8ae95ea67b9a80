"""Finding the cart in the browser's return POST: cXML-base64, cXML-urlencoded, a raw XML body, or OCI.

Reference §7: the field name's spelling and case vary (`cXML-urlencoded`, `cxml-urlencoded` …), base64 is
preferred when both come, and a raw body is the last resort, as in the Dolibarr Würth module. The page's
charset decides how a browser encodes the form, and a framework that decodes percent-escapes as UTF-8 turns
a windows-1252 `%E6` into U+FFFD; pass the raw body (and no fields) to let this module decode it instead.
"""

import binascii
import codecs
import re
from urllib.parse import unquote_plus, unquote_to_bytes

from punchout.errors import MalformedDocumentError, PayloadTooLargeError
from punchout.oci_cart import form_pairs
from punchout.xmlsafe import DEFAULT_MAX_BYTES, text_to_xml_bytes

_CHARSET = re.compile(r"charset\s*=\s*\"?([\w.:-]+)", re.IGNORECASE)
# A second '=' in one name=value part.
_TWO_EQUALS = re.compile(rb"=[^&=]*=")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

Payload = tuple[str, bytes | list[tuple[str, str]]]


def extract_cart(
    form_fields: list[tuple[str, str]] | None,
    raw_body: bytes | None,
    content_type: str | None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Payload:
    """("cxml", xml_bytes) or ("oci", fields); raises `MalformedDocumentError` or `PayloadTooLargeError`.

    The cXML bytes are returned as the supplier sent them, SharedSecret and all: store `Cart.raw_xml` from
    `parse_order_message`, which is scrubbed, rather than these bytes.
    """
    media_type = (content_type or "").split(";")[0].strip().lower()
    if raw_body is not None and len(raw_body) > 4 * max_bytes:
        # A coarse guard before any work: base64 and percent-encoding inflate, but never fourfold.
        raise PayloadTooLargeError(len(raw_body), 4 * max_bytes)
    pairs: list[tuple[str, str | bytes]] = list(form_pairs(form_fields)) if form_fields else []
    if not pairs and raw_body and media_type == "application/x-www-form-urlencoded":
        pairs = _parse_form_body(raw_body)
    if pairs:
        found = _from_fields(pairs, content_type, max_bytes)
        if found is not None:
            return found
    if raw_body and (media_type.endswith("/xml") or _looks_like_xml(raw_body)):
        _check_size(len(raw_body), max_bytes)
        return "cxml", raw_body
    raise MalformedDocumentError(
        "no cart in the return: expected cXML-base64, cXML-urlencoded, an XML body or NEW_ITEM-* fields"
    )


def _from_fields(
    pairs: list[tuple[str, str | bytes]], content_type: str | None, max_bytes: int
) -> Payload | None:
    by_name = {}
    # Only a form with a cXML field needs every name normalised; an OCI cart has thousands of names and none.
    if "cxml" in "\x00".join(name for name, _ in pairs).lower():
        for name, value in pairs:
            by_name.setdefault(name.strip().lower().replace("_", "-"), value)
    if "cxml-base64" in by_name:
        return "cxml", decode_base64_cart(by_name["cxml-base64"], max_bytes)
    if "cxml-urlencoded" in by_name:
        value = by_name["cxml-urlencoded"]
        text = value if isinstance(value, str) else _decode_text(value, content_type)
        data = text_to_xml_bytes(text)
        _check_size(len(data), max_bytes)
        return "cxml", data
    if any(name.strip().upper().startswith("NEW_ITEM-") for name, _ in pairs):
        names = [name for name, _ in pairs]
        values = [value for _, value in pairs]
        _check_size(sum(map(len, values)), max_bytes)
        return "oci", list(zip(names, _decode_values(values, content_type), strict=True))
    return None


def decode_base64_cart(value: str | bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The XML bytes in a cXML-base64 field. Line breaks and spaces are tolerated; anything else that is
    not base64 is an error. The size is checked before decoding, so a 50 MB field costs no decode."""
    raw = value.encode("ascii", "replace") if isinstance(value, str) else value
    if len(raw) > 2 * (max_bytes * 4 // 3 + 4):
        raise PayloadTooLargeError(len(raw) * 3 // 4, max_bytes)
    compact = b"".join(raw.split())
    _check_size(len(compact) * 3 // 4, max_bytes)
    if len(compact) % 4 == 1:
        raise MalformedDocumentError("cXML-base64 is not valid base64", field="cXML-base64")
    compact += b"=" * (-len(compact) % 4)
    try:
        # Strict mode checks the alphabet and the padding in C (RFC 4648 §3.3: non-alphabet characters are errors).
        data = binascii.a2b_base64(compact, strict_mode=True)
    except binascii.Error as exc:
        raise MalformedDocumentError(f"cXML-base64 is not valid base64: {exc}", field="cXML-base64") from exc
    if not _looks_like_xml(data):
        raise MalformedDocumentError("cXML-base64 does not hold an XML document", field="cXML-base64")
    return data


def _looks_like_xml(data: bytes) -> bool:
    head = data[:512]
    for bom in _BOMS:
        if head.startswith(bom):
            return True
    return head.lstrip().startswith(b"<")


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise PayloadTooLargeError(size, max_bytes)


def _parse_form_body(body: bytes) -> list[tuple[str, str | bytes]]:
    """application/x-www-form-urlencoded, with values kept as bytes until we know their charset."""
    if b"\x00" in body or b"%00" in body:
        # The one-pass paths below split on NUL; a form that carries one is decoded pair by pair.
        return [
            (unquote_plus(name.decode("ascii", "replace")), unquote_to_bytes(value.replace(b"+", b" ")))
            for name, _eq, value in (part.partition(b"=") for part in body.split(b"&") if part)
        ]
    if body.count(b"=") == body.count(b"&") + 1 and _TWO_EQUALS.search(body) is None:
        # As many '=' as parts and none with two: every part is name=value (a browser escapes any other '='), so
        # '&' and '=' alternate and the whole body decodes in one pass. An OCI cart has thousands of fields.
        decoded = _unquote(body.replace(b"&", b"\x00").replace(b"=", b"\x00").replace(b"+", b" ")).split(
            b"\x00"
        )
        names = b"\x00".join(decoded[0::2]).decode("utf-8", "replace").split("\x00")
        return list(zip(names, decoded[1::2], strict=True))
    pairs = [part.partition(b"=") for part in body.split(b"&") if part]
    flat = b"\x00".join(name + b"\x00" + value for name, _eq, value in pairs).replace(b"+", b" ")
    decoded = _unquote(flat).split(b"\x00")
    return [(decoded[i].decode("utf-8", "replace"), decoded[i + 1]) for i in range(0, len(decoded), 2)]


def _unquote(data: bytes) -> bytes:
    """Percent-decoding in C: `%XX` rewritten as `\\xXX` (every backslash doubled first, so no other escape can
    arise) and undone by CPython's escape codec, the one pickle uses. urllib's decoder loops in Python once per
    escape, and a cart has tens of thousands (base64's '+/=', OCI's '[]:'). A stray '%' that starts no valid
    escape makes the codec refuse; urllib then decodes it, leaving such a '%' as it is (WHATWG URL, percent-decode).
    """
    try:
        return codecs.escape_decode(data.replace(b"\\", b"\\\\").replace(b"%", b"\\x"))[0]
    except ValueError:
        return unquote_to_bytes(data)


def _decode_values(values: list[str | bytes], content_type: str | None) -> list[str]:
    """Each value as text (see `_decode_text`); a form that is all UTF-8, as nearly every one is, in one decode."""
    if all(isinstance(value, bytes) for value in values):
        joined = b"\x00".join(values)  # type: ignore[arg-type]
        if joined.count(b"\x00") == len(values) - 1:
            try:
                return joined.decode("utf-8").split("\x00")
            except UnicodeDecodeError:
                pass
    return [value if isinstance(value, str) else _decode_text(value, content_type) for value in values]


def _decode_text(value: bytes, content_type: str | None) -> str:
    """UTF-8 when it is valid UTF-8; else the declared charset; else windows-1252, the usual legacy page."""
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _CHARSET.search(content_type or "")
    try:
        return value.decode(match.group(1) if match else "cp1252")
    except (LookupError, UnicodeDecodeError):
        return value.decode("cp1252", "replace")
