"""The short path for regular cart lines reads exactly what the general reader reads, or leaves the line to it."""

import pytest
from lxml import etree

from punchout import parse_order_message
from punchout.cxml_item_read import read_line
from punchout.cxml_item_regular import regular_line
from punchout.errors import MalformedDocumentError
from punchout.xmlsafe import child, children, parse_xml
from tests.punchout.conftest import FIXTURES

REGULAR = (
    '<ItemIn quantity="2" lineNumber="7">'
    "<ItemID><SupplierPartID> NF-1001 </SupplierPartID>"
    "<SupplierPartAuxiliaryID>  kurv 4 &amp; linje 7  </SupplierPartAuxiliaryID><BuyerPartID>B-1</BuyerPartID></ItemID>"
    '<ItemDetail><UnitPrice><Money currency="dkk"> 12.5000 </Money></UnitPrice>'
    '<Description xml:lang="da">  Hvedemel, 1 kg  </Description><UnitOfMeasure>KGM</UnitOfMeasure>'
    '<Classification domain="UNSPSC">50221101</Classification><ManufacturerPartID>HM-1</ManufacturerPartID>'
    "<ManufacturerName>Møllen</ManufacturerName><LeadTime>2</LeadTime><URL>https://shop.example/p/1</URL>"
    "</ItemDetail></ItemIn>"
)

# Each variation of the regular line, as (old, new) replacements; the line may take either path, but must read
# the same. The first group keeps the line regular.
STILL_REGULAR = {
    "no line number": ('lineNumber="7"', ""),
    "empty currency": ('currency="dkk"', 'currency=""'),
    "no currency": (' currency="dkk"', ""),
    "empty classification domain": ('domain="UNSPSC"', 'domain=""'),
    "classification by code": (
        '<Classification domain="UNSPSC">50221101</Classification>',
        '<Classification domain="UNSPSC" code="50221101"/>',
    ),
    "description without language": (' xml:lang="da"', ""),
    "english description": ('xml:lang="da"', 'xml:lang="en-GB"'),
    "empty description": ("  Hvedemel, 1 kg  ", ""),
    "no unit price": ('<UnitPrice><Money currency="dkk"> 12.5000 </Money></UnitPrice>', ""),
    "empty unit price": ('<Money currency="dkk"> 12.5000 </Money>', ""),
    "unreadable price": ("12.5000", "tolv"),
    "unreadable lead time": ("<LeadTime>2</LeadTime>", "<LeadTime>snart</LeadTime>"),
    "line number with letters": ('lineNumber="7"', 'lineNumber="7a"'),
    "item type": ('lineNumber="7"', 'lineNumber="7" itemType="item"'),
    "no auxiliary id": ("<SupplierPartAuxiliaryID>  kurv 4 &amp; linje 7  </SupplierPartAuxiliaryID>", ""),
    "empty auxiliary id": ("  kurv 4 &amp; linje 7  ", ""),
    "cdata auxiliary id": ("  kurv 4 &amp; linje 7  ", "<![CDATA[a<b]]>"),
}
IRREGULAR = {
    "lower-case element": ("<UnitOfMeasure>KGM</UnitOfMeasure>", "<unitofmeasure>KGM</unitofmeasure>"),
    "upper-case attribute": ('quantity="2"', 'QUANTITY="2"'),
    "both quantity spellings": ('quantity="2"', 'quantity="2" Quantity="3"'),
    "markup in auxiliary id": ("  kurv 4 &amp; linje 7  ", "<Kurv id='4'>7</Kurv>"),
    "comment in auxiliary id": ("  kurv 4 &amp; linje 7  ", "kurv<!-- x -->4"),
    "short name": ("  Hvedemel, 1 kg  ", "Hvedemel<ShortName>Mel</ShortName>"),
    "two descriptions": ("<UnitOfMeasure>", '<Description xml:lang="en">Flour</Description><UnitOfMeasure>'),
    "lang attribute": ('xml:lang="da"', 'lang="da"'),
    "price basis": (
        "<UnitOfMeasure>KGM</UnitOfMeasure>",
        '<UnitOfMeasure>KGM</UnitOfMeasure><PriceBasisQuantity quantity="10" conversionFactor="1">'
        "<UnitOfMeasure>KGM</UnitOfMeasure></PriceBasisQuantity>",
    ),
    "extrinsic": ("</ItemDetail>", '<Extrinsic name="EAN">5701234567892</Extrinsic></ItemDetail>'),
    "id reference": (
        "<BuyerPartID>",
        '<IdReference domain="EAN-13" identifier="5701234567892"/><BuyerPartID>',
    ),
    "tax": (
        "</ItemIn>",
        '<Tax><Money currency="DKK">3.13</Money><Description xml:lang="da">Moms</Description></Tax></ItemIn>',
    ),
    "comment in the line": ("<ItemDetail>", "<!-- fra kurven --><ItemDetail>"),
    "two classifications": (
        "<ManufacturerPartID>",
        '<Classification domain="X">1</Classification><ManufacturerPartID>',
    ),
    "money in another form": ('<Money currency="dkk">', '<Money currency="dkk" Currency="EUR">'),
    "element inside a text": ("<LeadTime>2</LeadTime>", "<LeadTime>2<b>dage</b></LeadTime>"),
    "namespaced element": ("<URL>https://shop.example/p/1</URL>", '<x:URL xmlns:x="urn:x">u</x:URL>'),
    "details before the id": ("<ItemID>", "<ItemDetail/><ItemID>"),
}


