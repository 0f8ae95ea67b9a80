"""Departments through the JSON API and the pages: who may do what, every refused input, the audit trail."""

import re

import pytest
from sqlalchemy import func, select

from app.models import AuditEvent, Department, Role
from tests.factories import PASSWORD, make_department, make_municipality, make_user, valid_gln
from tests.helpers import api_headers, bearer, csrf_token, login

ADMIN = "anne@solby.example"
CLERK = "pia@solby.example"


pytestmark = pytest.mark.usefixtures("one_app_per_module")


def _town(db):
    town = make_municipality(db, "Solby Kommune")
    children = make_department(db, town, "Børn og Unge", cost_centre="1100")
    schools = make_department(db, town, "Skoleområdet", parent=children)
    school = make_department(db, town, "Solby Skole", parent=schools)
    roads = make_department(db, town, "Vej og Park")
    admin = make_user(db, town, ADMIN, (Role.admin, None), name="Anne Admin")
    clerk = make_user(db, town, CLERK, (Role.requisitioner, school), department=school, name="Pia Pedersen")
    return {
        "town": town,
        "children": children,
        "schools": schools,
        "school": school,
        "roads": roads,
        "admin": admin,
        "clerk": clerk,
    }


def _count(db):
    return db.scalar(select(func.count()).select_from(Department))


def _events(db, action=None):
    stmt = select(AuditEvent).where(AuditEvent.entity_type == "department")
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    return list(db.scalars(stmt))


def _fresh(db, department):
    db.expire_all()
    return db.get(Department, department.id)


def _bad_gln():
    gln = valid_gln()
    return gln[:-1] + str((int(gln[-1]) + 1) % 10)


def _field_error(page, field):
    match = re.search(rf'id="f-{field}-error">([^<]*)<', page.text)
    return match.group(1) if match else None


def _sign_in(client, email):
    """Signs in like `login` and keeps the form token: it belongs to the browser's cookie, not to a page."""
    token = csrf_token(client)
    response = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 303, response.text
    return token


def _submit(client, path, data, token):
    return client.post(path, data={**data, "csrf_token": token})


def _form_values(department, **changes):
    values = {
        "name": department.name,
        "parent_id": department.parent_id or "",
        "ean": department.ean or "",
        "account_string": department.account_string or "",
        "cost_centre": department.cost_centre or "",
        "delivery_street": "",
        "delivery_postcode": "",
        "delivery_city": "",
    }
    return {**values, **changes}


class TestListDepartments:
    def test_api_lists_and_reads_only_its_own_municipality(self, client, db):
        t = _town(db)
        other = make_department(db, make_municipality(db, "Nordby Kommune"), "Nordby Rådhus")
        headers = bearer(db, t["admin"])
        response = client.get("/api/v1/departments", headers=headers)
        assert response.status_code == 200
        assert [d["name"] for d in response.json()] == [
            "Børn og Unge",
            "Skoleområdet",
            "Solby Skole",
            "Vej og Park",
        ]
        schools = next(d for d in response.json() if d["name"] == "Skoleområdet")
        assert schools["parent_id"] == t["children"].id
        assert schools["municipality_id"] == t["town"].id
        one = client.get(f"/api/v1/departments/{t['children'].id}", headers=headers)
        assert one.status_code == 200 and one.json()["cost_centre"] == "1100"
        for missing in (other.id, 987654):
            response = client.get(f"/api/v1/departments/{missing}", headers=headers)
            assert response.status_code == 404
            assert response.json()["error"]["code"] == "unknown_department"


