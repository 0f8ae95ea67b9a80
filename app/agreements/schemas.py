"""API shapes for agreements."""

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.kit.money import DecimalInput
from app.models import AgreementStatus, Channel
from app.suppliers.schemas import SupplierRead

# Stripped before the length check, so a title or number of only spaces is refused rather than stored blank.
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Number = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]


class AgreementFields(BaseModel):
    """The period (valid_to not before valid_from) is checked by the service, so that creating and changing an
    agreement report it alike."""

    title: Title
    category: str | None = Field(default=None, max_length=100)
    valid_from: date | None = None
    valid_to: date | None = None
    binding: bool = True
    channels: list[Channel] = Field(default_factory=lambda: [Channel.catalogue])
    minimum_order_value: DecimalInput | None = Field(default=None, ge=0)
    fee_rules: str | None = None
    status: AgreementStatus = AgreementStatus.active


class AgreementCreate(AgreementFields):
    number: Number = Field(description='SKI-style number, e.g. "50.90"')
    supplier_cvr: str | None = Field(default=None, description="The supplier's CVR (one supplier)")
    supplier_cvrs: list[str] = Field(default_factory=list, description="Several suppliers' CVRs")

    def all_supplier_cvrs(self) -> list[str]:
        return ([self.supplier_cvr] if self.supplier_cvr else []) + self.supplier_cvrs


class AgreementUpdate(BaseModel):
    # Fields typed without None: leaving them out keeps the value, sending null is refused.
    title: Title = None  # type: ignore[assignment]
    category: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    binding: bool = None  # type: ignore[assignment]
    channels: list[Channel] | None = None
    minimum_order_value: DecimalInput | None = Field(default=None, ge=0)
    fee_rules: str | None = None
    status: AgreementStatus = None  # type: ignore[assignment]
    supplier_cvrs: list[str] | None = None


class AgreementRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    number: str
    title: str
    category: str | None
    valid_from: date | None
    valid_to: date | None
    binding: bool
    channels: list[Channel]
    minimum_order_value: Decimal | None
    fee_rules: str | None
    status: AgreementStatus
    national: bool
    joined: bool
    suppliers: list[SupplierRead]
