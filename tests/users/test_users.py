"""Users and roles through the JSON API and the pages: reach by department, refused input, the audit trail."""

import re
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.models import AuditEvent, Role, User, UserRole
from tests.factories import PASSWORD, make_department, make_municipality, make_user
from tests.helpers import bearer, csrf_token, login

ADMIN = "anne@solby.example"
LEADER = "lene@solby.example"
CLERK = "pia@solby.example"


pytestmark = pytest.mark.usefixtures("one_app_per_module")


def _town(db):
    town = make_municipality(db, "Solby Kommune")
    children = make_department(db, town, "Børn og Unge")
    daycare = make_department(db, town, "Dagtilbud", parent=children)
    kindergarten = make_department(db, town, "Børnehuset Mælkebøtten", parent=daycare)
    roads = make_department(db, town, "Vej og Park")
    admin = make_user(db, town, ADMIN, (Role.admin, None), name="Anne Admin")
    leader = make_user(db, town, LEADER, (Role.approver, daycare), department=daycare, name="Lene Leder")
    clerk = make_user(
        db,
        town,
        CLERK,
        (Role.requisitioner, kindergarten),
        department=kindergarten,
        name="Pia Pedersen",
        spending_limit=Decimal("1234.50"),
    )
    colleague = make_user(
        db,
        town,
        "ole@solby.example",
        (Role.requisitioner, kindergarten),
        department=kindergarten,
        name="Ole Olsen",
    )
    roadworker = make_user(
        db, town, "bo@solby.example", (Role.requisitioner, roads), department=roads, name="Bo Berg"
    )
    return {
        "town": town,
        "children": children,
        "daycare": daycare,
        "kindergarten": kindergarten,
        "roads": roads,
        "admin": admin,
        "leader": leader,
        "clerk": clerk,
        "colleague": colleague,
        "roadworker": roadworker,
    }


def _counts(db):
    return (
        db.scalar(select(func.count()).select_from(User)),
        db.scalar(select(func.count()).select_from(UserRole)),
    )


def _events(db, action=None):
    stmt = select(AuditEvent).where(AuditEvent.entity_type == "user_account")
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    return list(db.scalars(stmt))


def _fresh(db, user):
    db.expire_all()
    return db.get(User, user.id)


def _role(db, user, role):
    return db.scalar(select(UserRole).where(UserRole.user_id == user.id, UserRole.role == role))


def _roles(db, user):
    db.expire_all()
    rows = db.scalars(select(UserRole).where(UserRole.user_id == user.id))
    return sorted((row.role.value, row.department_id) for row in rows)


def _field_error(page, field):
    match = re.search(rf'id="f-{field}-error">([^<]*)<', page.text)
    return match.group(1) if match else None


def _sign_in(client, email, password=PASSWORD):
    """Signs in like `login` and keeps the form token: it belongs to the browser's cookie, not to a page."""
    token = csrf_token(client)
    response = client.post("/login", data={"email": email, "password": password, "csrf_token": token})
    assert response.status_code == 303, response.text
    return token


def _submit(client, path, data, token):
    return client.post(path, data={**data, "csrf_token": token})


def _edit_values(user, **changes):
    limit = "" if user.spending_limit is None else str(user.spending_limit)
    values = {
        "name": user.name,
        "department_id": user.department_id or "",
        "language": user.language,
        "spending_limit": limit,
        "password": "",
        "is_active": "on",
    }
    return {key: value for key, value in {**values, **changes}.items() if value is not None}


def _error(response):
    return response.json()["error"]["code"]


