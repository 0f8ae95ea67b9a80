"""Bad carts and failing shops: refused or flagged with a clear message, nothing stored half, basket untouched."""


from sqlalchemy import select

from app.models import BasketLine, PunchoutExchange, PunchoutLine, PunchoutSession
from tests.punchout_flow.conftest import SECRET, b64, cxml_cart, start, token_of

LINE = [("HM-1", "A1", "1", "BG", "25.90")]


def _post(make_client, scene, **kwargs):  # type: ignore[no-untyped-def]
    return make_client().post(f"/punchout/return/{token_of(scene)}", **kwargs)


def _state(db, session_id):  # type: ignore[no-untyped-def]
    record = db.get(PunchoutSession, session_id)
    db.refresh(record)
    return record


def test_doctype_with_entities_is_refused(client, make_client, db, scene):
    started = start(client, scene)
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<cXML><Message><PunchOutOrderMessage><BuyerCookie>&x;</BuyerCookie></PunchOutOrderMessage></Message></cXML>"
    )
    response = _post(make_client, scene, data={"cXML-base64": b64(evil)})
    assert response.status_code == 400 and "usikker XML" in response.text
    assert _state(db, started["session"]).state.value == "started"
    assert db.scalars(select(PunchoutLine)).all() == []


def test_billion_laughs_is_refused(client, make_client, scene):
    start(client, scene)
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY l0 "ha">{entities}]><cXML>&l9;</cXML>'.encode()
    assert _post(make_client, scene, data={"cXML-base64": b64(bomb)}).status_code == 400


def test_fifty_megabytes_of_base64_is_refused_before_parsing(client, make_client, scene):
    start(client, scene)
    huge = "QUFB" * (50 * 1024 * 1024 // 4)
    response = _post(make_client, scene, data={"cXML-base64": huge})
    assert response.status_code == 413 and "for stor" in response.text


def test_invalid_base64_is_refused(client, make_client, scene):
    start(client, scene)
    response = _post(make_client, scene, data={"cXML-base64": "this is ~not~ base64!!"})
    assert response.status_code == 400 and "kunne ikke læses" in response.text


def test_other_currency_is_flagged_and_cannot_be_accepted(client, make_client, db, scene):
    started = start(client, scene)
    cart = cxml_cart(scene.shop.last.buyer_cookie, LINE, currency="EUR")
    assert _post(make_client, scene, data={"cXML-base64": b64(cart)}).status_code == 303
    data = client.get(f"/api/v1/punchout/sessions/{started['session']}", headers=scene.headers).json()
    assert "currency_mismatch" in [w["code"] for w in data["warnings"]]
    refused = client.post(f"/api/v1/punchout/sessions/{started['session']}/accept", headers=scene.headers)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "currency_mismatch"
    assert db.scalars(select(BasketLine)).all() == []


def test_negative_quantity_refuses_the_whole_cart(client, make_client, db, scene):
    started = start(client, scene)
    cart = cxml_cart(scene.shop.last.buyer_cookie, [*LINE, ("SM-1", "A1", "-3", "EA", "11.50")])
    assert _post(make_client, scene, data={"cXML-base64": b64(cart)}).status_code == 303
    record = _state(db, started["session"])
    assert record.state.value == "failed" and record.error_code == "negative_quantity"
    assert db.scalars(select(PunchoutLine).where(PunchoutLine.session_id == record.id)).all() == []
    page = client.get(f"/api/v1/punchout/sessions/{started['session']}", headers=scene.headers).json()
    assert page["error"]["code"] == "negative_quantity"


def test_shared_secret_inside_the_cart_is_ignored_and_scrubbed(client, make_client, db, scene):
    started = start(client, scene)
    cart = cxml_cart(scene.shop.last.buyer_cookie, LINE, sender_secret="leaked-secret")
    assert _post(make_client, scene, data={"cXML-base64": b64(cart)}).status_code == 303
    record = _state(db, started["session"])
    db.refresh(record, ["raw_payload"])
    assert b"leaked-secret" not in record.raw_payload
    assert "shared_secret_in_cart" in [w["code"] for w in record.warnings]


def test_raw_payload_is_stored(client, make_client, db, scene):
    started = start(client, scene)
    cart = cxml_cart(scene.shop.last.buyer_cookie, LINE)
    _post(make_client, scene, data={"cXML-base64": b64(cart)})
    record = _state(db, started["session"])
    db.refresh(record, ["raw_payload"])
    assert b"<SupplierPartID>HM-1</SupplierPartID>" in record.raw_payload
    assert record.payload_format == "cxml-base64"


def _failed_start(client, db, scene, answer):  # type: ignore[no-untyped-def]
    scene.shop.answer = answer
    response = client.post(
        "/api/v1/punchout/sessions", json={"connection": scene.connection.id}, headers=scene.headers
    )
    assert response.status_code == 502
    error = response.json()["error"]
    assert "Nordfrugt Engros A/S" in error["message"]
    exchange = db.scalar(select(PunchoutExchange).order_by(PunchoutExchange.id.desc()))
    assert exchange.outcome == error["code"]
    assert SECRET not in (exchange.request_text or "")
    assert db.scalars(select(BasketLine)).all() == []
    record = db.get(PunchoutSession, error["detail"]["session"])
    assert record.state.value == "failed"
    return error


def test_supplier_down(client, db, scene):
    assert _failed_start(client, db, scene, "down")["code"] == "supplier_unreachable"


def test_supplier_slow(client, db, scene):
    assert _failed_start(client, db, scene, "timeout")["code"] == "supplier_timeout"


def test_supplier_answers_html(client, db, scene):
    error = _failed_start(client, db, scene, "html")
    assert error["code"] == "supplier_error" and "500" in error["message"]


def test_supplier_answers_cxml_401_inside_http_200(client, db, scene):
    assert _failed_start(client, db, scene, "refuse")["code"] == "supplier_refused_credentials"


def test_failed_setup_is_shown_in_danish_on_the_page(client, db, scene):
    from tests.helpers import login, post_form

    scene.shop.answer = "down"
    login(client, scene.user.email)
    response = post_form(client, "/punchout/start", {"connection": scene.connection.id}, token_from="/shops")
    assert response.status_code == 502
    assert "Butikken hos Nordfrugt Engros A/S kan ikke nås lige nu." in response.text
