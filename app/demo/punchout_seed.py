"""The demo municipality's punch-out connections to the demo supplier shops (served by `portal demo-supplier`,
started by `portal demo` on its own port): Nordfrugt by cXML with edit and inspect, Dataløsninger by OCI."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import get_settings
from app.demo_supplier.shops import (
    BUYER_GLN,
    DATALOSNINGER,
    NORDFRUGT,
    PORTAL_SENDER,
)
from app.models import Agreement, Municipality, Protocol, PunchoutConnection, Supplier
from app.punchout.secrets import encrypt_secret


def demo_supplier_origin() -> str:
    return f"http://127.0.0.1:{get_settings().demo_supplier_port}"


def seed_connections(session: Session, town: Municipality) -> list[PunchoutConnection]:
    origin = demo_supplier_origin()
    made = []
    for shop, protocol, url, extra in (
        (
            NORDFRUGT,
            Protocol.cxml,
            f"{origin}/cxml",
            {"operations": ["create", "edit", "inspect"], "secret": NORDFRUGT.shared_secret},
        ),
        (
            DATALOSNINGER,
            Protocol.oci,
            f"{origin}/oci/{DATALOSNINGER.slug}",
            {
                "operations": ["create"],
                "secret": DATALOSNINGER.oci_password,
                "oci_options": {
                    "username": DATALOSNINGER.oci_username,
                    "method": "POST",
                    "functions": ["DETAIL", "VALIDATE", "BACKGROUND_SEARCH"],
                },
            },
        ),
    ):
        supplier = session.scalar(select(Supplier).where(Supplier.cvr == shop.cvr))
        agreement = session.scalar(
            select(Agreement).where(
                Agreement.number == shop.agreement_number, Agreement.municipality_id.is_(None)
            )
        )
        if supplier is None or agreement is None:
            continue
        connection = PunchoutConnection(
            municipality_id=town.id,
            supplier_id=supplier.id,
            agreement_id=agreement.id,
            name=f"{shop.name} webshop",
            protocol=protocol,
            setup_url=url,
            from_domain=BUYER_GLN.domain,
            from_identity=BUYER_GLN.identity,
            to_domain=shop.supplier_identity.domain,
            to_identity=shop.supplier_identity.identity,
            sender_domain=PORTAL_SENDER.domain,
            sender_identity=PORTAL_SENDER.identity,
            secret_ciphertext=encrypt_secret(str(extra["secret"])),
            deployment_mode="test",
            extrinsics={
                "UserEmail": "{email}",
                "FirstName": "{first_name}",
                "LastName": "{last_name}",
                "CostCenter": "{cost_centre}",
            },
            operations=list(extra["operations"]),
            currency="DKK",
            unit_map={},
            oci_options=dict(extra.get("oci_options") or {}),
            timeout_seconds=10,
            active=True,
        )
        session.add(connection)
        made.append(connection)
    session.flush()
    return made
