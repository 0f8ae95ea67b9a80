"""Punch-out connections through the JSON API: who may see and change them, what is refused, and that the shared
secret is stored encrypted and never comes back out."""

import pytest
from sqlalchemy import select

from app.models import AuditEvent, PunchoutConnection
from app.punchout.secrets import decrypt_secret
from tests.helpers import bearer
from tests.punchout_connections.conftest import SECRET, cxml_body

URL = "/api/v1/punchout/connections"


def _error(response):
    return response.json()["error"]


def _create(client, db, world, **overrides):
    response = client.post(URL, headers=bearer(db, world.buyer), json=cxml_body(world, **overrides))
    assert response.status_code == 201, response.text
    return response.json()


def _stored(db, connection_id):
    db.expire_all()
    return db.get(PunchoutConnection, connection_id)


class TestCreate:
    def test_procurement_creates_a_cxml_connection_with_defaults_filled_in(self, client, db, world):
        body = _create(client, db, world)
        assert body["name"] == "Grønt Engros webshop"
        assert body["supplier_id"] == world.supplier.id and body["agreement_id"] == world.agreement.id
        assert body["protocol"] == "cxml" and body["has_secret"] is True
        assert (body["from_domain"], body["to_domain"], body["sender_domain"]) == ("NetworkID",) * 3
        assert body["operations"] == ["create", "edit"]
        # Shop units are matched case-blind, so they are stored upper-case, as are the Rec 20 codes.
        assert body["unit_map"] == {"STK": "EA", "KRT": "CT"}
        assert (
            body["currency"] == "DKK" and body["deployment_mode"] == "production" and body["active"] is True
        )
        assert "shared_secret" not in body and "secret_ciphertext" not in body

    def test_an_oci_connection_needs_no_identities_or_secret(self, client, db, world):
        response = client.post(
            URL,
            headers=bearer(db, world.buyer),
            json={
                "supplier_id": world.supplier.id,
                "name": "Grønt OCI",
                "protocol": "oci",
                "setup_url": "https://oci.grontengros.example/login",
                "oci_options": {"username": "solby", "method": "GET", "functions": ["DETAIL"]},
            },
        )
        assert response.status_code == 201, response.text
        assert response.json()["has_secret"] is False
        assert response.json()["oci_options"]["functions"] == ["DETAIL"]

    @pytest.mark.parametrize(
        ("overrides", "code", "field"),
        [
            ({"setup_url": "shop.grontengros.example/punchout"}, "invalid_url", "setup_url"),
            ({"setup_url": "ftp://shop.grontengros.example/"}, "invalid_url", "setup_url"),
            ({"to_identity": "  "}, "missing_identity", "to_identity"),
            ({"sender_identity": None}, "missing_identity", "sender_identity"),
            ({"shared_secret": None}, "missing_secret", "shared_secret"),
            ({"unit_map": {"STK": "STYKKER"}}, "unknown_unit", "unit_map"),
            ({"operations": ["edit"]}, "invalid_operations", "operations"),
        ],
    )
    def test_incomplete_or_invalid_connections_are_refused_in_danish(
        self, client, db, world, overrides, code, field
    ):
        response = client.post(URL, headers=bearer(db, world.buyer), json=cxml_body(world, **overrides))
        assert response.status_code == 422, response.text
        assert (_error(response)["code"], _error(response)["field"]) == (code, field)
        assert db.scalar(select(PunchoutConnection.id)) is None

    def test_schema_violations_are_refused_before_the_service(self, client, db, world):
        headers = bearer(db, world.buyer)
        for overrides in (
            {"extrinsics": {"UserEmail": "{password}"}},
            {"currency": "kroner"},
            {"timeout_seconds": 0},
            {"deployment_mode": "staging"},
        ):
            response = client.post(URL, headers=headers, json=cxml_body(world, **overrides))
            assert response.status_code == 422, (overrides, response.text)

    def test_a_duplicate_name_is_a_conflict_whatever_the_case(self, client, db, world):
        _create(client, db, world)
        response = client.post(
            URL, headers=bearer(db, world.buyer), json=cxml_body(world, name="GRØNT ENGROS WEBSHOP")
        )
        assert response.status_code == 409
        assert (_error(response)["code"], _error(response)["field"]) == ("duplicate_name", "name")

    def test_another_municipality_may_use_the_same_name(self, client, db, world):
        _create(client, db, world)
        response = client.post(URL, headers=bearer(db, world.outsider), json=cxml_body(world))
        assert response.status_code == 201, response.text

    def test_unknown_supplier_or_agreement_is_not_found(self, client, db, world):
        headers = bearer(db, world.buyer)
        response = client.post(URL, headers=headers, json=cxml_body(world, supplier_id=987654))
        assert response.status_code == 404 and _error(response)["code"] == "unknown_supplier"
        response = client.post(URL, headers=headers, json=cxml_body(world, agreement_id=987654))
        assert response.status_code == 404

    def test_a_requisitioner_may_not_create(self, client, db, world):
        response = client.post(URL, headers=bearer(db, world.clerk), json=cxml_body(world))
        assert response.status_code == 403 and _error(response)["code"] == "role_required"
        assert db.scalar(select(PunchoutConnection.id)) is None


