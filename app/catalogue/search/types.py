"""What callers pass to and get back from catalogue search."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, NamedTuple

Sort = Literal["relevance", "price", "price_desc", "comparison_price"]
Lane = Literal["item_number", "gtin", "mpn", "text"]


@dataclass(slots=True)
class SearchParams:
    q: str = ""
    agreement_ids: list[int] = field(default_factory=list)
    supplier_ids: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    segments: list[str] = field(default_factory=list)  # UNSPSC segments, the first two digits
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    sort: Sort = "relevance"
    page: int = 1
    per_page: int = 20


@dataclass(frozen=True, slots=True)
class SearchHit:
    item_id: int
    supplier_item_number: str
    gtin: str | None
    name: str
    brand: str | None
    orderable_unit: str
    content_quantity: Decimal | None
    content_unit: str | None
    unit_price: Decimal
    comparison_price: Decimal | None
    comparison_unit: str | None
    currency: str
    agreement_id: int
    agreement_number: str
    supplier_id: int
    supplier_name: str
    labels: list[str]
    image_url: str | None
    matched_lane: Lane


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass(slots=True)
class SearchResult:
    items: list[SearchHit]
    total: int
    facets: dict[str, list[FacetValue]]
    corrected_query: str | None
    page: int
    per_page: int
    # A broad query matched more items than are ranked: `total` then means "more than total", and facet counts
    # cover the ranked candidates only (see engine.CANDIDATE_CAP).
    total_capped: bool = False


class Candidate(NamedTuple):
    """A matching row with what ranking, sorting and facets need; the page is read in full afterwards. A named
    tuple: a broad query handles hundreds of them within the latency budget."""

    item_id: int
    version_id: int
    segment: str | None
    price_band: int
    unit_price: float
    comparison_price: float | None
    labels: str | None
    name: str
