from datetime import timedelta

from sqlalchemy import select

from app.auth.service import create_api_token
from app.models import ApiToken, Role
from app.models.base import utcnow
from tests.factories import make_municipality, make_user, valid_cvr


def _user(db):
    town = make_municipality(db, "Solby Kommune")
    return make_user(db, town, "ib@solby.example", (Role.procurement, None))


class TestBearerTokens:
    def test_token_authenticates_without_csrf(self, client, db):
        token = create_api_token(db, _user(db), "script")
        headers = {"Authorization": f"Bearer {token}"}
        assert client.get("/api/v1/me", headers=headers).json()["email"] == "ib@solby.example"
        created = client.post(
            "/api/v1/suppliers", json={"name": "Script A/S", "cvr": valid_cvr()}, headers=headers
        )
        assert created.status_code == 201

    def test_token_is_stored_hashed(self, db):
        token = create_api_token(db, _user(db), "script")
        db.flush()
        row = db.scalar(select(ApiToken))
        assert token not in (row.token_hash, row.prefix) and row.token_hash != token
        assert token.startswith(row.prefix)

    def test_unknown_token_gets_json_401(self, client, db):
        response = client.get("/api/v1/me", headers={"Authorization": "Bearer ptl_not-a-token"})
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "invalid_token"

    def test_revoked_and_expired_tokens_are_refused(self, client, db):
        user = _user(db)
        revoked = create_api_token(db, user, "old")
        expired = create_api_token(db, user, "short", expires_at=utcnow() - timedelta(days=1))
        db.flush()
        row = db.scalar(select(ApiToken).where(ApiToken.name == "old"))
        row.revoked_at = utcnow()
        for token in (revoked, expired):
            assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401

    def test_no_credentials_gets_json_401(self, client, db):
        response = client.get("/api/v1/departments")
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"

    def test_deactivated_users_token_stops_working(self, client, db):
        user = _user(db)
        token = create_api_token(db, user, "script")
        user.is_active = False
        assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


class TestLastUsed:
    def _use(self, client, token):  # type: ignore[no-untyped-def]
        assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200

    def test_first_use_is_recorded(self, client, db):
        token = create_api_token(db, _user(db), "script")
        self._use(client, token)
        assert db.scalar(select(ApiToken.last_used_at)) is not None

    def test_kept_to_the_minute_not_written_on_every_request(self, client, db):
        token = create_api_token(db, _user(db), "script")
        self._use(client, token)
        first = db.scalar(select(ApiToken.last_used_at))
        self._use(client, token)
        assert db.scalar(select(ApiToken.last_used_at)) == first

    def test_written_again_once_a_minute_has_passed(self, client, db):
        token = create_api_token(db, _user(db), "script")
        self._use(client, token)
        row = db.scalar(select(ApiToken))
        row.last_used_at = utcnow() - timedelta(minutes=2)
        db.flush()
        self._use(client, token)
        db.expire_all()
        assert db.scalar(select(ApiToken.last_used_at)) > utcnow() - timedelta(minutes=1)
