"""Fixtures for the punch-out connection administration: a municipality with its procurement office, a supplier
on a joined agreement, and a fake supplier shop behind app.punchout.transport."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import httpx
import pytest

from app.auth.service import create_api_token
from app.models import Agreement, Municipality, Role, Supplier, User
from app.punchout import transport
from tests.factories import make_agreement, make_municipality, make_supplier, make_user

BUYER = "ib@solby.example"
CLERK = "pia@solby.example"
SECRET = "hemmelig-delt-noegle-7Q2"


@pytest.fixture(scope="module", autouse=True)
def _one_application_per_module():
    """Building the application is most of a test's cost, so each module builds it once (as tests/suppliers
    does); conftest's `app` fixture still binds each test's own rolled-back session to it."""
    from app import main

    application = main.create_app()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(main, "create_app", lambda: application)
        yield


@dataclass
class World:
    town: Municipality
    other_town: Municipality
    buyer: User
    clerk: User
    outsider: User
    supplier: Supplier
    agreement: Agreement


@pytest.fixture
def world(db) -> World:
    town = make_municipality(db, "Solby Kommune")
    other = make_municipality(db, "Bby Kommune")
    supplier = make_supplier(db, "Grønt Engros A/S")
    return World(
        town=town,
        other_town=other,
        buyer=make_user(db, town, BUYER, (Role.procurement, None), name="Ib Indkøber"),
        clerk=make_user(db, town, CLERK, (Role.requisitioner, None), name="Pia Pædagog"),
        outsider=make_user(db, other, "ib@bby.example", (Role.procurement, None), name="Bby Indkøber"),
        supplier=supplier,
        agreement=make_agreement(db, "50.90", supplier, joined_by=(town, other), title="Fødevarer"),
    )


def bearer(db, user: User) -> dict[str, str]:
    token = create_api_token(db, user, "test")
    db.flush()
    return {"Authorization": f"Bearer {token}"}


def cxml_body(world: World, **overrides: object) -> dict[str, object]:
    return {
        "supplier_id": world.supplier.id,
        "agreement_id": world.agreement.id,
        "name": "Grønt Engros webshop",
        "protocol": "cxml",
        "setup_url": "https://shop.grontengros.example/punchout",
        "from_identity": "29189897",
        "to_identity": "GRONT-ENGROS",
        "sender_identity": "29189897",
        "shared_secret": SECRET,
        "extrinsics": {"UserEmail": "{email}", "CostCenter": "{cost_centre}"},
        "operations": ["create", "edit"],
        "unit_map": {"stk": "ea", "KRT": "CT"},
        **overrides,
    }


@dataclass
class FakeShop:
    """An in-process supplier shop: `answer` turns each request into a response (or raises)."""

    answer: Callable[[httpx.Request], httpx.Response]
    requests: list[httpx.Request] = field(default_factory=list)

    def handle(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        return self.answer(request)


@pytest.fixture
def shop() -> Iterator[Callable[[Callable[[httpx.Request], httpx.Response]], FakeShop]]:
    def install(answer: Callable[[httpx.Request], httpx.Response]) -> FakeShop:
        fake = FakeShop(answer)
        transport.use_transport(httpx.MockTransport(fake.handle))
        return fake

    yield install
    transport.use_transport(None)
