"""API shapes for municipalities and departments."""

from pydantic import BaseModel, ConfigDict, Field


class MunicipalityRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    cvr: str
    gln: str


class DepartmentBase(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    parent_id: int | None = None
    ean: str | None = Field(default=None, description="EAN location number (GLN, 13 digits) used on invoices")
    delivery_street: str | None = None
    delivery_postcode: str | None = None
    delivery_city: str | None = None
    account_string: str | None = Field(default=None, description="Default kontostreng for purchases")
    cost_centre: str | None = None


class DepartmentCreate(DepartmentBase):
    pass


class DepartmentUpdate(BaseModel):
    # Typed without None: leaving the field out keeps the name, sending null is refused.
    name: str = Field(default=None, min_length=1, max_length=200)  # type: ignore[assignment]
    parent_id: int | None = None
    ean: str | None = None
    delivery_street: str | None = None
    delivery_postcode: str | None = None
    delivery_city: str | None = None
    account_string: str | None = None
    cost_centre: str | None = None


class DepartmentRead(DepartmentBase):
    model_config = ConfigDict(from_attributes=True)
    id: int
    municipality_id: int
