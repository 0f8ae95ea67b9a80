"""Staff find the right item on the first search, in Danish: the same cases on SQLite and PostgreSQL."""

import pytest

from tests.catalogue_search.conftest import Shop


@pytest.mark.parametrize("typed", ["NM-1001", "nm-1001", "nm1001", "NM 1001", " nm.1001 "])
def test_supplier_item_number_in_any_spelling_is_the_first_hit(shop: Shop, typed: str) -> None:
    first = shop.find(typed).items[0]
    assert (first.supplier_item_number, first.matched_lane) == ("NM-1001", "item_number")


def test_an_item_number_that_is_also_text_still_comes_first(shop: Shop) -> None:
    for typed in ("PEN10", "pen 10"):
        hits = shop.find(typed).items
        assert (hits[0].name, hits[0].matched_lane) == ("Kuglepen blå 10 stk", "item_number")
        assert [hit.item_id for hit in hits].count(hits[0].item_id) == 1


@pytest.mark.parametrize("typed", ["5701234000011", "05701234000011", "5701 2340 00011"])
def test_gtin_13_or_14_digits(shop: Shop, typed: str) -> None:
    first = shop.find(typed).items[0]
    assert (first.name, first.gtin, first.matched_lane) == ("Hvedemel 1 kg", "5701234000011", "gtin")


@pytest.mark.parametrize("typed", ["CE410A", "ce-410a"])
def test_manufacturer_part_number(shop: Shop, typed: str) -> None:
    first = shop.find(typed).items[0]
    assert (first.name, first.matched_lane) == ("Toner sort 305A", "mpn")


@pytest.mark.parametrize("typed", ["smør", "smor", "smoer", "SMØR", "Smør"])
def test_butter_in_danish_and_ascii(shop: Shop, typed: str) -> None:
    assert shop.top(typed) == "Smør 250 g"


@pytest.mark.parametrize("typed", ["økologisk", "okologisk", "oekologisk", "økologiske"])
def test_organic_in_danish_and_ascii(shop: Shop, typed: str) -> None:
    assert set(shop.names(typed)) == {"Hvedemel økologisk 2 kg", "Økologiske æg 10 stk"}


@pytest.mark.parametrize("typed", ["æble", "aeble", "æbler", "aebler"])
def test_apples_before_apple_juice(shop: Shop, typed: str) -> None:
    assert shop.names(typed)[:2] == ["Æbler Ingrid Marie 1 kg", "Æblejuice 1 l"]


@pytest.mark.parametrize("typed", ["hår", "haar", "har"])
def test_hair(shop: Shop, typed: str) -> None:
    assert set(shop.names(typed)[:2]) == {"Hårshampoo 250 ml", "Hårbalsam 250 ml"}


def test_mixed_ascii_spellings(shop: Shop) -> None:
    assert shop.top("sodmaelk") == "Sødmælk 1 l"
    assert shop.top("haandsaebe") == "Håndsæbe 500 ml"


def test_flour_finds_the_compounds_before_words_that_merely_start_with_it(shop: Shop) -> None:
    names = shop.names("mel")
    assert set(names[:4]) == {"Hvedemel 1 kg", "Hvedemel økologisk 2 kg", "Rugmel 1 kg"}
    assert names.index("Melis 1 kg") > names.index("Rugmel 1 kg")


def test_milk_finds_every_milk_before_milk_chocolate(shop: Shop) -> None:
    names = shop.names("mælk")
    assert set(names[:3]) == {"Sødmælk 1 l", "Letmælk 1 l", "Havremælk 1 l"}
    assert names[3] == "Mælkechokolade 100 g"


def test_paper_finds_every_kind_of_paper(shop: Shop) -> None:
    assert {"Kopipapir A4 80 g 500 ark", "Toiletpapir 2-lags 64 rl", "Smørrebrødspapir 500 ark"} <= set(
        shop.names("papir"))


