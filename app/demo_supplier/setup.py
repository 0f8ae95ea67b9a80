"""PunchOutSetupRequest → a one-time StartPage that carries the whole session, signed."""

from urllib.parse import urlsplit

from app.demo_supplier.context import ShopContext
from app.demo_supplier.products import catalogue_for
from app.demo_supplier.session import OPERATIONS, ShopSession, new_sid
from app.demo_supplier.shops import DemoShop
from app.demo_supplier.tokens import START
from punchout import (
    MalformedDocumentError,
    SetupRequest,
    build_setup_response,
    build_status_response,
    parse_setup_request,
)

OPERATION_XPATH = "PunchOutSetupRequest/@operation"


def is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def start_punchout(ctx: ShopContext, shop: DemoShop, body: bytes) -> bytes:
    try:
        setup = parse_setup_request(body)
    except MalformedDocumentError as exc:
        if exc.xpath == OPERATION_XPATH:
            return build_status_response(450, "Not Implemented", exc.message)
        return build_status_response(400, "Bad Request", exc.message)
    if setup.operation not in OPERATIONS:
        return build_status_response(
            450, "Not Implemented", f"operation {setup.operation!r} is not supported"
        )
    if not is_web_url(setup.browser_form_post_url):
        return build_status_response(400, "Bad Request", "BrowserFormPost URL must be an http(s) URL")
    token = ctx.signer.dump(START, start_payload(shop, setup))
    return build_setup_response(ctx.url(f"/start/{token}"))


def start_payload(shop: DemoShop, setup: SetupRequest) -> dict:
    """The session, the lines to prefill for edit/inspect (AuxIDs as received), and a level-2 target."""
    catalogue = catalogue_for(shop)
    lines, dropped = [], 0
    for item in setup.items:
        if item.supplier_part_id and catalogue.get(item.supplier_part_id) and item.quantity > 0:
            lines.append([item.supplier_part_id.strip(), str(item.quantity), item.supplier_part_auxiliary_id])
        else:
            dropped += 1
    wanted = setup.selected_item.supplier_part_id if setup.selected_item else None
    # An item the shop does not know opens the store front instead of a page that is not there.
    selected = catalogue.get(wanted).item_number if wanted and catalogue.get(wanted) else None
    session = ShopSession(
        sid=new_sid(),
        shop=shop.slug,
        protocol="cxml",
        operation=setup.operation,
        return_url=setup.browser_form_post_url,
        buyer_cookie=setup.buyer_cookie,
        buyer=tuple((c.domain, c.identity) for c in setup.envelope.from_credentials),
        deployment_mode=setup.envelope.deployment_mode,
    )
    return {"session": session.to_dict(), "lines": lines, "selected": selected, "dropped": dropped}
