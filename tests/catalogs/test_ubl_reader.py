from datetime import date
from decimal import Decimal

import pytest

from catalogs import CatalogFileError, read_catalogue

from .conftest import FIXTURES, read_all, write

UBL_OPEN = (
    '<Catalogue xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2" '
    'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
    'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
)


def catalogue(lines: str, header: str = "<cbc:ID>T</cbc:ID>") -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{UBL_OPEN}\n{header}\n{lines}\n</Catalogue>\n'


def simple_line(number: str, action: str = "", price: str = "10.00") -> str:
    code = f"<cbc:ActionCode>{action}</cbc:ActionCode>" if action else ""
    return (
        f"<cac:CatalogueLine><cbc:ID>{number}</cbc:ID>{code}<cac:RequiredItemLocationQuantity><cac:Price>"
        f'<cbc:PriceAmount currencyID="DKK">{price}</cbc:PriceAmount></cac:Price>'
        f"</cac:RequiredItemLocationQuantity><cac:Item><cbc:Name>Vare {number}</cbc:Name>"
        f"<cac:SellersItemIdentification><cbc:ID>S-{number}</cbc:ID></cac:SellersItemIdentification>"
        "</cac:Item></cac:CatalogueLine>"
    )


def test_peppol_header():
    reader = read_catalogue(FIXTURES / "peppol_catalogue.xml")
    header = reader.header
    assert (header.format, header.document_type, header.syntax) == ("ubl", "Catalogue", "peppol")
    assert header.profile_id == "urn:fdc:peppol.eu:poacc:bis:catalogue_only:3"
    assert (header.catalogue_id, header.issue_date, header.action) == (
        "KAT-2025-07",
        date(2025, 6, 15),
        "update",
    )
    assert (header.valid_from, header.valid_to) == (date(2025, 7, 1), date(2026, 6, 30))
    assert header.contract_id == "SKI-50.80" and header.seller_cvr == "12345674"
    assert (header.provider.endpoint_scheme, header.provider.endpoint_id) == ("0184", "12345674")
    assert header.receiver.endpoint_id == "5798000000001" and header.receiver.name == "Eksempel Kommune"
    reader.close()


def test_peppol_lines_and_actions():
    lines, errors, reader = read_all(FIXTURES / "peppol_catalogue.xml")
    flour, milk, soap = lines
    assert (flour.action, milk.action, soap.action) == ("add", "update", "delete")
    assert flour.supplier_item_number == "HM-2000" and flour.catalogue_line_id == "1"
    assert flour.gtin == "5701234567899" and flour.unspsc == "50221101" and flour.brand == "Nordmølle"
    assert flour.manufacturer == "Nordmølle ApS" and flour.manufacturer_item_number == "NM-550-2"
    assert flour.orderable_unit == "XBG" and (flour.content_quantity, flour.content_unit) == (2, "KGM")
    assert flour.price == Decimal("25.90") and flour.comparison_price() == Decimal("12.95")
    assert (flour.valid_from, flour.valid_to) == (date(2025, 7, 1), date(2025, 9, 30))
    assert (flour.line_valid_from, flour.line_valid_to) == (date(2025, 7, 1), date(2025, 12, 31))
    assert flour.minimum_order_quantity == 2 and flour.order_increment == 1 and flour.lead_time_days == 2
    assert flour.image_url == "https://billeder.example.dk/HM-2000.jpg"
    assert flour.labels == ["Ø-mærket"] and flour.certificates == ["Ø-mærket: DK-ØKO-100"]
    assert flour.keywords == ["mel", "bagning"] and flour.xpath == "/Catalogue/CatalogueLine[1]"
    assert (
        milk.orderable_unit_factor_rate == 6
        and milk.unit_price() == 75
        and milk.comparison_price() == Decimal("12.50")
    )
    assert soap.price is None
    assert reader.summary.lines_read == 6 and reader.summary.accepted == 3 and reader.summary.rejected == 3


def test_peppol_errors_carry_xpaths():
    _, errors, _ = read_all(FIXTURES / "peppol_catalogue.xml")
    found = {(e.code, e.xpath) for e in errors}
    assert found == {
        ("bad_gtin", "/Catalogue/CatalogueLine[4]/Item/StandardItemIdentification/ID"),
        ("unknown_unit", "/Catalogue/CatalogueLine[5]/OrderableUnit"),
        ("negative_price", "/Catalogue/CatalogueLine[5]/RequiredItemLocationQuantity/Price/PriceAmount"),
        ("bad_unspsc", "/Catalogue/CatalogueLine[5]/Item/CommodityClassification/ItemClassificationCode"),
        ("duplicate_item", "/Catalogue/CatalogueLine[6]"),
    }
    duplicate = next(e for e in errors if e.code == "duplicate_item")
    assert "/Catalogue/CatalogueLine[1]" in duplicate.reason and duplicate.line is not None


def test_oioubl_catalogue():
    lines, errors, reader = read_all(FIXTURES / "oioubl_catalogue.xml")
    assert reader.header.syntax == "oioubl" and reader.header.action == "replace"
    assert reader.header.seller_cvr == "87654311" and reader.header.receiver.endpoint_scheme == "GLN"
    paper, stapler = lines
    assert paper.action == "add" and paper.unspsc == "14111507" and paper.gtin == "5701234567899"
    assert paper.vat_rate == 25 and paper.lead_time_days == 7 and paper.labels == ["Svanemærket"]
    assert paper.comparison_unit == "EA" and paper.comparison_price() == Decimal("0.08")
    assert stapler.action == "delete" and stapler.supplier_item_number == "300222"
    assert [(e.code, e.field, e.xpath) for e in errors] == [
        ("bad_date", "line_valid_to", "/Catalogue/CatalogueLine[2]/LineValidityPeriod/EndDate")
    ]


