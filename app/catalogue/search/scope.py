"""Which indexed versions a principal may search, and the request's filters as tags and SQL conditions.

Visibility comes from the central scope (`app.kit.scoping.visible_to`): a version is searchable when its agreement
is joined by the principal's municipality and the version is the active one. Filters are put inside the
full-text expression as tags, because a condition outside it would make a capped candidate list lose matches.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from app.auth.principal import Principal
from app.catalogue.search.expr import TAG, Expr, Without, all_of, any_of, terms
from app.catalogue.search.terms import PRICE_BANDS, band_tag, label_tag, segment_tag, version_tag
from app.catalogue.search.types import Candidate, SearchParams
from app.kit.scoping import visible_to
from app.models import (
    Agreement,
    CatalogueItem,
    CatalogueSearchItem,
    CatalogueSearchVersion,
    CatalogueVersion,
    Supplier,
    VersionStatus,
)


@dataclass(frozen=True, slots=True)
class VersionInfo:
    agreement_id: int
    agreement_number: str
    supplier_id: int
    supplier_name: str


@dataclass(frozen=True, slots=True)
class Scope:
    principal: Principal
    visible: dict[int, VersionInfo]
    indexed: frozenset[int]
    generation: tuple[tuple[int, str], ...]  # changes whenever any version is (re)indexed or removed


def load_scope(session: Session, principal: Principal) -> Scope:
    searchable = and_(visible_to(CatalogueSearchVersion, principal), CatalogueVersion.status == VersionStatus.active)
    rows = session.connection().execute(
        select(CatalogueSearchVersion.version_id, CatalogueSearchVersion.generation,
               CatalogueSearchVersion.agreement_id, Agreement.number, CatalogueSearchVersion.supplier_id,
               Supplier.name, searchable.label("searchable"))
        .join(CatalogueVersion, CatalogueVersion.id == CatalogueSearchVersion.version_id)
        .join(Agreement, Agreement.id == CatalogueSearchVersion.agreement_id)
        .join(Supplier, Supplier.id == CatalogueSearchVersion.supplier_id)
        .order_by(CatalogueSearchVersion.version_id)
    ).all()
    visible = {row[0]: VersionInfo(row[2], row[3], row[4], row[5]) for row in rows if row[6]}
    return Scope(principal, visible, frozenset(row[0] for row in rows), tuple((row[0], row[1]) for row in rows))


@dataclass(frozen=True, slots=True)
class Filters:
    principal: Principal
    version_ids: tuple[int, ...]
    positive: Expr | None  # tags every match must carry
    negative: Expr | None  # tags no match may carry (versions out of scope, when fewer than those in it)
    segments: frozenset[str]
    labels: frozenset[str]
    price_min: Decimal | None
    price_max: Decimal | None
    # Statements built once per search and run for every tier with new parameters (see the backends).
    memo: dict[str, Any] = field(default_factory=dict, compare=False)

    def apply(self, expr: Expr | None) -> Expr | None:
        """The words' expression with the filter tags; None when there is nothing positive to match."""
        combined = all_of([expr, self.positive])
        if combined is None or self.negative is None:
            return combined
        return Without(combined, self.negative)

    def sql(self) -> list[ColumnElement[bool]]:
        """Conditions on a search row joined to its item: the central scope, the versions, the price range."""
        if "sql" not in self.memo:
            self.memo["sql"] = [CatalogueSearchItem.version_id.in_(self.version_ids),
                                visible_to(CatalogueSearchItem, self.principal), *self._price()]
        return self.memo["sql"]

    def _price(self) -> list[ColumnElement[bool]]:
        conditions = []
        if self.price_min is not None:
            conditions.append(CatalogueItem.unit_price >= self.price_min)
        if self.price_max is not None:
            conditions.append(CatalogueItem.unit_price <= self.price_max)
        return conditions

    def accepts(self, row: Candidate) -> bool:
        labels = set((row.labels or "").split("|"))
        return (row.version_id in self.version_ids
                and (not self.segments or row.segment in self.segments)
                and (not self.labels or bool(labels & self.labels))
                and (self.price_min is None or row.unit_price >= float(self.price_min))
                and (self.price_max is None or row.unit_price <= float(self.price_max)))


def build_filters(scope: Scope, params: SearchParams, browsing: bool) -> Filters | None:
    """None when nothing can match: no version in scope, or only filter values that cannot exist."""
    selected = sorted(
        version for version, info in scope.visible.items()
        if (not params.agreement_ids or info.agreement_id in params.agreement_ids)
        and (not params.supplier_ids or info.supplier_id in params.supplier_ids)
    )
    segments = frozenset(s for s in params.segments if len(s) == 2 and s.isdigit())
    labels = frozenset(label for label in params.labels if label_tag(label) != "zl")
    if not selected or (params.segments and not segments) or (params.labels and not labels):
        return None
    excluded = sorted(scope.indexed - set(selected))
    # The shorter list of version tags is cheaper to merge; browsing has no words, so it needs a positive one.
    version_clause, negative = None, None
    if browsing or (excluded and len(selected) <= len(excluded)):
        version_clause = any_of(terms([version_tag(v) for v in selected], (TAG,)))
    elif excluded:
        negative = any_of(terms([version_tag(v) for v in excluded], (TAG,)))
    positive = all_of([
        version_clause,
        any_of(terms([segment_tag(s) for s in sorted(segments)], (TAG,))),
        any_of(terms([label_tag(label) for label in sorted(labels)], (TAG,))),
        _band_clause(params.price_min, params.price_max),
    ])
    return Filters(scope.principal, tuple(selected), positive, negative, segments, labels,
                   params.price_min, params.price_max)


def _band_clause(low: Decimal | None, high: Decimal | None) -> Expr | None:
    bounds = (0, *PRICE_BANDS, None)
    bands = [band for band in range(len(bounds) - 1)
             if (high is None or bounds[band] <= high) and (low is None or bounds[band + 1] is None
                                                             or bounds[band + 1] > low)]
    if len(bands) == len(bounds) - 1:
        return None
    return any_of(terms([band_tag(band) for band in bands], (TAG,))) if bands else _NOTHING


# A tag no row carries: a price range that excludes every band matches nothing.
_NOTHING = terms(["znone"], (TAG,))[0]