class TestCreateDepartmentThroughTheApi:
    def test_admin_creates_a_sub_department_and_the_audit_trail_has_it(self, client, db):
        t = _town(db)
        ean = valid_gln()
        response = client.post(
            "/api/v1/departments",
            headers=bearer(db, t["admin"]),
            json={
                "name": "  Solby Bibliotek ",
                "parent_id": t["children"].id,
                "ean": ean,
                "cost_centre": "2200",
                "account_string": "2200-45",
                "delivery_street": "Torvet 1",
                "delivery_postcode": "9999",
                "delivery_city": "Solby",
            },
        )
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["name"] == "Solby Bibliotek"
        assert body["parent_id"] == t["children"].id
        assert body["ean"] == ean
        created = db.get(Department, body["id"])
        assert created.municipality_id == t["town"].id and created.delivery_city == "Solby"
        [event] = _events(db, "department.create")
        assert event.entity_id == str(body["id"]) and event.actor_label == ADMIN
        assert event.after["name"] == "Solby Bibliotek" and event.after["cost_centre"] == "2200"

    def test_a_browser_session_must_send_the_csrf_header(self, client, db):
        _town(db)
        login(client, ADMIN)
        before = _count(db)
        refused = client.post("/api/v1/departments", json={"name": "Ældreplejen"})
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "csrf_failed"
        assert _count(db) == before
        accepted = client.post(
            "/api/v1/departments", json={"name": "Ældreplejen"}, headers=api_headers(client)
        )
        assert accepted.status_code == 201
        assert _count(db) == before + 1

    def test_bad_input_is_refused_and_changes_nothing(self, client, db):
        t = _town(db)
        other = make_department(db, make_municipality(db, "Nordby Kommune"), "Nordby Rådhus")
        headers = bearer(db, t["admin"])
        before = _count(db)
        cases = [
            ({"name": "A", "ean": _bad_gln()}, 422, "invalid_gln", "ean"),
            ({"name": "A", "ean": "579800000001"}, 422, "invalid_gln", "ean"),
            ({"name": "A", "ean": "57980000000AB"}, 422, "invalid_gln", "ean"),
            ({"name": "Vej og Park"}, 409, "duplicate_department", "name"),
            ({"name": "A", "parent_id": 987654}, 404, "unknown_department", None),
            ({"name": "A", "parent_id": other.id}, 404, "unknown_department", None),
            ({"name": "   "}, 422, "missing_name", "name"),
            ({"name": ""}, 422, "invalid_input", None),
            ({"parent_id": t["children"].id}, 422, "invalid_input", None),
            ({"name": "A", "parent_id": "top"}, 422, "invalid_input", None),
            ({"name": "A", "cost_centre": "9" * 51}, 422, "invalid_input", None),
            ({"name": "A", "delivery_postcode": "12345678901"}, 422, "invalid_input", None),
        ]
        for payload, status, code, field in cases:
            response = client.post("/api/v1/departments", json=payload, headers=headers)
            assert response.status_code == status, (payload, response.text)
            error = response.json()["error"]
            assert error["code"] == code, payload
            if field:
                assert error["field"] == field, payload
        assert _count(db) == before
        assert _events(db) == []


class TestUpdateDepartmentThroughTheApi:
    def test_update_is_audited_with_before_and_after_and_null_clears(self, client, db):
        t = _town(db)
        headers = bearer(db, t["admin"])
        response = client.patch(
            f"/api/v1/departments/{t['children'].id}",
            headers=headers,
            json={"name": "Børn, Unge og Familie", "cost_centre": "1200"},
        )
        assert response.status_code == 200, response.text
        assert response.json()["name"] == "Børn, Unge og Familie"
        department = _fresh(db, t["children"])
        assert department.cost_centre == "1200" and department.parent_id is None
        [event] = _events(db, "department.update")
        assert event.entity_id == str(t["children"].id)
        assert event.before["name"] == "Børn og Unge" and event.after["name"] == "Børn, Unge og Familie"
        assert event.before["cost_centre"] == "1100" and event.after["cost_centre"] == "1200"
        assert "ean" not in event.before and "ean" not in event.after
        cleared = client.patch(
            f"/api/v1/departments/{t['children'].id}", headers=headers, json={"cost_centre": None}
        )
        assert cleared.status_code == 200
        department = _fresh(db, t["children"])
        assert department.cost_centre is None and department.name == "Børn, Unge og Familie"

    def test_moving_and_detaching(self, client, db):
        t = _town(db)
        headers = bearer(db, t["admin"])
        moved = client.patch(
            f"/api/v1/departments/{t['school'].id}", headers=headers, json={"parent_id": t["roads"].id}
        )
        assert moved.status_code == 200 and moved.json()["parent_id"] == t["roads"].id
        detached = client.patch(
            f"/api/v1/departments/{t['school'].id}", headers=headers, json={"parent_id": None}
        )
        assert detached.status_code == 200 and detached.json()["parent_id"] is None
        assert _fresh(db, t["school"]).parent_id is None

    def test_bad_input_is_refused_and_changes_nothing(self, client, db):
        t = _town(db)
        headers = bearer(db, t["admin"])
        cases = [
            ({"name": "Vej og Park"}, 409, "duplicate_department"),
            ({"name": None}, 422, "invalid_input"),
            ({"name": ""}, 422, "invalid_input"),
            ({"name": "  "}, 422, "missing_name"),
            ({"ean": "123"}, 422, "invalid_gln"),
            ({"ean": _bad_gln()}, 422, "invalid_gln"),
            ({"parent_id": 987654}, 404, "unknown_department"),
            ({"parent_id": t["children"].id}, 422, "department_cycle"),
            ({"parent_id": t["school"].id}, 422, "department_cycle"),
            ({"cost_centre": "x" * 51}, 422, "invalid_input"),
        ]
        for payload, status, code in cases:
            response = client.patch(f"/api/v1/departments/{t['children'].id}", json=payload, headers=headers)
            assert response.status_code == status, (payload, response.text)
            assert response.json()["error"]["code"] == code, payload
        # A under B under A, one level down.
        cycle = client.patch(
            f"/api/v1/departments/{t['schools'].id}", json={"parent_id": t["school"].id}, headers=headers
        )
        assert cycle.status_code == 422 and cycle.json()["error"]["field"] == "parent_id"
        department = _fresh(db, t["children"])
        assert (department.name, department.ean, department.cost_centre) == ("Børn og Unge", None, "1100")
        assert department.parent_id is None and _fresh(db, t["schools"]).parent_id == t["children"].id
        assert _events(db) == []


