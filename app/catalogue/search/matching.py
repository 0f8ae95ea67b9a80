"""Finding the candidates: the exact lane for identifiers, then the tiered full-text match.

Ranking, facets and sorting work on at most CANDIDATE_CAP matches. At national scale a broad word ("papir",
"pc") matches tens of thousands of items, and reading and ranking costs per match (bm25 alone about 3 µs a row,
performance reference §4): all of them would blow the 30 ms budget of search-as-you-type. So the candidates are
the first CANDIDATE_CAP of the strongest tier that fills the cap, in index order (catalogue order); the result
says `total_capped` ("more than N"), facet counts cover those candidates, and the user narrows with a second
word or a facet. Sorting by price stays exact: the database orders every match (`SearchBackend.ordered_ids`).
"""

from dataclasses import dataclass

from sqlalchemy import or_, select, union_all
from sqlalchemy.orm import Session

from app.catalogue.search.analysis import tokens
from app.catalogue.search.backend import CANDIDATE_COLUMNS, S, SearchBackend
from app.catalogue.search.expr import Expr
from app.catalogue.search.query import Word, tier_exprs
from app.catalogue.search.scope import Filters
from app.catalogue.search.terms import gtin_key, identifier_key
from app.catalogue.search.types import Candidate, Lane
from app.models import CatalogueItem

# Half a thousand: on PostgreSQL every candidate costs a heap visit and a primary-key lookup, and a thousand
# took the broad words past 30 ms at a million items; 25 pages of 20 are more than anyone pages through.
CANDIDATE_CAP = 500
_EXACT_LIMIT = 50
_LANE_ORDER = {"item_number": 0, "gtin": 1, "mpn": 2}


@dataclass(slots=True)
class Matches:
    candidates: list[Candidate]
    capped: bool
    expr: Expr | None  # the broadest expression, for ordering every match in the database


NO_MATCHES = Matches([], False, None)


def find(session: Session, backend: SearchBackend, words: list[Word], filters: Filters, cap: int) -> Matches:
    if not words:
        browse = filters.apply(None)
        if browse is None:
            return NO_MATCHES
        rows = backend.candidates(session, browse, filters, cap + 1)
        return Matches(rows[:cap], len(rows) > cap, browse)
    tiers = [expr for expr in (filters.apply(tier) for tier in tier_exprs(words)) if expr is not None]
    if not tiers:
        return NO_MATCHES
    chosen: dict[int, Candidate] = {}
    for tier in tiers:
        found = backend.candidates(session, tier, filters, cap + 1)
        if len(found) <= cap:  # the whole tier, and every weaker tier is a superset of it
            chosen = {row.item_id: row for row in found}
            continue
        # This tier alone overflows: keep everything of the stronger tiers, then fill up from this one.
        chosen.update((row.item_id, row) for row in found if row.item_id not in chosen)
        return Matches(list(chosen.values())[:cap], True, tiers[-1])
    return Matches(list(chosen.values()), False, tiers[-1])


def looks_like_identifier(q: str) -> bool:
    """Item numbers, GTINs and part numbers have digits and no long words ("NM-1001", "5701 2340 00011")."""
    return any(char.isdigit() for char in q) and not any(len(t) > 3 and t.isalpha() for t in tokens(q))


def exact_lane(session: Session, q: str, filters: Filters) -> list[tuple[Candidate, Lane]]:
    """Items whose supplier item number, GTIN or manufacturer part number is what was typed: always first.

    Two index lookups: the normalised keys kept in the search table, and the item number as stored (typed as
    is, in upper or lower case) through catalogue_item's (version, item number) index."""
    typed = q.strip()
    key = identifier_key(typed)
    if key is None or len(key) < 3 or not looks_like_identifier(typed):
        return []
    gtin = gtin_key(typed)
    columns = (*CANDIDATE_COLUMNS, CatalogueItem.supplier_item_number, S.gtin_key)
    joined = S.__table__.join(CatalogueItem, CatalogueItem.id == S.item_id)
    keys = [S.item_key == key, S.mpn_key == key] + ([S.gtin_key == gtin] if gtin else [])
    spellings = sorted({typed, typed.upper(), typed.lower(), key})
    rows = session.connection().execute(union_all(
        select(*columns).select_from(joined).where(or_(*keys), *filters.sql()),
        select(*columns).select_from(joined).where(CatalogueItem.version_id.in_(filters.version_ids),
                                                   CatalogueItem.supplier_item_number.in_(spellings),
                                                   *filters.sql()),
    ).limit(_EXACT_LIMIT)).all()
    found: dict[int, tuple[Candidate, Lane]] = {}
    for row in rows:
        if row.item_id in found or not filters.accepts(row):
            continue
        number_key = identifier_key(row.supplier_item_number)
        lane: Lane = "item_number" if number_key == key else "gtin" if gtin and row.gtin_key == gtin else "mpn"
        found[row.item_id] = (row, lane)
    return sorted(found.values(), key=lambda pair: (_LANE_ORDER[pair[1]], pair[0].item_id))
