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
    # Limits match the columns: longer text would fail in the database instead of being reported.
    delivery_street: str | None = Field(default=None, max_length=200)
    delivery_postcode: str | None = Field(default=None, max_length=10)
    delivery_city: str | None = Field(default=None, max_length=100)
    account_string: str | None = Field(
        default=None, max_length=100, description="Default kontostreng for purchases"
    )
    cost_centre: str | None = Field(default=None, max_length=50)


class DepartmentCreate(DepartmentBase):
    pass


class DepartmentUpdate(BaseModel):
    # Typed without None: leaving the field out keeps the name, sending null is refused.
    name: str = Field(default=None, min_length=1, max_length=200)  # type: ignore[assignment]
    parent_id: int | None = None
    ean: str | None = None
    delivery_street: str | None = Field(default=None, max_length=200)
    delivery_postcode: str | None = Field(default=None, max_length=10)
    delivery_city: str | None = Field(default=None, max_length=100)
    account_string: str | None = Field(default=None, max_length=100)
    cost_centre: str | None = Field(default=None, max_length=50)


class DepartmentRead(DepartmentBase):
    model_config = ConfigDict(from_attributes=True)
    id: int
    municipality_id: int
