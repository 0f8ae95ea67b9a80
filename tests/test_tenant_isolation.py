"""Signs in as users of two municipalities and two departments each, walks every list and detail route, and finds
no record of the other municipality (or of a department the user has no role in) anywhere.

The routes are read from the app itself, so a new route is checked without being listed here; a new path parameter
makes the test fail until it is given a foreign id to try.
"""

import re

import pytest

from app.auth.service import create_api_token
from app.models import Role
from tests.factories import make_agreement, make_department, make_municipality, make_supplier, make_user
from tests.helpers import api_headers, csrf_token, login
from tests.routes import walk_routes

SKIP_PATHS = {"/login", "/healthz", "/openapi.json", "/api/docs", "/api/docs/oauth2-redirect"}
# Shared by all municipalities by design.
# Suppliers are shared; a return token is not an id (an unknown one is simply refused).
SHARED_PARAMS = {"supplier_id", "token"}


@pytest.fixture
def world(db):
    towns = {}
    for key, prefix in (("A", "Aby"), ("B", "Bby")):
        town = make_municipality(db, f"{prefix} Kommune")
        d1 = make_department(db, town, f"{prefix} Vuggestuen Humlebien", account_string=f"{prefix}-KONTO-1")
        d2 = make_department(db, town, f"{prefix} Madskolen", account_string=f"{prefix}-KONTO-2")
        users = {
            "admin": make_user(
                db,
                town,
                f"admin@{prefix.lower()}.example",
                (Role.admin, None),
                name=f"{prefix} Administratorsen",
            ),
            "req1": make_user(
                db,
                town,
                f"rekvirent@{prefix.lower()}.example",
                (Role.requisitioner, d1),
                department=d1,
                name=f"{prefix} Rekvirentsen",
            ),
            "lead2": make_user(
                db,
                town,
                f"leder@{prefix.lower()}.example",
                (Role.approver, d2),
                department=d2,
                name=f"{prefix} Ledersen",
            ),
        }
        towns[key] = {"town": town, "d1": d1, "d2": d2, "users": users, "prefix": prefix}
    supplier = make_supplier(db, "Fælles Leverandør A/S")
    make_agreement(
        db, "50.90", supplier, joined_by=(towns["A"]["town"], towns["B"]["town"]), title="Fødevarer"
    )
    towns["A"]["local"] = make_agreement(
        db,
        "A-LOKAL-1",
        supplier,
        owner=towns["A"]["town"],
        joined_by=(towns["A"]["town"],),
        title="Aby lokalaftale",
    )
    towns["B"]["local"] = make_agreement(
        db,
        "B-LOKAL-1",
        supplier,
        owner=towns["B"]["town"],
        joined_by=(towns["B"]["town"],),
        title="Bby lokalaftale",
    )
    # A national agreement only B has joined: A's requisitioners must not see it.
    towns["B"]["national_only"] = make_agreement(
        db, "50.55", supplier, joined_by=(towns["B"]["town"],), title="Bby-kun kontorvarer"
    )
    for key in ("A", "B"):
        towns[key]["version"], towns[key]["item"] = _active_catalogue(
            db, towns[key]["local"], supplier, f"{towns[key]['prefix']} Katalogvare"
        )
        towns[key]["connection"], towns[key]["punchout"], towns[key]["basket_line"] = _punchout(
            db, towns[key], supplier
        )
    return towns


def _punchout(db, town, supplier):  # type: ignore[no-untyped-def]
    """A connection, a returned shop visit and a basket line, all carrying the municipality's prefix."""
    from datetime import timedelta
    from decimal import Decimal

    from app.models import (
        BasketLine,
        LineSource,
        Operation,
        Protocol,
        PunchoutConnection,
        PunchoutLine,
        PunchoutSession,
        SessionState,
    )
    from app.models.base import utcnow

    prefix, user = town["prefix"], town["users"]["req1"]
    connection = PunchoutConnection(
        municipality_id=town["town"].id,
        supplier_id=supplier.id,
        agreement_id=town["local"].id,
        name=f"{prefix} webshop",
        protocol=Protocol.cxml,
        setup_url=f"https://{prefix.lower()}.shop.example/cxml",
        from_identity=f"{prefix}-FROM",
        to_identity="SUPPLIER",
        sender_identity=f"{prefix}-FROM",
    )
    db.add(connection)
    db.flush()
    now = utcnow()
    visit = PunchoutSession(
        municipality_id=town["town"].id,
        department_id=user.department_id,
        user_id=user.id,
        connection_id=connection.id,
        operation=Operation.create,
        state=SessionState.returned,
        token_hash=f"{prefix:0<64}"[:64],
        buyer_cookie=f"{prefix}-cookie",
        created_at=now,
        expires_at=now + timedelta(hours=1),
        operation_allowed="edit",
        warnings=[],
    )
    db.add(visit)
    db.flush()
    db.add(
        PunchoutLine(
            session_id=visit.id,
            line_number=1,
            supplier_part_id=f"{prefix}-P1",
            description=f"{prefix} Butiksvare",
            quantity=Decimal(1),
            unit_price=Decimal(5),
            currency="DKK",
            flags=[],
            flagged=False,
        )
    )
    line = BasketLine(
        municipality_id=town["town"].id,
        user_id=user.id,
        department_id=user.department_id,
        supplier_id=supplier.id,
        source=LineSource.punchout,
        punchout_session_id=visit.id,
        supplier_part_id=f"{prefix}-P1",
        description=f"{prefix} Kurvvare",
        quantity=Decimal(1),
        unit_price=Decimal(5),
        currency="DKK",
        flags=[],
        created_at=now,
    )
    db.add(line)
    db.flush()
    return connection, visit, line


