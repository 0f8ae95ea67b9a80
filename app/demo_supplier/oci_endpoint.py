"""GET or POST /oci/{shop}: the SAP OCI call-up, with the OCI 5 functions DETAIL, SOURCING, VALIDATE and
BACKGROUND_SEARCH (reference §12).

OCI has no server-to-server step and no BuyerCookie: the browser brings the login and the HOOK_URL, and the
session token made here is all the shop keeps.
"""

import hmac
import re
from decimal import Decimal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.demo_supplier.cart import CartError, Entry, parse_quantity
from app.demo_supplier.context import ContextDep
from app.demo_supplier.errors import ShopError
from app.demo_supplier.products import catalogue_for
from app.demo_supplier.return_forms import as_cart, oci_form
from app.demo_supplier.session import ShopSession, new_sid
from app.demo_supplier.setup import is_web_url
from app.demo_supplier.shops import DemoShop, shop_by_slug
from app.demo_supplier.templating import templates
from app.demo_supplier.tokens import SESSION

router = APIRouter()
# A frame name or one of the _top/_parent/_self/_blank keywords; anything else falls back to _top.
_TARGET = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
MAX_BACKGROUND_HITS = 50


@router.api_route("/oci/{slug}", methods=["GET", "POST"])
async def call_up(slug: str, request: Request, ctx: ContextDep) -> Response:
    fields = await _fields(request)
    shop = _oci_shop(slug)
    _check_login(shop, fields)
    hook_url = fields.get("HOOK_URL", "")
    if not is_web_url(hook_url):
        raise ShopError(
            400,
            "Returadressen mangler",
            "Indkøbssystemet sendte ingen gyldig HOOK_URL, så butikken ved ikke, hvor kurven skal sendes hen.",
        )
    target = fields.get("~TARGET", "")
    session = ShopSession(
        sid=new_sid(),
        shop=shop.slug,
        protocol="oci",
        operation="create",
        return_url=hook_url,
        target=target if _TARGET.match(target) else "_top",
    )
    function = fields.get("FUNCTION", "").upper()
    if function in ("VALIDATE", "BACKGROUND_SEARCH"):
        return _background(request, shop, session, function, fields)
    token = ctx.signer.dump(SESSION, session.to_dict())
    catalogue = catalogue_for(shop)
    if function == "DETAIL":
        found = catalogue.find(fields.get("PRODUCTID", ""))
        if found is not None:
            return RedirectResponse(f"/s/{token}/vare/{quote(found.item_number, safe='')}", status_code=303)
        return RedirectResponse(f"/s/{token}/?{urlencode({'q': fields.get('PRODUCTID', '')})}", 303)
    if function == "SOURCING":
        return RedirectResponse(f"/s/{token}/?{urlencode({'q': fields.get('SEARCHSTRING', '')})}", 303)
    if function:
        raise ShopError(400, "Ukendt OCI-funktion", f"Butikken kender ikke funktionen {function}.")
    return RedirectResponse(f"/s/{token}/", status_code=303)


async def _fields(request: Request) -> dict[str, str]:
    """Query and form fields by upper-case name: buyers send ~OkCode, ~OKCODE and ~okcode alike."""
    pairs = list(request.query_params.multi_items())
    if request.method == "POST":
        pairs += [(k, v) for k, v in (await request.form()).multi_items() if isinstance(v, str)]
    fields: dict[str, str] = {}
    for name, value in pairs:
        fields.setdefault(name.strip().upper(), value.strip())
    return fields


def _oci_shop(slug: str) -> DemoShop:
    shop = shop_by_slug(slug)
    if shop is None or not shop.supports_oci:
        raise ShopError(
            404,
            "OCI-kataloget findes ikke",
            "Der er ikke noget OCI-katalog på denne adresse. Kontrollér katalogets URL i indkøbssystemet.",
        )
    return shop


def _check_login(shop: DemoShop, fields: dict[str, str]) -> None:
    username_ok = hmac.compare_digest(fields.get("USERNAME", "").encode(), (shop.oci_username or "").encode())
    password_ok = hmac.compare_digest(fields.get("PASSWORD", "").encode(), (shop.oci_password or "").encode())
    if not (username_ok and password_ok):
        raise ShopError(
            403,
            "Forkert brugernavn eller adgangskode",
            f"Indkøbssystemet loggede på {shop.name}s katalog med et brugernavn eller en adgangskode, som "
            "butikken ikke kender. Bed jeres indkøbsafdeling om at rette OCI-opsætningen for leverandøren.",
        )


def _background(
    request: Request, shop: DemoShop, session: ShopSession, function: str, fields: dict[str, str]
) -> HTMLResponse:
    """VALIDATE and BACKGROUND_SEARCH answer without a shop page: an OCI form straight back to HOOK_URL."""
    catalogue = catalogue_for(shop)
    if function == "VALIDATE":
        found = catalogue.find(fields.get("PRODUCTID", ""))
        try:
            quantity = parse_quantity(fields.get("QUANTITY") or "1") or Decimal(1)
        except CartError:
            quantity = Decimal(1)
        entries = [Entry(found.item_number, quantity, None)] if found else []
    else:
        hits = catalogue.search(fields.get("SEARCHSTRING", ""))[:MAX_BACKGROUND_HITS]
        entries = [Entry(p.item_number, Decimal(1), None) for p in hits]
    form = oci_form(session, as_cart(shop, catalogue, entries))
    return templates.TemplateResponse(
        request,
        "demo_supplier/transfer.html",
        {"shop": shop, "session": session, "form": form, "cancelled": False, "line_count": len(entries)},
    )
