"""Whatever is typed, search answers with sensible results or nothing, never an error: user text never reaches
an FTS5 MATCH or tsquery unquoted."""

import pytest
from sqlalchemy import func, select

from app.catalogue.search import SearchParams, search
from app.catalogue.search.expr import to_fts5, to_tsquery
from app.catalogue.search.query import parse, tier_exprs
from app.models import CatalogueSearchItem
from tests.catalogue_search.conftest import Shop

NASTY = [
    "", " ", "\t\n", "a", "æ", "1", '"', '""', "'", "''", "*", "^", ":", "(", ")", "()", "{", "}", "-", "--", "+",
    "AND", "OR", "NOT", "NEAR", "OR NOT", "NEAR(kaffe mel)", "kaffe NOT mel", "name_terms:kaffe", "{name_terms}: x",
    "tag_terms : zv1", "zv1", "'; DROP TABLE catalogue_search_item; --", "1=1 OR 1=1", "\\", "%", "_", "%_%",
    "\x00", "kaffe\x00", "😀", "a" * 500, "ø" * 70, " ".join(["kaffe"] * 40), "'kaffe':*A | !mel", "kaffe & | !",
    "<->", "mel:*", "smør\"", "/* */", "$1", "?", "NULL",
]


@pytest.mark.parametrize("typed", NASTY)
def test_never_an_error(shop: Shop, typed: str) -> None:
    result = shop.find(typed)
    assert isinstance(result.items, list) and result.total >= len(result.items)
    for sort in ("price", "price_desc", "comparison_price"):
        shop.find(typed, sort=sort)


@pytest.mark.parametrize(("typed", "top"), [
    ('"smør"', "Smør 250 g"), ("smør*", "Smør 250 g"), ("(smør)", "Smør 250 g"), ("smør:", "Smør 250 g"),
    ("kaffebønner AND", "Kaffebønner 1 kg"), ("NOT kaffebønner", "Kaffebønner 1 kg"), ("^rugmel", "Rugmel 1 kg"),
])
def test_syntax_around_words_is_ignored(shop: Shop, typed: str, top: str) -> None:
    assert shop.top(typed) == top


@pytest.mark.parametrize("typed", ["", " ", '"', "*", "()", "AND OR NOT", "^:"])
def test_nothing_to_search_for_gives_an_empty_page(shop: Shop, typed: str) -> None:
    assert shop.find(typed).items == []


def test_a_table_survives_a_query_about_dropping_it(shop: Shop) -> None:
    before = shop.db.scalar(select(func.count()).select_from(CatalogueSearchItem))
    shop.find("'; DROP TABLE catalogue_search_item; --")
    assert shop.db.scalar(select(func.count()).select_from(CatalogueSearchItem)) == before


@pytest.mark.parametrize("typed", NASTY)
def test_generated_expressions_only_quote_letters_and_digits(typed: str) -> None:
    for expr in tier_exprs(parse(typed)):
        rendered = to_fts5(expr)
        for quoted in rendered.split('"')[1::2]:
            assert quoted.isalnum(), rendered
        for quoted in to_tsquery(expr).split("'")[1::2]:
            assert quoted.isalnum(), quoted


def test_a_principal_is_required(shop: Shop) -> None:
    assert search(shop.db, None, SearchParams(q="kaffe")).total == 0  # type: ignore[arg-type]
