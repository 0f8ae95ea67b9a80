"""Testing a connection against a fake supplier shop: every answer, good or bad, is reported and logged with the
secret blanked, and a failure is recorded rather than rolled back."""

import secrets
from datetime import timedelta
from decimal import Decimal

import httpx
from sqlalchemy import select

from app.models import (
    Operation,
    PunchoutConnection,
    PunchoutExchange,
    PunchoutLine,
    PunchoutSession,
    SessionState,
)
from app.models.base import utcnow
from punchout import build_profile_response, build_setup_response, build_status_response, parse_setup_request
from tests.factories import make_supplier
from tests.helpers import bearer
from tests.punchout_connections.conftest import SECRET, cxml_body

URL = "/api/v1/punchout/connections"
SHOP = "https://shop.grontengros.example/punchout"


def _connection(client, db, world, **overrides):
    response = client.post(URL, headers=bearer(db, world.buyer), json=cxml_body(world, **overrides))
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _test(client, db, world, connection_id):
    response = client.post(f"{URL}/{connection_id}/test", headers=bearer(db, world.buyer))
    assert response.status_code == 200, response.text
    assert SECRET not in response.text
    return response.json()


def _exchanges(db, connection_id):
    db.expire_all()
    return list(
        db.scalars(
            select(PunchoutExchange)
            .where(PunchoutExchange.connection_id == connection_id)
            .order_by(PunchoutExchange.id)
        )
    )


def _xml(body: bytes, status: int = 200) -> httpx.Response:
    return httpx.Response(status, content=body, headers={"Content-Type": "text/xml"})


class TestCxmlProfile:
    def test_a_profile_response_reports_the_operations_and_the_secret_goes_only_to_the_shop(
        self, client, db, world, shop
    ):
        fake = shop(
            lambda request: _xml(
                build_profile_response(
                    {"PunchOutSetupRequest": SHOP}, operations=("create", "edit", "inspect")
                )
            )
        )
        connection_id = _connection(client, db, world)
        result = _test(client, db, world, connection_id)
        assert result["ok"] is True and result["kind"] == "profile"
        assert (result["http_status"], result["cxml_status"]) == (200, 200)
        assert result["operations"] == ["create", "edit", "inspect"]
        assert "Grønt Engros A/S" in result["message"] and "create, edit, inspect" in result["message"]
        [sent] = fake.requests
        assert sent.method == "POST" and str(sent.url) == SHOP
        assert b"<ProfileRequest" in sent.content and SECRET.encode() in sent.content
        [exchange] = _exchanges(db, connection_id)
        assert (exchange.kind, exchange.outcome, exchange.http_status, exchange.cxml_status) == (
            "profile",
            "ok",
            200,
            200,
        )
        assert exchange.session_id is None and exchange.duration_ms is not None
        assert "<ProfileRequest" in exchange.request_text and SECRET not in exchange.request_text
        assert "<SharedSecret></SharedSecret>" in exchange.request_text
        assert "ProfileResponse" in exchange.response_text

    def test_operations_the_shop_does_not_list_are_pointed_out(self, client, db, world, shop):
        shop(
            lambda request: _xml(
                build_profile_response({"PunchOutSetupRequest": SHOP}, operations=("create",))
            )
        )
        connection_id = _connection(client, db, world)
        result = _test(client, db, world, connection_id)
        assert result["ok"] is True and result["operations"] == ["create"]
        assert "edit" in result["message"]

    def test_a_cxml_401_inside_http_200_is_a_refusal_of_our_credentials(self, client, db, world, shop):
        shop(lambda request: _xml(build_status_response(401, "Unauthorized", "Unknown sender")))
        connection_id = _connection(client, db, world)
        result = _test(client, db, world, connection_id)
        assert result["ok"] is False
        assert (result["http_status"], result["cxml_status"]) == (200, 401)
        assert "Grønt Engros A/S" in result["message"] and "401" in result["message"]
        [exchange] = _exchanges(db, connection_id)
        assert (exchange.outcome, exchange.cxml_status) == ("supplier_refused_credentials", 401)
        assert SECRET not in exchange.request_text

    def test_an_html_error_page_is_reported_with_its_http_status(self, client, db, world, shop):
        page = b"<html><body><h1>500 Internal Server Error</h1></body></html>"
        shop(lambda request: httpx.Response(500, content=page, headers={"Content-Type": "text/html"}))
        connection_id = _connection(client, db, world)
        result = _test(client, db, world, connection_id)
        assert result["ok"] is False and result["http_status"] == 500 and result["cxml_status"] is None
        assert "Grønt Engros A/S" in result["message"] and "HTTP 500" in result["message"]
        [exchange] = _exchanges(db, connection_id)
        assert exchange.outcome == "supplier_error" and "Internal Server Error" in exchange.response_text

    def test_an_html_page_with_http_200_is_not_cxml(self, client, db, world, shop):
        shop(lambda request: httpx.Response(200, content=b"<!doctype html><p>Log ind</p>"))
        connection_id = _connection(client, db, world)
        result = _test(client, db, world, connection_id)
        assert result["ok"] is False and "cXML" in result["message"]
        assert _exchanges(db, connection_id)[0].outcome == "supplier_bad_answer"

    def test_a_timeout_is_reported_and_logged(self, client, db, world, shop):
        def slow(request):
            raise httpx.ReadTimeout("the shop is slow", request=request)

        shop(slow)
        connection_id = _connection(client, db, world)
        result = _test(client, db, world, connection_id)
        assert result["ok"] is False and result["http_status"] is None
        assert "Grønt Engros A/S" in result["message"]
        [exchange] = _exchanges(db, connection_id)
        assert exchange.outcome == "supplier_timeout" and exchange.response_text is None
        assert "<ProfileRequest" in exchange.request_text and SECRET not in exchange.request_text

    def test_a_refused_connection_is_reported_and_logged(self, client, db, world, shop):
        def down(request):
            raise httpx.ConnectError("connection refused", request=request)

        shop(down)
        connection_id = _connection(client, db, world)
        result = _test(client, db, world, connection_id)
        assert result["ok"] is False
        assert _exchanges(db, connection_id)[0].outcome == "supplier_unreachable"

    def test_the_log_can_be_read_through_the_api_without_the_secret(self, client, db, world, shop):
        shop(lambda request: _xml(build_status_response(401, "Unauthorized")))
        connection_id = _connection(client, db, world)
        _test(client, db, world, connection_id)
        _test(client, db, world, connection_id)
        response = client.get(f"{URL}/{connection_id}/exchanges", headers=bearer(db, world.buyer))
        assert response.status_code == 200 and SECRET not in response.text
        log = response.json()
        assert [e["outcome"] for e in log] == ["supplier_refused_credentials"] * 2
        assert log[0]["id"] > log[1]["id"]
        assert {"kind", "created_at", "duration_ms", "http_status", "cxml_status", "request_text"} <= set(
            log[0]
        )


