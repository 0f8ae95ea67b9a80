"""Agreement rules: who may create, change, join and leave; suppliers resolved by CVR."""

from sqlalchemy.orm import Session

from app.agreements import repository
from app.agreements.schemas import AgreementCreate, AgreementRead, AgreementUpdate
from app.audit import service as audit
from app.auth.dependencies import require_role
from app.auth.principal import Principal
from app.kit.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.kit.i18n import _
from app.kit.identifiers import check_cvr
from app.models import Agreement, AgreementMembership, Channel, Role, Supplier
from app.models.base import utcnow
from app.suppliers import repository as suppliers


def get_agreement_or_404(session: Session, principal: Principal, agreement_id: int) -> Agreement:
    agreement = repository.get_agreement(session, principal, agreement_id)
    if agreement is None:
        raise NotFound(_("Agreement %(id)s was not found.") % {"id": agreement_id}, code="unknown_agreement")
    return agreement


def to_read(agreement: Agreement, joined_ids: set[int]) -> AgreementRead:
    return AgreementRead.model_validate(
        {
            **{k: getattr(agreement, k) for k in AgreementRead.model_fields if hasattr(agreement, k)},
            "national": agreement.municipality_id is None,
            "joined": agreement.id in joined_ids,
        }
    )


def _resolve_suppliers(session: Session, cvrs: list[str]) -> list[Supplier]:
    found: list[Supplier] = []
    for raw in cvrs:
        cvr = check_cvr(raw, field="supplier_cvr")
        supplier = suppliers.get_by_cvr(session, cvr)
        if supplier is None:
            raise InvalidInput(
                _("No supplier has CVR %(cvr)s. Create the supplier first.") % {"cvr": cvr},
                code="unknown_supplier",
                field="supplier_cvr",
            )
        if supplier not in found:
            found.append(supplier)
    if not found:
        raise InvalidInput(
            _("An agreement needs at least one supplier."), code="missing_supplier", field="supplier_cvr"
        )
    return found


def _check_period(agreement: Agreement) -> None:
    if agreement.valid_from and agreement.valid_to and agreement.valid_to < agreement.valid_from:
        raise InvalidInput(
            _("The agreement cannot end before it starts."), code="invalid_period", field="valid_to"
        )


def _apply_channels(agreement: Agreement, channels: list[Channel]) -> None:
    agreement.channel_catalogue = Channel.catalogue in channels
    agreement.channel_punchout = Channel.punchout in channels
    agreement.channel_free_text = Channel.free_text in channels


def create_agreement(
    session: Session, actor: Principal | str, data: AgreementCreate, ip: str | None = None
) -> Agreement:
    """A procurement officer's agreement belongs to their municipality and is joined at once; the platform's
    command line (actor given as a string) creates national agreements."""
    principal = actor if isinstance(actor, Principal) else None
    if principal is not None:
        require_role(principal, Role.procurement, Role.admin)
    number = data.number.strip()
    if repository.number_taken(session, principal, number):
        raise Conflict(
            _("An agreement with number %(number)s already exists.") % {"number": number},
            code="duplicate_agreement",
            field="number",
        )
    values = data.model_dump(exclude={"supplier_cvr", "supplier_cvrs", "channels", "number"})
    agreement = Agreement(
        number=number, municipality_id=principal.municipality_id if principal else None, **values
    )
    _check_period(agreement)
    _apply_channels(agreement, data.channels)
    agreement.suppliers = _resolve_suppliers(session, data.all_supplier_cvrs())
    session.add(agreement)
    session.flush()
    if principal is not None:
        session.add(
            AgreementMembership(
                municipality_id=principal.municipality_id, agreement_id=agreement.id, joined_at=utcnow()
            )
        )
    audit.record(session, actor, "agreement.create", agreement, after=audit.snapshot(agreement), ip=ip)
    return agreement


def check_editable(agreement: Agreement) -> None:
    if agreement.municipality_id is None:
        raise Forbidden(
            _("National agreements are maintained centrally and cannot be changed here."),
            code="national_agreement",
        )


def update_agreement(
    session: Session, principal: Principal, agreement_id: int, data: AgreementUpdate, ip: str | None = None
) -> Agreement:
    require_role(principal, Role.procurement, Role.admin)
    agreement = get_agreement_or_404(session, principal, agreement_id)
    check_editable(agreement)
    before = audit.snapshot(agreement)
    values = data.model_dump(exclude_unset=True, exclude={"channels", "supplier_cvrs"})
    for key, value in values.items():
        setattr(agreement, key, value)
    _check_period(agreement)
    if data.channels is not None:
        _apply_channels(agreement, data.channels)
    if data.supplier_cvrs is not None:
        agreement.suppliers = _resolve_suppliers(session, data.supplier_cvrs)
    session.flush()
    audit.record(
        session,
        principal,
        "agreement.update",
        agreement,
        before=before,
        after=audit.snapshot(agreement),
        ip=ip,
    )
    return agreement


def join_agreement(
    session: Session, principal: Principal, agreement_id: int, ip: str | None = None
) -> Agreement:
    require_role(principal, Role.procurement, Role.admin)
    agreement = get_agreement_or_404(session, principal, agreement_id)
    if repository.get_membership(session, principal, agreement.id) is not None:
        raise Conflict(
            _("Your municipality has already joined agreement %(number)s.") % {"number": agreement.number},
            code="already_joined",
        )
    session.add(
        AgreementMembership(
            municipality_id=principal.municipality_id, agreement_id=agreement.id, joined_at=utcnow()
        )
    )
    audit.record(session, principal, "agreement.join", agreement, ip=ip)
    return agreement


def leave_agreement(
    session: Session, principal: Principal, agreement_id: int, ip: str | None = None
) -> Agreement:
    require_role(principal, Role.procurement, Role.admin)
    agreement = get_agreement_or_404(session, principal, agreement_id)
    membership = repository.get_membership(session, principal, agreement.id)
    if membership is None:
        raise Conflict(
            _("Your municipality has not joined agreement %(number)s.") % {"number": agreement.number},
            code="not_joined",
        )
    session.delete(membership)
    audit.record(session, principal, "agreement.leave", agreement, ip=ip)
    return agreement
