"""API shapes for users and roles."""

import re
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from app.auth.passwords import MIN_PASSWORD_LENGTH
from app.kit.money import DecimalInput
from app.models import Role

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Stripped before the length check, so a name of only spaces is refused rather than stored blank.
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


def _check_email(value: str) -> str:
    value = value.strip().lower()
    if not _EMAIL.match(value):
        raise ValueError("not an e-mail address")
    return value


class RoleGrant(BaseModel):
    role: Role
    department_id: int | None = Field(
        default=None, description="None: the role covers the whole municipality"
    )


class RoleRead(RoleGrant):
    model_config = ConfigDict(from_attributes=True)
    id: int


class UserCreate(BaseModel):
    # The column's length: a longer address would fail in the database instead of being reported.
    email: str = Field(max_length=254)
    name: Name
    password: str = Field(min_length=MIN_PASSWORD_LENGTH)
    department_id: int | None = None
    language: str = Field(default="da", pattern="^(da|en)$")
    spending_limit: DecimalInput | None = Field(default=None, ge=0, description="Råderum in DKK")
    roles: list[RoleGrant] = Field(default_factory=list)

    _email = field_validator("email")(_check_email)


class UserUpdate(BaseModel):
    # Fields typed without None: leaving them out keeps the value, sending null is refused.
    name: Name = None  # type: ignore[assignment]
    department_id: int | None = None
    language: str = Field(default=None, pattern="^(da|en)$")  # type: ignore[assignment]
    spending_limit: DecimalInput | None = Field(default=None, ge=0)
    is_active: bool = None  # type: ignore[assignment]
    password: str | None = Field(default=None, min_length=MIN_PASSWORD_LENGTH)


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    email: str
    name: str
    department_id: int | None
    language: str
    spending_limit: Decimal | None
    is_active: bool
    roles: list[RoleRead]
