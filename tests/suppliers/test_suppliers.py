"""Suppliers through the JSON API and the pages: CVR and GLN checks, who may change them, the audit trail."""

import re

import pytest
from sqlalchemy import func, select

from app.models import AuditEvent, Role, Supplier
from tests.factories import PASSWORD, make_municipality, make_supplier, make_user, valid_cvr, valid_gln
from tests.helpers import bearer, csrf_token, login

BUYER = "ivan@solby.example"
CLERK = "pia@solby.example"


pytestmark = pytest.mark.usefixtures("one_app_per_module")


def _setup(db):
    town = make_municipality(db, "Solby Kommune")
    buyer = make_user(db, town, BUYER, (Role.procurement, None), name="Ivan Indkøber")
    clerk = make_user(db, town, CLERK, (Role.requisitioner, None), name="Pia Pedersen")
    fruit = make_supplier(db, "Nordfrugt Engros A/S")
    office = make_supplier(db, "Kontorhuset Danmark A/S")
    return {"town": town, "buyer": buyer, "clerk": clerk, "fruit": fruit, "office": office}


def _count(db):
    return db.scalar(select(func.count()).select_from(Supplier))


def _events(db, action=None):
    stmt = select(AuditEvent).where(AuditEvent.entity_type == "supplier")
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    return list(db.scalars(stmt))


def _fresh(db, supplier):
    db.expire_all()
    return db.get(Supplier, supplier.id)


def _wrong_check_digit(number):
    return number[:-1] + str((int(number[-1]) + 1) % 10)


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


def _error(response):
    return response.json()["error"]["code"]


class TestListSuppliers:
    def test_everyone_lists_all_suppliers_and_searches_by_name_or_cvr(self, client, db):
        s = _setup(db)
        headers = bearer(db, s["clerk"])
        response = client.get("/api/v1/suppliers", headers=headers)
        assert response.status_code == 200
        assert [x["name"] for x in response.json()] == ["Kontorhuset Danmark A/S", "Nordfrugt Engros A/S"]
        assert response.json()[1]["cvr"] == s["fruit"].cvr and response.json()[1]["gln"] == s["fruit"].gln
        by_name = client.get("/api/v1/suppliers", params={"q": "KONTOR"}, headers=headers).json()
        assert [x["name"] for x in by_name] == ["Kontorhuset Danmark A/S"]
        by_cvr = client.get("/api/v1/suppliers", params={"q": s["fruit"].cvr[:6]}, headers=headers).json()
        assert [x["name"] for x in by_cvr] == ["Nordfrugt Engros A/S"]
        one = client.get(f"/api/v1/suppliers/{s['office'].id}", headers=headers)
        assert one.status_code == 200 and one.json()["name"] == "Kontorhuset Danmark A/S"
        missing = client.get("/api/v1/suppliers/987654", headers=headers)
        assert missing.status_code == 404 and _error(missing) == "unknown_supplier"

    def test_page_searches_and_offers_editing_to_procurement_only(self, client, db, make_client):
        s = _setup(db)
        login(client, BUYER)
        page = client.get("/suppliers")
        assert page.status_code == 200
        assert "<h1>Leverandører</h1>" in page.text and "Søg på navn eller CVR" in page.text
        assert 'href="/suppliers/new"' in page.text
        assert f'<a href="/suppliers/{s["fruit"].id}">Nordfrugt Engros A/S</a>' in page.text
        found = client.get("/suppliers", params={"q": "nordfrugt"})
        assert "Nordfrugt Engros A/S" in found.text and "Kontorhuset" not in found.text
        assert "Ingen leverandører fundet." in client.get("/suppliers", params={"q": "findes ikke"}).text
        clerk = make_client()
        login(clerk, CLERK)
        page = clerk.get("/suppliers")
        assert page.status_code == 200
        assert "Nordfrugt Engros A/S" in page.text
        assert 'href="/suppliers/new"' not in page.text
        assert f'href="/suppliers/{s["fruit"].id}"' not in page.text


