"""Shopping with cXML: add, change, transfer, cancel, edit and inspect, and the cart the buyer gets back."""

import base64
from decimal import Decimal

from app.demo_supplier.cart import COOKIE
from app.demo_supplier.shops import DATALOSNINGER, NORDFRUGT
from punchout import CartLine, parse_order_message, parse_setup_response
from tests.demo_supplier.conftest import (
    ORIGIN,
    RETURN_URL,
    needs_dtd,
    open_shop,
    post_cxml,
    return_action,
    return_fields,
    setup_request,
    shop_path,
    tree,
)

FLOUR = "NF-1001"  # Hvedemel 1 kg: its AuxID ends in a newline and indentation, as Würth's do
EGGS = "NF-1145"
SYRUP = "NF-9001"  # not on the agreement


def add(client, path: str, item: str, quantity: str = "1"):
    reply = client.post(f"{path}kurv/tilfoej", data={"vare": item, "antal": quantity, "tilbage": path})
    assert reply.status_code == 303, reply.text
    return reply


def transfer(client, path: str):
    page = client.post(f"{path}overfoer")
    assert page.status_code == 200, page.text
    return page.text


def returned_cart(page: str):
    fields = dict(return_fields(page))
    return parse_order_message(base64.b64decode(fields["cXML-base64"]), expected_currency="DKK")


