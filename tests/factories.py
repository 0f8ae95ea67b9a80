"""Explicit factory functions: each adds and flushes one row with valid defaults."""

import itertools
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from app.auth.passwords import hash_password
from app.models import (
    Agreement,
    AgreementMembership,
    Department,
    Municipality,
    Role,
    Supplier,
    User,
    UserRole,
)
from app.models.base import utcnow
from catalogs.gs1 import gs1_check_digit

PASSWORD = "correct horse battery"
_counter = itertools.count(1)
_CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def valid_cvr(seed: int | None = None) -> str:
    """A CVR number that passes the modulus-11 check."""
    n = next(_counter) if seed is None else seed
    stem = 1000000 + (n * 7919) % 8999999
    while True:
        digits = str(stem)
        for last in range(10):
            candidate = digits + str(last)
            if sum(int(d) * w for d, w in zip(candidate, _CVR_WEIGHTS, strict=True)) % 11 == 0:
                return candidate
        stem += 1


def valid_gln(seed: int | None = None) -> str:
    n = next(_counter) if seed is None else seed
    body = f"5798{n:08d}"
    return body + str(gs1_check_digit(body))


def make_municipality(db: Session, name: str = "Testby Kommune") -> Municipality:
    town = Municipality(name=name, cvr=valid_cvr(), gln=valid_gln())
    db.add(town)
    db.flush()
    return town


def make_department(
    db: Session, town: Municipality, name: str, parent: Department | None = None, **values: object
) -> Department:
    dept = Department(municipality_id=town.id, name=name, parent_id=parent.id if parent else None, **values)
    db.add(dept)
    db.flush()
    return dept


def make_user(
    db: Session,
    town: Municipality,
    email: str,
    *roles: tuple[Role, Department | None],
    department: Department | None = None,
    name: str | None = None,
    password: str = PASSWORD,
    spending_limit: Decimal | None = None,
    language: str = "da",
) -> User:
    user = User(
        municipality_id=town.id,
        email=email,
        name=name or email.split("@")[0].title(),
        password_hash=hash_password(password),
        department_id=department.id if department else None,
        is_active=True,
        language=language,
        spending_limit=spending_limit,
    )
    user.roles = [UserRole(role=role, department_id=dept.id if dept else None) for role, dept in roles]
    db.add(user)
    db.flush()
    return user


def make_supplier(db: Session, name: str = "Leverandør A/S") -> Supplier:
    supplier = Supplier(name=name, cvr=valid_cvr(), gln=valid_gln())
    db.add(supplier)
    db.flush()
    return supplier


def make_agreement(
    db: Session,
    number: str,
    supplier: Supplier,
    *,
    owner: Municipality | None = None,
    joined_by: tuple[Municipality, ...] = (),
    title: str | None = None,
) -> Agreement:
    agreement = Agreement(
        number=number,
        title=title or f"Aftale {number}",
        municipality_id=owner.id if owner else None,
        valid_from=date(2025, 1, 1),
        binding=True,
        channel_catalogue=True,
    )
    agreement.suppliers = [supplier]
    db.add(agreement)
    db.flush()
    for town in joined_by:
        db.add(AgreementMembership(municipality_id=town.id, agreement_id=agreement.id, joined_at=utcnow()))
    db.flush()
    return agreement
