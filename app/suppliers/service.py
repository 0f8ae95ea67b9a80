"""Supplier rules: valid and unique CVR and GLN; only procurement officers and administrators change suppliers."""

from sqlalchemy.orm import Session

from app.audit import service as audit
from app.auth.dependencies import require_role
from app.auth.principal import Principal
from app.kit.errors import Conflict, NotFound
from app.kit.i18n import _
from app.kit.identifiers import check_cvr, check_gln
from app.models import Role, Supplier
from app.suppliers import repository
from app.suppliers.schemas import SupplierCreate, SupplierUpdate


def get_supplier_or_404(session: Session, principal: Principal, supplier_id: int) -> Supplier:
    supplier = repository.get_supplier(session, principal, supplier_id)
    if supplier is None:
        raise NotFound(_("Supplier %(id)s was not found.") % {"id": supplier_id}, code="unknown_supplier")
    return supplier


def _check_gln_free(session: Session, gln: str, supplier_id: int | None) -> str:
    gln = check_gln(gln)
    other = repository.get_by_gln(session, gln)
    if other is not None and other.id != supplier_id:
        raise Conflict(
            _("Another supplier (%(name)s) already has GLN %(gln)s.") % {"name": other.name, "gln": gln},
            code="duplicate_gln",
            field="gln",
        )
    return gln


def create_supplier(
    session: Session, actor: Principal | str, data: SupplierCreate, ip: str | None = None
) -> Supplier:
    if isinstance(actor, Principal):
        require_role(actor, Role.procurement, Role.admin)
    cvr = check_cvr(data.cvr)
    existing = repository.get_by_cvr(session, cvr)
    if existing is not None:
        raise Conflict(
            _("A supplier with CVR %(cvr)s already exists: %(name)s.") % {"cvr": cvr, "name": existing.name},
            code="duplicate_cvr",
            field="cvr",
        )
    values = data.model_dump()
    values["cvr"] = cvr
    values["gln"] = _check_gln_free(session, data.gln, None) if data.gln else None
    supplier = Supplier(**values)
    session.add(supplier)
    session.flush()
    audit.record(session, actor, "supplier.create", supplier, after=audit.snapshot(supplier), ip=ip)
    return supplier


def update_supplier(
    session: Session, principal: Principal, supplier_id: int, data: SupplierUpdate, ip: str | None = None
) -> Supplier:
    require_role(principal, Role.procurement, Role.admin)
    supplier = get_supplier_or_404(session, principal, supplier_id)
    before = audit.snapshot(supplier)
    values = data.model_dump(exclude_unset=True)
    if "gln" in values:
        # An empty GLN means none: stored as "" it would collide with the next supplier sent without one.
        values["gln"] = _check_gln_free(session, values["gln"], supplier.id) if values["gln"] else None
    for key, value in values.items():
        setattr(supplier, key, value)
    session.flush()
    audit.record(
        session, principal, "supplier.update", supplier, before=before, after=audit.snapshot(supplier), ip=ip
    )
    return supplier