class TestDepartmentScopedAdministrator:
    def _school_admin(self, db, t):
        return make_user(
            db,
            t["town"],
            "sune@solby.example",
            (Role.admin, t["schools"]),
            (Role.approver, t["roads"]),
            department=t["schools"],
        )

    def test_creates_and_places_departments_only_inside_its_own_subtree(self, client, db):
        t = _town(db)
        headers = bearer(db, self._school_admin(db, t))
        before = _count(db)
        refused = [
            client.post("/api/v1/departments", headers=headers, json={"name": "Ny", "parent_id": parent})
            for parent in (None, t["children"].id, t["roads"].id)
        ]
        # Vej og Park is visible through the approver role, but not administered.
        refused.append(
            client.patch(
                f"/api/v1/departments/{t['school'].id}", headers=headers, json={"parent_id": t["roads"].id}
            )
        )
        refused.append(
            client.patch(f"/api/v1/departments/{t['schools'].id}", headers=headers, json={"parent_id": None})
        )
        for response in refused:
            assert response.status_code == 403, response.request.url
            assert response.json()["error"]["code"] == "role_required"
        assert _count(db) == before
        assert _fresh(db, t["school"]).parent_id == t["schools"].id
        assert _fresh(db, t["schools"]).parent_id == t["children"].id
        assert _events(db) == []
        inside = client.post(
            "/api/v1/departments",
            headers=headers,
            json={"name": "Solby Skole SFO", "parent_id": t["school"].id},
        )
        assert inside.status_code == 201

    def test_can_save_its_top_department_from_the_form_without_moving_it(self, client, db):
        t = _town(db)
        self._school_admin(db, t)
        token = _sign_in(client, "sune@solby.example")
        form = client.get(f"/departments/{t['schools'].id}")
        assert form.status_code == 200
        assert "en afdeling uden for din adgang" in form.text and "(øverste niveau)" not in form.text
        assert f'name="parent_id" value="{t["children"].id}"' in form.text
        response = _submit(
            client,
            f"/departments/{t['schools'].id}",
            _form_values(t["schools"], parent_id=t["children"].id, cost_centre="3300"),
            token,
        )
        assert response.status_code == 303, response.text
        department = _fresh(db, t["schools"])
        assert department.cost_centre == "3300"
        assert department.parent_id == t["children"].id


class TestNewDepartmentPage:
    def test_form_in_danish_creates_and_the_list_says_so(self, client, db):
        t = _town(db)
        login(client, ADMIN)
        form = client.get("/departments/new")
        assert form.status_code == 200
        for text in (
            "<h1>Ny afdeling</h1>",
            '<label for="f-name">Navn <span class="required">(skal udfyldes)',
            '<label for="f-parent_id">Hører under</label>',
            "(øverste niveau)",
            '<label for="f-ean">EAN-nummer (GLN)</label>',
            '<label for="f-cost_centre">Omkostningssted',
            "<legend>Leveringsadresse</legend>",
            'name="csrf_token"',
        ):
            assert text in form.text, text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
        data = {
            "name": "Solby Bibliotek",
            "parent_id": str(t["children"].id),
            "ean": "",
            "cost_centre": "2200",
        }
        response = _submit(client, "/departments/new", data, token)
        assert response.status_code == 303
        assert response.headers["location"] == "/departments"
        created = db.scalar(select(Department).where(Department.name == "Solby Bibliotek"))
        assert created.parent_id == t["children"].id and created.ean is None
        page = client.get("/departments")
        assert "Afdelingen Solby Bibliotek er oprettet." in page.text
        assert "<h1>Afdelinger</h1>" in page.text and "Omkostningssted" in page.text
        for name, parent in (
            ("Skoleområdet", "Børn og Unge"),
            ("Solby Bibliotek", "Børn og Unge"),
            ("Vej og Park", ""),
        ):
            row = re.search(rf"{name}</a></th>\s*<td>([^<]*)</td>", page.text)
            assert row and row.group(1) == parent, name
        assert "er oprettet" not in client.get("/departments").text

    def test_invalid_ean_and_duplicate_name_are_shown_in_danish(self, client, db):
        _town(db)
        token = _sign_in(client, ADMIN)
        before = _count(db)
        page = _submit(client, "/departments/new", {"name": "Solby Bibliotek", "ean": "123"}, token)
        assert page.status_code == 422
        assert _field_error(page, "ean") == (
            "EAN/GLN-nummeret 123 er ikke gyldigt: det skal være 13 cifre med et korrekt GS1-kontrolciffer."
        )
        assert 'value="Solby Bibliotek"' in page.text
        page = _submit(client, "/departments/new", {"name": "Vej og Park"}, token)
        assert page.status_code == 422
        assert _field_error(page, "name") == "Der findes allerede en afdeling med navnet Vej og Park."
        page = _submit(client, "/departments/new", {"name": "", "cost_centre": "7"}, token)
        assert page.status_code == 422
        assert _field_error(page, "name") == "Feltet skal udfyldes."
        assert _count(db) == before
        assert _events(db) == []