def _active_catalogue(db, agreement, supplier, item_name):  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from app.catalogue.search import index_version
    from app.models import CatalogueItem, CatalogueVersion, VersionStatus
    from app.models.base import utcnow

    version = CatalogueVersion(
        supplier_id=supplier.id,
        agreement_id=agreement.id,
        number=1,
        status=VersionStatus.active,
        source_name=f"{item_name}.csv",
        source_format="csv",
        uploaded_by_label="test",
        created_at=utcnow(),
        item_count=1,
    )
    db.add(version)
    db.flush()
    item = CatalogueItem(
        version_id=version.id,
        supplier_item_number=f"{item_name[:3]}-1",
        name=item_name,
        orderable_unit="EA",
        price=Decimal("10"),
        base_quantity=Decimal("1"),
        unit_price=Decimal("10"),
        currency="DKK",
        vat_rate=Decimal("25"),
    )
    db.add(item)
    db.flush()
    index_version(db, version.id)
    return version, item


def _foreign_markers(world, me: str, other: str, who: str) -> list[str]:
    theirs = world[other]
    markers = [
        theirs["prefix"] + " ",
        f"@{theirs['prefix'].lower()}.example",
        theirs["local"].title,
        f"{theirs['prefix']}-KONTO",
    ]
    mine = world[me]
    # Within the municipality, a requisitioner or leader sees only their own department's people and records.
    if who == "req1":
        markers += [mine["d2"].name, mine["users"]["lead2"].email, f"{mine['prefix']}-KONTO-2"]
    if who == "lead2":
        markers += [mine["d1"].name, mine["users"]["req1"].email, f"{mine['prefix']}-KONTO-1"]
    if me == "A" and who != "admin":
        markers.append("Bby-kun kontorvarer")
    return markers


def _routes(app, prefix_api: bool, method: str = "GET"):
    for path, route in walk_routes(app.routes):
        if method not in route.methods or path in SKIP_PATHS:
            continue
        if path.startswith("/api/") == prefix_api:
            yield path


def _foreign_ids(world, other: str) -> dict[str, int]:
    theirs = world[other]
    return {
        "department_id": theirs["d1"].id,
        "user_id": theirs["users"]["req1"].id,
        "agreement_id": theirs["local"].id,
        "role_id": theirs["users"]["req1"].id,
        "version_id": theirs["version"].id,
        "item_id": theirs["item"].id,
        "connection_id": theirs["connection"].id,
        "session_id": theirs["punchout"].id,
        "line_id": theirs["basket_line"].id,
    }


def _fill(path: str, ids: dict[str, int]) -> str | None:
    params = re.findall(r"{(\w+)}", path)
    if any(p in SHARED_PARAMS for p in params):
        return None
    for param in params:
        assert param in ids, f"tenant isolation test: give a foreign id for path parameter {param} ({path})"
        path = path.replace("{" + param + "}", str(ids[param]))
    return path


CASES = [(me, other, who) for me, other in (("A", "B"), ("B", "A")) for who in ("admin", "req1", "lead2")]