class TestCreateSupplierThroughTheApi:
    def test_procurement_creates_with_a_normalised_cvr_and_the_audit_trail_has_it(self, client, db):
        s = _setup(db)
        cvr, gln = valid_cvr(), valid_gln()
        spaced = f"DK {cvr[:2]} {cvr[2:4]} {cvr[4:6]} {cvr[6:]}"
        response = client.post(
            "/api/v1/suppliers",
            headers=bearer(db, s["buyer"]),
            json={
                "name": " Renfix Forbrug ApS ",
                "cvr": spaced,
                "gln": gln,
                "contact_name": "Ordrekontoret",
                "contact_email": "ordre@renfix.example",
                "contact_phone": "+45 70 00 00 00",
            },
        )
        assert response.status_code == 201, response.text
        body = response.json()
        assert (body["name"], body["cvr"], body["gln"]) == ("Renfix Forbrug ApS", cvr, gln)
        assert db.get(Supplier, body["id"]).contact_email == "ordre@renfix.example"
        [event] = _events(db, "supplier.create")
        assert event.after["cvr"] == cvr and event.actor_label == BUYER
        # Suppliers are shared; the event is kept under the acting municipality.
        assert event.municipality_id == s["town"].id

    def test_bad_input_is_refused_and_changes_nothing(self, client, db):
        s = _setup(db)
        headers = bearer(db, s["buyer"])
        before = _count(db)
        cvr = valid_cvr()
        good = {"name": "Renfix Forbrug ApS", "cvr": cvr}
        cases = [
            ({"cvr": _wrong_check_digit(cvr)}, 422, "invalid_cvr", "cvr"),
            ({"cvr": cvr[:7]}, 422, "invalid_cvr", "cvr"),
            ({"cvr": cvr + "1"}, 422, "invalid_cvr", "cvr"),
            ({"cvr": cvr[:6] + "AB"}, 422, "invalid_cvr", "cvr"),
            ({"cvr": "0" + cvr[1:]}, 422, "invalid_cvr", "cvr"),
            ({"gln": _wrong_check_digit(valid_gln())}, 422, "invalid_gln", "gln"),
            ({"gln": valid_gln()[:12]}, 422, "invalid_gln", "gln"),
            ({"gln": "57900000000AB"}, 422, "invalid_gln", "gln"),
            ({"cvr": s["fruit"].cvr}, 409, "duplicate_cvr", "cvr"),
            ({"cvr": "DK" + s["fruit"].cvr}, 409, "duplicate_cvr", "cvr"),
            ({"gln": s["office"].gln}, 409, "duplicate_gln", "gln"),
            ({"name": "   "}, 422, "invalid_input", None),
            ({"name": None}, 422, "invalid_input", None),
            ({"cvr": None}, 422, "invalid_input", None),
            ({"contact_phone": "1" * 41}, 422, "invalid_input", None),
        ]
        for change, status, code, field in cases:
            response = client.post("/api/v1/suppliers", headers=headers, json={**good, **change})
            assert response.status_code == status, (change, response.text)
            assert _error(response) == code, change
            if field:
                assert response.json()["error"]["field"] == field, change
        assert _count(db) == before
        assert _events(db) == []


