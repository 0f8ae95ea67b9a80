import json

import pytest

from catalogs import CatalogFileError, ColumnMapping, load_mapping, read_catalogue
from catalogs.columns import match_columns
from catalogs.headings import ALIASES, recognise

from .conftest import FIXTURES, read_all, write


@pytest.mark.parametrize(
    "heading, field",
    [
        ("Varenr", "supplier_item_number"),
        ("Vare nr.", "supplier_item_number"),
        ("VARENUMMER", "supplier_item_number"),
        ("Leverandørvarenummer", "supplier_item_number"),
        ("Item number", "supplier_item_number"),
        ("SKU", "supplier_item_number"),
        ("EAN-nummer", "gtin"),
        ("Stregkode", "gtin"),
        ("GTIN", "gtin"),
        ("Betegnelse", "name"),
        ("Produktnavn", "name"),
        ("Mærke", "brand"),
        ("Maerke", "brand"),
        ("Mærker", "labels"),
        ("Miljømærker", "labels"),
        ("Fabrikant", "manufacturer"),
        ("MPN", "manufacturer_item_number"),
        ("Producentvarenr.", "manufacturer_item_number"),
        ("UNSPSC", "unspsc"),
        ("Salgsenhed", "unit"),
        ("Pakningsstørrelse", "content"),
        ("Nettopris", "price"),
        ("Pris (DKK)", "price"),
        ("Enhedspris", "price"),
        ("Pris pr.", "base_quantity"),
        ("Prisenhed", "base_quantity"),
        ("Valuta", "currency"),
        ("Momssats", "vat_rate"),
        ("Gyldig fra", "valid_from"),
        ("Valid to", "valid_to"),
        ("Min. antal", "minimum_order_quantity"),
        ("MOQ", "minimum_order_quantity"),
        ("Antal pr. kolli", "order_increment"),
        ("Leveringstid (dage)", "lead_time_days"),
        ("Billed-URL", "image_url"),
        ("Handling", "action"),
        ("Beskrivelse", "description"),
    ],
)
def test_danish_and_english_headings(heading, field):
    assert recognise(heading) == field


def test_aliases_never_collide():
    seen = {}
    for field, aliases in ALIASES.items():
        for alias in aliases:
            assert seen.setdefault(recognise(alias), field) == field


def test_mapping_file_reads_nonstandard_columns():
    lines, errors, reader = read_all(
        FIXTURES / "artnr_tab_cp1252.txt", mapping=FIXTURES / "mapping_artnr.json"
    )
    assert errors == []
    assert reader.header.encoding == "cp1252" and reader.header.delimiter == "\t"
    assert (
        reader.header.columns["supplier_item_number"] == "Art.nr"
        and reader.header.columns["name"] == "Betegnelse"
    )
    assert [
        (line.supplier_item_number, line.name, str(line.price), line.orderable_unit) for line in lines
    ] == [("A-1", "Rengøringsklud", "12.50", "EA"), ("A-2", "Gulvsæbe 1 l", "34.00", "BO")]


def test_mapping_with_unknown_target_field():
    with pytest.raises(CatalogFileError) as failure:
        load_mapping(FIXTURES / "mapping_bad_field.json")
    assert failure.value.code == "bad_mapping" and "netto_pris" in failure.value.reason


@pytest.mark.parametrize(
    "data, words",
    [
        ({"kolonner": {}}, "unknown mapping keys"),
        ({"columns": {"price": ""}}, "non-empty"),
        ({"columns": {"price": "Netto"}, "delimiter": ";;"}, "delimiter"),
        ({"encoding": "klingon-8"}, "unknown encoding"),
        ({"decimal": ";"}, "decimal"),
        ({"auto": "yes"}, "auto"),
        (["columns"], "JSON object"),
    ],
)
def test_mapping_validation(data, words):
    with pytest.raises(CatalogFileError) as failure:
        ColumnMapping.from_dict(data)
    assert failure.value.code == "bad_mapping" and words in failure.value.reason


def test_mapping_file_that_is_not_json(tmp_path):
    with pytest.raises(CatalogFileError) as failure:
        load_mapping(write(tmp_path, "m.json", "{columns:"))
    assert failure.value.code == "bad_mapping"


def test_mapped_column_missing_from_file(tmp_path):
    path = write(tmp_path, "a.csv", "Varenr;Navn;Pris\nA;B;1\n")
    with pytest.raises(CatalogFileError) as failure:
        read_catalogue(path, mapping={"columns": {"price": "Netto"}})
    assert failure.value.code == "missing_column" and "'Netto'" in failure.value.reason


def test_mapping_defaults_and_auto_off(tmp_path):
    path = write(tmp_path, "b.csv", "Nr;Tekst;Beløb;Pris\nA;Mel;7,50;999\n")
    mapping = {
        "columns": {"supplier_item_number": "Nr", "name": "Tekst", "price": "Beløb"},
        "auto": False,
        "defaults": {"unit": "kg"},
    }
    lines, errors, reader = read_all(path, mapping=mapping)
    assert errors == [] and str(lines[0].price) == "7.50" and lines[0].orderable_unit == "KGM"
    assert reader.header.unmapped_columns == ["Pris"]


def test_first_matching_column_wins_and_rest_is_reported():
    match = match_columns(["Varenr", "Navn", "Pris", "Nettopris", "Farve"])
    assert match.indices == {"supplier_item_number": 0, "name": 1, "price": 2}
    assert match.unmapped == ["Nettopris", "Farve"]


def test_mapping_json_round_trip(tmp_path):
    path = write(tmp_path, "m.json", json.dumps({"columns": {"price": "Netto"}, "delimiter": "tab"}))
    mapping = load_mapping(path)
    assert mapping.columns == {"price": "Netto"} and mapping.delimiter == "\t"
