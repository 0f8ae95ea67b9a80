"""Supplier pages: list with search, create, edit."""

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.auth.dependencies import PagePrincipal, SessionDep, require_role
from app.kit.errors import DomainError
from app.kit.i18n import _
from app.kit.request import client_ip
from app.models import Role
from app.suppliers import repository, service
from app.suppliers.schemas import SupplierCreate, SupplierUpdate
from app.web.forms import FormDep, FormInvalid, form_errors, parse_form, redirect_with_message
from app.web.templates import render

router = APIRouter()


@router.get("/suppliers")
def supplier_list(
    request: Request, session: SessionDep, principal: PagePrincipal, q: str | None = None
) -> Response:
    suppliers = repository.list_suppliers(session, principal, q)
    can_edit = principal.has_role(Role.procurement, Role.admin)
    return render(
        request, "suppliers/supplier_list.html", {"suppliers": suppliers, "q": q or "", "can_edit": can_edit}
    )


def _form_page(
    request: Request, values: object, errors: dict[str, str] | None = None, supplier_id: int | None = None
) -> Response:
    return render(
        request,
        "suppliers/supplier_form.html",
        {"values": values, "errors": errors or {}, "supplier_id": supplier_id},
        status_code=422 if errors else 200,
    )


@router.get("/suppliers/new")
def supplier_new(request: Request, principal: PagePrincipal) -> Response:
    require_role(principal, Role.procurement, Role.admin)
    return _form_page(request, {})


@router.post("/suppliers/new")
def supplier_create(
    request: Request, session: SessionDep, principal: PagePrincipal, form: FormDep
) -> Response:
    require_role(principal, Role.procurement, Role.admin)
    try:
        supplier = service.create_supplier(
            session, principal, parse_form(SupplierCreate, form), client_ip(request)
        )
    except (FormInvalid, DomainError) as exc:
        return _form_page(request, form, form_errors(request, exc))
    return redirect_with_message("/suppliers", _("Supplier %(name)s created.") % {"name": supplier.name})


@router.get("/suppliers/{supplier_id}")
def supplier_edit(
    supplier_id: int, request: Request, session: SessionDep, principal: PagePrincipal
) -> Response:
    # As with a new supplier, only those who may save the form are shown it.
    require_role(principal, Role.procurement, Role.admin)
    supplier = service.get_supplier_or_404(session, principal, supplier_id)
    return _form_page(request, supplier, supplier_id=supplier.id)


@router.post("/suppliers/{supplier_id}")
def supplier_update(
    supplier_id: int, request: Request, session: SessionDep, principal: PagePrincipal, form: FormDep
) -> Response:
    try:
        service.update_supplier(
            session,
            principal,
            supplier_id,
            parse_form(SupplierUpdate, form, keep_blank=True),
            client_ip(request),
        )
    except (FormInvalid, DomainError) as exc:
        return _form_page(request, form, form_errors(request, exc), supplier_id)
    return redirect_with_message("/suppliers", _("The supplier was saved."))