def cart(*lines: str) -> bytes:
    return (
        '<cXML payloadID="p@shop" timestamp="2026-11-22T10:00:00+01:00"><Header/><Message>'
        "<PunchOutOrderMessage><BuyerCookie>c</BuyerCookie>"
        '<PunchOutOrderMessageHeader operationAllowed="edit"/>' + "".join(lines) + "</PunchOutOrderMessage>"
        "</Message></cXML>"
    ).encode()


def items_of(document: bytes) -> list[etree._Element]:
    root = parse_xml(document)
    return children(child(root, "Message/PunchOutOrderMessage"), "ItemIn")


def assert_same(item: etree._Element, index: int = 1) -> None:
    short = regular_line(item, index)
    assert short is None or short == read_line(item, index)


def test_a_regular_line_takes_the_short_path_and_reads_the_same() -> None:
    (item,) = items_of(cart(REGULAR))
    line = regular_line(item, 1)
    assert line is not None
    assert line == read_line(item, 1)
    assert line.supplier_part_auxiliary_id == "  kurv 4 &amp; linje 7  "  # byte-exact, escaped as it came


@pytest.mark.parametrize("name", STILL_REGULAR)
def test_variations_that_stay_regular(name: str) -> None:
    (item,) = items_of(cart(REGULAR.replace(*STILL_REGULAR[name])))
    assert regular_line(item, 3) is not None
    assert_same(item, 3)


@pytest.mark.parametrize("name", IRREGULAR)
def test_variations_that_take_the_long_path(name: str) -> None:
    (item,) = items_of(cart(REGULAR.replace(*IRREGULAR[name])))
    assert regular_line(item, 1) is None


def test_a_description_without_language_is_still_the_description() -> None:
    # xml:lang is required by the DTD, but a lenient reader keeps the text of a shop that leaves it out.
    (item,) = items_of(cart(REGULAR.replace(*STILL_REGULAR["description without language"])))
    assert regular_line(item, 1).description == read_line(item, 1).description == "Hvedemel, 1 kg"


def test_a_line_without_quantity_is_reported_as_before() -> None:
    document = cart(REGULAR, REGULAR.replace('quantity="2"', 'quantity=" "'))
    assert regular_line(items_of(document)[1], 2) is None
    with pytest.raises(MalformedDocumentError) as raised:
        parse_order_message(document)
    assert "[2]" in (raised.value.xpath or "")


def test_a_cart_mixing_both_kinds_reads_as_the_general_reader_does() -> None:
    lines = [
        REGULAR.replace('lineNumber="7"', f'lineNumber="{n}"').replace("NF-1001", f"NF-100{n}")
        for n in range(1, 5)
    ]
    lines[1] = lines[1].replace(*IRREGULAR["short name"])
    lines[3] = lines[3].replace(*IRREGULAR["lower-case element"])
    document = cart(*lines)
    expected = [read_line(item, index) for index, item in enumerate(items_of(document), start=1)]
    assert parse_order_message(document).lines == expected


@pytest.mark.parametrize("fixture", sorted(path.name for path in FIXTURES.glob("poom_*.xml")))
def test_fixture_carts_read_the_same_either_way(fixture: str) -> None:
    for index, item in enumerate(items_of((FIXTURES / fixture).read_bytes()), start=1):
        assert_same(item, index)
