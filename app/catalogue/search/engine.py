"""Catalogue search: the exact lane, the tiered full-text match, second chances, ranking, facets and the page."""

from sqlalchemy.orm import Session

from app.auth.principal import Principal
from app.catalogue.search.backend import SearchBackend, backend_for
from app.catalogue.search.corrections import FEW, second_chance
from app.catalogue.search.facets import facets
from app.catalogue.search.hits import load_hits
from app.catalogue.search.matching import CANDIDATE_CAP, NO_MATCHES, Matches, exact_lane, find
from app.catalogue.search.query import Word, clean, complete, parse
from app.catalogue.search.ranking import rank
from app.catalogue.search.scope import Filters, build_filters, load_scope
from app.catalogue.search.types import Candidate, Lane, SearchParams, SearchResult
from app.catalogue.search.vocabulary import vocabulary

MAX_PER_PAGE = 100


def search(session: Session, principal: Principal, params: SearchParams) -> SearchResult:
    page, per_page = max(1, params.page), min(max(1, params.per_page), MAX_PER_PAGE)
    empty = SearchResult([], 0, {}, None, page, per_page)
    words = parse(params.q)
    filtered = bool(params.agreement_ids or params.supplier_ids or params.labels or params.segments
                    or params.price_min is not None or params.price_max is not None)
    if not words and not filtered:
        return empty
    scope = load_scope(session, principal)
    filters = build_filters(scope, params, browsing=not words)
    if filters is None:
        return empty
    backend = backend_for(session)
    complete(words, vocabulary(session, scope), filters.version_ids)
    exact = exact_lane(session, clean(params.q), filters) if words else []
    # An identifier that hit its lane is what was asked for; full text would only add noise and time.
    matches = NO_MATCHES if exact and len(words) == 1 else find(session, backend, words, filters, CANDIDATE_CAP)
    corrected = None
    if words and not exact and len(matches.candidates) <= FEW:
        retried = second_chance(session, backend, scope, words, filters, len(matches.candidates))
        if retried is not None:
            words, matches, corrected = retried

    lanes: dict[int, Lane] = {candidate.item_id: lane for candidate, lane in exact}
    text_only = [c for c in matches.candidates if c.item_id not in lanes]
    start = (page - 1) * per_page
    if matches.capped and params.sort != "relevance" and matches.expr is not None:
        ids = _ordered_page(session, backend, matches, filters, params, list(lanes), start, per_page)
    else:
        ordered = [c.item_id for c in _order(words, text_only, params)]
        ids = (list(lanes) + ordered)[start:start + per_page]
    return SearchResult(
        items=load_hits(session, scope, ids, lanes),
        total=len(lanes) + len(text_only),
        facets=facets([candidate for candidate, _ in exact] + text_only, scope),
        corrected_query=corrected,
        page=page,
        per_page=per_page,
        total_capped=matches.capped,
    )


def _order(words: list[Word], candidates: list[Candidate], params: SearchParams) -> list[Candidate]:
    if params.sort == "price":
        return sorted(candidates, key=lambda c: (c.unit_price, c.item_id))
    if params.sort == "price_desc":
        return sorted(candidates, key=lambda c: (-c.unit_price, c.item_id))
    if params.sort == "comparison_price":
        return sorted(candidates, key=lambda c: (c.comparison_price is None, c.comparison_price or 0, c.item_id))
    return rank(words, candidates)


def _ordered_page(session: Session, backend: SearchBackend, matches: Matches, filters: Filters,
                  params: SearchParams, exact_ids: list[int], start: int, per_page: int) -> list[int]:
    """A price-sorted page over every match, not just the candidates: the cheapest item is always found."""
    assert matches.expr is not None
    head = exact_ids[start:start + per_page]
    offset = max(0, start - len(exact_ids))
    rest = backend.ordered_ids(session, matches.expr, filters, params.sort, per_page + len(exact_ids), offset)
    return (head + [item_id for item_id in rest if item_id not in exact_ids])[:per_page]
