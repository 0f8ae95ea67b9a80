"""API shapes for users and roles."""

import re
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.auth.passwords import MIN_PASSWORD_LENGTH
from app.kit.money import DecimalInput
from app.models import Role

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _check_email(value: str) -> str:
    value = value.strip().lower()
    if not _EMAIL.match(value):
        raise ValueError("not an e-mail address")
    return value


class RoleGrant(BaseModel):
    role: Role
    department_id: int | None = Field(default=None, description="None: the role covers the whole municipality")


class RoleRead(RoleGrant):
    model_config = ConfigDict(from_attributes=True)
    id: int


class UserCreate(BaseModel):
    email: str
    name: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=MIN_PASSWORD_LENGTH)
    department_id: int | None = None
    language: str = Field(default="da", pattern="^(da|en)$")
    spending_limit: DecimalInput | None = Field(default=None, ge=0, description="Råderum in DKK")
    roles: list[RoleGrant] = Field(default_factory=list)

    _email = field_validator("email")(_check_email)


class UserUpdate(BaseModel):
    # Fields typed without None: leaving them out keeps the value, sending null is refused.
    name: str = Field(default=None, min_length=1, max_length=200)  # type: ignore[assignment]
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