class TestUpdateSupplierThroughTheApi:
    def test_update_is_audited_with_before_and_after(self, client, db):
        s = _setup(db)
        old_gln, new_gln = s["fruit"].gln, valid_gln()
        response = client.patch(
            f"/api/v1/suppliers/{s['fruit'].id}",
            headers=bearer(db, s["buyer"]),
            json={
                "name": "Nordfrugt A/S",
                "gln": new_gln,
                "contact_email": "ordre@nordfrugt.example",
                "cvr": valid_cvr(),
            },
        )
        assert response.status_code == 200, response.text
        supplier = _fresh(db, s["fruit"])
        assert (supplier.name, supplier.gln) == ("Nordfrugt A/S", new_gln)
        assert supplier.contact_email == "ordre@nordfrugt.example"
        # The CVR identifies the supplier and is not changed through an update.
        assert response.json()["cvr"] == s["fruit"].cvr == supplier.cvr
        [event] = _events(db, "supplier.update")
        assert event.before["name"] == "Nordfrugt Engros A/S" and event.after["name"] == "Nordfrugt A/S"
        assert event.before["gln"] == old_gln and event.after["gln"] == new_gln
        assert event.before["contact_email"] is None
        assert "cvr" not in event.before and "cvr" not in event.after

    def test_an_empty_gln_clears_it_for_more_than_one_supplier(self, client, db):
        s = _setup(db)
        headers = bearer(db, s["buyer"])
        for supplier in (s["fruit"], s["office"]):
            response = client.patch(f"/api/v1/suppliers/{supplier.id}", headers=headers, json={"gln": ""})
            assert response.status_code == 200, response.text
            assert response.json()["gln"] is None
        assert _fresh(db, s["fruit"]).gln is None and _fresh(db, s["office"]).gln is None
        cleared = client.patch(f"/api/v1/suppliers/{s['fruit'].id}", headers=headers, json={"gln": None})
        assert cleared.status_code == 200

    def test_bad_input_is_refused_and_changes_nothing(self, client, db):
        s = _setup(db)
        headers = bearer(db, s["buyer"])
        gln = s["fruit"].gln
        cases = [
            ({"gln": _wrong_check_digit(valid_gln())}, 422, "invalid_gln"),
            ({"gln": "   "}, 422, "invalid_gln"),
            ({"gln": s["office"].gln}, 409, "duplicate_gln"),
            ({"name": None}, 422, "invalid_input"),
            ({"name": ""}, 422, "invalid_input"),
            ({"name": "  "}, 422, "invalid_input"),
            ({"contact_email": "x" * 255}, 422, "invalid_input"),
        ]
        for payload, status, code in cases:
            response = client.patch(f"/api/v1/suppliers/{s['fruit'].id}", headers=headers, json=payload)
            assert response.status_code == status, (payload, response.text)
            assert _error(response) == code, payload
        missing = client.patch("/api/v1/suppliers/987654", headers=headers, json={"name": "X"})
        assert missing.status_code == 404 and _error(missing) == "unknown_supplier"
        supplier = _fresh(db, s["fruit"])
        assert (supplier.name, supplier.gln, supplier.contact_email) == ("Nordfrugt Engros A/S", gln, None)
        assert _events(db) == []


class TestNewSupplierPage:
    def test_form_in_danish_creates_and_the_list_says_so(self, client, db):
        _setup(db)
        login(client, BUYER)
        page = client.get("/suppliers/new")
        assert page.status_code == 200
        for text in (
            "<h1>Ny leverandør</h1>",
            '<label for="f-name">Navn',
            '<label for="f-cvr">CVR-nummer',
            "8 cifre",
            '<label for="f-gln">GLN (EAN-lokationsnummer)</label>',
            "Kontaktperson",
            "Kontakt-e-mail",
            "Kontakttelefon",
            ">Gem</button>",
            'name="csrf_token"',
        ):
            assert text in page.text, text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        cvr = valid_cvr()
        response = _submit(
            client,
            "/suppliers/new",
            {
                "name": "Renfix Forbrug ApS",
                "cvr": cvr,
                "gln": "",
                "contact_name": "",
                "contact_email": "",
                "contact_phone": "",
            },
            token,
        )
        assert response.status_code == 303
        assert response.headers["location"] == "/suppliers"
        supplier = db.scalar(select(Supplier).where(Supplier.cvr == cvr))
        assert supplier.name == "Renfix Forbrug ApS"
        assert supplier.gln is None and supplier.contact_name is None
        assert "Leverandøren Renfix Forbrug ApS er oprettet." in client.get("/suppliers").text

    def test_mistakes_are_shown_in_danish_and_change_nothing(self, client, db):
        s = _setup(db)
        token = _sign_in(client, BUYER)
        before = _count(db)
        bad_gln = _wrong_check_digit(valid_gln())
        good = {"name": "Renfix Forbrug ApS", "cvr": valid_cvr()}
        cases = [
            (
                {"cvr": "123"},
                "cvr",
                "CVR-nummeret 123 er ikke gyldigt: det skal være 8 cifre, der består modulus 11-kontrollen.",
            ),
            (
                {"cvr": s["fruit"].cvr},
                "cvr",
                f"Der findes allerede en leverandør med CVR {s['fruit'].cvr}: Nordfrugt Engros A/S.",
            ),
            (
                {"gln": bad_gln},
                "gln",
                f"EAN/GLN-nummeret {bad_gln} er ikke gyldigt: det skal være 13 cifre med et korrekt "
                "GS1-kontrolciffer.",
            ),
            (
                {"gln": s["office"].gln},
                "gln",
                f"En anden leverandør (Kontorhuset Danmark A/S) har allerede GLN {s['office'].gln}.",
            ),
            ({"name": ""}, "name", "Feltet skal udfyldes."),
            ({"cvr": ""}, "cvr", "Feltet skal udfyldes."),
        ]
        for change, field, message in cases:
            page = _submit(client, "/suppliers/new", {**good, **change}, token)
            assert page.status_code == 422, change
            assert _field_error(page, field) == message, change
        assert 'value="Renfix Forbrug ApS"' in page.text
        assert _count(db) == before
        assert _events(db) == []


