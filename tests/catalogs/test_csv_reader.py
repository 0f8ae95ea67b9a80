from decimal import Decimal

import pytest

from catalogs import CatalogFileError, read_catalogue

from .conftest import FIXTURES, read_all, write

HEADING = "Varenr;Varenavn;Pris;Enhed\n"


def test_utf8_bom_semicolon_danish_file():
    lines, errors, reader = read_all(FIXTURES / "kontor_utf8_bom.csv")
    assert errors == []
    assert (
        reader.header.format == "csv" and reader.header.encoding == "utf-8" and reader.header.delimiter == ";"
    )
    assert reader.header.columns["supplier_item_number"] == "Varenr"
    paper, pens, flour = lines
    assert paper.supplier_item_number == "K-100" and paper.gtin == "5701234567899"
    assert paper.orderable_unit == "PK" and (paper.content_quantity, paper.content_unit) == (500, "ST")
    assert (
        paper.labels == ["Svanemærket", "FSC"]
        and paper.lead_time_days == 3
        and paper.minimum_order_quantity == 5
    )
    assert str(paper.valid_from) == "2025-04-01" and str(paper.valid_to) == "2026-03-31"
    assert pens.price == Decimal("1234.50") and pens.base_quantity == 10 and pens.vat_rate == 25
    assert pens.comparison_price() == Decimal("12.35")
    assert flour.content_quantity == Decimal("2.5") and flour.comparison_price() == Decimal("12.50")
    assert flour.labels == ["Ø-mærket"]


def test_embedded_newline_keeps_physical_line_numbers():
    lines, _, _ = read_all(FIXTURES / "kontor_utf8_bom.csv")
    assert [line.line_number for line in lines] == [2, 3, 5]
    assert lines[1].description == "Blå kuglepen,\nmedium spids; 10 stk. i æsken"


def test_cp1252_file_is_detected():
    lines, errors, reader = read_all(FIXTURES / "foedevarer_cp1252.csv")
    assert errors == [] and reader.header.encoding == "cp1252"
    assert [line.name for line in lines] == ["Smør 250 g", "Sødmælk", "Æbler røde"]
    assert lines[0].comparison_price() == Decimal("75.80") and lines[1].labels == ["Ø-mærket"]


def test_cp1252_line_after_an_ascii_sample_is_still_read(tmp_path):
    body = "".join(f"V{i};Vare {i};1,00;stk\n" for i in range(9000)).encode()
    path = write(tmp_path, "late.csv", HEADING.encode() + body + "V-last;Smør;2,00;stk\n".encode("cp1252"))
    lines, errors, _ = read_all(path)
    assert errors == [] and lines[-1].name == "Smør"


def test_undecodable_line_is_rejected_alone(tmp_path):
    path = write(
        tmp_path,
        "bom.csv",
        b"\xef\xbb\xbf" + HEADING.encode() + b"A;ok;1;stk\nB;bad \x81;1;stk\nC;ok;1;stk\n",
    )
    lines, errors, reader = read_all(path)
    assert [line.supplier_item_number for line in lines] == ["A", "C"]
    assert [(e.code, e.line, e.item_number) for e in errors] == [("bad_encoding", 3, "B")]


@pytest.mark.parametrize(
    "content", [b"\x81\x8d\x8f\x90;\x9d\nA;B\n", b"V\x00a\x00r\x00;\x00", b"\x00\x01\x02PK"]
)
def test_wrong_encoding_is_a_file_error(tmp_path, content):
    with pytest.raises(CatalogFileError) as failure:
        read_catalogue(write(tmp_path, "x.csv", content))
    assert failure.value.code == "bad_encoding"


def test_utf16_with_byte_order_mark(tmp_path):
    path = write(tmp_path, "u16.txt", "Varenr\tVarenavn\tPris\nA\tSmør\t12,50\n".encode("utf-16"))
    lines, errors, reader = read_all(path)
    assert errors == [] and reader.header.delimiter == "\t" and lines[0].name == "Smør"


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
def test_each_delimiter_is_sniffed(tmp_path, delimiter):
    rows = [
        ["Varenr", "Varenavn", "Pris", "Indhold"],
        ["A-1", "Mel", '"12,50"' if delimiter == "," else "12,50", "1 kg"],
    ]
    path = write(tmp_path, "d.csv", "\n".join(delimiter.join(row) for row in rows) + "\n")
    lines, errors, reader = read_all(path)
    assert reader.header.delimiter == delimiter and errors == []
    assert lines[0].price == Decimal("12.50")


def test_english_headings_and_decimal_point(tmp_path):
    path = write(tmp_path, "en.csv", "SKU,Item name,Price,Unit,VAT\nX1,Paper,1234.50,each,25\n")
    lines, errors, _ = read_all(path)
    assert errors == [] and lines[0].price == Decimal("1234.50") and lines[0].orderable_unit == "EA"


