"""The start page (one per role), the audit log page and the health check."""

from fastapi import APIRouter, Request
from sqlalchemy import text
from starlette.responses import JSONResponse, Response

from app.agreements import repository as agreements
from app.audit import repository as audit
from app.auth.dependencies import PagePrincipal, SessionDep, require_role
from app.models import Role
from app.org import repository as org
from app.users import repository as users
from app.web.templates import render

router = APIRouter()


@router.get("/")
def start(request: Request, session: SessionDep, principal: PagePrincipal) -> Response:
    departments = org.list_departments(session, principal)
    context: dict[str, object] = {
        "departments": [d for d in departments if d.id in principal.visible_department_ids],
        "agreements": agreements.list_agreements(session, principal, joined_only=True),
        "roles": sorted(principal.roles),
    }
    if principal.has_role(Role.admin, Role.approver):
        context["user_count"] = len(users.list_users(session, principal))
    if principal.has_role(Role.procurement, Role.admin):
        joined = agreements.joined_ids(session, principal)
        available = agreements.list_agreements(session, principal, joined_only=False)
        context["joinable"] = [a for a in available if a.id not in joined]
    return render(request, "home.html", context)


@router.get("/audit")
def audit_log(request: Request, session: SessionDep, principal: PagePrincipal, page: int = 1) -> Response:
    require_role(principal, Role.admin)
    page = max(page, 1)
    events = audit.list_events(session, principal, limit=100, offset=(page - 1) * 100)
    return render(request, "audit.html", {"events": events, "page": page})


health_router = APIRouter()


@health_router.get("/healthz", tags=["health"])
def healthz(session: SessionDep) -> Response:
    session.execute(text("SELECT 1"))
    return JSONResponse({"status": "ok"})
