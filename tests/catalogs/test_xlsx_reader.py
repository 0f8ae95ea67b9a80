import datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook

from catalogs import CatalogFileError, read_catalogue

from .conftest import read_all


def make_xlsx(path, rows, title="Katalog", extra_sheet=None, formats=None):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    if extra_sheet:
        other = workbook.create_sheet(extra_sheet[0])
        for row in extra_sheet[1]:
            other.append(row)
    workbook.save(path)
    return path


def test_numbers_dates_and_percentages(tmp_path):
    path = make_xlsx(
        tmp_path / "k.xlsx",
        [
            ["Varenr", "EAN", "Varenavn", "Pris", "Enhed", "Indhold", "Moms", "Gyldig fra", "Min. antal"],
            [10045, 5701234567899, "Hvedemel", 12.95, "pose", "1 kg", 0.25, datetime.date(2025, 1, 1), 2],
            ["A-2", None, "Sukker", 0.1 + 0.2, "kg", None, 25, "2025-02-01", None],
            [None, None, None, None, None, None, None, None, None],
            ["A-3", None, "Salt", "12,50", "stk", "500 g", None, None, None],
        ],
        formats={"G2": "0%"},
    )
    lines, errors, reader = read_all(path)
    assert errors == [] and reader.header.format == "xlsx" and reader.header.sheet == "Katalog"
    flour, sugar, salt = lines
    assert flour.supplier_item_number == "10045" and flour.gtin == "5701234567899"
    assert flour.price == Decimal("12.95") and isinstance(flour.price, Decimal)
    assert (
        flour.vat_rate == 25
        and flour.valid_from == datetime.date(2025, 1, 1)
        and flour.minimum_order_quantity == 2
    )
    assert sugar.price == Decimal("0.3") and sugar.orderable_unit == "KGM"
    assert salt.price == Decimal("12.50") and salt.comparison_price() == Decimal("25.00")
    assert [line.line_number for line in lines] == [2, 3, 5]


def test_errors_carry_the_sheet_row(tmp_path):
    path = make_xlsx(
        tmp_path / "bad.xlsx",
        [
            ["Varenr", "Varenavn", "Pris", "Enhed"],
            ["A", "Mel", "abc", "stk"],
            ["B", "Sukker", -1, "stk"],
            ["A", "Igen", 1, "stk"],
            ["C", "Olie", 1, "krukke"],
        ],
    )
    lines, errors, reader = read_all(path)
    assert lines == []
    assert [(e.line, e.code) for e in errors] == [
        (2, "bad_price"),
        (3, "negative_price"),
        (4, "duplicate_item"),
        (5, "unknown_unit"),
    ]
    assert reader.summary.rejected == reader.summary.lines_read == 4


def test_named_sheet_and_unknown_sheet(tmp_path):
    path = make_xlsx(
        tmp_path / "two.xlsx",
        [["Forside"]],
        extra_sheet=("Varer", [["Item number", "Name", "Price"], ["X", "Pen", 4]]),
    )
    lines, errors, reader = read_all(path, sheet="Varer")
    assert errors == [] and lines[0].name == "Pen" and reader.header.sheet == "Varer"
    with pytest.raises(CatalogFileError) as failure:
        read_catalogue(path, sheet="Priser")
    assert failure.value.code == "unknown_sheet"
    lines, _, _ = read_all(path, mapping={"sheet": "Varer"})
    assert lines[0].supplier_item_number == "X"


def test_missing_columns_in_sheet(tmp_path):
    path = make_xlsx(tmp_path / "m.xlsx", [["Varenr", "Farve"], ["A", "rød"]])
    with pytest.raises(CatalogFileError) as failure:
        read_catalogue(path)
    assert failure.value.code == "missing_column"


def test_empty_sheet_and_broken_zip(tmp_path):
    with pytest.raises(CatalogFileError) as empty:
        read_catalogue(make_xlsx(tmp_path / "e.xlsx", []))
    assert empty.value.code == "empty_file"
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(CatalogFileError) as failure:
        read_catalogue(broken)
    assert failure.value.code == "unsupported_format"


def test_unpacked_size_cap(tmp_path):
    path = make_xlsx(
        tmp_path / "big.xlsx",
        [["Varenr", "Varenavn", "Pris"]] + [[f"V{i}", f"{i} " + "x" * 3000, 1] for i in range(200)],
    )
    with pytest.raises(CatalogFileError) as failure:
        read_catalogue(path, max_bytes=path.stat().st_size)
    assert failure.value.code == "too_large"


def test_title_rows_above_the_heading(tmp_path):
    path = make_xlsx(
        tmp_path / "t.xlsx", [["Prisliste 2025"], [], ["Varenr", "Navn", "Pris"], ["A", "Mel", 3]]
    )
    lines, errors, _ = read_all(path)
    assert errors == [] and lines[0].line_number == 4