class TestListUsers:
    def test_admin_lists_everyone_in_its_own_municipality_in_api_and_page(self, client, db):
        t = _town(db)
        make_user(db, make_municipality(db, "Nordby Kommune"), "nina@nordby.example", (Role.admin, None))
        response = client.get("/api/v1/users", headers=bearer(db, t["admin"]))
        assert response.status_code == 200
        assert [u["name"] for u in response.json()] == [
            "Anne Admin",
            "Bo Berg",
            "Lene Leder",
            "Ole Olsen",
            "Pia Pedersen",
        ]
        pia = next(u for u in response.json() if u["email"] == CLERK)
        assert pia["spending_limit"] == "1234.50"
        assert [(r["role"], r["department_id"]) for r in pia["roles"]] == [
            ("requisitioner", t["kindergarten"].id)
        ]
        login(client, ADMIN)
        page = client.get("/users")
        assert page.status_code == 200
        assert "<h1>Brugere</h1>" in page.text and 'href="/users/new"' in page.text
        assert "Rekvirent (Børnehuset Mælkebøtten)" in page.text
        assert "Godkender (leder) (Dagtilbud)" in page.text
        assert "1.234,50 kr." in page.text
        assert "Ingen grænse sat" in page.text and "<td>Aktiv</td>" in page.text
        assert "nina@nordby.example" not in page.text

    def test_approver_sees_its_own_department_subtree_only(self, client, db):
        t = _town(db)
        db.add(UserRole(user_id=t["clerk"].id, role=Role.requisitioner, department_id=t["roads"].id))
        headers = bearer(db, t["leader"])
        response = client.get("/api/v1/users", headers=headers)
        assert [u["name"] for u in response.json()] == ["Lene Leder", "Ole Olsen", "Pia Pedersen"]
        assert client.get(f"/api/v1/users/{t['clerk'].id}", headers=headers).status_code == 200
        for outside in (t["roadworker"], t["admin"]):
            response = client.get(f"/api/v1/users/{outside.id}", headers=headers)
            assert response.status_code == 404
            assert _error(response) == "unknown_user"
        login(client, LEADER)
        page = client.get("/users")
        assert page.status_code == 200
        assert "Pia Pedersen" in page.text and "Bo Berg" not in page.text and "Anne Admin" not in page.text
        assert 'href="/users/new"' not in page.text
        # Pia's role in Vej og Park is out of the leader's sight; it must not read as municipality-wide.
        roles = client.get(f"/users/{t['clerk'].id}").text.split('class="grant-form"')[0]
        assert "<td>Børnehuset Mælkebøtten</td>" in roles
        assert "<td>en afdeling uden for din adgang</td>" in roles and "Hele kommunen" not in roles

    def test_requisitioner_reads_only_its_own_account_and_creates_no_one(self, client, db):
        t = _town(db)
        headers = bearer(db, t["clerk"])
        listing = client.get("/api/v1/users", headers=headers)
        assert listing.status_code == 403 and _error(listing) == "role_required"
        assert client.get("/api/v1/me", headers=headers).json()["email"] == CLERK
        assert client.get(f"/api/v1/users/{t['clerk'].id}", headers=headers).status_code == 200
        colleague = client.get(f"/api/v1/users/{t['colleague'].id}", headers=headers)
        assert colleague.status_code == 403 and _error(colleague) == "role_required"
        token = _sign_in(client, CLERK)
        before = _counts(db)
        pages = [client.get(path) for path in ("/users", "/users/new", f"/users/{t['colleague'].id}")]
        pages.append(
            _submit(
                client,
                "/users/new",
                {
                    "email": "mads@solby.example",
                    "name": "Mads",
                    "password": "lang nok kode",
                    "language": "da",
                },
                token,
            )
        )
        for page in pages:
            assert page.status_code == 403, page.request.url
            assert "<h1>Du har ikke den rolle, der skal til for dette.</h1>" in page.text
        assert _counts(db) == before
        assert client.get(f"/users/{t['clerk'].id}").status_code == 200