class TestUnreadableSecret:
    def test_a_secret_encrypted_under_another_key_is_reported_without_calling_the_shop(
        self, client, db, world, shop
    ):
        fake = shop(lambda request: _xml(build_status_response(200, "OK")))
        connection_id = _connection(client, db, world)
        connection = db.get(PunchoutConnection, connection_id)
        connection.secret_ciphertext = "gAAAAAB-encrypted-under-an-old-key"
        db.flush()
        result = _test(client, db, world, connection_id)
        assert result["ok"] is False and "Grønt Engros A/S" in result["message"]
        assert fake.requests == []
        assert [e.outcome for e in _exchanges(db, connection_id)] == ["secret_unreadable"]


class TestCxmlFallbackToSetup:
    def test_a_shop_without_profile_request_is_asked_with_a_throwaway_setup_request(
        self, client, db, world, shop
    ):
        def answer(request):
            if b"<ProfileRequest" in request.content:
                return _xml(build_status_response(450, "Not Implemented"))
            return _xml(build_setup_response("https://shop.grontengros.example/start/abc"))

        fake = shop(answer)
        connection_id = _connection(client, db, world)
        result = _test(client, db, world, connection_id)
        assert result["ok"] is True and result["kind"] == "setup" and result["cxml_status"] == 200
        assert "Grønt Engros A/S" in result["message"]
        setup = parse_setup_request(fake.requests[1].content)
        assert setup.operation == "create" and setup.buyer_cookie
        assert "/punchout/return/" in setup.browser_form_post_url
        assert setup.extrinsics["UserEmail"] == world.buyer.email
        # The return token is thrown away: no shop visit exists that a cart could come back to.
        assert db.scalar(select(PunchoutSession.id)) is None
        profile, setup_exchange = _exchanges(db, connection_id)
        assert (profile.kind, profile.outcome, profile.cxml_status) == ("profile", "not_implemented", 450)
        assert (setup_exchange.kind, setup_exchange.outcome) == ("setup", "ok")
        assert SECRET not in setup_exchange.request_text

    def test_a_setup_answer_without_a_start_page_is_a_failure(self, client, db, world, shop):
        def answer(request):
            if b"<ProfileRequest" in request.content:
                return _xml(b"not implemented", status=501)
            return _xml(build_status_response(401, "Unauthorized"))

        shop(answer)
        connection_id = _connection(client, db, world)
        result = _test(client, db, world, connection_id)
        assert result["ok"] is False and result["kind"] == "setup" and result["cxml_status"] == 401
        assert [e.outcome for e in _exchanges(db, connection_id)] == [
            "not_implemented",
            "supplier_refused_credentials",
        ]


