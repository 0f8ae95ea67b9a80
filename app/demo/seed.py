"""A realistic, fictional municipality: departments, people in every role, suppliers and SKI agreements.

All identifiers are made up but valid (CVR modulus 11, GS1 check digits), so the demo behaves like the real thing.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO

from sqlalchemy.orm import Session

from app.agreements import service as agreements
from app.agreements.schemas import AgreementCreate
from app.catalogue import service as catalogue
from app.demo import punchout_seed
from app.demo.catalogue_data import DEMO_CATALOGUES
from app.models import AgreementMembership, Channel, Department, Municipality, Role
from app.models.base import utcnow
from app.org import repository as org
from app.org import service as org_service
from app.suppliers import service as suppliers
from app.suppliers.schemas import SupplierCreate
from app.users import service as users
from app.users.schemas import RoleGrant, UserCreate

ACTOR = "demo-seed"
DEMO_PASSWORD = "demo1234"
MUNICIPALITY = {"name": "Søbjerg Kommune", "cvr": "29183015", "gln": "5798000123458"}

# name, parent, EAN, street, postcode, city, account string, cost centre
DEPARTMENTS = [
    ("Børn og Unge", None, "5798000123465", "Rådhustorvet 1", "4300", "Søbjerg", "1-51-10-000", "5100"),
    (
        "Børnehuset Solsikken",
        "Børn og Unge",
        "5798000123472",
        "Solsikkevej 4",
        "4300",
        "Søbjerg",
        "1-51-12-210",
        "5121",
    ),
    (
        "Skolen ved Søen",
        "Børn og Unge",
        "5798000123489",
        "Søvej 20",
        "4300",
        "Søbjerg",
        "1-31-01-300",
        "3101",
    ),
    ("Centralkøkkenet", None, "5798000123496", "Køkkenvej 2", "4300", "Søbjerg", "1-53-22-100", "5322"),
    ("Digitalisering", None, "5798000123502", "Rådhustorvet 1", "4300", "Søbjerg", "1-06-45-500", "0645"),
    ("Hjælpemiddeldepotet", None, "5798000123519", "Depotvej 7", "4300", "Søbjerg", "1-52-07-400", "5207"),
    ("Indkøb og Udbud", None, "5798000123526", "Rådhustorvet 1", "4300", "Søbjerg", "1-06-42-100", "0642"),
]


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    department: str | None
    role: Role
    spending_limit: str | None
    description: str


USERS = [
    DemoUser(
        "pia@sobjerg.example",
        "Pia Pædagog",
        "Børnehuset Solsikken",
        Role.requisitioner,
        "3000",
        "Requisitioner (pædagog) in the daycare",
    ),
    DemoUser(
        "karl@sobjerg.example",
        "Karl Kok",
        "Centralkøkkenet",
        Role.requisitioner,
        "15000",
        "Requisitioner in the central kitchen",
    ),
    DemoUser(
        "ida@sobjerg.example", "Ida IT-indkøber", "Digitalisering", Role.requisitioner, "25000", "IT buyer"
    ),
    DemoUser(
        "lene@sobjerg.example",
        "Lene Leder",
        "Børn og Unge",
        Role.approver,
        "50000",
        "Leader (approver) for Børn og Unge and its institutions",
    ),
    DemoUser(
        "ib@sobjerg.example",
        "Ib Indkøber",
        "Indkøb og Udbud",
        Role.procurement,
        None,
        "Procurement officer for the whole municipality",
    ),
    DemoUser("finn@sobjerg.example", "Finn Økonomi", None, Role.finance, None, "Finance, whole municipality"),
    DemoUser(
        "anna@sobjerg.example", "Anna Admin", None, Role.admin, None, "Administrator, whole municipality"
    ),
]

SUPPLIERS = [
    SupplierCreate(
        name="Nordfrugt Engros A/S",
        cvr="30876547",
        gln="5790000000012",
        contact_name="Ordrekontoret",
        contact_email="ordre@nordfrugt.example",
        contact_phone="70 20 30 40",
    ),
    SupplierCreate(
        name="Kontorhuset Danmark A/S",
        cvr="25547128",
        gln="5790000000029",
        contact_email="kundeservice@kontorhuset.example",
    ),
    SupplierCreate(
        name="Renfix Forbrug ApS", cvr="19876535", gln="5790000000036", contact_email="salg@renfix.example"
    ),
    SupplierCreate(
        name="Dataløsninger A/S",
        cvr="33421788",
        gln="5790000000043",
        contact_email="offentlig@datalosninger.example",
    ),
    SupplierCreate(name="Storkøkkenet Nord ApS", cvr="20765496", gln="5790000000050"),
]

AGREEMENTS = [
    (
        AgreementCreate(
            number="50.90",
            title="Fødevarer",
            category="Fødevarer",
            supplier_cvr="30876547",
            valid_from=date(2024, 4, 1),
            valid_to=date(2028, 3, 31),
            binding=True,
            channels=[Channel.catalogue, Channel.punchout],
            minimum_order_value=Decimal("500"),
            fee_rules="Ordrer under 1.000 kr. ekskl. moms: gebyr 95 kr.",
        ),
        True,
    ),
    (
        AgreementCreate(
            number="50.55",
            title="Kontorvarer, papir i ark og skoleartikler",
            category="Kontor",
            supplier_cvr="25547128",
            valid_from=date(2025, 1, 1),
            valid_to=date(2029, 12, 31),
            binding=True,
            channels=[Channel.catalogue, Channel.punchout],
        ),
        True,
    ),
    (
        AgreementCreate(
            number="50.20",
            title="Forbrugsartikler",
            category="Forbrugsartikler",
            supplier_cvr="19876535",
            valid_from=date(2025, 6, 1),
            valid_to=date(2029, 5, 31),
            binding=True,
            channels=[Channel.catalogue, Channel.free_text],
        ),
        True,
    ),
    (
        AgreementCreate(
            number="02.04",
            title="Computere og tilbehør (IT-hardware)",
            category="IT",
            supplier_cvr="33421788",
            valid_from=date(2025, 3, 1),
            valid_to=date(2029, 2, 28),
            binding=False,
            channels=[Channel.catalogue, Channel.punchout, Channel.free_text],
        ),
        True,
    ),
    (
        AgreementCreate(
            number="50.25",
            title="Storkøkkenudstyr",
            category="Køkken",
            supplier_cvr="20765496",
            valid_from=date(2025, 9, 1),
            valid_to=date(2029, 8, 31),
            binding=False,
            channels=[Channel.catalogue, Channel.free_text],
        ),
        False,
    ),
]


def seed_demo(session: Session) -> Municipality | None:
    """Create the demo municipality unless it is there already. Returns it when it was created."""
    if org.get_municipality_by_cvr(session, MUNICIPALITY["cvr"]) is not None:
        return None
    town = org_service.create_municipality(session, actor=ACTOR, **MUNICIPALITY)
    by_name: dict[str, Department] = {}
    for name, parent, ean, street, postcode, city, account, cost_centre in DEPARTMENTS:
        department = Department(
            municipality_id=town.id,
            name=name,
            ean=ean,
            delivery_street=street,
            delivery_postcode=postcode,
            delivery_city=city,
            account_string=account,
            cost_centre=cost_centre,
            parent_id=by_name[parent].id if parent else None,
        )
        session.add(department)
        session.flush()
        by_name[name] = department
    for person in USERS:
        dept_id = by_name[person.department].id if person.department else None
        # Requisitioners and leaders act in their department; the central roles cover the whole municipality.
        role_dept = dept_id if person.role in (Role.requisitioner, Role.approver) else None
        users.create_user(
            session,
            ACTOR,
            UserCreate(
                email=person.email,
                name=person.name,
                password=DEMO_PASSWORD,
                department_id=dept_id,
                spending_limit=Decimal(person.spending_limit) if person.spending_limit else None,
                roles=[RoleGrant(role=person.role, department_id=role_dept)],
            ),
            municipality_id=town.id,
        )
    for supplier in SUPPLIERS:
        suppliers.create_supplier(session, ACTOR, supplier)
    for data, joined in AGREEMENTS:
        agreement = agreements.create_agreement(session, ACTOR, data)
        if joined:
            session.add(
                AgreementMembership(municipality_id=town.id, agreement_id=agreement.id, joined_at=utcnow())
            )
    session.flush()
    for number, supplier_cvr, file_name, make in DEMO_CATALOGUES:
        catalogue.import_catalogue(
            session,
            ACTOR,
            supplier_cvr=supplier_cvr,
            agreement_number=number,
            source=BytesIO(make()),
            source_name=file_name,
            file_format="csv",
            activate=True,
        )
    punchout_seed.seed_connections(session, town)
    return town
