"""SAP OCI: the call-up with the shop's login, the shop, and the NEW_ITEM-* form back to HOOK_URL."""

from decimal import Decimal

import pytest

from app.demo_supplier.shops import DATALOSNINGER, NORDFRUGT
from punchout import parse_oci_cart
from tests.demo_supplier.conftest import return_action, return_fields

HOOK_URL = "http://127.0.0.1:8000/punchout/oci-return/one-time-token-456"


def call_up(**extra: str) -> dict[str, str]:
    return {
        "USERNAME": DATALOSNINGER.oci_username or "",
        "PASSWORD": DATALOSNINGER.oci_password or "",
        "HOOK_URL": HOOK_URL,
        "~OkCode": "ADDI",
        "~TARGET": "_top",
        "~CALLER": "CTLG",
        **extra,
    }


def open_oci(client, method: str = "POST", **extra: str) -> str:
    if method == "POST":
        reply = client.post("/oci/datalosninger", data=call_up(**extra))
    else:
        reply = client.get("/oci/datalosninger", params=call_up(**extra))
    assert reply.status_code == 303, reply.text
    return reply.headers["location"]


class TestCallUp:
    @pytest.mark.parametrize("method", ["GET", "POST"])
    def test_good_login_opens_the_shop(self, shop_client, method):
        location = open_oci(shop_client, method)
        assert location.startswith("/s/")
        page = shop_client.get(location)
        assert page.status_code == 200 and "Dataløsninger A/S" in page.text and "(OCI)" in page.text

    @pytest.mark.parametrize("field", ["USERNAME", "PASSWORD"])
    def test_wrong_login_is_a_danish_error_page(self, shop_client, field):
        reply = shop_client.post("/oci/datalosninger", data=call_up(**{field: "forkert"}))
        assert reply.status_code == 403
        assert "Forkert brugernavn eller adgangskode" in reply.text
        assert '<html lang="da">' in reply.text

    def test_field_names_are_read_without_case(self, shop_client):
        fields = {k.lower(): v for k, v in call_up().items()}
        assert shop_client.get("/oci/datalosninger", params=fields).status_code == 303

    def test_a_missing_hook_url_is_explained(self, shop_client):
        reply = shop_client.post("/oci/datalosninger", data=call_up(HOOK_URL=""))
        assert reply.status_code == 400 and "HOOK_URL" in reply.text

    def test_the_food_shop_has_no_oci_catalogue(self, shop_client):
        assert not NORDFRUGT.supports_oci
        assert shop_client.post("/oci/nordfrugt", data=call_up()).status_code == 404

    def test_detail_opens_the_product(self, shop_client):
        location = open_oci(shop_client, "GET", FUNCTION="DETAIL", PRODUCTID="DL-5136")
        assert location.endswith("/vare/DL-5136")

    def test_sourcing_opens_a_search(self, shop_client):
        location = open_oci(shop_client, FUNCTION="SOURCING", SEARCHSTRING="skærm")
        assert "Skærm 24" in shop_client.get(location).text


class TestReturn:
    def test_new_item_fields_parse_with_price_unit_and_long_text(self, shop_client):
        location = open_oci(shop_client)
        for item, quantity in (("DL-5001", "2"), ("DL-5137", "150"), ("DL-9001", "1")):
            shop_client.post(f"{location}kurv/tilfoej", data={"vare": item, "antal": quantity})
        page = shop_client.post(f"{location}overfoer").text
        assert return_action(page) == (HOOK_URL, "_top")
        fields = return_fields(page)
        names = [name for name, _ in fields]
        assert "NEW_ITEM-PRICEUNIT[2]" in names and "NEW_ITEM-LONGTEXT_1:132[]" in names
        assert dict(fields)["NEW_ITEM-PRICEUNIT[2]"] == "100"
        cart = parse_oci_cart(fields, expected_currency="DKK")
        assert cart.warnings == []
        pc, labels, cable = cart.lines
        assert (pc.supplier_part_id, pc.quantity, pc.unit_price) == ("DL-5001", 2, Decimal("7809.79"))
        assert pc.long_text.startswith('Bærbar PC 14" 16 GB RAM 512 GB SSD, Nordtek, 1 års garanti. Intel')
        assert (labels.unit_price, labels.price_basis.quantity, labels.quantity) == (
            Decimal("46.12"),
            100,
            150,
        )
        assert (cable.supplier_part_id, cable.unit_of_measure, cable.currency) == ("DL-9001", "EA", "DKK")

    def test_cancel_posts_no_items(self, shop_client):
        location = open_oci(shop_client)
        shop_client.post(f"{location}kurv/tilfoej", data={"vare": "DL-5001", "antal": "1"})
        page = shop_client.post(f"{location}annuller").text
        assert return_fields(page) == []
        assert return_action(page)[0] == HOOK_URL

    def test_target_keeps_to_frame_names(self, shop_client):
        location = open_oci(shop_client, **{"~TARGET": '"><script>'})
        page = shop_client.post(f"{location}overfoer").text
        assert return_action(page)[1] == "_top"


class TestBackground:
    def test_background_search_posts_the_hits_to_the_hook_url(self, shop_client):
        reply = shop_client.post(
            "/oci/datalosninger", data=call_up(FUNCTION="BACKGROUND_SEARCH", SEARCHSTRING="mus")
        )
        assert reply.status_code == 200
        cart = parse_oci_cart(return_fields(reply.text))
        assert {line.supplier_part_id for line in cart.lines} == {"DL-5085", "DL-5086"}

    def test_validate_prices_one_item(self, shop_client):
        reply = shop_client.get(
            "/oci/datalosninger", params=call_up(FUNCTION="VALIDATE", PRODUCTID="DL-5049", QUANTITY="3")
        )
        (line,) = parse_oci_cart(return_fields(reply.text)).lines
        assert (line.supplier_part_id, line.quantity, line.unit_price) == ("DL-5049", 3, Decimal("3138.28"))
