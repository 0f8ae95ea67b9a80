"""One request inside a punch-out session: the verified session, its shop, catalogue and cart."""

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from fastapi import Depends, Request

from app.demo_supplier.cart import COOKIE, ShopCart, load_cart
from app.demo_supplier.context import ShopContext, shop_context
from app.demo_supplier.errors import ShopError, session_error
from app.demo_supplier.products import ShopCatalogue, catalogue_for
from app.demo_supplier.session import ShopSession
from app.demo_supplier.shops import DemoShop, shop_by_slug
from app.demo_supplier.tokens import SESSION, TokenError


@dataclass
class Visit:
    ctx: ShopContext
    token: str
    session: ShopSession
    shop: DemoShop
    catalogue: ShopCatalogue
    cart: ShopCart

    def path(self, suffix: str = "") -> str:
        return f"/s/{self.token}/{suffix}"

    def local_path(self, candidate: str | None, fallback: str, **params: str) -> str:
        """`candidate` if it is a page of this session (never an open redirect), with `params` added."""
        path = candidate if candidate and candidate.startswith(self.path()) else self.path(fallback)
        parts = urlsplit(path)
        query = [(k, v) for k, v in parse_qsl(parts.query) if k not in params] + list(params.items())
        return urlunsplit(("", "", parts.path, urlencode(query), ""))

    def page(self, **values: Any) -> dict[str, Any]:
        """The values every shop page renders: the shop, the session and the cart's size."""
        return {
            "visit": self,
            "shop": self.shop,
            "session": self.session,
            "cart_count": self.cart.count,
            **values,
        }

    def require_changes_allowed(self) -> None:
        if self.session.read_only:
            raise ShopError(
                403,
                "Kurven kan kun ses",
                "Indkøbssystemet har åbnet kurven til visning. Den kan ikke ændres her.",
                back_url=self.path("kurv"),
            )


def visit(token: str, request: Request) -> Visit:
    ctx = shop_context(request)
    try:
        session = ShopSession.from_dict(ctx.signer.load(SESSION, token))
    except TokenError as exc:
        raise session_error(exc.reason) from exc
    shop = shop_by_slug(session.shop)
    if shop is None:
        raise session_error("invalid")
    catalogue = catalogue_for(shop)
    cart = load_cart(ctx.signer, request.cookies.get(COOKIE), session.sid, catalogue)
    return Visit(ctx, token, session, shop, catalogue, cart)


VisitDep = Annotated[Visit, Depends(visit)]