class TestEditDepartmentPage:
    def test_form_shows_the_values_and_clearing_the_cost_centre_clears_it(self, client, db):
        t = _town(db)
        login(client, ADMIN)
        path = f"/departments/{t['children'].id}"
        page = client.get(path)
        assert page.status_code == 200
        assert "<h1>Rediger afdeling</h1>" in page.text
        assert 'id="f-cost_centre" name="cost_centre" type="text" value="1100"' in page.text
        child = client.get(f"/departments/{t['schools'].id}").text
        assert f'<option value="{t["children"].id}" selected>Børn og Unge</option>' in child
        # A department is not offered as its own parent.
        assert f'<option value="{t["schools"].id}"' not in child
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = _submit(client, path, _form_values(t["children"], cost_centre=""), token)
        assert response.status_code == 303
        assert "Afdelingen er gemt." in client.get(response.headers["location"]).text
        department = _fresh(db, t["children"])
        assert department.cost_centre is None and department.name == "Børn og Unge"
        [event] = _events(db, "department.update")
        assert event.before["cost_centre"] == "1100" and event.after["cost_centre"] is None

    def test_blank_name_or_a_cycle_shows_the_form_again_and_changes_nothing(self, client, db):
        t = _town(db)
        token = _sign_in(client, ADMIN)
        path = f"/departments/{t['children'].id}"
        page = _submit(client, path, _form_values(t["children"], name="", cost_centre="9999"), token)
        assert page.status_code == 422
        assert _field_error(page, "name") == "Feltet skal udfyldes."
        assert "Ret venligst følgende" in page.text
        page = _submit(
            client, path, _form_values(t["children"], parent_id=t["school"].id, cost_centre="9999"), token
        )
        assert page.status_code == 422
        assert _field_error(page, "parent_id") == "En afdeling kan ikke placeres under sig selv."
        page = _submit(client, path, _form_values(t["children"], cost_centre="9" * 51), token)
        assert page.status_code == 422
        assert _field_error(page, "cost_centre") == "Teksten er for lang."
        department = _fresh(db, t["children"])
        assert (department.name, department.cost_centre) == ("Børn og Unge", "1100")
        assert department.parent_id is None
        assert _events(db) == []


class TestRequisitioner:
    def test_is_refused_by_the_api_and_gets_the_danish_403_page(self, client, db):
        t = _town(db)
        headers = bearer(db, t["clerk"])
        before = _count(db)
        created = client.post(
            "/api/v1/departments",
            headers=headers,
            json={"name": "Pias afdeling", "parent_id": t["school"].id},
        )
        changed = client.patch(
            f"/api/v1/departments/{t['school'].id}", headers=headers, json={"cost_centre": "9"}
        )
        for response in (created, changed):
            assert response.status_code == 403
            assert response.json()["error"]["code"] == "role_required"
        token = _sign_in(client, CLERK)
        path = f"/departments/{t['school'].id}"
        responses = [
            client.get("/departments"),
            client.get("/departments/new"),
            client.get(path),
            _submit(client, "/departments/new", {"name": "Pias afdeling"}, token),
            _submit(client, path, _form_values(t["school"], cost_centre="9"), token),
        ]
        for response in responses:
            assert response.status_code == 403, response.request.url
            assert "<code>role_required</code> (403)" in response.text
        assert "<h1>Du har ikke den rolle, der skal til for dette.</h1>" in responses[0].text
        only_admins = "<h1>Kun en administrator for den overordnede afdeling kan gøre dette.</h1>"
        assert only_admins in responses[-1].text
        assert _count(db) == before
        assert _fresh(db, t["school"]).cost_centre is None
        assert _events(db) == []