class TestCreate:
    def test_add_and_transfer_returns_the_cart_to_the_buyer(self, shop_client):
        path = open_shop(shop_client, NORDFRUGT)
        add(shop_client, path, FLOUR, "3")
        add(shop_client, path, EGGS, "2")
        add(shop_client, path, FLOUR, "1")
        page = transfer(shop_client, path)
        assert return_action(page) == (RETURN_URL, None)
        assert "<script>" in page and '<button type="submit">' in page
        cart = returned_cart(page)
        assert (cart.buyer_cookie, cart.operation_allowed, cart.warnings) == ("buyer-cookie-42", "edit", [])
        flour, eggs = cart.lines
        assert (flour.supplier_part_id, flour.quantity, flour.unit_price) == (
            FLOUR,
            Decimal(4),
            Decimal("11.00"),
        )
        assert flour.unit_of_measure == "BG"
        assert (eggs.supplier_part_id, eggs.quantity, eggs.unit_of_measure) == (EGGS, Decimal(2), "PU")
        assert cart.total == flour.line_total + eggs.line_total

    def test_aux_ids_survive_byte_exact(self, shop_client):
        path = open_shop(shop_client, NORDFRUGT)
        add(shop_client, path, FLOUR)
        add(shop_client, path, EGGS)
        cart = returned_cart(transfer(shop_client, path))
        flour, eggs = (line.supplier_part_auxiliary_id for line in cart.lines)
        assert flour.startswith("KURV-") and flour.endswith("\n            ")
        assert eggs == f"{flour.strip()}/{EGGS}"

    def test_the_it_shop_allows_create_only(self, shop_client):
        path = open_shop(shop_client, DATALOSNINGER)
        add(shop_client, path, "DL-5001")
        cart = returned_cart(transfer(shop_client, path))
        assert cart.operation_allowed == "create"
        assert cart.lines[0].supplier_part_auxiliary_id.endswith(":ENKELT:DL-5001")

    def test_a_pc_bundle_becomes_separate_lines(self, shop_client):
        path = open_shop(shop_client, DATALOSNINGER)
        assert shop_client.post(f"{path}pakke/pc-pakke-14/tilfoej", data={"antal": "2"}).status_code == 303
        cart = returned_cart(transfer(shop_client, path))
        assert [(line.supplier_part_id, line.quantity) for line in cart.lines] == [
            ("DL-5002", 2),
            ("DL-5133", 2),
            ("DL-5135", 2),
            ("DL-5136", 2),
        ]
        assert all(":PC-PAKKE-14:" in line.supplier_part_auxiliary_id for line in cart.lines)

    def test_quantity_change_and_removal(self, shop_client):
        path = open_shop(shop_client, NORDFRUGT)
        add(shop_client, path, FLOUR)
        add(shop_client, path, EGGS)
        assert (
            shop_client.post(f"{path}kurv/antal", data={"linje": 1, "vare": EGGS, "antal": "5"}).status_code
            == 303
        )
        assert shop_client.post(f"{path}kurv/fjern", data={"linje": 0, "vare": FLOUR}).status_code == 303
        cart = returned_cart(transfer(shop_client, path))
        assert [(line.supplier_part_id, line.quantity) for line in cart.lines] == [(EGGS, 5)]

    def test_a_stale_line_number_changes_nothing(self, shop_client):
        path = open_shop(shop_client, NORDFRUGT)
        add(shop_client, path, FLOUR)
        reply = shop_client.post(f"{path}kurv/fjern", data={"linje": 0, "vare": EGGS})
        assert reply.status_code == 400
        assert "findes ikke længere" in reply.text

    def test_a_bad_quantity_is_explained(self, shop_client):
        path = open_shop(shop_client, NORDFRUGT)
        reply = shop_client.post(f"{path}kurv/tilfoej", data={"vare": FLOUR, "antal": "to"})
        assert reply.status_code == 400
        assert "Antal skal være et tal" in reply.text

    def test_cancel_returns_an_empty_cart(self, shop_client):
        path = open_shop(shop_client, NORDFRUGT)
        add(shop_client, path, FLOUR)
        page = shop_client.post(f"{path}annuller")
        cart = returned_cart(page.text)
        assert (cart.lines, cart.buyer_cookie) == ([], "buyer-cookie-42")

    def test_the_cart_page_lists_what_was_added(self, shop_client):
        path = open_shop(shop_client, NORDFRUGT)
        add(shop_client, path, SYRUP, "2")
        page = shop_client.get(f"{path}kurv")
        assert "Ahornsirup" in page.text and "85,90 kr." in page.text
        assert "Overfør kurven til indkøbssystemet" in page.text and "Annuller" in page.text

    def test_search_folds_danish_letters(self, shop_client):
        path = open_shop(shop_client, NORDFRUGT)
        assert "Hvedemel 25 kg" in shop_client.get(f"{path}?q=hvedemel").text
        assert "Smør 250 g" in shop_client.get(f"{path}?q=smor").text
        assert "Æg 30 stk" in shop_client.get(f"{path}?q=aeg 30").text
        assert "Ingen varer passer" in shop_client.get(f"{path}?q=kaviar").text

    def test_product_page(self, shop_client):
        path = open_shop(shop_client, NORDFRUGT)
        page = shop_client.get(f"{path}vare/{FLOUR}").text
        assert "Hvedemel 1 kg, Nordgaarden" in page and "Lagerstatus" in page and "<svg" in page
        assert "Relaterede varer" in page and "Ahornsirup" in page
        assert shop_client.get(f"{path}vare/NF-0000").status_code == 404

    def test_selected_item_opens_the_product_page(self, shop_client):
        location = open_shop(shop_client, NORDFRUGT, selected=EGGS)
        assert location.endswith(f"/vare/{EGGS}")

    def test_the_cart_cookie_is_scoped_to_the_session_and_not_named_like_the_portals(self, shop_client):
        path = open_shop(shop_client, NORDFRUGT)
        reply = add(shop_client, path, FLOUR)
        cookie = reply.headers["set-cookie"]
        assert cookie.startswith(f"{COOKIE}=") and not COOKIE.startswith("portal_")
        assert f"Path={path.rstrip('/')}" in cookie and "HttpOnly" in cookie


