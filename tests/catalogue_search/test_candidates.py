"""Candidates are the first matches of a tier in item id order, on both databases: FTS5 in rowid order on SQLite,
the lexemes' first ids (`pg_heads`) on PostgreSQL, which must give what the GIN index gives."""

from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.catalogue.search import SearchParams, backend_for, engine, index_version, pg_heads
from app.catalogue.search.expr import NAME, PART, TAG, AllOf, AnyOf, Expr, Term, Without, to_tsquery
from app.catalogue.search.pg_heads import decides, drivers
from app.catalogue.search.query import complete, parse, tier_exprs
from app.catalogue.search.scope import Filters, build_filters, load_scope
from app.catalogue.search.vocabulary import vocabulary
from tests.catalogue_search.catalogue import add_version
from tests.catalogue_search.conftest import Shop, _requisitioner
from tests.factories import make_agreement, make_municipality, make_supplier

QUERIES = ["mel", "hvedemel", "kaffe", "mælk", "økologisk", "hve", "smør", "kaffe filtre", "æg", "1 kg", "1 l",
           "melis", "te", "rugbrød 1 kg", "zzz"]


def _tiers(shop: Shop, q: str, **options: object) -> tuple[Filters, list[Expr]]:
    scope = load_scope(shop.db, shop.principal)
    filters = build_filters(scope, SearchParams(q=q, **options), browsing=False)  # type: ignore[arg-type]
    assert filters is not None
    words = parse(q)
    complete(words, vocabulary(shop.db, scope), filters.version_ids)
    return filters, [expr for expr in (filters.apply(tier) for tier in tier_exprs(words)) if expr is not None]


def _ids(shop: Shop, expr: Expr, filters: Filters, limit: int) -> list[int]:
    return [row.item_id for row in backend_for(shop.db).candidates(shop.db, expr, filters, limit)]


def _postgres(shop: Shop) -> bool:
    return shop.db.get_bind().dialect.name == "postgresql"


class TestFirstMatchesInIdOrder:
    @pytest.mark.parametrize("q", QUERIES)
    def test_a_short_list_is_the_lowest_ids_of_every_match(self, shop: Shop, q: str) -> None:
        filters, tiers = _tiers(shop, q)
        for tier in tiers:
            every = _ids(shop, tier, filters, 1000)
            assert _ids(shop, tier, filters, 2) == sorted(every)[:2]

    def test_a_price_range_is_applied_before_the_limit(self, shop: Shop) -> None:
        filters, tiers = _tiers(shop, "kaffe", price_min=Decimal("50"), price_max=Decimal("100"))
        every = _ids(shop, tiers[-1], filters, 1000)
        assert every and _ids(shop, tiers[-1], filters, 1) == sorted(every)[:1]


class TestDrivers:
    def test_a_term_is_one_alternative_over_its_columns(self) -> None:
        assert drivers(Term("mel", (NAME, PART))) == (["nmel", "pmel"], [0, 0])

    def test_each_word_of_an_and_is_an_alternative(self) -> None:
        expr = AllOf((Term("hvedemel", (NAME,)), AnyOf((Term("1", (NAME,)), Term("kg", (NAME, PART))))))
        assert drivers(expr) == (["nhvedemel", "n1", "nkg", "pkg"], [0, 1, 1, 1])

    def test_what_is_excluded_drives_nothing(self) -> None:
        assert drivers(Without(Term("mel", (NAME,)), Term("zv3", (TAG,)))) == (["nmel"], [0])

    def test_an_or_of_ands_unites_one_word_of_each(self) -> None:
        expr = AnyOf((AllOf((Term("a", (NAME,)), Term("b", (NAME,)))), Term("c", (NAME,))))
        assert drivers(expr) == (["na", "nc", "nb", "nc"], [0, 0, 1, 1])

    def test_only_an_or_of_terms_is_decided_by_the_lists_alone(self) -> None:
        assert decides(AnyOf((Term("mel", (NAME, PART)), Term("melet", (NAME,)))))
        assert not decides(AllOf((Term("mel", (NAME,)), Term("kg", (NAME,)))))
        assert not decides(Without(Term("mel", (NAME,)), Term("zv3", (TAG,))))


def _rebuild_lists(shop: Shop) -> None:
    versions = shop.db.execute(text("SELECT version_id, min(item_id), max(item_id) FROM catalogue_search_item "
                                    "GROUP BY version_id")).all()
    with shop.db.connection().connection.driver_connection.cursor() as cursor:
        for version_id, low, high in versions:
            cursor.execute(pg_heads.DELETE_SQL, (version_id,))
            cursor.execute(pg_heads.BUILD_SQL, pg_heads.build_parameters(version_id, low, high))


@pytest.fixture
def postgres_shop(shop: Shop) -> Shop:
    if not _postgres(shop):
        pytest.skip("the lexemes' first ids are PostgreSQL's")
    return shop


