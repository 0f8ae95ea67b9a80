"""edit/inspect: earlier lines go back as ItemOut, SupplierPartAuxiliaryID byte for byte (reference §8)."""

import re
from decimal import Decimal

import pytest

from punchout import SetupRequest, build_setup_request, parse_order_message, parse_setup_request
from tests.punchout.conftest import fixture_bytes, tree

AUX_CASES = {
    "trailing-newline": "BASKET-77\n        ",
    "surrounding-whitespace": "  \n\t cfg-1 \n",
    "escaped-xml": '&lt;config id="7"&gt;blå &amp; grøn&lt;/config&gt;',
    "child-elements": '\n  <cfg a="1">x&amp;y<opt>rød</opt></cfg>\n  <!-- kept -->\n',
    "odd-characters": "A_B:5008937A_B:?{}",
}


def cart_with_aux(aux: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<cXML payloadID="a@b" timestamp="2026-03-01T10:00:00+01:00">
<Header><From><Credential domain="DUNS"><Identity>1</Identity></Credential></From>
<To><Credential domain="DUNS"><Identity>2</Identity></Credential></To>
<Sender><Credential domain="DUNS"><Identity>1</Identity></Credential><UserAgent>s</UserAgent></Sender>
</Header>
<Message><PunchOutOrderMessage><BuyerCookie>c</BuyerCookie>
<PunchOutOrderMessageHeader operationAllowed="edit"><Total><Money currency="DKK">10</Money></Total>
</PunchOutOrderMessageHeader>
<ItemIn quantity="1"><ItemID><SupplierPartID>P-1</SupplierPartID>
<SupplierPartAuxiliaryID>{aux}</SupplierPartAuxiliaryID></ItemID>
<ItemDetail><UnitPrice><Money currency="DKK">10</Money></UnitPrice>
<Description xml:lang="da">Vare</Description><UnitOfMeasure>EA</UnitOfMeasure>
<Classification domain="UNSPSC">44121701</Classification></ItemDetail></ItemIn>
</PunchOutOrderMessage></Message></cXML>""".encode()


def aux_bytes(document: bytes) -> list[bytes]:
    return re.findall(rb"<SupplierPartAuxiliaryID>(.*?)</SupplierPartAuxiliaryID>", document, re.DOTALL)


@pytest.mark.parametrize("aux", AUX_CASES.values(), ids=AUX_CASES.keys())
@pytest.mark.parametrize("operation", ["edit", "inspect"])
def test_auxiliary_id_is_stored_and_echoed_byte_exact(envelope, aux, operation):
    cart = parse_order_message(cart_with_aux(aux))
    assert cart.lines[0].supplier_part_auxiliary_id == aux
    request = SetupRequest("c2", "https://portal.example/r/t", envelope, operation, items=cart.lines)
    data = build_setup_request(request)
    assert aux_bytes(data) == [aux.encode()]
    assert parse_setup_request(data).items[0].supplier_part_auxiliary_id == aux


def test_edit_echoes_every_line_with_its_quantity_and_price(envelope):
    cart = parse_order_message(fixture_bytes("poom_variations.xml"), expected_currency="DKK")
    request = SetupRequest("c3", "https://portal.example/r/t", envelope, "edit", items=cart.lines)
    data = build_setup_request(request)
    item_outs = tree(data).findall("Request/PunchOutSetupRequest/ItemOut")
    assert [(i.get("quantity"), i.get("lineNumber")) for i in item_outs] == [("2", "10"), ("1.5", "20")]
    assert [i.findtext("ItemDetail/UnitPrice/Money") for i in item_outs] == ["18.7650", "22.7200"]
    assert aux_bytes(data) == [b"BASKET-77\n        ", b"BASKET-77\n        "]
    # An empty Classification domain goes back as it came (reference §15: echo, do not invent).
    assert item_outs[0].find("ItemDetail/Classification").get("domain") == ""


def test_price_basis_echo_repeats_the_suppliers_quoted_money(envelope):
    cart = parse_order_message(fixture_bytes("poom_pricebasis.xml"))
    request = SetupRequest("c4", "https://portal.example/r/t", envelope, "inspect", items=cart.lines)
    item = tree(build_setup_request(request)).find("Request/PunchOutSetupRequest/ItemOut")
    assert item.findtext("ItemDetail/UnitPrice/Money") == "250.00"
    basis = item.find("ItemDetail/PriceBasisQuantity")
    assert (basis.get("quantity"), basis.get("conversionFactor"), basis.findtext("UnitOfMeasure")) == (
        "100",
        "10",
        "EA",
    )


def test_line_without_price_is_echoed_with_item_id_only(envelope):
    cart = parse_order_message(
        cart_with_aux("x").replace(
            b'<Money currency="DKK">10</Money></UnitPrice>', b'<Money currency="DKK"></Money></UnitPrice>'
        )
    )
    assert cart.lines[0].unit_price is None
    request = SetupRequest("c5", "https://portal.example/r/t", envelope, "edit", items=cart.lines)
    item = tree(build_setup_request(request)).find("Request/PunchOutSetupRequest/ItemOut")
    assert [c.tag for c in item] == ["ItemID"]
    assert cart.lines[0].quantity == Decimal(1)
