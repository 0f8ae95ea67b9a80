"""Catalogue rules: who may import, activate and restore; which supplier and agreement a file belongs to."""

from collections.abc import Callable
from typing import IO, Any

from sqlalchemy.orm import Session

from app.agreements import repository as agreements
from app.audit import service as audit
from app.auth.dependencies import require_role
from app.auth.principal import Principal
from app.catalogue import activation, diff, importer, repository
from app.catalogue.schemas import DiffRead, ImportReport, ItemRead, PricePoint, RejectedLineRead, VersionRead
from app.kit.errors import Conflict, InvalidInput, NotFound
from app.kit.i18n import _
from app.kit.identifiers import check_cvr
from app.models import Agreement, CatalogueItem, CatalogueVersion, Role, Supplier, VersionStatus
from app.suppliers import repository as suppliers
from catalogs.errors import CatalogFileError

REPORT_REJECTED = 100


def _resolve(
    session: Session, actor: Principal | str, supplier_cvr: str, agreement_number: str
) -> tuple[Supplier, Agreement]:
    cvr = check_cvr(supplier_cvr, field="supplier")
    supplier = suppliers.get_by_cvr(session, cvr)
    if supplier is None:
        raise NotFound(
            _("No supplier has CVR %(cvr)s.") % {"cvr": cvr}, code="unknown_supplier", field="supplier"
        )
    if isinstance(actor, Principal):
        agreement = agreements.find_by_number(session, actor, agreement_number.strip())
    else:
        agreement = agreements.find_national_by_number(session, agreement_number.strip())
    if agreement is None:
        raise NotFound(
            _("Your municipality has not joined an agreement numbered %(number)s.")
            % {"number": agreement_number},
            code="unknown_agreement",
            field="agreement",
        )
    if supplier not in agreement.suppliers:
        raise InvalidInput(
            _("%(supplier)s is not a supplier on agreement %(number)s.")
            % {"supplier": supplier.name, "number": agreement.number},
            code="supplier_not_on_agreement",
            field="supplier",
        )
    return supplier, agreement


