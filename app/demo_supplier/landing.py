"""The shop's front door: what it is and how a buyer connects. Shopping itself starts from the buyer."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse

from app.demo_supplier.context import ContextDep
from app.demo_supplier.products import catalogue_for
from app.demo_supplier.shops import SHOPS
from app.demo_supplier.templating import templates

router = APIRouter()


@router.get("/")
def index(request: Request, ctx: ContextDep) -> HTMLResponse:
    shops = [(shop, catalogue_for(shop)) for shop in SHOPS]
    return templates.TemplateResponse(
        request, "demo_supplier/index.html", {"shops": shops, "base_url": ctx.base_url}
    )


@router.get("/healthz")
def healthz() -> PlainTextResponse:
    return PlainTextResponse("ok")
