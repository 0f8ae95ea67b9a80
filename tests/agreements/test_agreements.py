"""Agreements through the JSON API and the pages: local and national, join and leave, bad input, audit."""

import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.models import Agreement, AgreementMembership, AuditEvent, Role
from tests.factories import PASSWORD, make_agreement, make_municipality, make_supplier, make_user, valid_cvr
from tests.helpers import bearer, csrf_token, login

BUYER = "ivan@solby.example"
CLERK = "pia@solby.example"


pytestmark = pytest.mark.usefixtures("one_app_per_module")


def _setup(db):
    town = make_municipality(db, "Solby Kommune")
    other = make_municipality(db, "Nordby Kommune")
    fruit = make_supplier(db, "Nordfrugt Engros A/S")
    office = make_supplier(db, "Kontorhuset Danmark A/S")
    food = make_agreement(db, "50.90", fruit, joined_by=(town,), title="Fødevarer")
    paper = make_agreement(db, "50.55", office, title="Kontorvarer")
    local = make_agreement(db, "L-1", office, owner=town, joined_by=(town,), title="Solbys kaffeaftale")
    foreign = make_agreement(db, "N-1", fruit, owner=other, joined_by=(other,), title="Nordbys frugtaftale")
    buyer = make_user(db, town, BUYER, (Role.procurement, None), name="Ivan Indkøber")
    clerk = make_user(db, town, CLERK, (Role.requisitioner, None), name="Pia Pedersen")
    return {
        "town": town,
        "other": other,
        "fruit": fruit,
        "office": office,
        "food": food,
        "paper": paper,
        "local": local,
        "foreign": foreign,
        "buyer": buyer,
        "clerk": clerk,
    }


def _counts(db):
    return (
        db.scalar(select(func.count()).select_from(Agreement)),
        db.scalar(select(func.count()).select_from(AgreementMembership)),
    )


def _events(db, action=None):
    stmt = select(AuditEvent).where(AuditEvent.entity_type == "agreement")
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    return list(db.scalars(stmt))


def _fresh(db, agreement):
    db.expire_all()
    return db.get(Agreement, agreement.id)


def _joined(db, town, agreement):
    membership = select(AgreementMembership).where(
        AgreementMembership.municipality_id == town.id, AgreementMembership.agreement_id == agreement.id
    )
    return db.scalar(membership) is not None


def _field_error(page, field):
    """The message beside the field, or in the summary for fields drawn without the shared macro."""
    match = re.search(rf'id="f-{field}(?:-error)?">([^<]*)<', page.text) or re.search(
        rf'<a href="#f-{field}">([^<]*)</a>', page.text
    )
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


def _numbers(response):
    return [a["number"] for a in response.json()]


class TestListAgreements:
    def test_procurement_sees_joined_ones_and_with_available_all_it_could_join(self, client, db):
        s = _setup(db)
        headers = bearer(db, s["buyer"])
        joined = client.get("/api/v1/agreements", headers=headers)
        assert joined.status_code == 200
        assert _numbers(joined) == ["50.90", "L-1"]
        available = client.get("/api/v1/agreements", params={"available": "true"}, headers=headers).json()
        flags = {a["number"]: (a["national"], a["joined"]) for a in available}
        assert flags == {"50.55": (True, False), "50.90": (True, True), "L-1": (False, True)}
        food = next(a for a in available if a["number"] == "50.90")
        assert [x["cvr"] for x in food["suppliers"]] == [s["fruit"].cvr]
        assert food["channels"] == ["catalogue"] and food["binding"] is True
        foreign = client.get(f"/api/v1/agreements/{s['foreign'].id}", headers=headers)
        assert foreign.status_code == 404 and _error(foreign) == "unknown_agreement"

    def test_requisitioner_sees_only_joined_agreements(self, client, db):
        s = _setup(db)
        headers = bearer(db, s["clerk"])
        assert _numbers(client.get("/api/v1/agreements", headers=headers)) == ["50.90", "L-1"]
        assert _numbers(client.get("/api/v1/agreements?available=true", headers=headers)) == ["50.90", "L-1"]
        assert client.get(f"/api/v1/agreements/{s['food'].id}", headers=headers).status_code == 200
        for hidden in (s["paper"], s["foreign"]):
            response = client.get(f"/api/v1/agreements/{hidden.id}", headers=headers)
            assert response.status_code == 404 and _error(response) == "unknown_agreement"
        login(client, CLERK)
        page = client.get("/agreements?show=all")
        assert "Fødevarer" in page.text and "Solbys kaffeaftale" in page.text
        assert "Kontorvarer" not in page.text and "Alle tilgængelige" not in page.text
        detail = client.get(f"/agreements/{s['paper'].id}")
        assert detail.status_code == 404
        assert f"<h1>Aftale {s['paper'].id} blev ikke fundet.</h1>" in detail.text
        joined = client.get(f"/agreements/{s['food'].id}")
        assert joined.status_code == 200
        assert "Tilslut aftalen" not in joined.text and "Forlad aftalen" not in joined.text


