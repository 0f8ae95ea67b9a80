"""Agreement pages: the municipality's agreements, those it can join, create, edit, join and leave."""

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.agreements import repository, service
from app.agreements.schemas import AgreementCreate, AgreementUpdate
from app.auth.dependencies import PagePrincipal, SessionDep, require_role
from app.kit.errors import DomainError
from app.kit.i18n import _
from app.kit.request import client_ip
from app.models import AgreementStatus, Channel, Role
from app.suppliers import repository as suppliers
from app.web.forms import FormDep, FormInvalid, form_errors, parse_form, redirect_with_message
from app.web.templates import render

router = APIRouter()


@router.get("/agreements")
def agreement_list(
    request: Request, session: SessionDep, principal: PagePrincipal, show: str = "joined"
) -> Response:
    can_manage = principal.has_role(Role.procurement, Role.admin)
    show_all = can_manage and show == "all"
    joined = repository.joined_ids(session, principal)
    agreements = repository.list_agreements(session, principal, joined_only=not show_all)
    return render(
        request,
        "agreements/agreement_list.html",
        {"agreements": agreements, "joined": joined, "show_all": show_all, "can_manage": can_manage},
    )


def _form_page(
    request: Request,
    session: SessionDep,
    principal: PagePrincipal,
    values: object,
    errors: dict[str, str] | None = None,
    agreement_id: int | None = None,
) -> Response:
    return render(
        request,
        "agreements/agreement_form.html",
        {
            "values": values,
            "errors": errors or {},
            "agreement_id": agreement_id,
            "suppliers": suppliers.list_suppliers(session, principal),
            "channels": list(Channel),
            "statuses": list(AgreementStatus),
        },
        status_code=422 if errors else 200,
    )


@router.get("/agreements/new")
def agreement_new(request: Request, session: SessionDep, principal: PagePrincipal) -> Response:
    require_role(principal, Role.procurement, Role.admin)
    return _form_page(request, session, principal, {"channels": [Channel.catalogue], "binding": True})


@router.post("/agreements/new")
def agreement_create(
    request: Request, session: SessionDep, principal: PagePrincipal, form: FormDep
) -> Response:
    require_role(principal, Role.procurement, Role.admin)
    try:
        data = parse_form(AgreementCreate, form, lists=("channels", "supplier_cvrs"), flags=("binding",))
        agreement = service.create_agreement(session, principal, data, ip=client_ip(request))
    except (FormInvalid, DomainError) as exc:
        return _form_page(request, session, principal, _echo(form), form_errors(request, exc))
    return redirect_with_message(
        f"/agreements/{agreement.id}", _("Agreement %(number)s created.") % {"number": agreement.number}
    )


@router.get("/agreements/{agreement_id}")
def agreement_detail(
    agreement_id: int, request: Request, session: SessionDep, principal: PagePrincipal
) -> Response:
    agreement = service.get_agreement_or_404(session, principal, agreement_id)
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "agreement": agreement,
            "joined": agreement.id in repository.joined_ids(session, principal),
            "can_manage": principal.has_role(Role.procurement, Role.admin),
        },
    )


@router.get("/agreements/{agreement_id}/edit")
def agreement_edit(
    agreement_id: int, request: Request, session: SessionDep, principal: PagePrincipal
) -> Response:
    require_role(principal, Role.procurement, Role.admin)
    agreement = service.get_agreement_or_404(session, principal, agreement_id)
    # Saving would be refused, so the form is not offered either.
    service.check_editable(agreement)
    values = {
        **{c.key: getattr(agreement, c.key) for c in agreement.__table__.columns},
        "channels": agreement.channels,
        "supplier_cvrs": [s.cvr for s in agreement.suppliers],
    }
    return _form_page(request, session, principal, values, agreement_id=agreement.id)


@router.post("/agreements/{agreement_id}/edit")
def agreement_update(
    agreement_id: int, request: Request, session: SessionDep, principal: PagePrincipal, form: FormDep
) -> Response:
    try:
        data = parse_form(
            AgreementUpdate, form, lists=("channels", "supplier_cvrs"), flags=("binding",), keep_blank=True
        )
        service.update_agreement(session, principal, agreement_id, data, ip=client_ip(request))
    except (FormInvalid, DomainError) as exc:
        return _form_page(request, session, principal, _echo(form), form_errors(request, exc), agreement_id)
    return redirect_with_message(f"/agreements/{agreement_id}", _("The agreement was saved."))


@router.post("/agreements/{agreement_id}/join")
def agreement_join(
    agreement_id: int, request: Request, session: SessionDep, principal: PagePrincipal
) -> Response:
    agreement = service.join_agreement(session, principal, agreement_id, ip=client_ip(request))
    return redirect_with_message(
        f"/agreements/{agreement.id}",
        _("Your municipality has joined agreement %(number)s.") % {"number": agreement.number},
    )


@router.post("/agreements/{agreement_id}/leave")
def agreement_leave(
    agreement_id: int, request: Request, session: SessionDep, principal: PagePrincipal
) -> Response:
    agreement = service.leave_agreement(session, principal, agreement_id, ip=client_ip(request))
    return redirect_with_message(
        f"/agreements/{agreement.id}",
        _("Your municipality has left agreement %(number)s.") % {"number": agreement.number},
    )


def _echo(form: FormDep) -> dict[str, object]:
    """The submitted values, to fill the form again after an error."""
    values: dict[str, object] = {k: v for k, v in form.items() if isinstance(v, str)}
    values["channels"] = form.getlist("channels")
    values["supplier_cvrs"] = form.getlist("supplier_cvrs")
    values["binding"] = "binding" in form
    return values
