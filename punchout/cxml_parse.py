"""Parsing what suppliers send us: the cart, setup/profile responses, confirmations and any Status.

Each function takes the raw bytes (the XML declaration decides the encoding) and runs them through the safe
parser. Every reply carries two status layers: an HTTP 200 can hold a cXML 401, so callers look at
`status_code`, never at HTTP alone (reference §4).
"""

from lxml import etree

from punchout.cart_checks import INVALID_OPERATION, SHARED_SECRET_IN_CART, check_cart, warn
from punchout.cxml_item_regular import read_lines
from punchout.cxml_read import (
    payload_of,
    read_envelope,
    read_money,
    read_status,
    require_root,
    scrub_shared_secrets,
)
from punchout.errors import MalformedDocumentError
from punchout.model import OPERATIONS, Cart, ProfileResponse, SetupResponse, Status
from punchout.model_order import Confirmation, ConfirmationItem, ConfirmationStatusLine
from punchout.values import parse_timestamp, to_decimal
from punchout.xmlsafe import DEFAULT_MAX_BYTES, attr, child, child_text, children, local, parse_xml, text


def parse_status(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Status:
    """The Status of any cXML reply (Response), or of a Message, where a missing Status means 200."""
    root = parse_xml(data, max_bytes)
    require_root(root)
    message = child(root, "Message")
    if message is not None:
        status = read_status(child(message, "Status"), implied=True)
    else:
        status = read_status(child(root, "Response/Status"))
    status.payload_id = attr(root, "payloadID")
    status.in_reply_to = attr(message, "inReplyTo")
    return status


def parse_setup_response(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> SetupResponse:
    """PunchOutSetupResponse. An error status is returned, not raised; success without a StartPage is
    malformed. The StartPage URL is one-time and short-lived: redirect at once, never cache (§5)."""
    root = parse_xml(data, max_bytes)
    require_root(root)
    status = read_status(child(root, "Response/Status"))
    start_url = child_text(root, "Response/PunchOutSetupResponse/StartPage/URL")
    if status.ok and not start_url:
        raise MalformedDocumentError(
            "setup response has a success status but no StartPage URL",
            xpath="/cXML/Response/PunchOutSetupResponse/StartPage/URL",
        )
    return SetupResponse(status.code, status.text, start_url, status.detail, attr(root, "payloadID"))


def parse_order_message(
    data: bytes, expected_currency: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Cart:
    """PunchOutOrderMessage → `Cart`, with findings in `cart.warnings` (see `cart_checks`).

    `expected_currency` comes from the supplier connection; it fills an empty currency and is compared
    with the cart's. The returned cart, `raw_xml` included, holds no SharedSecret.
    """
    root = parse_xml(data, max_bytes)
    message = payload_of(root, "Message", "PunchOutOrderMessage")
    status = read_status(child(root, "Message/Status"), implied=True)
    header = child(message, "PunchOutOrderMessageHeader")
    total, currency = read_money(child(header, "Total"))
    cart = Cart(
        protocol="cxml",
        buyer_cookie=(text(child(message, "BuyerCookie")) or None),
        currency=currency,
        total=total,
        status_code=status.code,
        status_text=status.text,
        payload_id=attr(root, "payloadID"),
        timestamp=parse_timestamp(attr(root, "timestamp")),
        quote_status=attr(header, "quoteStatus"),
        shipping_amount=read_money(child(header, "Shipping"))[0],
        tax_amount=read_money(child(header, "Tax"))[0],
        envelope=read_envelope(root),
    )
    _operation_allowed(cart, attr(header, "operationAllowed"))
    # Looking for the word in the bytes first spares walking every element of a large cart; a UTF-16 document
    # (NUL bytes in its start) does not spell it in ASCII, so it is always walked.
    maybe_secret = b"sharedsecret" in data.lower() or b"\x00" in data[:256]
    secrets_found = scrub_shared_secrets(root) if maybe_secret else 0
    if secrets_found:
        warn(
            cart,
            SHARED_SECRET_IN_CART,
            "the cart carried a SharedSecret; it was ignored and removed",
            count=secrets_found,
        )
    cart.lines = read_lines(children(message, "ItemIn"))
    cart.raw_xml = etree.tostring(root.getroottree(), encoding="unicode")
    return check_cart(cart, expected_currency)


def _operation_allowed(cart: Cart, raw: str | None) -> None:
    # operationAllowed is #REQUIRED; when it is missing or unknown we assume the most restrictive, create.
    value = (raw or "").lower()
    if value in OPERATIONS:
        cart.operation_allowed = value
        return
    cart.operation_allowed = "create"
    warn(
        cart,
        INVALID_OPERATION,
        f"operationAllowed {raw!r} is not create/edit/inspect; using create",
        found=raw,
    )


def parse_profile_response(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> ProfileResponse:
    """ProfileResponse (Option*, Transaction+): which requests the supplier accepts, and where.

    cXML defines no option names (DTD comment on Option); an option called operation(s)/operationAllowed
    on the PunchOutSetupRequest transaction is read as the punch-out operations the shop supports.
    """
    root = parse_xml(data, max_bytes)
    require_root(root)
    status = read_status(child(root, "Response/Status"))
    profile = ProfileResponse(status_code=status.code, status_text=status.text)
    el = child(root, "Response/ProfileResponse")
    if el is None:
        if status.ok:
            raise MalformedDocumentError("no ProfileResponse", xpath="/cXML/Response/ProfileResponse")
        return profile
    profile.effective_date = parse_timestamp(attr(el, "effectiveDate"))
    profile.options = _options(el)
    for transaction in children(el, "Transaction"):
        name = attr(transaction, "requestName") or ""
        profile.transactions[name] = child_text(transaction, "URL") or ""
        profile.transaction_options[name] = _options(transaction)
        if name.lower() == "punchoutsetuprequest":
            profile.punchout_operations = _operations(profile.transaction_options[name])
    return profile


def _options(el: etree._Element) -> dict[str, str]:
    return {attr(o, "name") or "": text(o) or "" for o in children(el, "Option")}


def _operations(options: dict[str, str]) -> list[str] | None:
    for name, value in options.items():
        if name.lower() in ("operation", "operations", "operationallowed"):
            return [op for op in value.replace(",", " ").lower().split() if op]
    return None


def parse_confirmation(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Confirmation:
    """ConfirmationRequest (Fulfill.dtd, reference §10): header, order reference and per-line statuses."""
    root = parse_xml(data, max_bytes)
    request = payload_of(root, "Request", "ConfirmationRequest")
    header = child(request, "ConfirmationHeader")
    if header is None:
        raise MalformedDocumentError("no ConfirmationHeader", xpath="ConfirmationRequest/ConfirmationHeader")
    reference = child(request, "OrderReference")
    total, currency = read_money(child(header, "Total"))
    return Confirmation(
        type=(attr(header, "type") or "").lower(),
        operation=(attr(header, "operation") or "new").lower(),
        confirm_id=attr(header, "confirmID"),
        notice_date=parse_timestamp(attr(header, "noticeDate")),
        order_id=attr(reference, "orderID"),
        order_date=parse_timestamp(attr(reference, "orderDate")),
        order_payload_id=attr(child(reference, "DocumentReference"), "payloadID"),
        total=total,
        currency=currency,
        comments=child_text(header, "Comments"),
        items=[_confirmation_item(el, i) for i, el in enumerate(children(request, "ConfirmationItem"), 1)],
        payload_id=attr(root, "payloadID"),
    )


def _confirmation_item(el: etree._Element, index: int) -> ConfirmationItem:
    quantity = to_decimal(attr(el, "quantity"))
    number = attr(el, "lineNumber")
    if quantity is None or not (number and number.isdigit()):
        raise MalformedDocumentError(
            "ConfirmationItem needs quantity and lineNumber", xpath=f"ConfirmationItem[{index}]"
        )
    statuses = []
    for st in (c for c in el if local(c) == "confirmationstatus"):
        price, currency = read_money(child(st, "UnitPrice"))
        status_quantity = to_decimal(attr(st, "quantity"))
        statuses.append(
            ConfirmationStatusLine(
                type=(attr(st, "type") or "").lower(),
                quantity=quantity if status_quantity is None else status_quantity,
                unit_of_measure=child_text(st, "UnitOfMeasure"),
                unit_price=price,
                currency=currency,
                shipment_date=parse_timestamp(attr(st, "shipmentDate")),
                delivery_date=parse_timestamp(attr(st, "deliveryDate")),
                comments=child_text(st, "Comments"),
            )
        )
    return ConfirmationItem(int(number), quantity, child_text(el, "UnitOfMeasure"), statuses)