@pytest.mark.parametrize(("me", "other", "who"), CASES)
class TestNoLeakage:
    def test_api_routes(self, world, app, client, db, me, other, who):
        user = world[me]["users"][who]
        token = create_api_token(db, user, "isolation")
        headers = {"Authorization": f"Bearer {token}"}
        markers = _foreign_markers(world, me, other, who)
        extra = ["/api/v1/agreements?available=true"]
        checked = 0
        for template in [*_routes(app, prefix_api=True), *extra]:
            path = _fill(template, _foreign_ids(world, other))
            if path is None:
                continue
            response = client.get(path, headers=headers)
            assert response.status_code in (200, 403, 404), (path, response.status_code, response.text)
            if "{" in template:
                assert response.status_code in (403, 404), (
                    f"{path} answered {response.status_code} for a foreign id"
                )
            for marker in markers:
                assert marker not in response.text, f"{who}@{me} saw {marker!r} on {path}"
            checked += 1
        assert checked >= 8

    def test_pages(self, world, app, client, me, other, who):
        user = world[me]["users"][who]
        login(client, user.email)
        markers = _foreign_markers(world, me, other, who)
        extra = ["/agreements?show=all"]
        checked = 0
        for template in [*_routes(app, prefix_api=False), *extra]:
            path = _fill(template, _foreign_ids(world, other))
            if path is None:
                continue
            response = client.get(path)
            assert response.status_code in (200, 403, 404), (path, response.status_code)
            if "{" in template:
                assert response.status_code in (403, 404), (
                    f"{path} answered {response.status_code} for a foreign id"
                )
            for marker in markers:
                assert marker not in response.text, f"{who}@{me} saw {marker!r} on {path}"
            checked += 1
        assert checked >= 8


class TestOwnRecordsAreVisible:
    """The markers above must be able to match: the same routes show the user's own records."""

    def test_admin_sees_own_departments_and_people(self, world, client):
        login(client, world["A"]["users"]["admin"].email)
        departments = client.get("/departments").text
        assert world["A"]["d1"].name in departments and world["A"]["d2"].name in departments
        assert world["A"]["users"]["lead2"].email in client.get("/users").text

    def test_leader_sees_own_department_and_its_people(self, world, client):
        login(client, world["A"]["users"]["lead2"].email)
        assert world["A"]["d2"].name in client.get("/departments").text
        headers = api_headers(client)
        people = client.get("/api/v1/users", headers=headers).json()
        assert {p["email"] for p in people} == {"leder@aby.example"}

    def test_requisitioner_sees_joined_agreements_only(self, world, client):
        login(client, world["A"]["users"]["req1"].email)
        page = client.get("/agreements").text
        assert "Fødevarer" in page and "Aby lokalaftale" in page
        assert "Bby-kun kontorvarer" not in page


@pytest.mark.parametrize(("me", "other"), [("A", "B"), ("B", "A")])
class TestNoChangesAcrossMunicipalities:
    """Every state-changing route aimed at another municipality's record is refused and changes nothing."""

    def test_api(self, world, app, client, db, me, other):
        token = create_api_token(db, world[me]["users"]["admin"], "isolation")
        headers = {"Authorization": f"Bearer {token}"}
        before = client.get("/api/v1/audit", headers=headers).json()
        for method in ("POST", "PATCH", "DELETE"):
            for template in _routes(app, prefix_api=True, method=method):
                if "{" not in template:
                    continue
                path = _fill(template, _foreign_ids(world, other))
                if path is None:
                    continue
                body = {"role": "admin"} if path.endswith("/roles") else {"name": "Overtaget"}
                response = client.request(method, path, headers=headers, json=body)
                assert response.status_code in (403, 404), (method, path, response.status_code, response.text)
        assert client.get("/api/v1/audit", headers=headers).json() == before

    def test_pages(self, world, app, client, me, other):
        login(client, world[me]["users"]["admin"].email)
        for template in _routes(app, prefix_api=False, method="POST"):
            if "{" not in template:
                continue
            path = _fill(template, _foreign_ids(world, other))
            if path is None:
                continue
            response = client.post(
                path, data={"name": "Overtaget", "role": "admin", "csrf_token": csrf_token(client, "/")}
            )
            assert response.status_code in (403, 404), (path, response.status_code)
        assert "Overtaget" not in client.get("/departments").text


class TestPeopleAreSeenOnlyByThoseWhoManageThem:
    def test_municipality_wide_finance_role_shows_no_colleagues(self, world, client, db):
        town = world["A"]["town"]
        finance = make_user(db, town, "okonomi@aby.example", (Role.finance, None), name="Aby Økonomisen")
        token = create_api_token(db, finance, "t")
        headers = {"Authorization": f"Bearer {token}"}
        # Finance sees every department (for budgets) but no one else's account.
        departments = {d["name"] for d in client.get("/api/v1/departments", headers=headers).json()}
        assert {world["A"]["d1"].name, world["A"]["d2"].name} <= departments
        other = world["A"]["users"]["req1"].id
        assert client.get(f"/api/v1/users/{other}", headers=headers).status_code in (403, 404)
        assert (
            client.get(f"/api/v1/users/{finance.id}", headers=headers).json()["email"]
            == "okonomi@aby.example"
        )