@pytest.fixture(params=[(pg_heads.HEAD_SIZE, pg_heads.HEAD_WINDOW), (2, 1000), (2, 4), (1, 2)],
                ids=["whole", "cut", "cut-window", "tiny"])
def short_lists(request: pytest.FixtureRequest, postgres_shop: Shop, monkeypatch: pytest.MonkeyPatch) -> Iterator[Shop]:
    """The fixture catalogue's lists written again with few ids and a short window, so that the candidates come
    through truncated lists, windows and the GIN fallback."""
    size, window = request.param
    monkeypatch.setattr(pg_heads, "HEAD_SIZE", size)
    monkeypatch.setattr(pg_heads, "HEAD_WINDOW", window)
    _rebuild_lists(postgres_shop)
    yield postgres_shop


class TestPostgresLists:
    def test_written_when_indexed_and_removed_with_the_version(self, postgres_shop: Shop) -> None:
        from app.catalogue.search import unindex_version

        count = text("SELECT count(*) FROM catalogue_search_head WHERE version_id = :version")
        version = postgres_shop.active.id
        assert postgres_shop.db.scalar(count, {"version": version}) > 1
        unindex_version(postgres_shop.db, version)
        assert postgres_shop.db.scalar(count, {"version": version}) == 0

    @pytest.mark.parametrize("q", QUERIES)
    def test_the_same_matches_as_the_gin_index(self, short_lists: Shop, q: str) -> None:
        filters, tiers = _tiers(short_lists, q)
        gin = text("SELECT catalogue_search_match(CAST(:query AS tsquery), CAST(:versions AS bigint[]), NULL, NULL, "
                   "1000)")
        for tier in tiers:
            every = list(short_lists.db.scalars(gin, {"query": to_tsquery(tier),
                                                      "versions": list(filters.version_ids)}))
            assert sorted(_ids(short_lists, tier, filters, 1000)) == sorted(every)
            assert _ids(short_lists, tier, filters, 3) == sorted(every)[:3]

    @pytest.mark.parametrize("q", QUERIES)
    def test_the_same_first_page(self, short_lists: Shop, monkeypatch: pytest.MonkeyPatch, q: str) -> None:
        monkeypatch.setattr(engine, "CANDIDATE_CAP", 3)
        cut = short_lists.find(q)
        short_lists.db.execute(text("DELETE FROM catalogue_search_head"))  # every version unlisted: the GIN index
        whole = short_lists.find(q)
        assert [hit.item_id for hit in cut.items] == [hit.item_id for hit in whole.items]
        assert (cut.total, cut.total_capped, cut.facets) == (whole.total, whole.total_capped, whole.facets)

    def test_a_version_indexed_before_the_lists_is_searched_through_the_gin_index(self, postgres_shop: Shop) -> None:
        before = postgres_shop.names("hvedemel")
        postgres_shop.db.execute(text("DELETE FROM catalogue_search_head WHERE version_id = :version"),
                                 {"version": postgres_shop.active.id})
        assert postgres_shop.names("hvedemel") == before


@pytest.fixture
def many(db: Session, monkeypatch: pytest.MonkeyPatch) -> Shop:
    """Hundreds of items of two words, a few with both, last: lists long enough to be sampled before a recheck."""
    if db.get_bind().dialect.name != "postgresql":
        pytest.skip("the lexemes' first ids are PostgreSQL's")
    monkeypatch.setattr(pg_heads, "HEAD_SIZE", 410)
    town = make_municipality(db, "Mangeby Kommune")
    supplier = make_supplier(db, "Storkøb A/S")
    agreement = make_agreement(db, "50.90", supplier, joined_by=(town,))
    specs = ([(f"S-{n}", "Kaffe sort 1 kg", "50.00", "50201706", "", {}) for n in range(450)]
             + [(f"T-{n}", "Grøn te 20 breve", "30.00", "50201712", "", {}) for n in range(450)]
             + [(f"B-{n}", "Kaffe grøn 1 kg", "60.00", "50201706", "", {}) for n in range(20)])
    version = add_version(db, agreement, supplier, specs)
    index_version(db, version.id)
    principal = _requisitioner(db, town)
    return Shop(db, principal, principal, agreement, agreement, agreement, supplier, supplier, version, version)


class TestSampledLists:
    @pytest.mark.parametrize(("q", "wanted"), [("kaffe grøn", 21), ("kaffe sort", 21), ("kaffe sort", 501)])
    def test_the_same_matches_as_the_gin_index(self, many: Shop, q: str, wanted: int) -> None:
        filters, tiers = _tiers(many, q)
        gin = text("SELECT catalogue_search_match(CAST(:query AS tsquery), CAST(:versions AS bigint[]), NULL, NULL, "
                   ":wanted)")
        for tier in tiers:
            every = sorted(many.db.scalars(gin, {"query": to_tsquery(tier), "versions": list(filters.version_ids),
                                                 "wanted": 10_000}))
            assert _ids(many, tier, filters, wanted) == every[:wanted]