class TestCreateUserThroughTheApi:
    def test_admin_creates_a_user_with_a_first_role_who_can_then_sign_in(self, client, db, make_client):
        t = _town(db)
        response = client.post(
            "/api/v1/users",
            headers=bearer(db, t["admin"]),
            json={
                "email": "  Mads@Solby.example ",
                "name": "Mads Madsen",
                "password": "lang nok kode",
                "department_id": t["kindergarten"].id,
                "spending_limit": "1.234,50",
                "language": "en",
                "roles": [{"role": "requisitioner", "department_id": t["kindergarten"].id}],
            },
        )
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["email"] == "mads@solby.example"
        assert body["spending_limit"] == "1234.50" and body["language"] == "en" and body["is_active"] is True
        assert [(r["role"], r["department_id"]) for r in body["roles"]] == [
            ("requisitioner", t["kindergarten"].id)
        ]
        [event] = _events(db, "user.create")
        assert event.entity_id == str(body["id"]) and event.actor_label == ADMIN
        assert event.after["email"] == "mads@solby.example"
        assert "password_hash" not in event.after
        browser = make_client()
        login(browser, "mads@solby.example", "lang nok kode")
        assert browser.get("/api/v1/me").json()["name"] == "Mads Madsen"

    def test_bad_input_is_refused_and_changes_nothing(self, client, db):
        t = _town(db)
        other_town = make_department(db, make_municipality(db, "Nordby Kommune"), "Nordby Rådhus")
        headers = bearer(db, t["admin"])
        before = _counts(db)
        good = {"email": "mads@solby.example", "name": "Mads Madsen", "password": "lang nok kode"}
        cases = [
            ({"password": "kort"}, 422, "invalid_input"),
            ({"password": "1234567"}, 422, "invalid_input"),
            ({"email": "mads.solby.example"}, 422, "invalid_input"),
            ({"email": "mads@solby"}, 422, "invalid_input"),
            ({"email": "m" * 250 + "@solby.example"}, 422, "invalid_input"),
            ({"email": "PIA@solby.example"}, 409, "duplicate_email"),
            ({"name": "   "}, 422, "invalid_input"),
            ({"name": None}, 422, "invalid_input"),
            ({"department_id": 987654}, 404, "unknown_department"),
            ({"department_id": other_town.id}, 404, "unknown_department"),
            ({"roles": [{"role": "boss"}]}, 422, "invalid_input"),
            ({"roles": [{"role": "approver", "department_id": 987654}]}, 404, "unknown_department"),
            ({"roles": [{"role": "approver"}, {"role": "approver"}]}, 409, "duplicate_role"),
            ({"spending_limit": "-1"}, 422, "invalid_input"),
            ({"spending_limit": "mange penge"}, 422, "invalid_input"),
            ({"language": "de"}, 422, "invalid_input"),
        ]
        for change, status, code in cases:
            response = client.post("/api/v1/users", headers=headers, json={**good, **change})
            assert response.status_code == status, (change, response.text)
            assert _error(response) == code, change
        duplicate = client.post("/api/v1/users", headers=headers, json={**good, "email": "PIA@solby.example"})
        assert duplicate.json()["error"]["field"] == "email"
        assert _counts(db) == before
        assert _events(db) == []

    def test_requisitioner_and_approver_may_neither_create_nor_change(self, client, db):
        t = _town(db)
        before = _counts(db)
        for actor in (t["clerk"], t["leader"]):
            headers = bearer(db, actor)
            created = client.post(
                "/api/v1/users",
                headers=headers,
                json={
                    "email": "mads@solby.example",
                    "name": "Mads",
                    "password": "lang nok kode",
                    "department_id": t["kindergarten"].id,
                },
            )
            changed = client.patch(
                f"/api/v1/users/{t['colleague'].id}", headers=headers, json={"name": "Ole X"}
            )
            granted = client.post(
                f"/api/v1/users/{t['colleague'].id}/roles",
                headers=headers,
                json={"role": "approver", "department_id": t["kindergarten"].id},
            )
            assert created.status_code == 403 and _error(created) == "role_required", actor.email
            # A leader sees the colleague but may not change them; a requisitioner does not see them at all.
            expected = (403, "role_required") if actor is t["leader"] else (404, "unknown_user")
            for response in (changed, granted):
                assert (response.status_code, _error(response)) == expected, actor.email
        assert _counts(db) == before
        assert _fresh(db, t["colleague"]).name == "Ole Olsen"
        assert _events(db) == []


class TestDepartmentScopedAdministrator:
    def _daycare_admin(self, db, t):
        return make_user(
            db,
            t["town"],
            "dorte@solby.example",
            (Role.admin, t["daycare"]),
            department=t["daycare"],
            name="Dorte Dagtilbud",
        )

    def test_creates_users_and_grants_roles_only_inside_its_subtree(self, client, db):
        t = _town(db)
        headers = bearer(db, self._daycare_admin(db, t))
        before = _counts(db)
        new = {"email": "mads@solby.example", "name": "Mads", "password": "lang nok kode"}
        refused = [
            {**new, "department_id": t["roads"].id},
            {**new, "department_id": None},
            {**new, "department_id": t["kindergarten"].id, "roles": [{"role": "requisitioner"}]},
            {
                **new,
                "department_id": t["kindergarten"].id,
                "roles": [{"role": "requisitioner", "department_id": t["roads"].id}],
            },
        ]
        for payload in refused:
            response = client.post("/api/v1/users", headers=headers, json=payload)
            assert response.status_code == 403, payload
            assert _error(response) == "role_required"
        assert _counts(db) == before
        for department in (t["roads"].id, t["children"].id, None):
            response = client.post(
                f"/api/v1/users/{t['clerk'].id}/roles",
                headers=headers,
                json={"role": "approver", "department_id": department},
            )
            assert response.status_code == 403, department
            assert _error(response) == "role_required"
        outside = client.patch(f"/api/v1/users/{t['roadworker'].id}", headers=headers, json={"name": "X"})
        assert outside.status_code == 404
        moved_out = client.patch(
            f"/api/v1/users/{t['clerk'].id}", headers=headers, json={"department_id": t["roads"].id}
        )
        assert moved_out.status_code == 403
        assert _roles(db, t["clerk"]) == [("requisitioner", t["kindergarten"].id)]
        assert _fresh(db, t["clerk"]).department_id == t["kindergarten"].id
        assert _events(db) == []
        created = client.post(
            "/api/v1/users",
            headers=headers,
            json={
                **new,
                "department_id": t["kindergarten"].id,
                "roles": [{"role": "requisitioner", "department_id": t["kindergarten"].id}],
            },
        )
        assert created.status_code == 201, created.text
        granted = client.post(
            f"/api/v1/users/{t['clerk'].id}/roles",
            headers=headers,
            json={"role": "approver", "department_id": t["kindergarten"].id},
        )
        assert granted.status_code == 201