class TestCreateLocalAgreementThroughTheApi:
    def test_procurement_officer_creates_a_local_agreement_joined_at_once(self, client, db):
        s = _setup(db)
        response = client.post(
            "/api/v1/agreements",
            headers=bearer(db, s["buyer"]),
            json={
                "number": " SOL-2026-01 ",
                "title": "Rengøring",
                "category": "Forbrugsartikler",
                "supplier_cvr": s["fruit"].cvr,
                "supplier_cvrs": ["DK" + s["office"].cvr, s["fruit"].cvr],
                "valid_from": "2026-01-01",
                "valid_to": "2027-12-31",
                "binding": False,
                "channels": ["catalogue", "punchout"],
                "minimum_order_value": "1.234,50",
                "fee_rules": "Fragtfrit",
            },
        )
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["number"] == "SOL-2026-01"
        assert body["national"] is False and body["joined"] is True
        assert body["minimum_order_value"] == "1234.50"
        assert body["channels"] == ["catalogue", "punchout"] and body["binding"] is False
        names = sorted(x["name"] for x in body["suppliers"])
        assert names == ["Kontorhuset Danmark A/S", "Nordfrugt Engros A/S"]
        agreement = db.get(Agreement, body["id"])
        assert agreement.municipality_id == s["town"].id
        assert agreement.valid_to == date(2027, 12, 31)
        assert _joined(db, s["town"], agreement)
        [event] = _events(db, "agreement.create")
        assert event.entity_id == str(body["id"]) and event.municipality_id == s["town"].id
        assert event.after["number"] == "SOL-2026-01"
        assert Decimal(event.after["minimum_order_value"]) == Decimal("1234.50")
        # Numbers are unique among national agreements and the municipality's own, not across municipalities.
        same_as_nordby = client.post(
            "/api/v1/agreements",
            headers=bearer(db, s["buyer"]),
            json={"number": "N-1", "title": "Frugt", "supplier_cvr": s["fruit"].cvr},
        )
        assert same_as_nordby.status_code == 201, same_as_nordby.text

    def test_bad_input_is_refused_and_changes_nothing(self, client, db):
        s = _setup(db)
        headers = bearer(db, s["buyer"])
        before = _counts(db)
        unknown = valid_cvr()
        good = {"number": "SOL-1", "title": "Rengøring", "supplier_cvr": s["fruit"].cvr}
        cases = [
            ({"supplier_cvr": unknown}, 422, "unknown_supplier"),
            ({"supplier_cvr": None, "supplier_cvrs": [s["fruit"].cvr, unknown]}, 422, "unknown_supplier"),
            ({"supplier_cvr": "12345678"}, 422, "invalid_cvr"),
            ({"supplier_cvr": "1234"}, 422, "invalid_cvr"),
            ({"supplier_cvr": None}, 422, "missing_supplier"),
            ({"number": "50.90"}, 409, "duplicate_agreement"),
            ({"number": "L-1"}, 409, "duplicate_agreement"),
            ({"valid_from": "2026-06-01", "valid_to": "2026-05-31"}, 422, "invalid_period"),
            ({"minimum_order_value": "-1"}, 422, "invalid_input"),
            ({"minimum_order_value": "-1.234,50"}, 422, "invalid_input"),
            ({"minimum_order_value": "en del"}, 422, "invalid_input"),
            ({"channels": ["fax"]}, 422, "invalid_input"),
            ({"status": "closed"}, 422, "invalid_input"),
            ({"valid_from": "31-12-2026"}, 422, "invalid_input"),
            ({"title": "  "}, 422, "invalid_input"),
            ({"number": " "}, 422, "invalid_input"),
            ({"number": "x" * 41}, 422, "invalid_input"),
        ]
        for change, status, code in cases:
            response = client.post("/api/v1/agreements", headers=headers, json={**good, **change})
            assert response.status_code == status, (change, response.text)
            assert _error(response) == code, change
        period = client.post(
            "/api/v1/agreements",
            headers=headers,
            json={**good, "valid_from": "2026-06-01", "valid_to": "2026-05-31"},
        )
        assert period.json()["error"]["field"] == "valid_to"
        assert _counts(db) == before
        assert _events(db) == []


