"""The punch-out administration pages: Danish, for the procurement office only, the form creates and updates a
connection without ever showing the secret, a test shows its result, and flagged lines are listed per supplier."""

import re
import secrets
from datetime import timedelta
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import select

from app.models import (
    Operation,
    Protocol,
    PunchoutConnection,
    PunchoutExchange,
    PunchoutLine,
    PunchoutSession,
    SessionState,
)
from app.models.base import utcnow
from app.punchout.secrets import decrypt_secret, encrypt_secret
from punchout import build_profile_response, build_status_response
from tests.factories import PASSWORD
from tests.helpers import csrf_token
from tests.punchout_connections.conftest import BUYER, CLERK, SECRET


def _sign_in(client, email):
    """Signs in and keeps the form token: it belongs to the browser's cookie, not to a page."""
    token = csrf_token(client)
    response = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 303, response.text
    return token


def _field_error(page, field):
    match = re.search(rf'id="f-{field}-error">([^<]*)<', page.text)
    return match.group(1) if match else None


def _form(world, **overrides):
    return {
        "supplier_id": str(world.supplier.id),
        "agreement_id": str(world.agreement.id),
        "name": "Grønt Engros webshop",
        "protocol": "cxml",
        "setup_url": "https://shop.grontengros.example/punchout",
        "from_domain": "NetworkID",
        "from_identity": "29189897",
        "to_domain": "NetworkID",
        "to_identity": "GRONT-ENGROS",
        "sender_domain": "",
        "sender_identity": "29189897",
        "shared_secret": SECRET,
        "deployment_mode": "test",
        "extrinsics": "UserEmail={email}\r\nCostCenter = {cost_centre}\r\n",
        "operations": ["create", "inspect"],
        "currency": "DKK",
        "unit_map": "STK=EA\nkrt=ct",
        "oci_username": "",
        "oci_username_field": "",
        "oci_password_field": "",
        "oci_method": "POST",
        "timeout_seconds": "15",
        "active": "on",
        **overrides,
    }


def _connection(db, world, **values):
    defaults = {
        "municipality_id": world.town.id,
        "supplier_id": world.supplier.id,
        "agreement_id": world.agreement.id,
        "name": "Grønt Engros webshop",
        "protocol": Protocol.cxml,
        "setup_url": "https://shop.grontengros.example/punchout",
        "from_domain": "NetworkID",
        "from_identity": "29189897",
        "to_domain": "NetworkID",
        "to_identity": "GRONT-ENGROS",
        "sender_domain": "NetworkID",
        "sender_identity": "29189897",
        "secret_ciphertext": encrypt_secret(SECRET),
        "extrinsics": {"UserEmail": "{email}"},
        "operations": ["create"],
        "unit_map": {"STK": "EA"},
        "oci_options": {},
    }
    connection = PunchoutConnection(**{**defaults, **values})
    db.add(connection)
    db.flush()
    return connection


def _stored(db, connection_id):
    db.expire_all()
    return db.get(PunchoutConnection, connection_id)


class TestAccess:
    @pytest.mark.parametrize("path", ["/admin/punchout", "/admin/punchout/new", "/admin/punchout/flags"])
    def test_a_requisitioner_is_refused(self, client, db, world, path):
        _sign_in(client, CLERK)
        assert client.get(path).status_code == 403

    def test_a_requisitioner_may_not_open_or_test_a_connection(self, client, db, world):
        connection = _connection(db, world)
        token = _sign_in(client, CLERK)
        assert client.get(f"/admin/punchout/{connection.id}").status_code == 403
        response = client.post(f"/admin/punchout/{connection.id}/test", data={"csrf_token": token})
        assert response.status_code == 403
        assert db.scalar(select(PunchoutExchange.id)) is None

    def test_the_office_has_it_in_the_menu_and_requisitioners_do_not(self, client, make_client, db, world):
        _sign_in(client, BUYER)
        assert 'href="/admin/punchout"' in client.get("/").text
        clerk = make_client()
        _sign_in(clerk, CLERK)
        assert 'href="/admin/punchout"' not in clerk.get("/").text


