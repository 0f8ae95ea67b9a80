"""A municipality that has joined a food agreement, its procurement officer, and catalogue files to import."""

from dataclasses import dataclass

import pytest

from app.auth.service import create_api_token
from app.models import Agreement, Municipality, Role, Supplier, User
from tests.factories import make_agreement, make_municipality, make_supplier, make_user

HEADER = "Varenr;EAN;Varenavn;Enhed;Indhold;Pris;Moms;Mærker\n"


def csv_file(*lines: str, header: str = HEADER) -> bytes:
    return (header + "".join(line + "\n" for line in lines)).encode("utf-8")


FIRST = csv_file(
    "HM-1;5701234567899;Hvedemel 2 kg;pose;2 kg;25,90;25;Ø-mærket",
    "SM-1;;Sødmælk 1 l;stk;1 l;11,50;25;",
    "ÆG-10;;Æg 10 stk;bakke;10 stk;32,00;25;Ø-mærket",
)
# Hvedemel dearer, Sødmælk gone, Smør new, and one line with a price that is not a number.
SECOND = csv_file(
    "HM-1;5701234567899;Hvedemel 2 kg;pose;2 kg;27,50;25;Ø-mærket",
    "ÆG-10;;Æg 10 stk;bakke;10 stk;32,00;25;Ø-mærket",
    "SMØ-250;;Smør 250 g;stk;250 g;19,95;25;",
    "BAD-1;;Rugmel 1 kg;pose;1 kg;abc;25;",
)


@dataclass
class Shop:
    town: Municipality
    officer: User
    requisitioner: User
    supplier: Supplier
    agreement: Agreement
    headers: dict[str, str]


@pytest.fixture
def shop(db) -> Shop:
    town = make_municipality(db, "Solby Kommune")
    officer = make_user(db, town, "ib@solby.example", (Role.procurement, None))
    requisitioner = make_user(db, town, "pia@solby.example", (Role.requisitioner, None))
    supplier = make_supplier(db, "Nordfrugt Engros A/S")
    agreement = make_agreement(db, "50.90", supplier, joined_by=(town,), title="Fødevarer")
    token = create_api_token(db, officer, "test")
    return Shop(town, officer, requisitioner, supplier, agreement, {"Authorization": f"Bearer {token}"})


@pytest.fixture
def upload(client, shop):  # type: ignore[no-untyped-def]
    def send(content: bytes, name: str = "katalog.csv", *, activate: bool = False, headers=None, **fields):  # type: ignore[no-untyped-def]
        data = {"supplier": shop.supplier.cvr, "agreement": shop.agreement.number, **fields}
        if activate:
            data["activate"] = "true"
        return client.post(
            "/api/v1/catalogs", data=data, files={"file": (name, content)}, headers=headers or shop.headers
        )

    return send
