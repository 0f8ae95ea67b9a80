"""Building the cXML documents we send: PunchOutSetupRequest, ProfileRequest and OrderRequest.

Strict on output: every document follows the cXML 1.2.071 DTD element order and carries
`<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/<version>/cXML.dtd">`. Anything the DTD would
refuse raises `BuildError` here rather than at the supplier.
"""

from datetime import datetime

from punchout.cxml_envelope import (
    add_address,
    add_comments,
    add_contacts,
    add_extrinsics,
    add_money,
    cxml_timestamp,
    new_buyer_cookie,
    new_payload_id,
    request_or_message,
    serialize,
    start_document,
    sub,
)
from punchout.cxml_item_build import add_item, add_tax
from punchout.errors import BuildError
from punchout.model import OPERATIONS, Envelope, SetupRequest
from punchout.model_order import OrderRequest
from punchout.values import format_timestamp
from punchout.xmlsafe import set_inner_xml

__all__ = [
    "build_order_request",
    "build_profile_request",
    "build_setup_request",
    "cxml_timestamp",
    "new_buyer_cookie",
    "new_payload_id",
]


def build_setup_request(
    request: SetupRequest,
    *,
    version: str | None = None,
    payload_id: str | None = None,
    timestamp: datetime | None = None,
    tz: str | None = None,
) -> bytes:
    """PunchOutSetupRequest, in the DTD's order (cXML 1.2.071, PunchOutSetupRequest):
    BuyerCookie, Extrinsic*, BrowserFormPost?, Contact*, SupplierSetup?, ShipTo?, SelectedItem?, ItemOut*.

    For edit and inspect the earlier lines go out as ItemOut with their SupplierPartAuxiliaryID unchanged
    (reference §8). `source` (RFQ) is not a punch-out we run, so only create/edit/inspect are accepted.
    """
    if request.operation not in OPERATIONS:
        raise BuildError(f"operation must be one of {OPERATIONS}, not {request.operation!r}")
    if not request.buyer_cookie:
        raise BuildError("a PunchOutSetupRequest needs a BuyerCookie")
    root = start_document(request.envelope, payload_id=payload_id, timestamp=timestamp, tz=tz)
    setup = sub(
        request_or_message(root, "Request", request.envelope),
        "PunchOutSetupRequest",
        operation=request.operation,
    )
    sub(setup, "BuyerCookie", request.buyer_cookie)
    add_extrinsics(setup, request.extrinsics)
    sub(sub(setup, "BrowserFormPost"), "URL", request.browser_form_post_url)
    add_contacts(setup, request.contacts)
    if request.ship_to:
        add_address(setup, "ShipTo", request.ship_to)
    if request.selected_item:
        item_id = sub(sub(setup, "SelectedItem"), "ItemID")
        sub(item_id, "SupplierPartID", request.selected_item.supplier_part_id)
        if request.selected_item.supplier_part_auxiliary_id is not None:
            set_inner_xml(
                sub(item_id, "SupplierPartAuxiliaryID"), request.selected_item.supplier_part_auxiliary_id
            )
    for line in request.items:
        add_item(setup, "ItemOut", line, detail_required=False)
    return serialize(root, version)


def build_profile_request(
    envelope: Envelope,
    *,
    version: str | None = None,
    payload_id: str | None = None,
    timestamp: datetime | None = None,
    tz: str | None = None,
) -> bytes:
    """ProfileRequest (EMPTY): asks what the supplier supports, and doubles as a connection test (§10)."""
    root = start_document(envelope, payload_id=payload_id, timestamp=timestamp, tz=tz)
    sub(request_or_message(root, "Request", envelope), "ProfileRequest")
    return serialize(root, version)


def build_order_request(
    order: OrderRequest,
    envelope: Envelope,
    *,
    version: str | None = None,
    payload_id: str | None = None,
    timestamp: datetime | None = None,
    tz: str | None = None,
) -> bytes:
    """OrderRequest (OrderRequestHeader, ItemOut+), header children in DTD order:
    Total, ShipTo?, BillTo, …, Shipping?, Tax?, …, Contact*, Comments*, …, DocumentReference?, …, Extrinsic*.

    Keep `payload_id` when retrying the same order: the supplier deduplicates on it (reference §3).
    """
    if order.type not in ("new", "update", "delete"):
        raise BuildError(f"OrderRequestHeader type must be new, update or delete, not {order.type!r}")
    if order.type != "new" and not order.document_reference_payload_id:
        # update/delete point at the most recent OrderRequest of the order (reference §9).
        raise BuildError(f"a {order.type} order needs the payloadID of the previous OrderRequest")
    if not order.lines:
        raise BuildError("an OrderRequest needs at least one ItemOut")
    root = start_document(envelope, payload_id=payload_id, timestamp=timestamp, tz=tz)
    request = sub(request_or_message(root, "Request", envelope), "OrderRequest")
    header = sub(
        request,
        "OrderRequestHeader",
        orderID=order.order_id,
        orderDate=format_timestamp(order.order_date, tz),
        type=order.type,
        orderVersion=str(order.order_version) if order.order_version is not None else None,
        agreementID=order.agreement_id,
        requisitionID=order.requisition_id,
    )
    add_money(sub(header, "Total"), order.total, order.currency)
    if order.ship_to:
        add_address(header, "ShipTo", order.ship_to)
    add_address(header, "BillTo", order.bill_to)
    if order.shipping_amount is not None:
        shipping = sub(header, "Shipping")
        add_money(shipping, order.shipping_amount, order.currency)
        sub(shipping, "Description", "Fragt", lang="da")
    if order.tax_amount is not None:
        add_tax(header, order.tax_amount, order.currency, None)
    add_contacts(header, order.contacts)
    add_comments(header, order.comments)
    if order.document_reference_payload_id:
        sub(header, "DocumentReference", payloadID=order.document_reference_payload_id)
    add_extrinsics(header, order.extrinsics)
    for line in order.lines:
        if line.currency.upper() != order.currency.upper():
            raise BuildError(f"line {line.line_number} is in {line.currency}, the order in {order.currency}")
        add_item(request, "ItemOut", line, currency=order.currency)
    return serialize(root, version)
