"""A municipality with a food agreement, an active catalogue, a cXML connection to the supplier's shop, and a fake
shop on the other end of the setup request (an httpx transport, so nothing leaves the process)."""

import base64
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

import httpx
import pytest
from fastapi.testclient import TestClient

from app.auth.principal import Principal
from app.auth.service import create_api_token, load_principal
from app.models import Agreement, Municipality, PunchoutConnection, Role, Supplier, User
from app.punchout import connections
from app.punchout.schemas import ConnectionCreate
from app.punchout.transport import use_transport
from punchout import build_setup_response, build_status_response, parse_setup_request
from tests.factories import make_agreement, make_municipality, make_supplier, make_user

CATALOGUE = (
    "Varenr;EAN;Varenavn;Enhed;Indhold;Pris;Moms;Mærker\n"
    "HM-1;5701234567899;Hvedemel 2 kg;pose;2 kg;25,90;25;Ø-mærket\n"
    "SM-1;;Sødmælk 1 l;stk;1 l;11,50;25;\n"
    "ÆG-10;;Æg 10 stk;bakke;10 stk;32,00;25;Ø-mærket\n"
).encode()
SECRET = "hemmelig-delt-nøgle-42"


@dataclass
class FakeShop:
    """Answers setup requests as a supplier would and remembers what it was sent."""

    requests: list[bytes] = field(default_factory=list)
    answer: str = "ok"  # ok, refuse, html, down, timeout

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request.content)
        if self.answer == "down":
            raise httpx.ConnectError("connection refused", request=request)
        if self.answer == "timeout":
            raise httpx.ReadTimeout("slow", request=request)
        if self.answer == "html":
            return httpx.Response(500, text="<html><body>Internal error</body></html>")
        if self.answer == "refuse":
            return httpx.Response(200, content=build_status_response(401, "Unauthorized", "bad secret"))
        setup = parse_setup_request(request.content)
        return httpx.Response(200, content=build_setup_response(f"https://shop.example/start/{setup.buyer_cookie}"))

    @property
    def last(self):  # type: ignore[no-untyped-def]
        return parse_setup_request(self.requests[-1])


@dataclass
class Scene:
    town: Municipality
    officer: User
    user: User
    supplier: Supplier
    agreement: Agreement
    connection: PunchoutConnection
    headers: dict[str, str]
    officer_headers: dict[str, str]
    shop: FakeShop
    principal: Principal


@pytest.fixture
def fake_shop() -> Iterator[FakeShop]:
    shop = FakeShop()
    use_transport(httpx.MockTransport(shop.handler))
    yield shop
    use_transport(None)


@pytest.fixture
def scene(db, client, fake_shop) -> Scene:  # type: ignore[no-untyped-def]
    town = make_municipality(db, "Solby Kommune")
    officer = make_user(db, town, "ib@solby.example", (Role.procurement, None))
    user = make_user(db, town, "pia@solby.example", (Role.requisitioner, None), name="Pia Hansen")
    supplier = make_supplier(db, "Nordfrugt Engros A/S")
    agreement = make_agreement(db, "50.90", supplier, joined_by=(town,), title="Fødevarer")
    officer_headers = {"Authorization": f"Bearer {create_api_token(db, officer, 'test')}"}
    response = client.post(
        "/api/v1/catalogs",
        data={"supplier": supplier.cvr, "agreement": agreement.number, "activate": "true"},
        files={"file": ("katalog.csv", CATALOGUE)},
        headers=officer_headers,
    )
    assert response.status_code == 201, response.text
    officer_principal = load_principal(db, officer.id)
    connection = connections.create_connection(
        db,
        officer_principal,
        ConnectionCreate(
            supplier_id=supplier.id,
            agreement_id=agreement.id,
            name="Nordfrugt webshop",
            protocol="cxml",
            setup_url="https://shop.example/cxml",
            from_identity="DK29189587",
            to_identity="DK30876547",
            sender_identity="DK29189587",
            shared_secret=SECRET,
            operations=["create", "edit", "inspect"],
            extrinsics={"UserEmail": "{email}", "CostCenter": "{cost_centre}"},
        ),
    )
    db.flush()
    headers = {"Authorization": f"Bearer {create_api_token(db, user, 'test')}"}
    return Scene(
        town, officer, user, supplier, agreement, connection, headers, officer_headers, fake_shop,
        load_principal(db, user.id),
    )


def cxml_cart(
    buyer_cookie: str,
    lines: list[tuple[str, str, str, str, str]],
    *,
    operation_allowed: str = "edit",
    total: str | None = None,
    currency: str = "DKK",
    extra_header: str = "",
    status: str = "",
    sender_secret: str = "",
) -> bytes:
    """A PunchOutOrderMessage written by hand: (item number, aux id, quantity, unit, price) per line."""
    items = "".join(
        f"""<ItemIn quantity="{qty}" lineNumber="{n}"><ItemID><SupplierPartID>{number}</SupplierPartID>"""
        f"""<SupplierPartAuxiliaryID>{aux}</SupplierPartAuxiliaryID></ItemID><ItemDetail>"""
        f"""<UnitPrice><Money currency="{currency}">{price}</Money></UnitPrice>"""
        f"""<Description xml:lang="da">Vare {number}</Description><UnitOfMeasure>{unit}</UnitOfMeasure>"""
        f"""<Classification domain="UNSPSC">50221101</Classification></ItemDetail></ItemIn>"""
        for n, (number, aux, qty, unit, price) in enumerate(lines, start=1)
    )
    if total is None:
        total = str(sum(Decimal(q) * Decimal(p) for _n, _a, q, _u, p in lines))
    secret = f"<SharedSecret>{sender_secret}</SharedSecret>" if sender_secret else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<cXML payloadID="1.2.3@shop.example" timestamp="2026-11-22T10:00:00+01:00" xml:lang="da-DK">
<Header><From><Credential domain="NetworkID"><Identity>DK30876547</Identity></Credential></From>
<To><Credential domain="NetworkID"><Identity>DK29189587</Identity></Credential></To>
<Sender><Credential domain="NetworkID"><Identity>DK30876547</Identity>{secret}</Credential>
<UserAgent>shop</UserAgent></Sender></Header>
<Message>{status}<PunchOutOrderMessage><BuyerCookie>{buyer_cookie}</BuyerCookie>
<PunchOutOrderMessageHeader operationAllowed="{operation_allowed}">
<Total><Money currency="{currency}">{total}</Money></Total>{extra_header}</PunchOutOrderMessageHeader>
{items}</PunchOutOrderMessage></Message></cXML>""".encode()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def start(client: TestClient, scene: Scene, **body) -> dict:  # type: ignore[no-untyped-def]
    response = client.post(
        "/api/v1/punchout/sessions", json={"connection": scene.connection.id, **body}, headers=scene.headers
    )
    assert response.status_code == 201, response.text
    return response.json()


def token_of(scene: Scene) -> str:
    """The one-time token the portal put in BrowserFormPost."""
    return scene.shop.last.browser_form_post_url.rsplit("/", 1)[-1]