def test_header_action_is_the_default_for_lines(tmp_path):
    path = write(
        tmp_path,
        "a.xml",
        catalogue(
            simple_line("1") + simple_line("2", "Delete"),
            "<cbc:ID>T</cbc:ID><cbc:ActionCode>Add</cbc:ActionCode>",
        ),
    )
    lines, errors, reader = read_all(path)
    assert errors == [] and [line.action for line in lines] == ["add", "delete"]
    assert reader.header.action == "add"


def test_bad_header_action_is_fatal(tmp_path):
    path = write(
        tmp_path,
        "a.xml",
        catalogue(simple_line("1"), "<cbc:ID>T</cbc:ID><cbc:ActionCode>Slet</cbc:ActionCode>"),
    )
    with pytest.raises(CatalogFileError) as failure:
        read_catalogue(path)
    assert failure.value.code == "bad_action" and failure.value.xpath == "/Catalogue/ActionCode"


def test_bad_line_values(tmp_path):
    bad = simple_line("1", "Remove") + simple_line("2", price="ti kroner") + simple_line("3", price="")
    _, errors, _ = read_all(write(tmp_path, "b.xml", catalogue(bad)))
    assert [(e.code, e.xpath) for e in errors] == [
        ("bad_action", "/Catalogue/CatalogueLine[1]/ActionCode"),
        ("bad_price", "/Catalogue/CatalogueLine[2]/RequiredItemLocationQuantity/Price/PriceAmount"),
        ("missing_field", "/Catalogue/CatalogueLine[3]"),
    ]


def test_item_identified_by_gtin_only(tmp_path):
    line = (
        "<cac:CatalogueLine><cbc:ID>1</cbc:ID><cac:RequiredItemLocationQuantity><cac:Price>"
        '<cbc:PriceAmount currencyID="EUR">3.00</cbc:PriceAmount></cac:Price>'
        "</cac:RequiredItemLocationQuantity>"
        '<cac:Item><cbc:Name>Pen</cbc:Name><cac:StandardItemIdentification><cbc:ID schemeID="0160">'
        "5701234567899</cbc:ID></cac:StandardItemIdentification></cac:Item></cac:CatalogueLine>"
    )
    lines, errors, _ = read_all(write(tmp_path, "g.xml", catalogue(line)))
    assert errors == [] and lines[0].supplier_item_number == "5701234567899" and lines[0].currency == "EUR"


def test_minified_xml_still_finds_duplicates(tmp_path):
    path = write(
        tmp_path, "m.xml", catalogue(simple_line("1") + simple_line("1") + simple_line("2")).replace("\n", "")
    )
    lines, errors, _ = read_all(path)
    assert len(lines) == 2 and [e.code for e in errors] == ["duplicate_item"]
    assert "CatalogueLine[1]" in errors[0].reason


def test_catalogue_without_lines(tmp_path):
    lines, errors, reader = read_all(write(tmp_path, "n.xml", catalogue("")))
    assert lines == errors == [] and reader.header.catalogue_id == "T" and reader.summary.lines_read == 0


def test_pricing_update_document(tmp_path):
    text = (
        '<?xml version="1.0"?>\n<CataloguePricingUpdate '
        'xmlns="urn:oasis:names:specification:ubl:schema:xsd:CataloguePricingUpdate-2" '
        'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
        'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">\n'
        "<cbc:CustomizationID>OIOUBL-2.1</cbc:CustomizationID><cbc:ID>P-1</cbc:ID>"
        "<cbc:IssueDate>2025-13-40</cbc:IssueDate>\n"
        "<cac:CataloguePricingUpdateLine><cbc:ID>K-1</cbc:ID><cac:RequiredItemLocationQuantity><cac:Price>"
        '<cbc:PriceAmount currencyID="DKK">9.95</cbc:PriceAmount></cac:Price>'
        "</cac:RequiredItemLocationQuantity></cac:CataloguePricingUpdateLine>\n"
        "<cac:CataloguePricingUpdateLine><cbc:ID>K-2</cbc:ID></cac:CataloguePricingUpdateLine>\n"
        "</CataloguePricingUpdate>\n"
    )
    lines, errors, reader = read_all(write(tmp_path, "p.xml", text))
    assert reader.header.document_type == "CataloguePricingUpdate" and reader.header.action == "update"
    assert [(e.code, e.xpath) for e in reader.header.errors] == [
        ("bad_date", "/CataloguePricingUpdate/IssueDate")
    ]
    assert [(line.supplier_item_number, line.action, line.name, line.price) for line in lines] == [
        ("K-1", "update", None, Decimal("9.95"))
    ]
    assert [(e.code, e.field) for e in errors] == [("missing_field", "price")]


def test_orderable_unit_given_as_attribute(tmp_path):
    line = simple_line("1").replace(
        "<cbc:ID>1</cbc:ID>", '<cbc:ID>1</cbc:ID><cbc:OrderableUnit unitCode="KGM"/>'
    )
    lines, errors, _ = read_all(write(tmp_path, "u.xml", catalogue(line)))
    assert errors == [] and lines[0].orderable_unit == "KGM"


def test_replace_catalogue_lines_inherit_replace(tmp_path):
    header = "<cbc:ID>T</cbc:ID><cbc:ActionCode>Replace</cbc:ActionCode>"
    lines, errors, reader = read_all(
        write(tmp_path, "r.xml", catalogue(simple_line("1") + simple_line("2", "Add"), header))
    )
    assert errors == [] and reader.header.action == "replace"
    assert [line.action for line in lines] == ["replace", "add"]