class TestListPage:
    def test_lists_connections_with_supplier_agreement_protocol_and_last_test(self, client, db, world):
        connection = _connection(db, world)
        _connection(db, world, name="Gammel OCI", protocol=Protocol.oci, active=False, secret_ciphertext=None)
        db.add(
            PunchoutExchange(
                municipality_id=world.town.id,
                connection_id=connection.id,
                kind="profile",
                created_at=utcnow(),
                outcome="supplier_refused_credentials",
                cxml_status=401,
            )
        )
        _sign_in(client, BUYER)
        page = client.get("/admin/punchout")
        assert page.status_code == 200
        assert "<h1>Punch-out-forbindelser</h1>" in page.text
        assert f'<a href="/admin/punchout/{connection.id}">Grønt Engros webshop</a>' in page.text
        assert "Grønt Engros A/S" in page.text and "50.90 Fødevarer" in page.text
        assert "<td>cXML</td>" in page.text and "<td>OCI</td>" in page.text
        assert "mislykkedes" in page.text and "supplier_refused_credentials" in page.text
        assert "Ikke testet" in page.text and "Gammel OCI" in page.text


class TestCreateThroughTheForm:
    def test_the_new_form_is_danish_and_offers_suppliers_and_agreements(self, client, db, world):
        _sign_in(client, BUYER)
        page = client.get("/admin/punchout/new")
        assert page.status_code == 200
        assert "<h1>Ny punch-out-forbindelse</h1>" in page.text
        assert "Grønt Engros A/S" in page.text and "50.90 Fødevarer" in page.text
        assert 'name="shared_secret" type="password" value=""' in page.text
        assert 'name="csrf_token"' in page.text

    def test_the_form_creates_a_connection(self, client, db, world):
        token = _sign_in(client, BUYER)
        response = client.post("/admin/punchout/new", data={**_form(world), "csrf_token": token})
        assert response.status_code == 303, response.text
        connection = db.scalar(select(PunchoutConnection))
        assert response.headers["location"] == f"/admin/punchout/{connection.id}"
        assert connection.municipality_id == world.town.id and connection.agreement_id == world.agreement.id
        assert connection.extrinsics == {"UserEmail": "{email}", "CostCenter": "{cost_centre}"}
        assert connection.unit_map == {"STK": "EA", "KRT": "CT"}
        assert connection.operations == ["create", "inspect"] and connection.deployment_mode == "test"
        assert connection.timeout_seconds == 15 and connection.active is True
        assert connection.sender_domain == "NetworkID"
        assert decrypt_secret(connection.secret_ciphertext) == SECRET
        page = client.get(response.headers["location"])
        assert "Forbindelsen Grønt Engros webshop er oprettet." in page.text

    def test_an_oci_connection_keeps_its_options(self, client, db, world):
        token = _sign_in(client, BUYER)
        form = _form(
            world,
            protocol="oci",
            name="Grønt OCI",
            setup_url="https://oci.grontengros.example/login",
            from_identity="",
            to_identity="",
            sender_identity="",
            shared_secret="",
            extrinsics="",
            unit_map="",
            oci_username="solby",
            oci_password_field="PWD",
            oci_method="GET",
            oci_functions=["DETAIL", "VALIDATE"],
            oci_split_hook_query="on",
        )
        response = client.post("/admin/punchout/new", data={**form, "csrf_token": token})
        assert response.status_code == 303, response.text
        connection = db.scalar(select(PunchoutConnection))
        assert connection.oci_options == {
            "username": "solby",
            "password_field": "PWD",
            "method": "GET",
            "functions": ["DETAIL", "VALIDATE"],
            "split_hook_query": True,
        }
        assert connection.has_secret is False

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            ({"setup_url": "shop.grontengros.example"}, "setup_url", "Butikkens adresse skal"),
            ({"to_identity": ""}, "to_identity", "identiteterne From, To og Sender"),
            ({"unit_map": "STK=STYKKER"}, "unit_map", "STYKKER"),
            ({"unit_map": "STK"}, "unit_map", "Linje 1: skriv butikkens enhed"),
            ({"extrinsics": "UserEmail={password}"}, "extrinsics", "Brug kun disse pladsholdere"),
            ({"extrinsics": "bare tekst"}, "extrinsics", "Linje 1: skriv Navn=skabelon"),
            ({"operations": ["edit"]}, "operations", "create"),
            ({"timeout_seconds": "mange"}, "timeout_seconds", "Skriv et helt tal."),
            ({"supplier_id": ""}, "supplier_id", "Feltet skal udfyldes."),
        ],
    )
    def test_errors_are_shown_in_danish_beside_the_field_and_nothing_is_stored(
        self, client, db, world, overrides, field, message
    ):
        token = _sign_in(client, BUYER)
        page = client.post("/admin/punchout/new", data={**_form(world, **overrides), "csrf_token": token})
        assert page.status_code == 422, page.text
        assert message in (_field_error(page, field) or ""), page.text
        assert f'href="#f-{field}"' in page.text
        # The typed secret is not sent back to the browser.
        assert SECRET not in page.text
        assert db.scalar(select(PunchoutConnection.id)) is None

    def test_a_duplicate_name_is_shown_beside_the_name(self, client, db, world):
        _connection(db, world)
        token = _sign_in(client, BUYER)
        page = client.post("/admin/punchout/new", data={**_form(world), "csrf_token": token})
        assert page.status_code == 422
        assert "Grønt Engros webshop" in (_field_error(page, "name") or "")