@pytest.mark.parametrize("typed", ["kaffebønne", "kaffebønnerne", "kaffebonner", "kaffebønner"])
def test_inflections_of_coffee_beans(shop: Shop, typed: str) -> None:
    assert shop.top(typed) == "Kaffebønner 1 kg"


def test_a_name_match_outranks_a_description_match(shop: Shop) -> None:
    assert shop.names("bønner") == ["Kaffebønner 1 kg", "Formalet kaffe 500 g"]


def test_eggs_rank_above_words_that_start_with_egg(shop: Shop) -> None:
    names = shop.names("æg")
    assert names[0] == "Økologiske æg 10 stk"
    assert set(names[1:]) == {"Ægte vanilje 2 stænger", "Æggebakker af pap 30 stk"}
    assert "Egetræsbord 160 x 80 cm" not in names


def test_an_exact_word_outranks_a_longer_word_containing_it(shop: Shop) -> None:
    names = shop.names("kaffe")
    assert names[0] == "Formalet kaffe 500 g"
    assert {"Kaffebønner 1 kg", "Kaffefiltre nr. 4 100 stk", "Kaffefilter permanent"} <= set(names)


@pytest.mark.parametrize(("typed", "top", "corrected"), [
    ("hvedmel", "Hvedemel 1 kg", "hvedemel"),
    ("skræm", 'Skærm 24"', "skærm"),
    ("tolietpapir", "Toiletpapir 2-lags 64 rl", "toiletpapir"),
    ("smøør", "Smør 250 g", "smør"),
    ("kuglepne", "Kuglepen blå 10 stk", "kuglepen"),
])
def test_typos_are_corrected_and_said(shop: Shop, typed: str, top: str, corrected: str) -> None:
    result = shop.find(typed)
    assert (result.items[0].name, result.corrected_query) == (top, corrected)


def test_separated_compound_is_joined(shop: Shop) -> None:
    for typed in ("kaffe filtre", "kaffe filter"):
        assert shop.top(typed) in {"Kaffefiltre nr. 4 100 stk", "Kaffefilter permanent"}


def test_correct_words_are_not_corrected(shop: Shop) -> None:
    for typed in ("hvedemel", "smør", "kaffebønner", "skærm"):
        assert shop.find(typed).corrected_query is None


def test_a_typo_in_one_of_several_words(shop: Shop) -> None:
    result = shop.find("hvedmel økologisk")
    assert (result.items[0].name, result.corrected_query) == ("Hvedemel økologisk 2 kg", "hvedemel økologisk")


@pytest.mark.parametrize("typed", ["økologisk hvedemel", "hvedemel økologisk", "2 kg hvedemel", "okologisk HVEDEMEL"])
def test_several_words_in_any_order(shop: Shop, typed: str) -> None:
    assert shop.names(typed) == ["Hvedemel økologisk 2 kg"]


def test_words_are_required_together(shop: Shop) -> None:
    assert shop.names("rugmel økologisk") == []
    assert shop.names("kaffe fairtrade") == []  # labels are facets, not words


def test_hyphenated_words_either_way(shop: Shop) -> None:
    for typed in ("DEP-tilmelding", "dep tilmelding", "deptilmelding", "tilmelding"):
        assert shop.top(typed) == "DEP-tilmelding"
    for typed in ("PC-udstyr", "pc udstyr"):
        assert shop.top(typed) == "PC-udstyr startpakke"


def test_brand_and_description_are_searched(shop: Shop) -> None:
    assert set(shop.names("nordmølle")) == set(shop.names("nordmolle")) == {
        "Hvedemel 1 kg", "Hvedemel økologisk 2 kg", "Rugmel 1 kg", "Hvedekerner 1 kg"}
    assert shop.names("mellemristet") == ["Kaffebønner 1 kg"]


def test_prefix_while_typing(shop: Shop) -> None:
    assert shop.top("hvede") in {"Hvedemel 1 kg", "Hvedekerner 1 kg"}
    assert shop.top("tastat") == "Tastatur dansk"
    assert shop.top("gravering") == "Gravering af logo"