class TestUpdateUserThroughTheApi:
    def test_update_is_audited_with_before_and_after_and_a_new_password_works(self, client, db, make_client):
        t = _town(db)
        response = client.patch(
            f"/api/v1/users/{t['clerk'].id}",
            headers=bearer(db, t["admin"]),
            json={
                "name": "Pia Holm",
                "spending_limit": "2.500,00",
                "department_id": t["daycare"].id,
                "password": "en helt ny kode",
            },
        )
        assert response.status_code == 200, response.text
        assert response.json()["spending_limit"] == "2500.00"
        user = _fresh(db, t["clerk"])
        assert (user.name, user.spending_limit) == ("Pia Holm", Decimal("2500"))
        assert user.department_id == t["daycare"].id
        [event] = _events(db, "user.update")
        assert event.before["name"] == "Pia Pedersen" and event.after["name"] == "Pia Holm"
        assert Decimal(event.before["spending_limit"]) == Decimal("1234.50")
        assert Decimal(event.after["spending_limit"]) == Decimal("2500")
        assert event.before["department_id"] == t["kindergarten"].id
        assert "email" not in event.after and "password_hash" not in event.after
        browser = make_client()
        login(browser, CLERK, "en helt ny kode")

    def test_bad_input_is_refused_and_changes_nothing(self, client, db):
        t = _town(db)
        headers = bearer(db, t["admin"])
        cases = [
            ({"name": None}, 422, "invalid_input"),
            ({"name": "  "}, 422, "invalid_input"),
            ({"password": "kort"}, 422, "invalid_input"),
            ({"spending_limit": "-0,01"}, 422, "invalid_input"),
            ({"language": "sv"}, 422, "invalid_input"),
            ({"is_active": "måske"}, 422, "invalid_input"),
            ({"department_id": 987654}, 404, "unknown_department"),
        ]
        for payload, status, code in cases:
            response = client.patch(f"/api/v1/users/{t['clerk'].id}", headers=headers, json=payload)
            assert response.status_code == status, (payload, response.text)
            assert _error(response) == code, payload
        user = _fresh(db, t["clerk"])
        assert (user.name, user.spending_limit, user.language) == ("Pia Pedersen", Decimal("1234.50"), "da")
        assert user.department_id == t["kindergarten"].id and user.is_active
        assert _events(db) == []
        missing = client.patch("/api/v1/users/987654", headers=headers, json={"name": "X"})
        assert missing.status_code == 404 and _error(missing) == "unknown_user"


class TestSelfProtection:
    def test_administrator_can_neither_deactivate_itself_nor_drop_its_admin_role(self, client, db):
        t = _town(db)
        admin_role = _role(db, t["admin"], Role.admin)
        headers = bearer(db, t["admin"])
        response = client.patch(f"/api/v1/users/{t['admin'].id}", headers=headers, json={"is_active": False})
        assert response.status_code == 409 and _error(response) == "self_deactivation"
        response = client.delete(f"/api/v1/users/{t['admin'].id}/roles/{admin_role.id}", headers=headers)
        assert response.status_code == 409 and _error(response) == "self_demotion"
        token = _sign_in(client, ADMIN)
        path = f"/users/{t['admin'].id}"
        page = _submit(client, path, _edit_values(t["admin"], is_active=None), token)
        assert page.status_code == 422
        assert "Du kan ikke deaktivere din egen konto." in page.text
        page = _submit(client, f"{path}/roles/{admin_role.id}/revoke", {}, token)
        assert page.status_code == 409
        assert "<h1>Du kan ikke fjerne din egen administratorrolle.</h1>" in page.text
        assert _fresh(db, t["admin"]).is_active
        assert _roles(db, t["admin"]) == [("admin", None)]
        assert _events(db) == []


