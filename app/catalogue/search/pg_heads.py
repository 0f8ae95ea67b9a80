"""PostgreSQL: the first item ids of every lexeme (catalogue_search_head), written when a version is indexed, and
what a full-text expression asks of them.

A broad word's GIN bitmap reads every posting of the word (50,000 for "papir" at a million items) before the first
row, and a LIMIT cannot stop it. The candidates are the first N matches in item id order (as FTS5's on SQLite), and
those are found among the first ids of the word's lexemes: `catalogue_search_pick` (see the migration) unites the
lists of the least frequent alternative up to where they are whole, rechecks the query when the lists alone cannot
decide it, and falls back to the GIN index when that window holds too few.
"""

from collections.abc import Iterator
from itertools import islice, product

from app.catalogue.search.expr import AllOf, AnyOf, Expr, Term, Without, lexemes

# Ids kept per lexeme: at least the candidates one call asks for (matching.CANDIDATE_CAP + 1), with room for an
# AND of words whose rarest word's items do not all carry the others.
HEAD_SIZE = 2048
# Only the version's first ids are read: unnesting every tsvector of a million items takes seconds, and a word rarer
# than HEAD_SIZE in this window has few postings, which the GIN index reads cheaply anyway.
HEAD_WINDOW = 200_000
# An OR of items that are themselves ANDs has one alternative per combination of theirs; a few are plenty.
_ALTERNATIVES_PER_ANY = 8

# Per lexeme of the window: how many items carry it and their ids, sorted, cut to HEAD_SIZE (%(size)s). A list is
# whole up to its HEAD_SIZE-th id, or up to the window's end (%(end)s, NULL when the window is the whole version).
# The row with the empty lexeme marks the version as listed: a lexeme without a row has no posting up to its end.
BUILD_SQL = """
INSERT INTO catalogue_search_head (version_id, lexeme, frequency, first_id, covered_to, item_ids)
SELECT %(version)s, p.lexeme, p.frequency, p.ids[1],
       CASE WHEN p.frequency > %(size)s THEN p.ids[%(size)s] ELSE %(end)s END, p.ids[1:%(size)s]
FROM (
    SELECT w.lexeme, w.frequency, ARRAY(SELECT unnest(w.ids) AS id ORDER BY id) AS ids FROM (
        SELECT l.lexeme, count(*) AS frequency, array_agg(s.item_id) AS ids
        FROM catalogue_search_item s CROSS JOIN LATERAL unnest(tsvector_to_array(s.tsv)) AS l(lexeme)
        WHERE s.item_id BETWEEN %(low)s AND %(last)s AND s.version_id = %(version)s
        GROUP BY l.lexeme
    ) AS w
) AS p
UNION ALL
SELECT %(version)s, '', 0, %(low)s, %(end)s, '{}'
"""
DELETE_SQL = "DELETE FROM catalogue_search_head WHERE version_id = %s"


def build_parameters(version_id: int, low: int, high: int) -> dict[str, int | None]:
    last = min(high, low + HEAD_WINDOW - 1)
    return {"version": version_id, "low": low, "last": last, "end": None if last == high else last,
            "size": HEAD_SIZE}


def drivers(expr: Expr) -> tuple[list[str], list[int]]:
    """The expression's alternatives as `catalogue_search_pick` takes them: lexemes, and the alternative each
    belongs to. Every match carries a lexeme of each alternative."""
    flat: list[str] = []
    owners: list[int] = []
    for number, alternative in enumerate(dict.fromkeys(_alternatives(expr))):
        flat.extend(alternative)
        owners.extend(number for _ in alternative)
    return flat, owners


def decides(expr: Expr) -> bool:
    """True when the lists alone decide a match: the expression is one OR of terms, so a row in a list matches."""
    if isinstance(expr, Term):
        return True
    return isinstance(expr, AnyOf) and all(decides(item) for item in expr.items)


def _alternatives(expr: Expr) -> Iterator[tuple[str, ...]]:
    if isinstance(expr, Term):
        yield tuple(lexemes(expr))
    elif isinstance(expr, AnyOf):
        # A match of the OR matches one of its items: one alternative of each item, united, covers it.
        choices = [list(dict.fromkeys(_alternatives(item))) for item in expr.items]
        for combination in islice(product(*choices), _ALTERNATIVES_PER_ANY):
            yield tuple(dict.fromkeys(lexeme for alternative in combination for lexeme in alternative))
    elif isinstance(expr, AllOf):
        for item in expr.items:
            yield from _alternatives(item)
    elif isinstance(expr, Without):
        yield from _alternatives(expr.keep)
