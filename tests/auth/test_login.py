from datetime import timedelta

from sqlalchemy import select, update

from app.models import LoginAttempt, Role, UserSession
from app.models.base import utcnow
from tests.factories import PASSWORD, make_department, make_municipality, make_user
from tests.helpers import csrf_token, login


def _setup(db):
    town = make_municipality(db, "Solby Kommune")
    dept = make_department(db, town, "Børnehuset Mælkebøtten")
    user = make_user(
        db, town, "pia@solby.example", (Role.requisitioner, dept), department=dept, name="Pia Pedersen"
    )
    return town, dept, user


class TestSignIn:
    def test_requisitioner_sees_danish_start_page(self, client, db):
        _setup(db)
        login(client, "pia@solby.example")
        page = client.get("/")
        assert page.status_code == 200
        assert '<html lang="da">' in page.text
        assert "Velkommen, Pia Pedersen" in page.text
        assert "Solby Kommune" in page.text

    def test_anonymous_is_sent_to_sign_in(self, client, db):
        response = client.get("/departments")
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=%2Fdepartments")

    def test_wrong_password_is_refused_in_danish(self, client, db):
        _setup(db)
        response = client.post(
            "/login",
            data={"email": "pia@solby.example", "password": "wrong", "csrf_token": csrf_token(client)},
        )
        assert response.status_code == 401
        assert "Forkert e-mail eller adgangskode." in response.text
        assert "portal_session" not in response.cookies

    def test_unknown_email_gives_the_same_answer(self, client, db):
        response = client.post(
            "/login",
            data={"email": "nobody@solby.example", "password": "x", "csrf_token": csrf_token(client)},
        )
        assert response.status_code == 401
        assert "Forkert e-mail eller adgangskode." in response.text

    def test_deactivated_account_cannot_sign_in(self, client, db):
        _, _, user = _setup(db)
        user.is_active = False
        db.flush()
        response = client.post(
            "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": csrf_token(client)}
        )
        assert response.status_code == 403

    def test_next_only_goes_to_this_site(self, client, db):
        _setup(db)
        response = client.post(
            "/login",
            data={
                "email": "pia@solby.example",
                "password": PASSWORD,
                "next": "https://evil.example/",
                "csrf_token": csrf_token(client),
            },
        )
        assert response.headers["location"] == "/"

    def test_session_cookie_flags(self, client, db):
        _setup(db)
        response = client.post(
            "/login",
            data={"email": "pia@solby.example", "password": PASSWORD, "csrf_token": csrf_token(client)},
        )
        cookie = next(
            v for k, v in response.headers.multi_items() if k == "set-cookie" and "portal_session" in v
        )
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie


class TestThrottling:
    def test_locks_after_repeated_failures_even_with_the_right_password(self, client, db):
        _setup(db)
        for _ in range(5):
            client.post(
                "/login",
                data={"email": "pia@solby.example", "password": "nope", "csrf_token": csrf_token(client)},
            )
        response = client.post(
            "/login",
            data={"email": "pia@solby.example", "password": PASSWORD, "csrf_token": csrf_token(client)},
        )
        assert response.status_code == 429
        assert "For mange mislykkede login" in response.text
        assert db.scalar(select(LoginAttempt).where(LoginAttempt.success.is_(True))) is None

    def test_lock_lifts_when_the_window_has_passed(self, client, db):
        _setup(db)
        for _ in range(5):
            client.post(
                "/login",
                data={"email": "pia@solby.example", "password": "nope", "csrf_token": csrf_token(client)},
            )
        db.execute(update(LoginAttempt).values(at=utcnow() - timedelta(minutes=16)))
        login(client, "pia@solby.example")


class TestSessions:
    def test_sign_out_ends_the_session_on_the_server(self, client, db):
        _setup(db)
        login(client, "pia@solby.example")
        stolen = client.cookies.get("portal_session")
        response = client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
        assert response.status_code == 303
        client.cookies.set("portal_session", stolen)
        assert client.get("/").status_code == 303

    def test_expired_session_asks_to_sign_in_again(self, client, db):
        _setup(db)
        login(client, "pia@solby.example")
        db.execute(update(UserSession).values(expires_at=utcnow() - timedelta(minutes=1)))
        response = client.get("/")
        assert response.status_code == 303
        assert "expired=1" in response.headers["location"]
        notice = client.get(response.headers["location"])
        assert "Din session er udløbet" in notice.text

    def test_forged_session_cookie_is_not_accepted(self, client, db):
        _setup(db)
        client.cookies.set("portal_session", "forged-value")
        assert client.get("/").status_code == 303
        assert client.get("/api/v1/me").status_code == 401

    def test_english_can_be_chosen(self, client, db):
        _setup(db)
        login(client, "pia@solby.example")
        client.post("/language", data={"language": "en", "next": "/", "csrf_token": csrf_token(client, "/")})
        page = client.get("/")
        assert '<html lang="en">' in page.text
        assert "Welcome, Pia Pedersen" in page.text