class TestDeactivation:
    def test_a_deactivated_user_can_no_longer_sign_in_nor_use_its_token(self, client, db):
        t = _town(db)
        clerk_token = bearer(db, t["clerk"])
        response = client.patch(
            f"/api/v1/users/{t['clerk'].id}", headers=bearer(db, t["admin"]), json={"is_active": False}
        )
        assert response.status_code == 200 and response.json()["is_active"] is False
        [event] = _events(db, "user.update")
        assert event.before["is_active"] is True and event.after["is_active"] is False
        refused = client.post(
            "/login", data={"email": CLERK, "password": PASSWORD, "csrf_token": csrf_token(client)}
        )
        assert refused.status_code == 403
        assert "Kontoen er deaktiveret. Kontakt din administrator." in refused.text
        assert client.get("/api/v1/me", headers=clerk_token).status_code == 401


class TestRolesThroughTheApi:
    def test_grant_and_revoke_are_audited(self, client, db):
        t = _town(db)
        headers = bearer(db, t["admin"])
        path = f"/api/v1/users/{t['clerk'].id}/roles"
        granted = client.post(
            path, headers=headers, json={"role": "approver", "department_id": t["kindergarten"].id}
        )
        assert granted.status_code == 201, granted.text
        role = granted.json()
        assert role["role"] == "approver" and role["department_id"] == t["kindergarten"].id
        for payload, status, code in (
            ({"role": "approver", "department_id": t["kindergarten"].id}, 409, "duplicate_role"),
            ({"role": "boss"}, 422, "invalid_input"),
            ({"role": "finance", "department_id": 987654}, 404, "unknown_department"),
        ):
            response = client.post(path, headers=headers, json=payload)
            assert response.status_code == status and _error(response) == code, payload
        assert _roles(db, t["clerk"]) == sorted(
            [("approver", t["kindergarten"].id), ("requisitioner", t["kindergarten"].id)]
        )
        revoked = client.delete(f"{path}/{role['id']}", headers=headers)
        assert revoked.status_code == 204
        missing = client.delete(f"{path}/{role['id']}", headers=headers)
        assert missing.status_code == 404 and _error(missing) == "unknown_role"
        assert _roles(db, t["clerk"]) == [("requisitioner", t["kindergarten"].id)]
        [grant] = _events(db, "user.grant_role")
        assert grant.after == {"role": "approver", "department_id": t["kindergarten"].id}
        [revoke] = _events(db, "user.revoke_role")
        assert revoke.before == {"role": "approver", "department_id": t["kindergarten"].id}


