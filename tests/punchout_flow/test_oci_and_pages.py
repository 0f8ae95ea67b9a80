"""OCI call-up and return (with more fields than Starlette's form defaults allow), and the pages a user sees."""

import re

from app.punchout import connections
from app.punchout.schemas import ConnectionCreate
from tests.helpers import login, post_form
from tests.punchout_flow.conftest import b64, cxml_cart, token_of


def _oci_connection(db, scene, method="POST"):  # type: ignore[no-untyped-def]
    from app.auth.service import load_principal

    return connections.create_connection(
        db,
        load_principal(db, scene.officer.id),
        ConnectionCreate(
            supplier_id=scene.supplier.id,
            agreement_id=scene.agreement.id,
            name=f"Nordfrugt OCI {method}",
            protocol="oci",
            setup_url="https://shop.example/oci?client=7",
            shared_secret="oci-password",
            oci_options={"username": "solby", "method": method, "functions": ["DETAIL"]},
        ),
    )


def _oci_fields(lines: int) -> dict[str, str]:
    fields: dict[str, str] = {}
    for n in range(1, lines + 1):
        number = "HM-1" if n == 1 else f"OCI-{n}"
        fields |= {
            f"NEW_ITEM-DESCRIPTION[{n}]": f"Vare {n}",
            f"NEW_ITEM-QUANTITY[{n}]": "100.000",
            f"NEW_ITEM-UNIT[{n}]": "BG",
            f"NEW_ITEM-PRICE[{n}]": "2600.000",
            f"NEW_ITEM-PRICEUNIT[{n}]": "100",
            f"NEW_ITEM-CURRENCY[{n}]": "DKK",
            f"NEW_ITEM-VENDORMAT[{n}]": number,
            f"NEW_ITEM-MATGROUP[{n}]": "50221101",
            f"NEW_ITEM-LEADTIME[{n}]": "2",
            f"NEW_ITEM-EXT_PRODUCT_ID[{n}]": number,
            f"NEW_ITEM-VENDOR[{n}]": "30876547",
            f"NEW_ITEM-MANUFACTCODE[{n}]": "NF",
            f"NEW_ITEM-MANUFACTMAT[{n}]": number,
            f"NEW_ITEM-CUST_FIELD1[{n}]": "x",
            f"NEW_ITEM-LONGTEXT_{n}:132[]": f"Lang tekst {n}",
        }
    return fields


def test_oci_call_up_by_post_and_a_return_with_1500_fields(client, make_client, db, scene):
    connection = _oci_connection(db, scene)
    started = client.post(
        "/api/v1/punchout/sessions", json={"connection": connection.id, "item": "HM-1"}, headers=scene.headers
    ).json()
    assert started["method"] == "POST" and started["start_url"] == "https://shop.example/oci?client=7"
    form = dict(started["form"])
    assert form["USERNAME"] == "solby" and form["PASSWORD"] == "oci-password"
    assert form["FUNCTION"] == "DETAIL" and form["PRODUCTID"] == "HM-1"
    hook = form["HOOK_URL"]
    assert "/punchout/return/" in hook

    fields = _oci_fields(100)
    assert len(fields) == 1500
    response = make_client().post("/punchout/return/" + hook.rsplit("/", 1)[-1], data=fields)
    assert response.status_code == 303, response.text
    data = client.get(f"/api/v1/punchout/sessions/{started['session']}", headers=scene.headers).json()
    assert len(data["lines"]) == 100
    first = data["lines"][0]
    # PRICEUNIT 100: 2600 per 100 bags is 26.00 a bag, above the agreement's 25.90.
    assert first["unit_price"] == "26.0000" and first["flags"][0]["code"] == "price_above_agreement"
    assert data["lines"][1]["flags"][0]["code"] == "not_on_agreement"


def test_oci_call_up_by_get_is_a_redirect_url(client, db, scene):
    connection = _oci_connection(db, scene, method="GET")
    started = client.post(
        "/api/v1/punchout/sessions", json={"connection": connection.id}, headers=scene.headers
    ).json()
    assert started["method"] == "GET"
    assert started["start_url"].startswith("https://shop.example/oci?client=7&USERNAME=solby")


