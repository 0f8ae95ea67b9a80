"""POST /cxml: ProfileRequest, PunchOutSetupRequest and OrderRequest, answered the way real suppliers do.

Every answer is HTTP 200 with the outcome in the cXML Status (reference §4): 401 for unknown credentials,
450 for what the shop does not do, 400 for a document it cannot use.
"""

from fastapi import APIRouter, Request, Response
from lxml import etree

from app.demo_supplier.context import ContextDep, ShopContext
from app.demo_supplier.credentials import CredentialError, authenticate
from app.demo_supplier.setup import start_punchout
from app.demo_supplier.shops import DemoShop
from punchout import (
    MalformedDocumentError,
    PayloadTooLargeError,
    build_profile_response,
    build_status_response,
    parse_xml,
)
from punchout.cxml_read import read_envelope
from punchout.xmlsafe import attr, child, local

router = APIRouter()
MAX_BYTES = 2 * 1024 * 1024
XML = "text/xml; charset=UTF-8"


@router.post("/cxml")
async def cxml(request: Request, ctx: ContextDep) -> Response:
    return Response(answer(ctx, await request.body()), media_type=XML)


def answer(ctx: ShopContext, body: bytes) -> bytes:
    try:
        root = parse_xml(body, MAX_BYTES)
        kind = _request_kind(root)
        envelope = read_envelope(root, keep_sender_secret=True)
    except PayloadTooLargeError as exc:
        return build_status_response(499, "Document size error", str(exc))
    except MalformedDocumentError as exc:
        return build_status_response(400, "Bad Request", exc.message)
    try:
        shop = authenticate(envelope)
    except CredentialError as exc:
        return build_status_response(401, "Unauthorized", exc.detail)
    if kind == "profilerequest":
        return _profile(ctx)
    if kind == "punchoutsetuprequest":
        return start_punchout(ctx, shop, body)
    if kind == "orderrequest":
        return _accept_order(shop, root)
    return build_status_response(450, "Not Implemented", f"{kind or 'this request'} is not supported")


def _request_kind(root: etree._Element) -> str:
    if local(root) != "cxml":
        raise MalformedDocumentError("not a cXML document")
    request = child(root, "Request")
    if request is None:
        raise MalformedDocumentError("no Request in the document", xpath="/cXML/Request")
    return next((local(el) for el in request if local(el)), "")


def _profile(ctx: ShopContext) -> bytes:
    url = ctx.url("/cxml")
    return build_profile_response(
        {"ProfileRequest": url, "PunchOutSetupRequest": url, "OrderRequest": url},
        operations=("create", "edit", "inspect"),
    )


def _accept_order(shop: DemoShop, root: etree._Element) -> bytes:
    # The demo takes any well-formed order: the portal's order flow needs a supplier that says 200.
    header = child(root, "Request/OrderRequest/OrderRequestHeader")
    if attr(header, "orderID") is None:
        return build_status_response(400, "Bad Request", "OrderRequestHeader needs an orderID")
    return build_status_response(200, "OK", f"Order {attr(header, 'orderID')} received by {shop.name}")