def test_missing_required_columns(tmp_path):
    with pytest.raises(CatalogFileError) as failure:
        read_catalogue(write(tmp_path, "m.csv", "Varenr;Beskrivelse\nA;x\n"))
    assert failure.value.code == "missing_column" and failure.value.line == 1
    assert "name" in failure.value.reason and "price" in failure.value.reason
    assert "'Beskrivelse'" in failure.value.reason


def test_bad_values_are_line_errors_and_reading_goes_on(tmp_path):
    content = (
        HEADING.rstrip("\n")
        + ";EAN;UNSPSC\n"
        + "\n".join(
            [
                "A;Mel;abc;stk;;",
                "B;Sukker;-5,00;stk;;",
                "C;Salt;;stk;;",
                "D;Peber;2,00;krukke;;",
                "E;Olie;2,00;stk;5701234567891;",
                "F;Eddike;2,00;stk;;123",
                ";Uden nummer;2,00;stk;;",
                "G;God;2,00;stk;5701234567899;50221101",
            ]
        )
        + "\n"
    )
    lines, errors, reader = read_all(write(tmp_path, "bad.csv", content))
    assert [(e.line, e.code, e.field) for e in errors] == [
        (2, "bad_price", "price"),
        (3, "negative_price", "price"),
        (4, "missing_field", "price"),
        (5, "unknown_unit", "unit"),
        (6, "bad_gtin", "gtin"),
        (7, "bad_unspsc", "unspsc"),
        (8, "missing_field", "supplier_item_number"),
    ]
    assert errors[0].value == "abc" and errors[0].item_number == "A"
    assert [line.supplier_item_number for line in lines] == ["G"]
    assert (reader.summary.lines_read, reader.summary.accepted, reader.summary.rejected) == (8, 1, 7)


def test_duplicate_item_numbers_first_wins(tmp_path):
    content = HEADING + "A;Første;1,00;stk\nB;Anden;1,00;stk\nA;Tredje;1,00;stk\nA;Fjerde;abc;stk\n"
    lines, errors, reader = read_all(write(tmp_path, "dup.csv", content))
    assert [line.name for line in lines] == ["Første", "Anden"]
    assert [(e.line, e.code) for e in errors] == [
        (4, "duplicate_item"),
        (5, "bad_price"),
        (5, "duplicate_item"),
    ]
    assert "line 2" in errors[0].reason
    assert reader.summary.accepted + reader.summary.rejected == reader.summary.lines_read == 4
    assert reader.summary.by_code == {"duplicate_item": 2, "bad_price": 1}


def test_delete_lines_need_only_the_item_number(tmp_path):
    content = "Handling;Varenr;Varenavn;Pris\nslet;A;;\nopdater;B;Ny pris;3,00\nerstat;C;;\nfoo;D;x;1\n"
    lines, errors, _ = read_all(write(tmp_path, "act.csv", content))
    assert [(line.supplier_item_number, line.action) for line in lines] == [("A", "delete"), ("B", "update")]
    assert sorted((e.line, e.code) for e in errors) == [
        (4, "missing_field"),
        (4, "missing_field"),
        (5, "bad_action"),
    ]


def test_blank_lines_and_trailing_delimiters_are_ignored(tmp_path):
    content = HEADING + "\n;;;\nA;Mel;1,00;stk;;\n\n"
    lines, errors, reader = read_all(write(tmp_path, "blank.csv", content))
    assert errors == [] and lines[0].line_number == 4 and reader.summary.lines_read == 1


def test_row_with_too_many_fields(tmp_path):
    lines, errors, _ = read_all(write(tmp_path, "wide.csv", HEADING + "A;Mel 1,5 kg;extra;1,00;stk\n"))
    assert lines == [] and "bad_row" in {e.code for e in errors}


def test_bare_cr_line_endings(tmp_path):
    lines, errors, _ = read_all(write(tmp_path, "mac.csv", "Varenr;Varenavn;Pris\rA;Mel;1,00\rB;Salt;2,00\r"))
    assert errors == [] and [line.line_number for line in lines] == [2, 3]


def test_truncated_inside_a_quoted_field(tmp_path):
    path = write(tmp_path, "cut.csv", HEADING + 'A;Mel;1,00;stk\nB;"Sukker\nfra Lolland;2,00;stk\n')
    reader = read_catalogue(path)
    entries = []
    with pytest.raises(CatalogFileError) as failure:
        for entry in reader:
            entries.append(entry)
    assert failure.value.code == "truncated" and failure.value.line == 3
    assert [e.supplier_item_number for e in entries] == ["A"]


def test_empty_file(tmp_path):
    with pytest.raises(CatalogFileError) as failure:
        read_catalogue(write(tmp_path, "empty.csv", b"\xef\xbb\xbf\n\n"))
    assert failure.value.code == "empty_file"


def test_title_rows_above_the_heading_are_skipped(tmp_path):
    content = "Prisliste 2025\nLeverandør: Kontorhuset ApS\n\nVarenr;Varenavn;Pris\nA;Mel;1,00\n"
    lines, errors, reader = read_all(write(tmp_path, "title.csv", content))
    assert errors == [] and reader.header.delimiter == ";" and lines[0].line_number == 5