class TestEditAndInspect:
    def earlier_lines(self) -> list[CartLine]:
        return [
            CartLine(
                1,
                Decimal(2),
                FLOUR,
                "KURV-OLD\n            ",
                Decimal("11.00"),
                "DKK",
                "Hvedemel",
                None,
                "BG",
            ),
            CartLine(2, Decimal(1), EGGS, "KURV-OLD/NF-1145 &amp; <cfg>æg</cfg>", None),
            CartLine(3, Decimal(1), "NF-GONE", "x", None),
        ]

    def test_edit_prefills_and_echoes_aux_ids(self, shop_client):
        location = open_shop(shop_client, NORDFRUGT, "edit", items=self.earlier_lines())
        assert location.endswith("?fjernet=1")
        path = shop_path(location)
        assert "findes ikke længere" in shop_client.get(location).text
        add(shop_client, path, EGGS, "1")
        cart = returned_cart(transfer(shop_client, path))
        echoed = [
            (line.supplier_part_id, line.supplier_part_auxiliary_id, line.quantity) for line in cart.lines
        ]
        assert echoed[:2] == [
            (FLOUR, "KURV-OLD\n            ", 2),
            (EGGS, "KURV-OLD/NF-1145 &amp; <cfg>æg</cfg>", 1),
        ]
        # Added in this session, so it carries this session's reference, not the earlier one.
        assert echoed[2][0] == EGGS and echoed[2][1].endswith("/NF-1145") and "OLD" not in echoed[2][1]

    def test_inspect_is_read_only(self, shop_client):
        path = shop_path(open_shop(shop_client, NORDFRUGT, "inspect", items=self.earlier_lines()))
        page = shop_client.get(f"{path}kurv").text
        assert "Tilbage til indkøbssystemet" in page
        assert "Overfør kurven" not in page and "Annuller" not in page and "kurv/antal" not in page
        assert "Læg i kurv" not in shop_client.get(f"{path}vare/{FLOUR}").text
        refused = shop_client.post(f"{path}kurv/tilfoej", data={"vare": FLOUR, "antal": "1"})
        assert refused.status_code == 403
        assert shop_client.post(f"{path}annuller").status_code == 403
        cart = returned_cart(transfer(shop_client, path))
        assert cart.no_change
        assert [line.supplier_part_auxiliary_id for line in cart.lines] == [
            "KURV-OLD\n            ",
            "KURV-OLD/NF-1145 &amp; <cfg>æg</cfg>",
        ]


class TestTokens:
    def start_url(self, shop_client) -> str:
        reply = post_cxml(shop_client, setup_request(NORDFRUGT))
        return parse_setup_response(reply.content).start_url.removeprefix(ORIGIN)

    def test_tampered_start_page_is_refused(self, shop_client):
        url = self.start_url(shop_client)
        tampered = url[:-3] + ("AAA" if not url.endswith("AAA") else "BBB")
        reply = shop_client.get(tampered)
        assert reply.status_code == 403
        assert "Ugyldigt link" in reply.text

    def test_expired_start_page_is_refused(self, shop_client, clock):
        url = self.start_url(shop_client)
        clock.now += 301
        reply = shop_client.get(url)
        assert reply.status_code == 410
        assert "udløbet" in reply.text

    def test_start_page_works_once(self, shop_client):
        url = self.start_url(shop_client)
        assert shop_client.get(url).status_code == 303
        again = shop_client.get(url)
        assert again.status_code == 410
        assert "kun bruges én gang" in again.text

    def test_session_expires_and_cannot_be_forged(self, shop_client, clock):
        path = open_shop(shop_client, NORDFRUGT)
        token = path.split("/")[2]
        forged = token.replace(token.split(".")[1][:4], "AAAA", 1)
        assert shop_client.get(f"/s/{forged}/").status_code == 403
        clock.now += 2 * 3600 + 1
        assert shop_client.get(path).status_code == 410

    def test_a_cart_cookie_from_another_session_is_ignored(self, shop_client):
        first = open_shop(shop_client, NORDFRUGT)
        reply = add(shop_client, first, FLOUR)
        cookie = reply.cookies[COOKIE]
        second = open_shop(shop_client, NORDFRUGT)
        shop_client.cookies.set(COOKIE, cookie, path=second.rstrip("/"))
        page = shop_client.get(f"{second}kurv").text
        assert "Kurven er tom" in page


@needs_dtd
def test_the_returned_cart_validates_against_the_dtd(shop_client, cxml_dtd):
    path = open_shop(shop_client, DATALOSNINGER)
    add(shop_client, path, "DL-5001")
    add(shop_client, path, "DL-5137", "200")
    data = base64.b64decode(dict(return_fields(transfer(shop_client, path)))["cXML-base64"])
    assert cxml_dtd.validate(tree(data)), cxml_dtd.error_log.filter_from_errors()
    # An AuxID holding markup is legal only with declared elements, so the echo here carries text alone.
    earlier = [CartLine(1, Decimal(2), FLOUR, "KURV-OLD\n            ", None)]
    inspect_path = shop_path(open_shop(shop_client, NORDFRUGT, "inspect", items=earlier))
    data = base64.b64decode(dict(return_fields(transfer(shop_client, inspect_path)))["cXML-base64"])
    assert cxml_dtd.validate(tree(data)), cxml_dtd.error_log.filter_from_errors()
