"""API shapes for suppliers."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# Stripped before the length check, so a name of only spaces is refused rather than stored blank.
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class SupplierCreate(BaseModel):
    name: Name
    cvr: str = Field(description="Danish CVR number, 8 digits (DK prefix accepted)")
    gln: str | None = Field(default=None, description="GLN/EAN location number, 13 digits")
    # Limits match the columns: longer text would fail in the database instead of being reported.
    contact_name: str | None = Field(default=None, max_length=200)
    contact_email: str | None = Field(default=None, max_length=254)
    contact_phone: str | None = Field(default=None, max_length=40)


class SupplierUpdate(BaseModel):
    # Typed without None: leaving the field out keeps the name, sending null is refused.
    name: Name = None  # type: ignore[assignment]
    gln: str | None = None
    contact_name: str | None = Field(default=None, max_length=200)
    contact_email: str | None = Field(default=None, max_length=254)
    contact_phone: str | None = Field(default=None, max_length=40)


class SupplierRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    cvr: str
    gln: str | None
    contact_name: str | None
    contact_email: str | None
    contact_phone: str | None