class TestEditThroughTheForm:
    def test_the_secret_is_never_shown_only_that_one_is_stored(self, client, db, world):
        connection = _connection(db, world)
        _sign_in(client, BUYER)
        page = client.get(f"/admin/punchout/{connection.id}")
        assert page.status_code == 200
        assert "<h1>Punch-out-forbindelse Grønt Engros webshop</h1>" in page.text
        assert 'name="shared_secret" type="password" value=""' in page.text
        assert "Der er gemt en nøgle." in page.text
        assert SECRET not in page.text and connection.secret_ciphertext not in page.text
        assert "UserEmail={email}" in page.text and "STK=EA" in page.text

    def test_an_empty_secret_keeps_the_stored_one(self, client, db, world):
        connection = _connection(db, world)
        before = connection.secret_ciphertext
        token = _sign_in(client, BUYER)
        form = _form(world, shared_secret="", name="Grønt webshop", active="")
        form.pop("active")
        response = client.post(f"/admin/punchout/{connection.id}", data={**form, "csrf_token": token})
        assert response.status_code == 303, response.text
        stored = _stored(db, connection.id)
        assert stored.name == "Grønt webshop" and stored.active is False
        assert stored.secret_ciphertext == before
        assert stored.operations == ["create", "inspect"] and stored.unit_map == {"STK": "EA", "KRT": "CT"}
        assert "Forbindelsen er gemt." in client.get(response.headers["location"]).text

    def test_a_new_secret_replaces_the_stored_one(self, client, db, world):
        connection = _connection(db, world)
        token = _sign_in(client, BUYER)
        form = _form(world, shared_secret="ny-nøgle-2027")
        response = client.post(f"/admin/punchout/{connection.id}", data={**form, "csrf_token": token})
        assert response.status_code == 303
        assert decrypt_secret(_stored(db, connection.id).secret_ciphertext) == "ny-nøgle-2027"

    def test_an_invalid_change_is_shown_and_nothing_changes(self, client, db, world):
        connection = _connection(db, world)
        token = _sign_in(client, BUYER)
        form = _form(world, name="Nyt navn", unit_map="STK=STYKKER", shared_secret="ny-nøgle")
        page = client.post(f"/admin/punchout/{connection.id}", data={**form, "csrf_token": token})
        assert page.status_code == 422
        assert "STYKKER" in (_field_error(page, "unit_map") or "")
        assert "Grønt Engros A/S" in page.text and "ny-nøgle" not in page.text
        stored = _stored(db, connection.id)
        assert stored.name == "Grønt Engros webshop" and decrypt_secret(stored.secret_ciphertext) == SECRET

    def test_a_refusal_after_the_fields_were_set_shows_the_stored_connection(
        self, client, db, world, monkeypatch
    ):
        from app.kit.errors import InvalidInput
        from app.punchout import connections

        def refuse(connection):
            raise InvalidInput("Nej.", code="refused", field="name")

        monkeypatch.setattr(connections, "_check_complete", refuse)
        connection = _connection(db, world)
        token = _sign_in(client, BUYER)
        form = _form(world, name="Nyt navn")
        page = client.post(f"/admin/punchout/{connection.id}", data={**form, "csrf_token": token})
        assert page.status_code == 422 and _field_error(page, "name") == "Nej."
        assert "<h1>Punch-out-forbindelse Grønt Engros webshop</h1>" in page.text
        assert _stored(db, connection.id).name == "Grønt Engros webshop"

    def test_another_municipalitys_connection_is_not_found(self, client, db, world):
        connection = _connection(db, world)
        connection.municipality_id = world.other_town.id
        db.flush()
        token = _sign_in(client, BUYER)
        assert client.get(f"/admin/punchout/{connection.id}").status_code == 404
        response = client.post(f"/admin/punchout/{connection.id}", data={"name": "X", "csrf_token": token})
        assert response.status_code == 404
        response = client.post(f"/admin/punchout/{connection.id}/test", data={"csrf_token": token})
        assert response.status_code == 404


