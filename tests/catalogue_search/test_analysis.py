"""Danish analysis: folding, stems, compounds, the query's words and its expressions."""

import os

import pytest
from sqlalchemy import text

from app.catalogue.search.analysis import fold, loose, stem, strict, tokens
from app.catalogue.search.compounds import Decompounder
from app.catalogue.search.expr import to_fts5, to_tsquery
from app.catalogue.search.query import parse, tier_exprs
from app.catalogue.search.terms import gtin_key, identifier_key, label_tag, price_band


def test_two_foldings_of_danish_letters() -> None:
    assert (strict("smør"), fold("smør"), fold("smoer"), fold("smor")) == ("smoer", "smor", "smor", "smor")
    assert (strict("håndsæbe"), fold("håndsæbe")) == ("haandsaebe", "handsabe")
    assert fold("kaffe") == "kaffe" and strict("café") == "cafe" and loose("oekologisk") == "okologisk"
    assert fold("sødmælk") == fold("sodmaelk") == fold("soedmaelk") == fold("sødmaelk") == "sodmalk"


def test_tokens_split_on_anything_but_letters_and_digits() -> None:
    assert tokens('Bærbar PC 14" USB-C, 2,5 kg') == ["bærbar", "pc", "14", "usb", "c", "2", "5", "kg"]


def test_danish_snowball_stems() -> None:
    assert stem("kaffebønner") == stem("kaffebønne") == stem("kaffebønnerne") == "kaffebøn"
    assert stem("æbler") == stem("æble")
    assert stem("pc") == "pc" and stem("a4") == "a4"


@pytest.mark.skipif(not os.environ.get("PORTAL_TEST_DATABASE_URL"), reason="compares with PostgreSQL")
def test_stems_are_those_of_postgresql_danish(db) -> None:  # type: ignore[no-untyped-def]
    for word in ("kaffebønner", "rugbrødet", "valsemøllen", "økologiske", "håndsæber", "skærme"):
        lexemes = db.execute(text("SELECT unnest(tsvector_to_array(to_tsvector('danish', :w)))"), {"w": word})
        assert [stem(word)] == list(lexemes.scalars())


def test_compounds_split_on_known_heads_and_modifiers() -> None:
    lexicon = Decompounder(["kaffe"])
    assert lexicon.parts("hvedemel") == ("mel", "hvede")
    assert lexicon.parts("sødmælk") == ("mælk",)
    assert lexicon.parts("kaffebønner") == ("bønner", "kaffe")
    assert lexicon.parts("affaldssække") == ("sække", "affald")
    assert lexicon.parts("ægte") == () and lexicon.parts("mel") == ()
    assert Decompounder(["vanilje"]).parts("bourbonvanilje") == ("vanilje",)


def test_identifier_keys() -> None:
    assert identifier_key(" nm-10.01/b ") == "NM1001B"
    assert identifier_key("") is None
    assert gtin_key("5701234000011") == "05701234000011" and gtin_key("57012") is None
    assert gtin_key("abc45678") is None
    assert label_tag("Ø-mærket") == "zloemaerket"
    assert [price_band(p) for p in (0, 49.99, 50, 199, 200, 999, 1000)] == [0, 0, 1, 1, 2, 2, 3]


def test_query_words_drop_operators_and_stopwords() -> None:
    assert [w.text for w in parse("kaffe AND mel til kontoret")] == ["kaffe", "mel", "kontoret"]
    assert [w.text for w in parse("og i")] == ["og", "i"]
    assert parse("* ( ) ^") == []
    first, last = parse("kaffe hve")
    assert last.prefix and not first.prefix
    assert not parse("kaffe hv")[-1].prefix  # completion starts at three letters


def test_expressions_for_both_engines() -> None:
    words = parse("smør")
    words[0].completions = ("smorbar",)
    first, second, third = tier_exprs(words)
    assert (to_fts5(first), to_tsquery(first)) == ('{name_terms} : "smor"', "'nsmor'")
    assert '{name_terms part_terms} : "smorbar"' in to_fts5(second)
    assert "('nsmorbar' | 'psmorbar')" in to_tsquery(second)
    assert "'bsmor'" in to_tsquery(third) and "body_terms" in to_fts5(third)
