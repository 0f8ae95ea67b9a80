"""The search query as URL parameters, shared by the search API and the search page."""

from decimal import Decimal
from typing import Annotated, Literal

from fastapi import Depends, Query

from app.catalogue.search import SearchParams

MAX_PER_PAGE = 100


def search_params(
    q: str = "",
    agreement: Annotated[list[int], Query()] = [],  # noqa: B006 - FastAPI copies query defaults
    supplier: Annotated[list[int], Query()] = [],  # noqa: B006
    label: Annotated[list[str], Query()] = [],  # noqa: B006
    segment: Annotated[list[str], Query()] = [],  # noqa: B006
    price_min: Annotated[Decimal | None, Query(ge=0)] = None,
    price_max: Annotated[Decimal | None, Query(ge=0)] = None,
    sort: Literal["relevance", "price", "price_desc", "comparison_price"] = "relevance",
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 20,
) -> SearchParams:
    return SearchParams(
        q=q[:200],
        agreement_ids=agreement,
        supplier_ids=supplier,
        labels=label,
        segments=segment,
        price_min=price_min,
        price_max=price_max,
        sort=sort,
        page=page,
        per_page=per_page,
    )


SearchParamsDep = Annotated[SearchParams, Depends(search_params)]