class TestNationalAgreements:
    def test_join_and_leave_are_audited_and_not_repeated(self, client, db):
        s = _setup(db)
        headers = bearer(db, s["buyer"])
        path = f"/api/v1/agreements/{s['paper'].id}"
        joined = client.post(f"{path}/join", headers=headers)
        assert joined.status_code == 200
        assert joined.json()["joined"] is True and joined.json()["national"] is True
        again = client.post(f"{path}/join", headers=headers)
        assert again.status_code == 409 and _error(again) == "already_joined"
        assert _joined(db, s["town"], s["paper"])
        left = client.post(f"{path}/leave", headers=headers)
        assert left.status_code == 200 and left.json()["joined"] is False
        again = client.post(f"{path}/leave", headers=headers)
        assert again.status_code == 409 and _error(again) == "not_joined"
        assert not _joined(db, s["town"], s["paper"])
        assert [e.action for e in _events(db)] == ["agreement.join", "agreement.leave"]
        assert {e.municipality_id for e in _events(db)} == {s["town"].id}
        foreign = client.post(f"/api/v1/agreements/{s['foreign'].id}/join", headers=headers)
        assert foreign.status_code == 404

    def test_cannot_be_changed_through_the_api_or_the_pages(self, client, db):
        s = _setup(db)
        response = client.patch(
            f"/api/v1/agreements/{s['food'].id}",
            headers=bearer(db, s["buyer"]),
            json={"title": "Mine fødevarer"},
        )
        assert response.status_code == 403 and _error(response) == "national_agreement"
        token = _sign_in(client, BUYER)
        path = f"/agreements/{s['food'].id}"
        detail = client.get(path)
        assert "National aftale (SKI)" in detail.text and f'href="{path}/edit"' not in detail.text
        message = "<h1>Nationale aftaler vedligeholdes centralt og kan ikke ændres her.</h1>"
        form = client.get(f"{path}/edit")
        assert form.status_code == 403 and message in form.text
        data = {"title": "Mine fødevarer", "supplier_cvrs": [s["fruit"].cvr], "status": "active"}
        posted = _submit(client, f"{path}/edit", data, token)
        assert posted.status_code == 403 and message in posted.text
        assert _fresh(db, s["food"]).title == "Fødevarer"
        assert _events(db) == []


