"""The demo supplier as its own FastAPI app, on its own origin, apart from the portal and its database."""

import time

from fastapi import FastAPI

from app.config import get_settings
from app.demo_supplier import cxml_endpoint, landing, oci_endpoint, shop_pages, start
from app.demo_supplier.context import ShopContext
from app.demo_supplier.errors import ShopError, render_shop_error
from app.demo_supplier.tokens import Clock, ReplayGuard, Signer


def create_supplier_app(base_url: str, *, secret_key: str | None = None, clock: Clock = time.time) -> FastAPI:
    """`base_url` is the shop's own origin, e.g. http://127.0.0.1:8001; StartPage URLs are built on it.

    Tokens are signed with the portal's secret unless `secret_key` is given, so every worker started from
    the same settings accepts every other worker's tokens.
    """
    app = FastAPI(title="Demo-leverandør", docs_url=None, redoc_url=None, openapi_url=None)
    signer = Signer(f"demo-supplier:{secret_key or get_settings().resolved_secret_key()}", clock)
    app.state.demo_supplier = ShopContext(base_url.rstrip("/"), signer, ReplayGuard(clock))
    app.add_exception_handler(ShopError, render_shop_error)
    for module in (landing, cxml_endpoint, start, oci_endpoint, shop_pages):
        app.include_router(module.router)
    return app
