"""GET /start/{token}: the StartPage. Opens the shop once, then hands over to a longer-lived session URL."""

from decimal import Decimal
from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import RedirectResponse

from app.demo_supplier.cart import CartError, Entry, ShopCart, dump_cart, set_cart_cookie
from app.demo_supplier.context import ContextDep
from app.demo_supplier.errors import ShopError, session_error
from app.demo_supplier.session import ShopSession
from app.demo_supplier.tokens import SESSION, START, TokenError

router = APIRouter()


@router.get("/start/{token}")
def start(token: str, ctx: ContextDep) -> RedirectResponse:
    try:
        data = ctx.signer.load(START, token)
    except TokenError as exc:
        raise session_error(exc.reason) from exc
    session = ShopSession.from_dict(data["session"])
    if not ctx.replay.first_use(session.sid, data["exp"]):
        raise session_error("used")
    session_token = ctx.signer.dump(SESSION, session.to_dict())
    cart = ShopCart(session.sid, [Entry(item, Decimal(qty), aux) for item, qty, aux in data["lines"]])
    try:
        cookie = dump_cart(ctx.signer, cart)
    except CartError as exc:
        raise ShopError(413, "Kurven er for stor", str(exc)) from exc
    target = f"/s/{session_token}/"
    if data.get("selected"):
        # SelectedItem: a level-2 punch-out straight to one product (cXML DTD, SelectedItem).
        target += f"vare/{quote(data['selected'], safe='')}"
    if data.get("dropped"):
        target += f"?fjernet={int(data['dropped'])}"
    response = RedirectResponse(target, status_code=303)
    set_cart_cookie(response, session_token, cookie)
    return response