class TestUpdateLocalAgreementThroughTheApi:
    def test_update_is_audited_with_before_and_after(self, client, db):
        s = _setup(db)
        response = client.patch(
            f"/api/v1/agreements/{s['local'].id}",
            headers=bearer(db, s["buyer"]),
            json={
                "title": "Kaffe og te",
                "valid_to": "2026-12-31",
                "minimum_order_value": "500,00",
                "channels": ["free_text"],
                "supplier_cvrs": [s["fruit"].cvr],
                "status": "draft",
            },
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["channels"] == ["free_text"] and body["status"] == "draft" and body["joined"] is True
        assert [x["cvr"] for x in body["suppliers"]] == [s["fruit"].cvr]
        agreement = _fresh(db, s["local"])
        assert (agreement.title, agreement.valid_to) == ("Kaffe og te", date(2026, 12, 31))
        assert agreement.minimum_order_value == Decimal("500") and agreement.number == "L-1"
        [event] = _events(db, "agreement.update")
        assert event.before["title"] == "Solbys kaffeaftale" and event.after["title"] == "Kaffe og te"
        assert event.before["valid_to"] is None and event.after["valid_to"] == "2026-12-31"
        assert event.before["channel_catalogue"] is True and event.after["channel_catalogue"] is False
        assert event.after["channel_free_text"] is True and event.after["status"] == "draft"
        assert "number" not in event.after and "binding" not in event.after

    def test_bad_input_is_refused_and_changes_nothing(self, client, db):
        s = _setup(db)
        headers = bearer(db, s["buyer"])
        path = f"/api/v1/agreements/{s['local'].id}"
        cases = [
            ({"valid_from": "2026-06-01", "valid_to": "2026-05-31"}, 422, "invalid_period"),
            ({"valid_to": "2024-12-31"}, 422, "invalid_period"),
            ({"minimum_order_value": "-0,01"}, 422, "invalid_input"),
            ({"supplier_cvrs": [valid_cvr()]}, 422, "unknown_supplier"),
            ({"supplier_cvrs": ["1234567A"]}, 422, "invalid_cvr"),
            ({"supplier_cvrs": []}, 422, "missing_supplier"),
            ({"title": None}, 422, "invalid_input"),
            ({"title": " "}, 422, "invalid_input"),
            ({"status": "closed"}, 422, "invalid_input"),
            ({"binding": None}, 422, "invalid_input"),
        ]
        for payload, status, code in cases:
            response = client.patch(path, headers=headers, json={"title": "Ændret", **payload})
            assert response.status_code == status, (payload, response.text)
            assert _error(response) == code, payload
        agreement = _fresh(db, s["local"])
        assert (agreement.title, agreement.valid_from) == ("Solbys kaffeaftale", date(2025, 1, 1))
        assert agreement.valid_to is None
        assert agreement.minimum_order_value is None and agreement.binding is True
        foreign = client.patch(f"/api/v1/agreements/{s['foreign'].id}", headers=headers, json={"title": "X"})
        assert foreign.status_code == 404 and _error(foreign) == "unknown_agreement"
        assert _fresh(db, s["foreign"]).title == "Nordbys frugtaftale"
        assert _events(db) == []


class TestNewAgreementPage:
    def test_form_in_danish_creates_with_a_danish_amount_and_the_detail_page_says_so(self, client, db):
        s = _setup(db)
        login(client, BUYER)
        page = client.get("/agreements/new")
        assert page.status_code == 200
        for text in (
            "<h1>Ny lokal aftale</h1>",
            '<label for="f-number">Aftalenummer',
            '<label for="f-title">Titel',
            "<legend>Leverandører</legend>",
            f"Nordfrugt Engros A/S (CVR {s['fruit'].cvr})",
            '<label for="f-valid_from">Gyldig fra</label>',
            '<label for="f-valid_to">Gyldig til</label>',
            "Forpligtende (indkøb skal ske på denne aftale)",
            "<legend>Kanaler</legend>",
            "E-katalog",
            '<label for="f-minimum_order_value">Minimumsordre (kr.)</label>',
            "Gebyrregler",
        ):
            assert text in page.text, text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = _submit(
            client,
            "/agreements/new",
            {
                "number": "SOL-7",
                "title": "Rengøring",
                "category": "",
                "supplier_cvrs": [s["office"].cvr],
                "valid_from": "2026-01-01",
                "valid_to": "",
                "binding": "on",
                "channels": ["catalogue", "free_text"],
                "minimum_order_value": "1.234,50",
                "fee_rules": "",
                "status": "active",
            },
            token,
        )
        assert response.status_code == 303, response.text
        agreement = db.scalar(select(Agreement).where(Agreement.number == "SOL-7"))
        assert response.headers["location"] == f"/agreements/{agreement.id}"
        assert agreement.minimum_order_value == Decimal("1234.50") and agreement.category is None
        assert agreement.channel_free_text and not agreement.channel_punchout
        assert agreement.municipality_id == s["town"].id and _joined(db, s["town"], agreement)
        page = client.get(response.headers["location"])
        for text in (
            "Aftale SOL-7 er oprettet.",
            "Lokal aftale",
            "1.234,50 kr.",
            "01-01-2026",
            "Er tilsluttet",
            "Forlad aftalen",
            f'href="/agreements/{agreement.id}/edit"',
            "E-katalog, Fritekst",
        ):
            assert text in page.text, text

    def test_mistakes_are_shown_in_danish_and_change_nothing(self, client, db):
        s = _setup(db)
        token = _sign_in(client, BUYER)
        before = _counts(db)
        unknown = valid_cvr()
        good = {
            "number": "SOL-7",
            "title": "Rengøring",
            "supplier_cvrs": [s["office"].cvr],
            "status": "active",
            "channels": ["catalogue"],
            "binding": "on",
        }
        cases = [
            ({"supplier_cvrs": []}, "supplier_cvr", "En aftale skal have mindst én leverandør."),
            (
                {"supplier_cvrs": [unknown]},
                "supplier_cvr",
                f"Ingen leverandør har CVR {unknown}. Opret leverandøren først.",
            ),
            (
                {"valid_from": "2026-06-01", "valid_to": "2026-05-01"},
                "valid_to",
                "Aftalen kan ikke slutte, før den begynder.",
            ),
            ({"valid_from": "1. juni 2026"}, "valid_from", "Skriv en dato som ÅÅÅÅ-MM-DD."),
            ({"minimum_order_value": "-100,00"}, "minimum_order_value", "Værdien må ikke være negativ."),
            ({"minimum_order_value": "hundrede"}, "minimum_order_value", "Skriv et beløb, fx 1.234,50."),
            ({"title": ""}, "title", "Feltet skal udfyldes."),
            ({"number": "50.90"}, "number", "Der findes allerede en aftale med nummer 50.90."),
            ({"channels": ["fax"]}, "channels", "Vælg en af mulighederne."),
        ]
        for change, field, message in cases:
            page = _submit(client, "/agreements/new", {**good, **change}, token)
            assert page.status_code == 422, change
            assert _field_error(page, field) == message, change
        assert 'value="Rengøring"' in page.text
        assert f'value="{s["office"].cvr}" checked' in page.text
        assert _counts(db) == before
        assert _events(db) == []


class TestEditAgreementPage:
    def _form(self, cvr, **changes):
        values = {
            "title": "Solbys kaffeaftale",
            "category": "",
            "supplier_cvrs": [cvr],
            "valid_from": "2025-01-01",
            "valid_to": "",
            "binding": "on",
            "channels": ["catalogue"],
            "minimum_order_value": "",
            "fee_rules": "",
            "status": "active",
        }
        return {key: value for key, value in {**values, **changes}.items() if value is not None}

    def test_saving_clears_optional_fields_and_a_blank_title_is_refused(self, client, db):
        s = _setup(db)
        cvr = s["office"].cvr
        s["local"].category, s["local"].minimum_order_value = "Kaffe", Decimal("300")
        db.flush()
        login(client, BUYER)
        path = f"/agreements/{s['local'].id}/edit"
        page = client.get(path)
        assert page.status_code == 200
        assert "<h1>Rediger aftale</h1>" in page.text and 'value="Kaffe"' in page.text
        assert f'value="{cvr}" checked' in page.text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        blank = _submit(client, path, self._form(cvr, title="", category="Te"), token)
        assert blank.status_code == 422
        assert _field_error(blank, "title") == "Feltet skal udfyldes."
        assert _fresh(db, s["local"]).category == "Kaffe"
        assert _events(db) == []
        saved = _submit(client, path, self._form(cvr, minimum_order_value="2.000,00"), token)
        assert saved.status_code == 303
        assert "Aftalen er gemt." in client.get(saved.headers["location"]).text
        agreement = _fresh(db, s["local"])
        assert agreement.category is None and agreement.minimum_order_value == Decimal("2000")
        saved = _submit(client, path, self._form(cvr, binding=None), token)
        assert saved.status_code == 303
        assert _fresh(db, s["local"]).binding is False and _fresh(db, s["local"]).minimum_order_value is None

    def test_list_tabs_and_the_join_and_leave_buttons_say_so_in_danish(self, client, db):
        s = _setup(db)
        login(client, BUYER)
        listing = client.get("/agreements")
        assert listing.status_code == 200
        assert "Tilsluttet af din kommune" in listing.text and 'href="/agreements/new"' in listing.text
        assert "Kontorvarer" not in listing.text
        assert 'Solbys kaffeaftale</a> <span class="tag">Lokal</span>' in listing.text
        everything = client.get("/agreements?show=all")
        assert '<th scope="col">Tilsluttet</th>' in everything.text
        row = re.search(r"Kontorvarer</a>.*?<td>(Ja|Nej)</td>", everything.text, re.S)
        assert row and row.group(1) == "Nej"
        assert "Nordbys frugtaftale" not in everything.text
        path = f"/agreements/{s['paper'].id}"
        page = client.get(path)
        assert "Er ikke tilsluttet" in page.text and "Tilslut aftalen" in page.text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        joined = _submit(client, f"{path}/join", {}, token)
        assert joined.status_code == 303
        page = client.get(path)
        assert "Din kommune er tilsluttet aftale 50.55." in page.text and "Forlad aftalen" in page.text
        again = _submit(client, f"{path}/join", {}, token)
        assert again.status_code == 409 and "Din kommune er allerede tilsluttet aftale 50.55." in again.text
        left = _submit(client, f"{path}/leave", {}, token)
        assert left.status_code == 303
        assert "Din kommune har forladt aftale 50.55." in client.get(path).text
        assert not _joined(db, s["town"], s["paper"])


class TestRequisitioner:
    def test_may_not_create_change_join_or_leave_through_the_api_or_the_pages(self, client, db):
        s = _setup(db)
        headers = bearer(db, s["clerk"])
        before = _counts(db)
        responses = [
            client.post(
                "/api/v1/agreements",
                headers=headers,
                json={"number": "SOL-1", "title": "X", "supplier_cvr": s["fruit"].cvr},
            ),
            client.patch(f"/api/v1/agreements/{s['local'].id}", headers=headers, json={"title": "X"}),
            client.post(f"/api/v1/agreements/{s['paper'].id}/join", headers=headers),
            client.post(f"/api/v1/agreements/{s['food'].id}/leave", headers=headers),
        ]
        for response in responses:
            assert response.status_code == 403, response.request.url
            assert _error(response) == "role_required"
        token = _sign_in(client, CLERK)
        responses = [
            client.get("/agreements/new"),
            client.get(f"/agreements/{s['local'].id}/edit"),
            _submit(
                client,
                "/agreements/new",
                {"number": "X", "title": "X", "supplier_cvrs": [s["fruit"].cvr]},
                token,
            ),
            _submit(client, f"/agreements/{s['local'].id}/edit", {"title": "X"}, token),
            _submit(client, f"/agreements/{s['food'].id}/leave", {}, token),
        ]
        for response in responses:
            assert response.status_code == 403, response.request.url
            assert "<h1>Du har ikke den rolle, der skal til for dette.</h1>" in response.text
        assert _counts(db) == before
        assert _fresh(db, s["local"]).title == "Solbys kaffeaftale"
        assert _events(db) == []
