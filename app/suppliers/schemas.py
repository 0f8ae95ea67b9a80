"""API shapes for suppliers."""

from pydantic import BaseModel, ConfigDict, Field


class SupplierCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    cvr: str = Field(description="Danish CVR number, 8 digits (DK prefix accepted)")
    gln: str | None = Field(default=None, description="GLN/EAN location number, 13 digits")
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None


class SupplierUpdate(BaseModel):
    # Typed without None: leaving the field out keeps the name, sending null is refused.
    name: str = Field(default=None, min_length=1, max_length=200)  # type: ignore[assignment]
    gln: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None


class SupplierRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    cvr: str
    gln: str | None
    contact_name: str | None
    contact_email: str | None
    contact_phone: str | None
