"""PostgreSQL: the first item ids of every lexeme, so a broad word's candidates come without its whole posting list

Revision ID: e1a7c0d2b001
Revises: 29bc36a6b26a
Create Date: 2026-11-22 17:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "e1a7c0d2b001"
down_revision: str | None = "29bc36a6b26a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# One row per lexeme of the generated tsvector and indexed version: the lowest ids of the items that carry it,
# ascending, and how many carry it among the ids read (`app.catalogue.search.pg_heads` writes them when a version is
# indexed). `covered_to`: up to this id the list holds every item that carries the lexeme; NULL, it holds them all.
# The row with the empty lexeme stands for the lexemes without a row: none of them up to its `covered_to`. SQLite
# needs none of this: FTS5 merges posting lists lazily and stops after the first N.
PG_HEAD = """
CREATE TABLE catalogue_search_head (
    version_id bigint NOT NULL REFERENCES catalogue_version (id) ON DELETE CASCADE,
    lexeme text NOT NULL,
    frequency integer NOT NULL,
    first_id bigint NOT NULL,
    covered_to bigint,
    item_ids bigint[] NOT NULL,
    CONSTRAINT pk_catalogue_search_head PRIMARY KEY (version_id, lexeme)
)"""
# The first `wanted` matches of a tsquery in item id order, from the lists above rather than the GIN index, whose
# bitmap reads every posting of a broad word (50,000 for "papir") before the first row.
# `lexemes` and `alternatives` (same length) group lexemes into alternatives: every match of the query carries at
# least one lexeme of each alternative, so the least frequent one drives. Below the lowest `covered_to` of its
# lists their union holds every match; with `recheck` each is tested against the query (and the price range)
# through the search row, in id order, so the scan stops at `wanted`. When that window holds too few, or a version
# has no lists (indexed before them), the GIN path answers instead (catalogue_search_match, in physical order).
# The recheck calls `@@`'s function, ts_match_vq, which no index serves: with the operator the planner may take
# the GIN bitmap over every match of the query (the very cost this avoids) rather than the primary key in order,
# which stops at `wanted`. Its statements keep one plan per session: every one reads by primary key whatever the
# values, and planning them again on each call (custom plans) cost a third of an empty search's time.
PG_PICK = """
CREATE FUNCTION catalogue_search_pick(query tsquery, lexemes text[], alternatives integer[], recheck boolean,
                                      versions bigint[], low numeric, high numeric, wanted integer)
RETURNS SETOF bigint LANGUAGE plpgsql STABLE ROWS 500 SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    chosen text[];
    bound bigint;
    listed integer;
    ids bigint[];
    found integer;
    sample CONSTANT integer := 200;
BEGIN
    SELECT a.lexemes,
           (SELECT min(coalesce(h.covered_to, CASE WHEN h.lexeme IS NULL THEN v.covered_to END))
            FROM catalogue_search_head v CROSS JOIN unnest(a.lexemes) AS c(lexeme)
            LEFT JOIN catalogue_search_head h ON h.version_id = v.version_id AND h.lexeme = c.lexeme
            WHERE v.version_id = ANY(versions) AND v.lexeme = ''),
           (SELECT count(*) FROM catalogue_search_head v WHERE v.version_id = ANY(versions) AND v.lexeme = '')
    INTO chosen, bound, listed
    FROM (
        SELECT array_agg(u.lexeme) AS lexemes FROM unnest(lexemes, alternatives) AS u(lexeme, alternative)
        GROUP BY u.alternative
    ) AS a
    ORDER BY (SELECT coalesce(sum(h.frequency), 0) FROM catalogue_search_head h
              WHERE h.version_id = ANY(versions) AND h.lexeme = ANY(a.lexemes))
    LIMIT 1;
    IF listed < cardinality(versions) THEN
        RETURN QUERY SELECT catalogue_search_match(query, versions, low, high, wanted);
        RETURN;
    END IF;
    IF recheck THEN
        -- Unsorted, with repeats: the primary key scan below sorts the array and stops at `wanted` matches.
        ids := ARRAY(
            SELECT i.id FROM catalogue_search_head h, unnest(h.item_ids) AS i(id)
            WHERE h.version_id = ANY(versions) AND h.lexeme = ANY(chosen)
              AND (bound IS NULL OR h.first_id <= bound AND i.id <= bound));
        -- A sample first (the lowest ids of a list): when the window cannot hold `wanted` matches at that rate,
        -- rechecking all of it would be spent before the GIN path anyway.
        IF bound IS NOT NULL AND cardinality(ids) > 2 * sample THEN
            SELECT count(*) INTO found FROM catalogue_search_item s
            WHERE s.item_id = ANY(ids[1:sample]) AND ts_match_vq(s.tsv, query);
            IF found::bigint * cardinality(ids) < wanted::bigint * sample THEN
                RETURN QUERY SELECT catalogue_search_match(query, versions, low, high, wanted);
                RETURN;
            END IF;
        END IF;
        ids := ARRAY(
            SELECT s.item_id FROM catalogue_search_item s
            WHERE s.item_id = ANY(ids) AND ts_match_vq(s.tsv, query)
              AND (low IS NULL AND high IS NULL OR EXISTS (
                  SELECT 1 FROM catalogue_item i WHERE i.id = s.item_id
                  AND i.unit_price >= coalesce(low, 0) AND i.unit_price <= coalesce(high, 'Infinity')))
            ORDER BY s.item_id LIMIT wanted);
    ELSE
        -- The first `wanted` of a union are among the first `wanted` of each list.
        ids := ARRAY(
            SELECT DISTINCT i.id FROM catalogue_search_head h, unnest(h.item_ids[1:wanted]) AS i(id)
            WHERE h.version_id = ANY(versions) AND h.lexeme = ANY(chosen)
              AND (bound IS NULL OR h.first_id <= bound AND i.id <= bound)
            ORDER BY i.id LIMIT wanted);
    END IF;
    IF bound IS NULL OR cardinality(ids) >= wanted THEN
        RETURN QUERY SELECT unnest(ids);
    ELSE
        RETURN QUERY SELECT catalogue_search_match(query, versions, low, high, wanted);
    END IF;
END
$$"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_HEAD)
        op.execute(PG_PICK)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS catalogue_search_pick(tsquery, text[], integer[], boolean, bigint[], "
                   "numeric, numeric, integer)")
        op.execute("DROP TABLE IF EXISTS catalogue_search_head")
