"""The supplier's half of cXML punch-out, for the demo shop and for tests of our buyer side.

The demo shop reads our PunchOutSetupRequest, answers with a StartPage, and returns the cart as a
PunchOutOrderMessage. Output is as strict as our buyer-side documents: DTD order and DOCTYPE.
"""

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from lxml import etree

from punchout.cxml_envelope import add_money, request_or_message, serialize, start_document, sub
from punchout.cxml_item_build import add_item, add_tax
from punchout.cxml_item_read import read_line
from punchout.cxml_read import (
    SUCCESS_TEXT,
    payload_of,
    read_address,
    read_contact,
    read_envelope,
    read_extrinsics,
)
from punchout.errors import BuildError, MalformedDocumentError
from punchout.model import OPERATIONS, Cart, Credential, Envelope, ItemRef, SetupRequest
from punchout.values import format_timestamp
from punchout.xmlsafe import DEFAULT_MAX_BYTES, attr, child, child_text, children, inner_xml, parse_xml, text

Creds = Credential | Sequence[Credential]


def _as_list(creds: Creds) -> list[Credential]:
    return [creds] if isinstance(creds, Credential) else list(creds)


def build_order_message(
    cart: Cart,
    from_cred: Creds,
    to_cred: Creds,
    sender_cred: Creds,
    buyer_cookie: str,
    operation_allowed: str = "create",
    *,
    status_code: int | None = None,
    status_text: str | None = None,
    user_agent: str = "ehandel demo shop",
    version: str | None = None,
    payload_id: str | None = None,
    timestamp: datetime | None = None,
    deployment_mode: str = "production",
) -> bytes:
    """PunchOutOrderMessage (BuyerCookie, PunchOutOrderMessageHeader, ItemIn*) in a Message.

    No SharedSecret is written, even if `sender_cred` has one: the DTD says credentials "should not be sent
    within Message documents transported via an end user's browser" (reference §14). `status_code=204`
    tells the buyer the cart is unchanged (reference §4).
    """
    if operation_allowed not in OPERATIONS:
        raise BuildError(f"operationAllowed must be one of {OPERATIONS}, not {operation_allowed!r}")
    browser_safe = [Credential(c.domain, c.identity) for c in _as_list(sender_cred)]
    envelope = Envelope(_as_list(from_cred), _as_list(to_cred), browser_safe, user_agent, deployment_mode)
    root = start_document(envelope, payload_id=payload_id, timestamp=timestamp)
    message = request_or_message(root, "Message", envelope)
    if status_code is not None:
        sub(message, "Status", code=str(status_code), text=status_text or SUCCESS_TEXT.get(status_code, ""))
    poom = sub(message, "PunchOutOrderMessage")
    sub(poom, "BuyerCookie", buyer_cookie)
    currency = cart.currency or next((ln.currency for ln in cart.lines if ln.currency), None)
    # PunchOutOrderMessageHeader (SourcingStatus?, Total, ShipTo?, Shipping?, Tax?, SupplierOrderInfo?).
    header = sub(poom, "PunchOutOrderMessageHeader", operationAllowed=operation_allowed)
    total = sum((ln.line_total or Decimal(0) for ln in cart.lines), Decimal(0))
    add_money(sub(header, "Total"), total, currency)
    if cart.shipping_amount is not None:
        shipping = sub(header, "Shipping")
        add_money(shipping, cart.shipping_amount, currency)
        sub(shipping, "Description", "Fragt", lang="da")
    if cart.tax_amount is not None:
        add_tax(header, cart.tax_amount, currency, None)
    for line in cart.lines:
        add_item(poom, "ItemIn", line, currency=currency)
    return serialize(root, version)


def parse_setup_request(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> SetupRequest:
    """Our PunchOutSetupRequest as the shop sees it. The Sender SharedSecret is kept: the shop checks it.

    Read leniently, in any element order, as the 2008 Coupa request with Contact before BrowserFormPost
    shows real buyers do not always follow the DTD (reference §5).
    """
    root = parse_xml(data, max_bytes)
    setup = payload_of(root, "Request", "PunchOutSetupRequest")
    operation = (attr(setup, "operation") or "").lower()
    if operation not in (*OPERATIONS, "source"):
        raise MalformedDocumentError(
            f"unknown operation {operation!r}", xpath="PunchOutSetupRequest/@operation"
        )
    url = child_text(setup, "BrowserFormPost/URL")
    if not url:
        raise MalformedDocumentError(
            "no BrowserFormPost URL", xpath="PunchOutSetupRequest/BrowserFormPost/URL"
        )
    return SetupRequest(
        buyer_cookie=text(child(setup, "BuyerCookie")) or "",
        browser_form_post_url=url,
        envelope=read_envelope(root, keep_sender_secret=True),
        operation=operation,
        extrinsics=read_extrinsics(setup),
        contacts=[read_contact(c) for c in children(setup, "Contact")],
        ship_to=read_address(child(setup, "ShipTo")),
        selected_item=_selected_item(child(setup, "SelectedItem/ItemID")),
        items=[read_line(item, i) for i, item in enumerate(children(setup, "ItemOut"), start=1)],
    )


def _selected_item(item_id: etree._Element | None) -> ItemRef | None:
    if item_id is None:
        return None
    aux = child(item_id, "SupplierPartAuxiliaryID")
    return ItemRef(child_text(item_id, "SupplierPartID") or "", inner_xml(aux) if aux is not None else None)


def _response(
    code: int, status_text: str | None, detail: str | None = None
) -> tuple[etree._Element, etree._Element]:
    root = start_document(None)
    response = sub(root, "Response")
    sub(response, "Status", detail, code=str(code), text=status_text or SUCCESS_TEXT.get(code, ""))
    return root, response


def build_setup_response(start_url: str, *, version: str | None = None) -> bytes:
    """PunchOutSetupResponse (StartPage (URL)) after a 200 Status, inside Response (cXML DTD)."""
    root, response = _response(200, "OK")
    sub(sub(sub(response, "PunchOutSetupResponse"), "StartPage"), "URL", start_url)
    return serialize(root, version)


def build_status_response(
    code: int, status_text: str, detail: str | None = None, *, version: str | None = None
) -> bytes:
    """A bare Response with a Status, e.g. 401 for unknown credentials or 450 for an unsupported operation."""
    root, _ = _response(code, status_text, detail)
    return serialize(root, version)


def build_profile_response(
    transactions: dict[str, str],
    *,
    operations: Sequence[str] = ("create",),
    effective_date: datetime | None = None,
    version: str | None = None,
) -> bytes:
    """ProfileResponse (Option*, Transaction+); the setup transaction lists its operations in an Option."""
    if not transactions:
        raise BuildError("a ProfileResponse needs at least one Transaction")
    root, response = _response(200, "OK")
    profile = sub(response, "ProfileResponse", effectiveDate=root.get("timestamp"))
    if effective_date is not None:
        profile.set("effectiveDate", format_timestamp(effective_date))
    for name, url in transactions.items():
        transaction = sub(profile, "Transaction", requestName=name)
        sub(transaction, "URL", url)
        if name == "PunchOutSetupRequest":
            sub(transaction, "Option", " ".join(operations), name="operationAllowed")
    return serialize(root, version)


__all__ = [
    "build_order_message",
    "build_profile_response",
    "build_setup_response",
    "build_status_response",
    "parse_setup_request",
]
