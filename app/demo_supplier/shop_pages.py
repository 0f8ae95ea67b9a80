"""The shop itself: products, search, product pages, the cart, and the way back to the buyer.

Every page lives under /s/{session token}/, so the signed session is in each link and form; no page needs
JavaScript, and every change is a POST followed by a redirect.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from app.demo_supplier.cart import CartError, ShopCart, aux_id, dump_cart, parse_quantity, set_cart_cookie
from app.demo_supplier.errors import ShopError
from app.demo_supplier.return_forms import as_cart, return_form
from app.demo_supplier.templating import templates
from app.demo_supplier.visit import Visit, VisitDep

router = APIRouter(prefix="/s/{token}")
FormText = Annotated[str, Form()]
FormNumber = Annotated[int, Form()]


def _not_found(v: Visit, what: str) -> ShopError:
    return ShopError(404, f"{what} findes ikke", f"{what} findes ikke i butikken.", back_url=v.path())


def _saved(v: Visit, target: str) -> RedirectResponse:
    try:
        value = dump_cart(v.ctx.signer, v.cart)
    except CartError as exc:
        raise ShopError(400, "Kurven kunne ikke gemmes", str(exc), back_url=v.path("kurv")) from exc
    response = RedirectResponse(target, status_code=303)
    set_cart_cookie(response, v.token, value)
    return response


@contextmanager
def _cart_errors(v: Visit) -> Iterator[None]:
    try:
        yield
    except CartError as exc:
        raise ShopError(400, "Kurven kunne ikke opdateres", str(exc), back_url=v.path("kurv")) from exc


@router.get("/")
def products(request: Request, v: VisitDep, q: str = "", fjernet: int = 0, lagt: str = "") -> HTMLResponse:
    found = v.catalogue.search(q)
    return templates.TemplateResponse(
        request,
        "demo_supplier/products.html",
        v.page(
            query=q,
            products=found,
            bundles=[] if q else list(v.catalogue.bundles.values()),
            dropped=fjernet,
            added=v.catalogue.get(lagt) if lagt else None,
        ),
    )


@router.get("/vare/{item}")
def product(request: Request, v: VisitDep, item: str, lagt: str = "") -> HTMLResponse:
    found = v.catalogue.get(item)
    if found is None:
        raise _not_found(v, "Varen")
    return templates.TemplateResponse(
        request,
        "demo_supplier/product.html",
        v.page(
            product=found, related=v.catalogue.related(found), added=v.catalogue.get(lagt) if lagt else None
        ),
    )


@router.get("/pakke/{slug}")
def bundle(request: Request, v: VisitDep, slug: str, lagt: str = "") -> HTMLResponse:
    found = v.catalogue.bundles.get(slug)
    if found is None:
        raise _not_found(v, "Pakken")
    parts = [(v.catalogue.products[n], count) for n, count in found.components]
    total = sum((p.price * count for p, count in parts), Decimal(0))
    return templates.TemplateResponse(
        request, "demo_supplier/bundle.html", v.page(bundle=found, parts=parts, total=total, added=bool(lagt))
    )


@router.post("/kurv/tilfoej")
def add(v: VisitDep, vare: FormText, antal: FormText = "1", tilbage: FormText = "") -> RedirectResponse:
    v.require_changes_allowed()
    found = v.catalogue.get(vare)
    if found is None:
        raise _not_found(v, "Varen")
    with _cart_errors(v):
        v.cart.add(found.item_number, parse_quantity(antal), aux_id(v.session, found))
    return _saved(v, v.local_path(tilbage, "kurv", lagt=found.item_number))


@router.post("/pakke/{slug}/tilfoej")
def add_bundle(v: VisitDep, slug: str, antal: FormText = "1") -> RedirectResponse:
    v.require_changes_allowed()
    found = v.catalogue.bundles.get(slug)
    if found is None:
        raise _not_found(v, "Pakken")
    with _cart_errors(v):
        quantity = parse_quantity(antal)
        for number, count in found.components:
            part = v.catalogue.products[number]
            # The bundle's name in the AuxID keeps its lines apart from the same items bought singly.
            v.cart.add(number, quantity * count, aux_id(v.session, part, slug.upper()))
    return _saved(v, v.path(f"pakke/{slug}?lagt=1"))


@router.get("/kurv")
def cart(request: Request, v: VisitDep) -> HTMLResponse:
    return templates.TemplateResponse(request, "demo_supplier/cart.html", v.page(**_cart_view(v)))


def _cart_view(v: Visit) -> dict[str, object]:
    lines = []
    for index, entry in enumerate(v.cart.entries):
        found = v.catalogue.products[entry.item_number]
        lines.append(
            {"index": index, "entry": entry, "product": found, "total": found.price * entry.quantity}
        )
    return {"lines": lines, "total": sum((line["total"] for line in lines), Decimal(0))}


@router.post("/kurv/antal")
def change_quantity(v: VisitDep, linje: FormNumber, vare: FormText, antal: FormText) -> RedirectResponse:
    v.require_changes_allowed()
    with _cart_errors(v):
        v.cart.set_quantity(linje, vare, parse_quantity(antal))
    return _saved(v, v.path("kurv"))


@router.post("/kurv/fjern")
def remove(v: VisitDep, linje: FormNumber, vare: FormText) -> RedirectResponse:
    v.require_changes_allowed()
    with _cart_errors(v):
        v.cart.remove(linje, vare)
    return _saved(v, v.path("kurv"))


@router.post("/overfoer")
def transfer(request: Request, v: VisitDep) -> HTMLResponse:
    cart = as_cart(v.shop, v.catalogue, v.cart.entries)
    form = return_form(v.shop, v.session, cart, unchanged=v.session.read_only)
    return templates.TemplateResponse(
        request, "demo_supplier/transfer.html", v.page(form=form, cancelled=False, line_count=len(cart.lines))
    )


@router.post("/annuller")
def cancel(request: Request, v: VisitDep) -> HTMLResponse:
    v.require_changes_allowed()
    form = return_form(v.shop, v.session, as_cart(v.shop, v.catalogue, ShopCart(v.session.sid).entries))
    return templates.TemplateResponse(
        request, "demo_supplier/transfer.html", v.page(form=form, cancelled=True, line_count=0)
    )
