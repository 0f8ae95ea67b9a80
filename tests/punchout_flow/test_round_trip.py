"""The cXML round trip through the API and the return endpoint: setup, return, review, accept, basket."""

from decimal import Decimal

from sqlalchemy import select

from app.models import BasketLine, PunchoutExchange, PunchoutSession
from tests.punchout_flow.conftest import SECRET, b64, cxml_cart, start, token_of

# HM-1 above the agreement (25.90), SM-1 at it, XX-9 not on it, ÆG-10 in another unit (agreement: bakke).
CART_LINES = [
    ("HM-1", "CART-77\n      ", "2", "BG", "27.50"),
    ("SM-1", "CART-77", "6", "EA", "11.50"),
    ("XX-9", "CART-77", "1", "EA", "99.00"),
    ("ÆG-10", "CART-77", "1", "KGM", "30.00"),
]


def _return(make_client, scene, body, **kwargs):  # type: ignore[no-untyped-def]
    # A fresh client: the shop's cross-site POST carries none of the user's cookies.
    shop_browser = make_client()
    return shop_browser.post(f"/punchout/return/{token_of(scene)}", **kwargs, data=body)


def test_setup_request_carries_credentials_cookie_return_url_and_extrinsics(client, scene):
    started = start(client, scene)
    assert started["start_url"].startswith("https://shop.example/start/")
    sent = scene.shop.last
    assert sent.operation == "create"
    assert sent.envelope.sender_credentials[0].shared_secret == SECRET
    assert sent.envelope.from_credentials[0].identity == "DK29189587"
    assert sent.browser_form_post_url.startswith("http://127.0.0.1:8000/punchout/return/") or "/punchout/return/" in (
        sent.browser_form_post_url
    )
    assert sent.extrinsics["UserEmail"] == "pia@solby.example"
    assert sent.buyer_cookie


def test_setup_exchange_is_logged_without_the_secret(client, db, scene):
    start(client, scene)
    exchange = db.scalar(select(PunchoutExchange).order_by(PunchoutExchange.id.desc()))
    assert exchange.outcome == "ok" and exchange.cxml_status == 200
    assert SECRET not in (exchange.request_text or "")
    assert "<SharedSecret></SharedSecret>" in exchange.request_text


def test_return_review_and_accept_into_basket_with_flags(client, make_client, db, scene):
    started = start(client, scene)
    cookie = scene.shop.last.buyer_cookie
    response = _return(make_client, scene, {"cXML-base64": b64(cxml_cart(cookie, CART_LINES, total="1.00"))})
    assert response.status_code == 303
    assert response.headers["location"] == f"/punchout/sessions/{started['session']}"

    data = client.get(f"/api/v1/punchout/sessions/{started['session']}", headers=scene.headers).json()
    assert data["state"] == "returned" and data["outcome"] == "cart"
    assert [w["code"] for w in data["warnings"]] == ["total_mismatch"]
    flags = {line["supplier_part_id"]: line["flags"] for line in data["lines"]}
    assert flags["HM-1"] == [{"code": "price_above_agreement", "agreement_price": "25.9000", "difference": "1.6000",
                              "agreement_unit": None}]
    assert flags["SM-1"] == []
    assert [f["code"] for f in flags["XX-9"]] == ["not_on_agreement"]
    assert [f["code"] for f in flags["ÆG-10"]] == ["unit_mismatch"]
    assert data["lines"][0]["supplier_part_auxiliary_id"] == "CART-77\n      "

    accepted = client.post(f"/api/v1/punchout/sessions/{started['session']}/accept", headers=scene.headers)
    assert accepted.status_code == 200 and accepted.json()["state"] == "accepted"
    basket = client.get("/api/v1/basket", headers=scene.headers).json()
    assert basket["line_count"] == 4 and basket["flagged_count"] == 3
    hm = next(line for line in basket["lines"] if line["supplier_part_id"] == "HM-1")
    assert hm["flags"][0]["code"] == "price_above_agreement"
    assert hm["supplier_part_auxiliary_id"] == "CART-77\n      "
    assert Decimal(basket["totals"]["DKK"]) == Decimal("2") * Decimal("27.50") + 6 * Decimal("11.50") + 99 + 30

    again = client.post(f"/api/v1/punchout/sessions/{started['session']}/accept", headers=scene.headers)
    assert again.status_code == 409 and again.json()["error"]["code"] == "session_not_open"


