from fastapi.testclient import TestClient

from app.models import Role
from tests.factories import make_municipality, make_user
from tests.helpers import login


class TestErrorPages:
    def test_unknown_page_is_a_friendly_danish_404(self, client, db):
        response = client.get("/no-such-page")
        assert response.status_code == 404
        assert "Siden blev ikke fundet." in response.text
        assert "Traceback" not in response.text

    def test_unknown_api_path_is_json(self, client, db):
        response = client.get("/api/v1/no-such-thing")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"

    def test_invalid_json_body_lists_the_fields(self, client, db):
        town = make_municipality(db)
        make_user(db, town, "ib@solby.example", (Role.procurement, None))
        from app.auth.service import create_api_token

        token = create_api_token(
            db, db.merge(make_user(db, town, "x@solby.example", (Role.admin, None))), "t"
        )
        response = client.post(
            "/api/v1/suppliers", json={"name": ""}, headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == 422
        body = response.json()["error"]
        assert body["code"] == "invalid_input"
        assert {f["field"] for f in body["fields"]} >= {"name", "cvr"}

    def test_forbidden_page_is_danish_403(self, client, db):
        town = make_municipality(db)
        make_user(db, town, "pia@solby.example", (Role.requisitioner, None))
        login(client, "pia@solby.example")
        response = client.get("/audit")
        assert response.status_code == 403
        assert "Du har ikke den rolle, der skal til for dette." in response.text

    def test_unexpected_error_shows_no_stack_trace(self, app, db):
        @app.get("/boom")
        def boom() -> None:
            raise RuntimeError("secret internals")

        with TestClient(app, raise_server_exceptions=False) as client:
            response = client.get("/boom")
        assert response.status_code == 500
        assert "secret internals" not in response.text and "Traceback" not in response.text


class TestSecurityHeaders:
    def test_headers_on_pages(self, client, db):
        headers = client.get("/login").headers
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in headers["content-security-policy"]


class TestUnreachableDatabase:
    def test_api_answers_503_with_a_stable_code(self, monkeypatch):
        from app.config import get_settings
        from app.kit import db as kit_db
        from app.main import create_app

        monkeypatch.setenv(
            "PORTAL_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2"
        )
        for cached in (get_settings, kit_db.get_engine, kit_db.get_sessionmaker):
            cached.cache_clear()
        try:
            with TestClient(create_app(), raise_server_exceptions=False) as client:
                api = client.get("/healthz")
                page = client.get("/", headers={"Cookie": "portal_session=x"})
        finally:
            monkeypatch.undo()
            for cached in (get_settings, kit_db.get_engine, kit_db.get_sessionmaker):
                cached.cache_clear()
        assert api.status_code == 503
        assert (
            api.json()["error"]["code"] == "database_unavailable"
            if api.headers["content-type"].startswith("application/json")
            else "Databasen kan ikke nås" in api.text
        )
        assert page.status_code == 503
        assert "Databasen kan ikke nås lige nu" in page.text