class TestNewUserPage:
    def test_form_in_danish_creates_a_user_with_a_first_role_who_can_sign_in(self, client, db, make_client):
        t = _town(db)
        login(client, ADMIN)
        page = client.get("/users/new")
        assert page.status_code == 200
        for text in (
            "<h1>Ny bruger</h1>",
            '<label for="f-email">E-mail',
            '<label for="f-name">Navn',
            '<label for="f-department_id">Hjemafdeling</label>',
            '<label for="f-spending_limit">Råderum (kr.)',
            '<label for="f-password">Adgangskode',
            "Mindst 8 tegn.",
            "<legend>Første rolle</legend>",
            '<option value="requisitioner" >Rekvirent</option>',
            'name="csrf_token"',
        ):
            assert text in page.text, text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = _submit(
            client,
            "/users/new",
            {
                "email": "mads@solby.example",
                "name": "Mads Madsen",
                "password": "lang nok kode",
                "department_id": str(t["kindergarten"].id),
                "spending_limit": "1.234,50",
                "language": "da",
                "role": "requisitioner",
            },
            token,
        )
        assert response.status_code == 303, response.text
        user = db.scalar(select(User).where(User.email == "mads@solby.example"))
        assert response.headers["location"] == f"/users/{user.id}"
        assert user.spending_limit == Decimal("1234.50")
        assert _roles(db, user) == [("requisitioner", t["kindergarten"].id)]
        page = client.get(response.headers["location"])
        assert "Brugeren Mads Madsen er oprettet." in page.text
        login(make_client(), "mads@solby.example", "lang nok kode")

    def test_mistakes_are_shown_in_danish_and_change_nothing(self, client, db):
        _town(db)
        token = _sign_in(client, ADMIN)
        before = _counts(db)
        good = {
            "email": "mads@solby.example",
            "name": "Mads Madsen",
            "password": "lang nok kode",
            "language": "da",
        }
        cases = [
            ({"password": "kort"}, "password", "Mindst 8 tegn."),
            ({"password": ""}, "password", "Feltet skal udfyldes."),
            ({"email": "mads.solby.example"}, "email", "Værdien er ikke gyldig."),
            (
                {"email": "Pia@Solby.example"},
                "email",
                "Der findes allerede en bruger med e-mailen pia@solby.example.",
            ),
            ({"name": " "}, "name", "Feltet skal udfyldes."),
            ({"spending_limit": "-5"}, "spending_limit", "Værdien må ikke være negativ."),
            ({"spending_limit": "mange"}, "spending_limit", "Skriv et beløb, fx 1.234,50."),
            ({"department_id": "987654"}, "department_id", "Afdeling 987654 blev ikke fundet."),
            ({"role": "boss"}, "role", "Vælg en af mulighederne."),
        ]
        for change, field, message in cases:
            page = _submit(client, "/users/new", {**good, **change}, token)
            assert page.status_code == 422, change
            assert _field_error(page, field) == message, change
        assert 'value="Mads Madsen"' in page.text
        assert _counts(db) == before
        assert _events(db) == []


class TestEditUserPage:
    def test_saving_and_clearing_the_spending_limit(self, client, db):
        t = _town(db)
        login(client, ADMIN)
        path = f"/users/{t['clerk'].id}"
        page = client.get(path)
        assert page.status_code == 200
        assert "<h1>Pia Pedersen</h1>" in page.text and 'value="1234.50"' in page.text
        assert "<td>Rekvirent</td>" in page.text and "<td>Børnehuset Mælkebøtten</td>" in page.text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = _submit(client, path, _edit_values(t["clerk"], spending_limit="2.500,75"), token)
        assert response.status_code == 303
        assert "Brugeren er gemt." in client.get(path).text
        assert _fresh(db, t["clerk"]).spending_limit == Decimal("2500.75")
        response = _submit(client, path, _edit_values(t["clerk"], spending_limit=""), token)
        assert response.status_code == 303
        user = _fresh(db, t["clerk"])
        assert user.spending_limit is None and user.name == "Pia Pedersen" and user.is_active

    def test_mistakes_show_the_form_again_and_change_nothing(self, client, db):
        t = _town(db)
        token = _sign_in(client, ADMIN)
        path = f"/users/{t['clerk'].id}"
        for change, field, message in (
            ({"name": ""}, "name", "Feltet skal udfyldes."),
            ({"password": "kort"}, "password", "Mindst 8 tegn."),
            ({"spending_limit": "-1"}, "spending_limit", "Værdien må ikke være negativ."),
        ):
            page = _submit(client, path, _edit_values(t["clerk"], **change), token)
            assert page.status_code == 422, change
            assert _field_error(page, field) == message, change
        user = _fresh(db, t["clerk"])
        assert (user.name, user.spending_limit) == ("Pia Pedersen", Decimal("1234.50"))
        assert _events(db) == []


class TestRolesPages:
    def test_grant_and_revoke_through_the_pages(self, client, db):
        t = _town(db)
        token = _sign_in(client, ADMIN)
        path = f"/users/{t['clerk'].id}"
        response = _submit(client, f"{path}/roles", {"role": "finance", "department_id": ""}, token)
        assert response.status_code == 303
        page = client.get(path)
        assert "Rollen er tildelt." in page.text
        assert re.search(r"<td>Økonomi</td>\s*<td>Hele kommunen</td>", page.text)
        duplicate = _submit(client, f"{path}/roles", {"role": "finance", "department_id": ""}, token)
        assert duplicate.status_code == 422
        assert "Brugeren har allerede den rolle der." in duplicate.text
        finance = _role(db, t["clerk"], Role.finance)
        response = _submit(client, f"{path}/roles/{finance.id}/revoke", {}, token)
        assert response.status_code == 303
        assert "Rollen er fjernet." in client.get(path).text
        assert _roles(db, t["clerk"]) == [("requisitioner", t["kindergarten"].id)]