class TestSecret:
    def test_encrypted_at_rest_and_readable_by_the_portal(self, client, db, world):
        body = _create(client, db, world)
        stored = _stored(db, body["id"])
        assert stored.secret_ciphertext and SECRET not in stored.secret_ciphertext
        assert decrypt_secret(stored.secret_ciphertext) == SECRET
        raw = db.execute(
            select(PunchoutConnection.__table__).where(PunchoutConnection.id == body["id"])
        ).one()
        assert all(SECRET not in str(value) for value in raw)

    def test_never_in_a_response_or_the_audit_trail(self, client, db, world):
        headers = bearer(db, world.buyer)
        body = _create(client, db, world)
        responses = [
            client.get(URL, headers=headers),
            client.get(f"{URL}/{body['id']}", headers=headers),
            client.patch(f"{URL}/{body['id']}", headers=headers, json={"shared_secret": SECRET + "-ny"}),
            client.get(f"{URL}/{body['id']}/exchanges", headers=headers),
        ]
        for response in responses:
            assert response.status_code == 200, response.text
            assert SECRET not in response.text
        ciphertext = _stored(db, body["id"]).secret_ciphertext
        events = list(db.scalars(select(AuditEvent).where(AuditEvent.entity_type == "punchout_connection")))
        assert [e.action for e in events] == ["punchout_connection.create", "punchout_connection.update"]
        for event in events:
            assert SECRET not in str(event.before) + str(event.after)
            assert ciphertext not in str(event.before) + str(event.after)
            assert "secret_ciphertext" not in (event.after or {})

    def test_an_empty_secret_keeps_the_stored_one_and_a_new_one_replaces_it(self, client, db, world):
        headers = bearer(db, world.buyer)
        body = _create(client, db, world)
        before = _stored(db, body["id"]).secret_ciphertext
        kept = client.patch(f"{URL}/{body['id']}", headers=headers, json={"shared_secret": "", "name": "Ny"})
        assert kept.status_code == 200 and kept.json()["has_secret"] is True
        assert _stored(db, body["id"]).secret_ciphertext == before
        client.patch(f"{URL}/{body['id']}", headers=headers, json={"shared_secret": "nyt-hemmeligt"})
        assert decrypt_secret(_stored(db, body["id"]).secret_ciphertext) == "nyt-hemmeligt"


class TestListAndGet:
    def test_everyone_sees_active_connections_the_office_sees_all(self, client, db, world):
        active = _create(client, db, world)
        off = _create(client, db, world, name="Gammel webshop", active=False)
        clerk = bearer(db, world.clerk)
        assert [c["name"] for c in client.get(URL, headers=clerk).json()] == ["Grønt Engros webshop"]
        assert client.get(f"{URL}/{active['id']}", headers=clerk).status_code == 200
        hidden = client.get(f"{URL}/{off['id']}", headers=clerk)
        assert hidden.status_code == 404 and _error(hidden)["code"] == "unknown_connection"
        office = [c["name"] for c in client.get(URL, headers=bearer(db, world.buyer)).json()]
        assert office == ["Gammel webshop", "Grønt Engros webshop"]

    def test_another_municipality_sees_nothing(self, client, db, world):
        body = _create(client, db, world)
        headers = bearer(db, world.outsider)
        assert client.get(URL, headers=headers).json() == []
        for path in (f"{URL}/{body['id']}", f"{URL}/{body['id']}/exchanges"):
            assert client.get(path, headers=headers).status_code == 404
        assert client.post(f"{URL}/{body['id']}/test", headers=headers).status_code == 404
        patched = client.patch(f"{URL}/{body['id']}", headers=headers, json={"name": "Overtaget"})
        assert patched.status_code == 404
        assert _stored(db, body["id"]).name == "Grønt Engros webshop"

    def test_the_exchange_log_and_flags_are_for_the_office_only(self, client, db, world):
        body = _create(client, db, world)
        clerk = bearer(db, world.clerk)
        assert client.get(f"{URL}/{body['id']}/exchanges", headers=clerk).status_code == 403
        assert client.get("/api/v1/punchout/flags", headers=clerk).status_code == 403
        assert client.post(f"{URL}/{body['id']}/test", headers=clerk).status_code == 403


class TestUpdate:
    def test_patch_changes_only_what_is_sent(self, client, db, world):
        body = _create(client, db, world)
        response = client.patch(
            f"{URL}/{body['id']}",
            headers=bearer(db, world.buyer),
            json={
                "setup_url": "https://ny.grontengros.example/cxml",
                "active": False,
                "unit_map": {"Pk": "pk"},
            },
        )
        assert response.status_code == 200, response.text
        updated = response.json()
        assert updated["setup_url"] == "https://ny.grontengros.example/cxml" and updated["active"] is False
        assert updated["unit_map"] == {"PK": "PK"}
        assert updated["to_identity"] == "GRONT-ENGROS" and updated["operations"] == ["create", "edit"]

    @pytest.mark.parametrize(
        ("change", "status", "code"),
        [
            ({"setup_url": "not a url"}, 422, "invalid_url"),
            ({"unit_map": {"STK": "XYZ"}}, 422, "unknown_unit"),
            ({"from_identity": ""}, 422, "missing_identity"),
            ({"name": "Gammel webshop"}, 409, "duplicate_name"),
        ],
    )
    def test_invalid_changes_are_refused_and_change_nothing(self, client, db, world, change, status, code):
        _create(client, db, world, name="Gammel webshop")
        body = _create(client, db, world)
        response = client.patch(f"{URL}/{body['id']}", headers=bearer(db, world.buyer), json=change)
        assert response.status_code == status and _error(response)["code"] == code, response.text
        stored = _stored(db, body["id"])
        assert (stored.name, stored.setup_url, stored.from_identity) == (
            "Grønt Engros webshop",
            "https://shop.grontengros.example/punchout",
            "29189897",
        )

    def test_a_requisitioner_may_not_change(self, client, db, world):
        body = _create(client, db, world)
        response = client.patch(
            f"{URL}/{body['id']}", headers=bearer(db, world.clerk), json={"active": False}
        )
        assert response.status_code == 403