def test_shop_page_review_page_and_basket_page(client, make_client, db, scene):
    login(client, scene.user.email)
    shops = client.get("/shops")
    assert shops.status_code == 200 and "Nordfrugt Engros A/S" in shops.text
    response = post_form(client, "/punchout/start", {"connection": scene.connection.id}, token_from="/shops")
    assert response.status_code == 303
    assert response.headers["location"].startswith("https://shop.example/start/")
    assert response.headers["cache-control"] == "no-store"

    cart = cxml_cart(scene.shop.last.buyer_cookie, [("HM-1", "A", "2", "BG", "27.50"), ("XX-1", "A", "1", "EA", "5")])
    back = make_client().post(f"/punchout/return/{token_of(scene)}", data={"cXML-base64": b64(cart)})
    review = client.get(back.headers["location"])
    assert review.status_code == 200
    assert "Pris over aftaleprisen" in review.text and "Ikke på aftalen" in review.text
    assert "aftalepris 25,90 kr., 1,60 kr. dyrere" in review.text

    session_path = back.headers["location"]
    accepted = post_form(client, f"{session_path}/accept", {}, token_from=session_path)
    assert accepted.status_code == 303 and accepted.headers["location"] == "/basket"
    basket = client.get("/basket")
    assert "Pris over aftaleprisen" in basket.text and "2 linjer" in basket.text
    assert "Ret i butikken" in basket.text

    line_id = re.search(r'action="/basket/lines/(\d+)/delete"', basket.text).group(1)
    post_form(client, f"/basket/lines/{line_id}/delete", {}, token_from="/basket")
    assert "1 linje" in client.get("/basket").text


def test_oci_launch_page_posts_to_the_shop(client, db, scene):
    connection = _oci_connection(db, scene)
    login(client, scene.user.email)
    page = post_form(client, "/punchout/start", {"connection": connection.id}, token_from="/shops")
    assert page.status_code == 200
    assert 'action="https://shop.example/oci?client=7"' in page.text and "data-autosubmit" in page.text
    assert 'name="HOOK_URL"' in page.text


def test_oci_return_without_items_is_a_cancellation(client, make_client, db, scene):
    connection = _oci_connection(db, scene)
    started = client.post(
        "/api/v1/punchout/sessions", json={"connection": connection.id}, headers=scene.headers
    ).json()
    hook = dict(started["form"])["HOOK_URL"]
    response = make_client().post("/punchout/return/" + hook.rsplit("/", 1)[-1], data={"~OkCode": "ADDI"})
    assert response.status_code == 303
    data = client.get(f"/api/v1/punchout/sessions/{started['session']}", headers=scene.headers).json()
    assert data["state"] == "cancelled"


def test_item_page_opens_the_shop_at_the_item(client, db, scene):
    from sqlalchemy import select

    from app.models import CatalogueItem

    item = db.scalar(select(CatalogueItem).where(CatalogueItem.supplier_item_number == "HM-1"))
    login(client, scene.user.email)
    page = client.get(f"/catalog/items/{item.id}")
    assert "Se varen i butikken hos Nordfrugt Engros A/S" in page.text
    response = post_form(
        client, "/punchout/start", {"connection": scene.connection.id, "item": "HM-1"}, token_from="/shops"
    )
    assert response.status_code == 303
    assert scene.shop.last.selected_item.supplier_part_id == "HM-1"


def test_review_and_basket_pages_in_english(client, make_client, scene):
    login(client, scene.user.email)
    post_form(client, "/language", {"language": "en", "next": "/"})
    post_form(client, "/punchout/start", {"connection": scene.connection.id}, token_from="/shops")
    cart = cxml_cart(scene.shop.last.buyer_cookie, [("HM-1", "A", "2", "BG", "27.50")])
    back = make_client().post(f"/punchout/return/{token_of(scene)}", data={"cXML-base64": b64(cart)})
    review = client.get(back.headers["location"]).text
    assert "Price above the agreement price" in review and "Put in basket" in review
    assert "Pris over aftaleprisen" not in review
    post_form(client, back.headers["location"] + "/accept", {}, token_from=back.headers["location"])
    basket = client.get("/basket").text
    assert "Change in the shop" in basket and "DKK 27.50" in basket
