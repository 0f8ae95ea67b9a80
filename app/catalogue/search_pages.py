"""The search page: one form (works without JavaScript), facets as filters, results, pagination."""

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.auth.dependencies import PagePrincipal, SessionDep
from app.catalogue.search import search
from app.catalogue.search_params import SearchParamsDep
from app.web.templates import render

router = APIRouter()


@router.get("/catalog")
def search_page(
    request: Request, params: SearchParamsDep, session: SessionDep, principal: PagePrincipal
) -> Response:
    result = search(session, principal, params) if params.q.strip() or _filtered(params) else None
    pages: dict[str, str | None] = {"previous": None, "next": None}
    if result is not None:
        if params.page > 1:
            pages["previous"] = _page_url(request, params.page - 1)
        if params.page * params.per_page < result.total:
            pages["next"] = _page_url(request, params.page + 1)
    return render(request, "catalogue/search.html", {"params": params, "result": result, "pages": pages})


def _page_url(request: Request, page: int) -> str:
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
    return "/catalog?" + urlencode([*kept, ("page", str(page))])


def _filtered(params: object) -> bool:
    return any(getattr(params, name) for name in ("agreement_ids", "supplier_ids", "labels", "segments"))
