from datetime import date
from decimal import Decimal

import pytest

from catalogs.labels import canonical_label, normalise_labels
from catalogs.model import CatalogueLine
from catalogs.units import parse_content, unit_code
from catalogs.values import (
    FieldProblem,
    parse_date,
    parse_decimal,
    parse_gtin,
    parse_lead_time,
    parse_price,
    parse_unspsc,
    parse_vat,
)


@pytest.mark.parametrize(
    "text, mark, expected",
    [
        ("1.234,50", None, "1234.50"),
        ("12,5", None, "12.5"),
        ("1234.50", None, "1234.50"),
        ("1,234.50", None, "1234.50"),
        ("1.234", ",", "1234"),
        ("1.234", None, "1.234"),
        ("1.234.567,89", None, "1234567.89"),
        ("kr. 12,95", None, "12.95"),
        ("99,-", None, "99"),
        (" 1 234,50 ", None, "1234.50"),
    ],
)
def test_danish_and_english_decimals(text, mark, expected):
    value = parse_decimal(text, mark)
    assert isinstance(value, Decimal) and value == Decimal(expected)


@pytest.mark.parametrize("text", ["abc", "1.23.4", "1.234,5.6", "NaN", "12 kr 50"])
def test_not_a_number(text):
    with pytest.raises(FieldProblem):
        parse_decimal(text)


def test_floats_are_refused_on_purpose():
    with pytest.raises(FieldProblem):
        parse_decimal(12.95)


def test_price_codes():
    with pytest.raises(FieldProblem) as bad:
        parse_price("abc")
    assert bad.value.code == "bad_price"
    with pytest.raises(FieldProblem) as negative:
        parse_price("-1,00")
    assert negative.value.code == "negative_price"
    assert parse_price("0") == 0


def test_vat_gtin_unspsc_dates_lead_time():
    assert parse_vat("25%") == 25 and parse_vat("0") == 0
    with pytest.raises(FieldProblem) as vat:
        parse_vat("125")
    assert vat.value.code == "bad_vat"
    assert parse_gtin("5701234567899") == "5701234567899"
    with pytest.raises(FieldProblem) as gtin:
        parse_gtin("5701234567891")
    assert gtin.value.code == "bad_gtin"
    assert parse_unspsc("43.19.15.01") == "43191501"
    with pytest.raises(FieldProblem) as unspsc:
        parse_unspsc("4319150")
    assert unspsc.value.code == "bad_unspsc"
    assert (
        parse_date("31-12-2025") == parse_date("2025-12-31") == parse_date("31.12.2025") == date(2025, 12, 31)
    )
    with pytest.raises(FieldProblem) as when:
        parse_date("2025-13-01")
    assert when.value.code == "bad_date"
    assert parse_lead_time("3 dage") == 3 and parse_lead_time("2 uger") == 14 and parse_lead_time("1,5") == 2


@pytest.mark.parametrize(
    "word, code",
    [
        ("stk", "EA"),
        ("Styk", "EA"),
        ("st.", "EA"),
        ("pk", "PK"),
        ("pakke", "PK"),
        ("kg", "KGM"),
        ("ltr", "LTR"),
        ("l", "LTR"),
        ("ks", "CS"),
        ("kasse", "CS"),
        ("krt", "CT"),
        ("ps", "BG"),
        ("pose", "BG"),
        ("bakke", "PU"),
        ("fl", "BO"),
        ("flaske", "BO"),
        ("ds", "CA"),
        ("dåse", "CA"),
        ("rl", "RO"),
        ("rulle", "RO"),
        ("sæt", "SET"),
        ("par", "PR"),
        ("time", "HUR"),
        ("pcs", "EA"),
        ("each", "EA"),
        ("EA", "EA"),
        ("C62", "C62"),
        ("XPK", "XPK"),
        ("KGM", "KGM"),
        ("DZN", "DZN"),
        ("ST", "ST"),
        ("kgm", "KGM"),
    ],
)
def test_unit_words_and_codes(word, code):
    assert unit_code(word) == code


def test_unknown_unit():
    assert unit_code("krukke") is None and unit_code("") is None


@pytest.mark.parametrize(
    "text, quantity, unit",
    [
        ("1 kg", "1", "KGM"),
        ("500 g", "500", "GRM"),
        ("10 stk", "10", "EA"),
        ("6 x 1 l", "6", "LTR"),
        ("2,5 kg", "2.5", "KGM"),
        ("6x33cl", "198", "CLT"),
        ("ca. 1 kg", "1", "KGM"),
        ("12", "12", "EA"),
    ],
)
def test_content_strings(text, quantity, unit):
    assert parse_content(text) == (Decimal(quantity), unit)


@pytest.mark.parametrize("text", ["abc kg", "0 kg", "1 krukke", ""])
def test_content_not_understood(text):
    assert parse_content(text) is None


def test_comparison_price_per_kg_litre_and_piece():
    flour = CatalogueLine(
        "A", "Hvedemel", price=Decimal("12.95"), content_quantity=Decimal(500), content_unit="GRM"
    )
    assert flour.comparison_unit == "KGM" and flour.comparison_price() == Decimal("25.90")
    wine = CatalogueLine(
        "B",
        "Vin",
        orderable_unit="CS",
        price=Decimal("60"),
        orderable_unit_factor_rate=Decimal(12),
        content_quantity=Decimal(900),
        content_unit="CLT",
    )
    assert (
        wine.unit_price() == 720
        and wine.comparison_unit == "LTR"
        and wine.comparison_price() == Decimal("80.00")
    )
    pens = CatalogueLine(
        "C",
        "Kuglepen",
        price=Decimal("150"),
        base_quantity=Decimal(10),
        content_quantity=Decimal(10),
        content_unit="EA",
    )
    assert pens.comparison_price() == Decimal("1.50")
    loose = CatalogueLine("D", "Kartofler", orderable_unit="KGM", price=Decimal("9.5"))
    assert loose.comparison_unit == "KGM" and loose.comparison_price() == Decimal("9.50")
    assert CatalogueLine("E", "Skærm", price=Decimal(1000)).comparison_unit == "EA"
    assert CatalogueLine("F", "Kasse", orderable_unit="CS", price=Decimal(1)).comparison_price() is None


@pytest.mark.parametrize(
    "spelling, name",
    [
        ("svanemaerket", "Svanemærket"),
        ("Svanen", "Svanemærket"),
        ("Nordic Swan Ecolabel", "Svanemærket"),
        ("EU-Blomsten", "EU Ecolabel"),
        ("Ø-mærket", "Ø-mærket"),
        ("oekologisk", "Ø-mærket"),
        ("økologisk", "Ø-mærket"),
        ("Fair Trade", "Fairtrade"),
        ("msc", "MSC"),
        ("ASC-mærket", "ASC"),
        ("Noeglehulsmaerket", "Nøglehulsmærket"),
        ("FSC Mix", "FSC"),
        ("pefc", "PEFC"),
        ("ENERGY STAR", "Energy Star"),
        ("TCO", "TCO Certified"),
        ("Blauer Engel", "Blå Engel"),
        ("blaa engel", "Blå Engel"),
    ],
)
def test_label_spellings(spelling, name):
    assert canonical_label(spelling) == name


def test_label_cells_split_dedupe_and_keep_unknown():
    assert normalise_labels("Svanemærket, EU Ecolabel; svanen | Ø-mærket/økologisk, Grønt Punkt") == [
        "Svanemærket",
        "EU Ecolabel",
        "Ø-mærket",
        "Grønt Punkt",
    ]