class TestTestButton:
    def test_shows_the_result_and_the_exchange_log(self, client, db, world, shop):
        shop(
            lambda request: httpx.Response(200, content=build_profile_response({"PunchOutSetupRequest": "x"}))
        )
        connection = _connection(db, world)
        token = _sign_in(client, BUYER)
        page = client.post(f"/admin/punchout/{connection.id}/test", data={"csrf_token": token})
        assert page.status_code == 200
        assert "Testen lykkedes" in page.text
        assert "Grønt Engros A/S svarede og godkendte vores legitimation." in page.text
        assert '<h2 id="log-heading">Udvekslingslog</h2>' in page.text and "<code>ok</code>" in page.text
        assert SECRET not in page.text

    def test_a_failed_test_is_shown_and_its_exchange_is_kept(self, client, db, world, shop):
        shop(lambda request: httpx.Response(200, content=build_status_response(401, "Unauthorized")))
        connection = _connection(db, world)
        token = _sign_in(client, BUYER)
        page = client.post(f"/admin/punchout/{connection.id}/test", data={"csrf_token": token})
        assert page.status_code == 200
        assert "Testen mislykkedes" in page.text and "godkendte ikke vores legitimation" in page.text
        db.expire_all()
        [exchange] = db.scalars(select(PunchoutExchange)).all()
        assert exchange.outcome == "supplier_refused_credentials" and SECRET not in exchange.request_text
        listing = client.get("/admin/punchout").text
        assert "supplier_refused_credentials" in listing


class TestFlagsPage:
    def test_lists_flagged_lines_and_filters_by_supplier(self, client, db, world):
        connection = _connection(db, world)
        now = utcnow()
        visit = PunchoutSession(
            municipality_id=world.town.id,
            user_id=world.clerk.id,
            connection_id=connection.id,
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
        db.add(
            PunchoutLine(
                session_id=visit.id,
                line_number=1,
                supplier_part_id="HM-1",
                description="Hvedemel 1 kg",
                quantity=Decimal("3"),
                unit="EA",
                unit_price=Decimal("12.50"),
                currency="DKK",
                agreement_price=Decimal("10.00"),
                flags=["price_above_agreement"],
                flagged=True,
            )
        )
        _sign_in(client, BUYER)
        page = client.get("/admin/punchout/flags")
        assert page.status_code == 200
        assert "<h1>Returnerede linjer med bemærkninger</h1>" in page.text
        assert "Hvedemel 1 kg" in page.text and "HM-1" in page.text
        assert "12,50 kr." in page.text and "10,00 kr." in page.text and "+2,50 kr." in page.text
        assert "Pris over aftaleprisen" in page.text
        assert f'<option value="{world.supplier.id}"' in page.text
        other = client.get("/admin/punchout/flags", params={"supplier": world.supplier.id + 1000})
        assert "Hvedemel" not in other.text and "Ingen returnerede linjer med bemærkninger." in other.text
