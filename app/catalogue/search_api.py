"""JSON API for catalogue search and as-you-type suggestions."""

from dataclasses import asdict

from fastapi import APIRouter, Query

from app.auth.dependencies import ApiPrincipal, SessionDep
from app.catalogue.search import search, suggest
from app.catalogue.search_params import SearchParamsDep

router = APIRouter(tags=["catalogue search"])


@router.get("/catalog/search")
def catalogue_search(params: SearchParamsDep, session: SessionDep, principal: ApiPrincipal) -> object:
    """Search the active catalogues of the agreements your municipality has joined. Repeat `agreement`,
    `supplier`, `label` and `segment` (UNSPSC segment, two digits) to filter; `sort` is relevance, price,
    price_desc or comparison_price. Items carry supplier item number, GTIN, name, unit, price, comparison price,
    agreement and labels; `facets` counts per agreement, supplier, segment, label and price range."""
    result = search(session, principal, params)
    return {
        "query": params.q,
        "corrected_query": result.corrected_query,
        "total": result.total,
        "total_capped": result.total_capped,
        "page": result.page,
        "per_page": result.per_page,
        "items": [asdict(hit) for hit in result.items],
        "facets": {name: [asdict(v) for v in values] for name, values in result.facets.items()},
    }


@router.get("/catalog/suggest")
def catalogue_suggest(
    session: SessionDep,
    principal: ApiPrincipal,
    q: str = Query("", max_length=100),
    limit: int = Query(8, ge=1, le=20),
) -> list[str]:
    return suggest(session, principal, q, limit)