def test_replay_is_refused_and_stores_nothing_more(client, make_client, db, scene):
    start(client, scene)
    cookie = scene.shop.last.buyer_cookie
    body = {"cXML-base64": b64(cxml_cart(cookie, CART_LINES[:1]))}
    assert _return(make_client, scene, body).status_code == 303
    replay = _return(make_client, scene, body)
    assert replay.status_code == 409
    assert "allerede" in replay.text
    record = db.scalar(select(PunchoutSession).order_by(PunchoutSession.id.desc()))
    db.refresh(record)
    assert record.state.value == "returned"


def test_wrong_buyer_cookie_is_refused_and_the_token_stays_usable(client, make_client, scene):
    start(client, scene)
    cookie = scene.shop.last.buyer_cookie
    forged = _return(make_client, scene, {"cXML-base64": b64(cxml_cart("forged", CART_LINES[:1]))})
    assert forged.status_code == 400
    genuine = _return(make_client, scene, {"cXML-base64": b64(cxml_cart(cookie, CART_LINES[:1]))})
    assert genuine.status_code == 303


def test_expired_session_is_refused(client, make_client, db, scene):
    from datetime import timedelta

    started = start(client, scene)
    record = db.get(PunchoutSession, started["session"])
    record.expires_at = record.created_at - timedelta(minutes=1)
    db.flush()
    response = _return(make_client, scene, {"cXML-base64": b64(cxml_cart(record.buyer_cookie, CART_LINES[:1]))})
    assert response.status_code == 410
    assert "udløbet" in response.text


def test_unknown_token_is_refused(make_client):
    response = make_client().post("/punchout/return/not-a-token", data={"cXML-base64": "PGE+"})
    assert response.status_code == 404


def test_urlencoded_field_in_any_case_and_raw_body(client, make_client, scene):
    start(client, scene)
    cookie = scene.shop.last.buyer_cookie
    xml = cxml_cart(cookie, CART_LINES[:2]).decode()
    assert _return(make_client, scene, {"cxml-URLENCODED": xml}).status_code == 303

    start(client, scene)
    cookie = scene.shop.last.buyer_cookie
    raw = make_client().post(
        f"/punchout/return/{token_of(scene)}",
        content=cxml_cart(cookie, CART_LINES[:2]),
        headers={"Content-Type": "text/xml"},
    )
    assert raw.status_code == 303


def test_empty_cart_on_create_is_a_cancellation(client, make_client, db, scene):
    started = start(client, scene)
    cookie = scene.shop.last.buyer_cookie
    assert _return(make_client, scene, {"cXML-base64": b64(cxml_cart(cookie, []))}).status_code == 303
    data = client.get(f"/api/v1/punchout/sessions/{started['session']}", headers=scene.headers).json()
    assert data["state"] == "cancelled" and data["lines"] == []
    assert db.scalars(select(BasketLine)).all() == []


def test_status_204_means_no_change(client, make_client, scene):
    started = start(client, scene)
    cookie = scene.shop.last.buyer_cookie
    cart = cxml_cart(cookie, [], status='<Status code="204" text="No Content"/>')
    assert _return(make_client, scene, {"cXML-base64": b64(cart)}).status_code == 303
    data = client.get(f"/api/v1/punchout/sessions/{started['session']}", headers=scene.headers).json()
    assert data["state"] == "unchanged"


def test_edit_sends_lines_back_byte_exact_and_replaces_them(client, make_client, db, scene):
    first = start(client, scene)
    cookie = scene.shop.last.buyer_cookie
    _return(make_client, scene, {"cXML-base64": b64(cxml_cart(cookie, CART_LINES[:2]))})
    client.post(f"/api/v1/punchout/sessions/{first['session']}/accept", headers=scene.headers)

    edit = start(client, scene, operation="edit", reopen=first["session"])
    sent = scene.shop.last
    assert sent.operation == "edit"
    assert [(i.supplier_part_id, i.supplier_part_auxiliary_id) for i in sent.items] == [
        ("HM-1", "CART-77\n      "),
        ("SM-1", "CART-77"),
    ]
    _return(make_client, scene, {"cXML-base64": b64(cxml_cart(sent.buyer_cookie, [CART_LINES[1]]))})
    client.post(f"/api/v1/punchout/sessions/{edit['session']}/accept", headers=scene.headers)
    basket = client.get("/api/v1/basket", headers=scene.headers).json()
    assert [line["supplier_part_id"] for line in basket["lines"]] == ["SM-1"]


