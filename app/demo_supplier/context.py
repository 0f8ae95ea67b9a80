"""What every request of the shop app shares: its own origin and the signing keys."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from app.demo_supplier.tokens import ReplayGuard, Signer


@dataclass(frozen=True)
class ShopContext:
    base_url: str
    signer: Signer
    replay: ReplayGuard

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"


def shop_context(request: Request) -> ShopContext:
    return request.app.state.demo_supplier


ContextDep = Annotated[ShopContext, Depends(shop_context)]