def import_catalogue(
    session: Session,
    actor: Principal | str,
    *,
    supplier_cvr: str,
    agreement_number: str,
    source: str | IO[bytes],
    source_name: str,
    file_format: str | None = None,
    mapping: Any = None,
    activate: bool = False,
    max_bytes: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> CatalogueVersion:
    """Read the file into a new draft version and compare it with the active one; activate it if asked.
    A file that cannot be read raises InvalidInput with the reader's code, line and reason; nothing is kept."""
    if isinstance(actor, Principal):
        require_role(actor, Role.procurement, Role.admin)
    supplier, agreement = _resolve(session, actor, supplier_cvr, agreement_number)
    label = actor.email if isinstance(actor, Principal) else actor
    try:
        # A savepoint, so a file that fails half-way leaves this session as it was, not just the transaction.
        with session.begin_nested():
            version, texts = importer.import_into_new_version(
                session,
                supplier_id=supplier.id,
                agreement_id=agreement.id,
                source=source,
                source_name=source_name,
                actor_label=label,
                file_format=file_format,
                mapping=mapping,
                max_bytes=max_bytes,
                progress=progress,
            )
    except CatalogFileError as exc:
        raise InvalidInput(str(exc), code=exc.code, field="file", line=exc.line, xpath=exc.xpath) from exc
    version.supplier, version.agreement = supplier, agreement
    _store_diff(session, version)
    audit.record(
        session,
        actor,
        "catalogue.import",
        version,
        after={"number": version.number, "lines_read": version.lines_read, "rejected": version.rejected},
    )
    if activate:
        activation.activate(session, version, label, texts=texts)
        audit.record(session, actor, "catalogue.activate", version, after={"number": version.number})
    return version


def _store_diff(session: Session, version: CatalogueVersion) -> None:
    active = repository.active_version(session, version.supplier_id, version.agreement_id)
    counts = diff.count(session, version.id, active.id if active else None)
    version.diff_new, version.diff_removed = counts.new, counts.removed
    version.diff_changed, version.diff_price_changed = counts.changed, counts.price_changed


def get_version_or_404(session: Session, principal: Principal, version_id: int) -> CatalogueVersion:
    version = repository.get_version(session, principal, version_id)
    if version is None:
        raise NotFound(
            _("Catalogue version %(id)s was not found.") % {"id": version_id}, code="unknown_version"
        )
    return version


def _version_for(session: Session, actor: Principal | str, version_id: int) -> CatalogueVersion:
    if isinstance(actor, Principal):
        require_role(actor, Role.procurement, Role.admin)
        return get_version_or_404(session, actor, version_id)
    version = repository.get_version_for_platform(session, version_id)
    if version is None:
        raise NotFound(
            _("Catalogue version %(id)s was not found.") % {"id": version_id}, code="unknown_version"
        )
    return version


def activate_version(session: Session, actor: Principal | str, version_id: int) -> CatalogueVersion:
    version = _version_for(session, actor, version_id)
    if version.status is not VersionStatus.draft:
        raise Conflict(
            _("Only a new version can be activated; use restore for an earlier one."), code="not_draft"
        )
    activation.activate(session, version, actor.email if isinstance(actor, Principal) else actor)
    audit.record(session, actor, "catalogue.activate", version, after={"number": version.number})
    return version


def restore_version(session: Session, actor: Principal | str, version_id: int) -> CatalogueVersion:
    version = _version_for(session, actor, version_id)
    if version.status is not VersionStatus.superseded:
        raise Conflict(_("Only an earlier, replaced version can be restored."), code="not_superseded")
    activation.activate(session, version, actor.email if isinstance(actor, Principal) else actor)
    audit.record(session, actor, "catalogue.restore", version, after={"number": version.number})
    return version


def baseline_id(session: Session, version: CatalogueVersion) -> int | None:
    """What a version is compared with: the active version, or for the active one the version it replaced."""
    if version.status is VersionStatus.draft:
        active = repository.active_version(session, version.supplier_id, version.agreement_id)
        return active.id if active else None
    return version.based_on_id


def version_read(version: CatalogueVersion) -> VersionRead:
    return VersionRead.model_validate(
        {
            **{k: getattr(version, k) for k in VersionRead.model_fields if k != "diff"},
            "status": version.status.value,
            "diff": DiffRead(
                new=version.diff_new,
                removed=version.diff_removed,
                changed=version.diff_changed,
                price_changed=version.diff_price_changed,
            ),
        }
    )


def import_report(session: Session, principal: Principal | None, version: CatalogueVersion) -> ImportReport:
    rows = (
        repository.rejected_lines(session, principal, version.id, limit=REPORT_REJECTED, offset=0)
        if principal
        else repository.rejected_lines_for_platform(session, version.id, limit=REPORT_REJECTED)
    )
    return ImportReport(
        **version_read(version).model_dump(),
        rejected_lines=[RejectedLineRead.model_validate(r) for r in rows],
    )


def get_item_or_404(session: Session, principal: Principal, item_id: int) -> CatalogueItem:
    item = repository.get_item(session, principal, item_id)
    if item is None:
        raise NotFound(_("Item %(id)s was not found.") % {"id": item_id}, code="unknown_item")
    return item


def item_read(session: Session, item: CatalogueItem) -> ItemRead:
    history = repository.price_history(
        session, item.version.supplier_id, item.version.agreement_id, item.supplier_item_number
    )
    return ItemRead.model_validate(
        {
            **{
                k: getattr(item, k)
                for k in ItemRead.model_fields
                if k not in ("labels", "supplier", "agreement", "price_history")
            },
            "labels": item.label_list,
            "supplier": item.version.supplier,
            "agreement": item.version.agreement,
            "price_history": [
                PricePoint(
                    from_at=a.activated_at,
                    to_at=a.deactivated_at,
                    unit_price=i.unit_price,
                    currency=i.currency,
                )
                for a, i in history
            ],
        }
    )