class TestOci:
    def _oci(self, client, db, world):
        response = client.post(
            URL,
            headers=bearer(db, world.buyer),
            json={
                "supplier_id": world.supplier.id,
                "name": "Grønt OCI",
                "protocol": "oci",
                "setup_url": "https://oci.grontengros.example/login",
                "shared_secret": SECRET,
                "oci_options": {"username": "solby"},
            },
        )
        assert response.status_code == 201, response.text
        return response.json()["id"]

    def test_the_address_is_checked_without_credentials(self, client, db, world, shop):
        fake = shop(lambda request: httpx.Response(302, headers={"Location": "/login.html"}))
        connection_id = self._oci(client, db, world)
        result = _test(client, db, world, connection_id)
        assert result["ok"] is True and result["kind"] == "oci" and result["http_status"] == 302
        assert "browser" in result["message"]
        [sent] = fake.requests
        assert sent.method == "GET" and SECRET not in str(sent.url) and b"solby" not in sent.content
        [exchange] = _exchanges(db, connection_id)
        assert (exchange.kind, exchange.outcome, exchange.http_status) == ("oci_probe", "ok", 302)

    def test_a_server_error_means_unreachable(self, client, db, world, shop):
        shop(lambda request: httpx.Response(503, content=b"<html>Vedligeholdelse</html>"))
        connection_id = self._oci(client, db, world)
        result = _test(client, db, world, connection_id)
        assert result["ok"] is False and result["http_status"] == 503
        assert _exchanges(db, connection_id)[0].outcome == "supplier_error"


class TestFlaggedLines:
    def _visit(self, db, world, connection_id, lines):
        now = utcnow()
        visit = PunchoutSession(
            municipality_id=world.town.id,
            user_id=world.clerk.id,
            connection_id=connection_id,
            operation=Operation.create,
            state=SessionState.accepted,
            token_hash=secrets.token_hex(32),
            buyer_cookie="cookie",
            created_at=now,
            expires_at=now + timedelta(hours=2),
            returned_at=now,
            warnings=[],
        )
        db.add(visit)
        db.flush()
        for number, (item, price, agreement_price, flags) in enumerate(lines, start=1):
            db.add(
                PunchoutLine(
                    session_id=visit.id,
                    line_number=number,
                    supplier_part_id=item,
                    description=f"Vare {item}",
                    quantity=Decimal("2"),
                    unit="EA",
                    unit_price=price,
                    currency="DKK",
                    agreement_price=agreement_price,
                    flags=flags,
                    flagged=bool(flags),
                )
            )
        db.flush()
        return visit

    def test_the_office_lists_flagged_lines_per_supplier(self, client, db, world):
        first = _connection(client, db, world)
        other_supplier = make_supplier(db, "Kontorhuset A/S")
        second = _connection(client, db, world, supplier_id=other_supplier.id, name="Kontorhuset")
        visit = self._visit(
            db,
            world,
            first,
            [
                ("HM-1", Decimal("12.50"), Decimal("10.00"), ["price_above_agreement"]),
                ("OK-1", Decimal("5.00"), Decimal("5.00"), []),
            ],
        )
        self._visit(db, world, second, [("PAP-9", Decimal("99.95"), None, ["not_on_agreement"])])
        headers = bearer(db, world.buyer)
        everything = client.get("/api/v1/punchout/flags", headers=headers).json()
        assert {line["item_number"] for line in everything} == {"HM-1", "PAP-9"}
        response = client.get(
            "/api/v1/punchout/flags", params={"supplier": world.supplier.id}, headers=headers
        )
        [line] = response.json()
        assert line["supplier"] == "Grønt Engros A/S" and line["supplier_id"] == world.supplier.id
        assert line["session_id"] == visit.id and line["user_id"] == world.clerk.id
        prices = [Decimal(line[key]) for key in ("unit_price", "agreement_price", "difference")]
        assert prices == [Decimal("12.50"), Decimal("10.00"), Decimal("2.50")]
        assert line["flags"] == ["price_above_agreement"] and line["description"] == "Vare HM-1"
        assert line["date"]
        assert client.get("/api/v1/punchout/flags", headers=bearer(db, world.outsider)).json() == []
