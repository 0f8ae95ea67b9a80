"""The application factory: pages, the JSON API under /api/v1, middleware and error handling."""

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import Lifespan

from app.agreements import api as agreements_api
from app.agreements import pages as agreements_pages
from app.audit import api as audit_api
from app.auth import pages as auth_pages
from app.auth.dependencies import verify_csrf_form
from app.basket import api as basket_api
from app.basket import pages as basket_pages
from app.catalogue import api as catalogue_api
from app.catalogue import pages as catalogue_pages
from app.catalogue import search_api, search_pages
from app.config import get_settings
from app.kit.csrf import CsrfCookieMiddleware
from app.kit.db import get_engine
from app.kit.headers import SecurityHeadersMiddleware
from app.kit.language import LanguageMiddleware
from app.kit.sqlite_checkpoint import Checkpointer
from app.org import api as org_api
from app.org import pages as org_pages
from app.punchout import admin_pages as punchout_admin_pages
from app.punchout import api as punchout_api
from app.punchout import connections_api as punchout_connections_api
from app.punchout import pages as punchout_pages
from app.punchout import return_route as punchout_return
from app.suppliers import api as suppliers_api
from app.suppliers import pages as suppliers_pages
from app.users import api as users_api
from app.users import pages as users_pages
from app.web import errors, home

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"


def create_app(lifespan: Lifespan[FastAPI] | None = None) -> FastAPI:
    settings = get_settings()
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    app = FastAPI(
        title="e-handel portal",
        version="0.1.0",
        description="Open e-procurement portal for Danish municipalities. Authenticate with `Authorization: Bearer "
        "<token>` (create one with `portal token create --user EMAIL`).",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )

    api = APIRouter(prefix="/api/v1")
    for module in (
        org_api,
        users_api,
        suppliers_api,
        agreements_api,
        audit_api,
        catalogue_api,
        search_api,
        punchout_api,
        punchout_connections_api,
        basket_api,
    ):
        api.include_router(module.router)
    app.include_router(api)

    pages = APIRouter(dependencies=[Depends(verify_csrf_form)], include_in_schema=False)
    for module in (
        auth_pages,
        home,
        org_pages,
        users_pages,
        suppliers_pages,
        agreements_pages,
        catalogue_pages,
        search_pages,
        punchout_pages,
        punchout_admin_pages,
        basket_pages,
    ):
        pages.include_router(module.router)
    app.include_router(pages)
    # Outside the CSRF check: the supplier's page posts the cart here cross-site, authorised by its one-time token.
    app.include_router(punchout_return.router)
    app.include_router(home.health_router)

    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    errors.install(app)

    # Outermost last: headers wrap everything, then the CSRF cookie, then the language.
    app.add_middleware(LanguageMiddleware)
    app.add_middleware(CsrfCookieMiddleware, secure=settings.secure_cookies)
    app.add_middleware(SecurityHeadersMiddleware, hsts=settings.secure_cookies)
    return app


def create_served_app() -> FastAPI:
    """The application as `portal serve` runs it. Everything built at start-up lives as long as the process, so it
    is moved out of the garbage collector's sight (gc.freeze): full collections then walk only what requests
    allocate, instead of pausing a large request for the whole heap. On SQLite, WAL checkpoints run in a thread of
    their own rather than inside whichever request's commit fills the log (app.kit.sqlite_checkpoint)."""
    app = create_app(lifespan=_served_lifespan)
    gc.collect()
    gc.freeze()
    return app


@asynccontextmanager
async def _served_lifespan(_app: FastAPI) -> AsyncIterator[None]:
    if not get_settings().is_sqlite:
        yield
        return
    checkpointer = Checkpointer(get_engine())
    checkpointer.start()
    try:
        yield
    finally:
        checkpointer.stop()
