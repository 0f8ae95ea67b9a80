from sqlalchemy import func, select

from app.models import Role, Supplier
from tests.factories import make_municipality, make_user, valid_cvr
from tests.helpers import api_headers, csrf_token, login


def _procurement(db):
    town = make_municipality(db)
    return make_user(db, town, "ib@solby.example", (Role.procurement, None))


def _count(db):
    return db.scalar(select(func.count()).select_from(Supplier))


class TestForms:
    def test_form_without_token_is_refused_and_changes_nothing(self, client, db):
        _procurement(db)
        login(client, "ib@solby.example")
        response = client.post("/suppliers/new", data={"name": "Snyd A/S", "cvr": valid_cvr()})
        assert response.status_code == 403
        assert "Formularen er udløbet eller kom ikke fra dette websted" in response.text
        assert _count(db) == 0

    def test_forged_token_is_refused(self, client, db):
        _procurement(db)
        login(client, "ib@solby.example")
        response = client.post(
            "/suppliers/new",
            data={"name": "Snyd A/S", "cvr": valid_cvr(), "csrf_token": "forged.token.value"},
        )
        assert response.status_code == 403
        assert _count(db) == 0

    def test_token_from_another_browser_is_refused(self, make_client, db):
        _procurement(db)
        victim, attacker = make_client(), make_client()
        login(victim, "ib@solby.example")
        stolen_from_attacker = csrf_token(attacker, "/login")
        response = victim.post(
            "/suppliers/new",
            data={"name": "Snyd A/S", "cvr": valid_cvr(), "csrf_token": stolen_from_attacker},
        )
        assert response.status_code == 403
        assert _count(db) == 0

    def test_sign_in_form_needs_the_token_too(self, client, db):
        _procurement(db)
        response = client.post("/login", data={"email": "ib@solby.example", "password": "x"})
        assert response.status_code == 403

    def test_valid_token_is_accepted(self, client, db):
        _procurement(db)
        login(client, "ib@solby.example")
        response = client.post(
            "/suppliers/new",
            data={
                "name": "Ærlig A/S",
                "cvr": valid_cvr(),
                "csrf_token": csrf_token(client, "/suppliers/new"),
            },
        )
        assert response.status_code == 303
        assert _count(db) == 1


class TestApiWithCookie:
    def test_cookie_call_without_header_is_refused(self, client, db):
        _procurement(db)
        login(client, "ib@solby.example")
        response = client.post("/api/v1/suppliers", json={"name": "Snyd A/S", "cvr": valid_cvr()})
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "csrf_failed"
        assert _count(db) == 0

    def test_cookie_call_with_header_is_accepted(self, client, db):
        _procurement(db)
        login(client, "ib@solby.example")
        response = client.post(
            "/api/v1/suppliers", json={"name": "Ærlig A/S", "cvr": valid_cvr()}, headers=api_headers(client)
        )
        assert response.status_code == 201