def test_empty_cart_on_edit_asks_before_removing(client, make_client, scene):
    first = start(client, scene)
    _return(make_client, scene, {"cXML-base64": b64(cxml_cart(scene.shop.last.buyer_cookie, CART_LINES[:2]))})
    client.post(f"/api/v1/punchout/sessions/{first['session']}/accept", headers=scene.headers)

    edit = start(client, scene, operation="edit", reopen=first["session"])
    _return(make_client, scene, {"cXML-base64": b64(cxml_cart(scene.shop.last.buyer_cookie, []))})
    data = client.get(f"/api/v1/punchout/sessions/{edit['session']}", headers=scene.headers).json()
    assert data["outcome"] == "clear_lines" and data["state"] == "returned"
    assert client.get("/api/v1/basket", headers=scene.headers).json()["line_count"] == 2  # nothing removed yet
    client.post(f"/api/v1/punchout/sessions/{edit['session']}/accept", headers=scene.headers)
    assert client.get("/api/v1/basket", headers=scene.headers).json()["line_count"] == 0


def test_inspect_is_read_only(client, make_client, scene):
    first = start(client, scene)
    _return(make_client, scene, {"cXML-base64": b64(cxml_cart(scene.shop.last.buyer_cookie, CART_LINES[:2]))})
    client.post(f"/api/v1/punchout/sessions/{first['session']}/accept", headers=scene.headers)

    inspect = start(client, scene, operation="inspect", reopen=first["session"])
    assert scene.shop.last.operation == "inspect"
    _return(make_client, scene, {"cXML-base64": b64(cxml_cart(scene.shop.last.buyer_cookie, CART_LINES))})
    data = client.get(f"/api/v1/punchout/sessions/{inspect['session']}", headers=scene.headers).json()
    assert data["state"] == "unchanged"
    assert client.get("/api/v1/basket", headers=scene.headers).json()["line_count"] == 2


def test_edit_needs_operation_allowed_edit(client, make_client, scene):
    first = start(client, scene)
    cart = cxml_cart(scene.shop.last.buyer_cookie, CART_LINES[:1], operation_allowed="create")
    _return(make_client, scene, {"cXML-base64": b64(cart)})
    client.post(f"/api/v1/punchout/sessions/{first['session']}/accept", headers=scene.headers)
    refused = client.post(
        "/api/v1/punchout/sessions",
        json={"connection": scene.connection.id, "operation": "edit", "reopen": first["session"]},
        headers=scene.headers,
    )
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "operation_not_allowed"


def test_level_two_link_sends_selected_item(client, scene):
    start(client, scene, item="HM-1")
    assert scene.shop.last.selected_item.supplier_part_id == "HM-1"


def test_other_users_do_not_see_the_session(client, db, scene):
    from app.auth.service import create_api_token
    from app.models import Role
    from tests.factories import make_user

    started = start(client, scene)
    other = make_user(db, scene.town, "ole@solby.example", (Role.requisitioner, None))
    headers = {"Authorization": f"Bearer {create_api_token(db, other, 'x')}"}
    assert client.get(f"/api/v1/punchout/sessions/{started['session']}", headers=headers).status_code == 404
    # The procurement office follows every visit, but only the shopper decides.
    office = client.get(f"/api/v1/punchout/sessions/{started['session']}", headers=scene.officer_headers)
    assert office.status_code == 200


def test_a_line_is_matched_by_gtin_when_its_item_number_is_unknown(client, make_client, scene):
    started = start(client, scene)
    cart = cxml_cart(scene.shop.last.buyer_cookie, [("SHOP-77", "A", "1", "BG", "30.00")])
    cart = cart.replace(
        b"</SupplierPartAuxiliaryID></ItemID>",
        b'</SupplierPartAuxiliaryID><IdReference domain="EAN-13" identifier="5701234567899"/></ItemID>',
    )
    assert _return(make_client, scene, {"cXML-base64": b64(cart)}).status_code == 303
    line = client.get(f"/api/v1/punchout/sessions/{started['session']}", headers=scene.headers).json()["lines"][0]
    assert line["gtin"] == "5701234567899"
    assert [f["code"] for f in line["flags"]] == ["price_above_agreement"]
    assert line["flags"][0]["agreement_price"] == "25.9000"