class TestEditSupplierPage:
    def test_clearing_optional_fields_clears_them_and_a_blank_name_is_refused(self, client, db):
        s = _setup(db)
        gln = s["fruit"].gln
        login(client, BUYER)
        path = f"/suppliers/{s['fruit'].id}"
        page = client.get(path)
        assert page.status_code == 200
        assert "<h1>Rediger leverandør</h1>" in page.text
        assert f'value="{gln}"' in page.text and 'name="cvr"' not in page.text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        blank = _submit(client, path, {"name": "", "gln": "", "contact_name": "Ny"}, token)
        assert blank.status_code == 422
        assert _field_error(blank, "name") == "Feltet skal udfyldes."
        assert _fresh(db, s["fruit"]).gln == gln
        saved = _submit(
            client,
            path,
            {
                "name": "Nordfrugt Engros A/S",
                "gln": "",
                "contact_name": "Ordrekontoret",
                "contact_email": "",
                "contact_phone": "",
            },
            token,
        )
        assert saved.status_code == 303
        assert "Leverandøren er gemt." in client.get("/suppliers").text
        supplier = _fresh(db, s["fruit"])
        assert supplier.gln is None and supplier.contact_name == "Ordrekontoret"
        [event] = _events(db, "supplier.update")
        assert event.before["gln"] == gln and event.after["gln"] is None


class TestRequisitioner:
    def test_is_refused_by_the_api_and_gets_the_danish_403_page(self, client, db):
        s = _setup(db)
        headers = bearer(db, s["clerk"])
        before = _count(db)
        created = client.post("/api/v1/suppliers", headers=headers, json={"name": "X", "cvr": valid_cvr()})
        changed = client.patch(f"/api/v1/suppliers/{s['fruit'].id}", headers=headers, json={"name": "X"})
        for response in (created, changed):
            assert response.status_code == 403 and _error(response) == "role_required"
        token = _sign_in(client, CLERK)
        path = f"/suppliers/{s['fruit'].id}"
        responses = [
            client.get("/suppliers/new"),
            client.get(path),
            _submit(client, "/suppliers/new", {"name": "X", "cvr": valid_cvr()}, token),
            _submit(client, path, {"name": "X"}, token),
        ]
        for response in responses:
            assert response.status_code == 403, response.request.url
            assert "<h1>Du har ikke den rolle, der skal til for dette.</h1>" in response.text
        assert _count(db) == before
        assert _fresh(db, s["fruit"]).name == "Nordfrugt Engros A/S"
        assert _events(db) == []
