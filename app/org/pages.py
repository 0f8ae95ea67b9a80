"""Department pages: list, create, edit."""

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.auth.dependencies import PagePrincipal, SessionDep, require_role
from app.kit.errors import DomainError
from app.kit.i18n import _
from app.kit.request import client_ip
from app.models import Role
from app.org import repository, service
from app.org.schemas import DepartmentCreate, DepartmentUpdate
from app.web.forms import FormDep, FormInvalid, form_errors, parse_form, redirect_with_message
from app.web.templates import render

router = APIRouter()


@router.get("/departments")
def department_list(request: Request, session: SessionDep, principal: PagePrincipal) -> Response:
    require_role(principal, Role.admin, Role.approver, Role.finance, Role.procurement)
    departments = repository.list_departments(session, principal)
    names = {d.id: d.name for d in departments}
    return render(request, "org/department_list.html", {"departments": departments, "names": names})


def _form_page(
    request: Request,
    session: SessionDep,
    principal: PagePrincipal,
    values: object,
    errors: dict[str, str] | None = None,
    department_id: int | None = None,
) -> Response:
    parents = [d for d in repository.list_departments(session, principal) if d.id != department_id]
    # A department-scoped administrator cannot see the parent of the top department they administer; the form
    # carries it unchanged instead of offering "(top level)", which would move the department on saving.
    current = repository.get_department(session, principal, department_id) if department_id else None
    hidden_parent = None
    if current is not None and current.parent_id not in {None, *(d.id for d in parents)}:
        hidden_parent = current.parent_id
    return render(
        request,
        "org/department_form.html",
        {
            "values": values,
            "errors": errors or {},
            "parents": parents,
            "department_id": department_id,
            "hidden_parent": hidden_parent,
        },
        status_code=422 if errors else 200,
    )


@router.get("/departments/new")
def department_new(request: Request, session: SessionDep, principal: PagePrincipal) -> Response:
    require_role(principal, Role.admin)
    return _form_page(request, session, principal, {})


@router.post("/departments/new")
def department_create(
    request: Request, session: SessionDep, principal: PagePrincipal, form: FormDep
) -> Response:
    require_role(principal, Role.admin)
    try:
        department = service.create_department(
            session, principal, parse_form(DepartmentCreate, form), ip=client_ip(request)
        )
    except (FormInvalid, DomainError) as exc:
        return _form_page(request, session, principal, form, form_errors(request, exc))
    return redirect_with_message(
        "/departments", _("Department %(name)s created.") % {"name": department.name}
    )


@router.get("/departments/{department_id}")
def department_edit(
    department_id: int, request: Request, session: SessionDep, principal: PagePrincipal
) -> Response:
    # The same roles as the list of departments; requisitioners reach neither.
    require_role(principal, Role.admin, Role.approver, Role.finance, Role.procurement)
    department = service.get_department_or_404(session, principal, department_id)
    return _form_page(request, session, principal, department, department_id=department.id)


@router.post("/departments/{department_id}")
def department_update(
    department_id: int, request: Request, session: SessionDep, principal: PagePrincipal, form: FormDep
) -> Response:
    try:
        data = parse_form(DepartmentUpdate, form, keep_blank=True)
        service.update_department(session, principal, department_id, data, ip=client_ip(request))
    except (FormInvalid, DomainError) as exc:
        return _form_page(request, session, principal, form, form_errors(request, exc), department_id)
    return redirect_with_message("/departments", _("The department was saved."))
