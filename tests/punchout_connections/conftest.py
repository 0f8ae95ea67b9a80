"""Fixtures for the punch-out connection administration: a municipality with its procurement office, a supplier
on a joined agreement, and a fake supplier shop behind app.punchout.transport."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import httpx
import pytest

from app.models import Agreement, Municipality, Role, Supplier, User
from app.punchout import transport
from tests.factories import make_agreement, make_municipality, make_supplier, make_user

BUYER = "ib@solby.example"
CLERK = "pia@solby.example"
SECRET = "hemmelig-delt-noegle-7Q2"


pytestmark = pytest.mark.usefixtures("one_app_per_module")


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
