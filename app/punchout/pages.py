"""Punch-out pages: the shops, opening one, and reviewing the cart that came back."""

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from app.auth.dependencies import PagePrincipal, SessionDep
from app.basket import repository as basket_repository
from app.kit.errors import DomainError
from app.kit.i18n import _, ngettext
from app.models import Operation, SessionState
from app.punchout import repository, review
from app.punchout.flags import flag_label, warning_label
from app.punchout.start import start_session
from app.web.forms import FormDep, redirect_with_message
from app.web.templates import render

router = APIRouter()


def _shops_page(
    request: Request,
    session: SessionDep,
    principal: PagePrincipal,
    error: str | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "punchout/shops.html",
        {
            "connections": repository.list_connections(session, principal, active_only=True),
            "recent": repository.recent_sessions(session, principal),
            "error": error,
        },
        status_code=status,
    )


@router.get("/shops")
def shops(request: Request, session: SessionDep, principal: PagePrincipal) -> Response:
    return _shops_page(request, session, principal)


def _field(form: FormDep, name: str) -> str | None:
    value = form.get(name)
    return value.strip() if isinstance(value, str) and value.strip() else None


@router.post("/punchout/start")
def start(request: Request, session: SessionDep, principal: PagePrincipal, form: FormDep) -> Response:
    try:
        connection_id = int(_field(form, "connection") or "")
        operation = Operation(_field(form, "operation") or "create")
        reopen = int(value) if (value := _field(form, "reopen")) else None
    except ValueError:
        request.state.rollback_only = True
        return _shops_page(request, session, principal, _("Choose a shop."), 422)
    try:
        outcome = start_session(session, principal, connection_id, operation, _field(form, "item"), reopen)
    except DomainError as exc:
        if exc.status_code in (401, 403, 404):
            raise
        request.state.rollback_only = True
        return _shops_page(request, session, principal, exc.message, exc.status_code)
    if not outcome.ok:
        # Committed on purpose: the failed visit and the logged exchange are what support looks at.
        return _shops_page(request, session, principal, outcome.error_message, 502)
    if outcome.method == "POST":
        return render(
            request,
            "punchout/launch.html",
            {
                "url": outcome.start_url,
                "fields": outcome.form or [],
                "supplier": outcome.supplier,
            },
        )
    # At once and never cached: a StartPage URL is one-time and short-lived (reference §5).
    response = RedirectResponse(outcome.start_url or "/shops", status_code=303)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/punchout/sessions/{session_id}")
def session_page(
    session_id: int, request: Request, session: SessionDep, principal: PagePrincipal
) -> Response:
    record = review.get_session_or_404(session, principal, session_id)
    data = review.session_read(record)
    replaced = (
        basket_repository.lines_of_session(session, principal, record.reopens_session_id)
        if record.operation is Operation.edit
        and record.reopens_session_id
        and record.state is SessionState.returned
        else []
    )
    return render(
        request,
        "punchout/session.html",
        {
            "ps": data,
            "record": record,
            "mine": record.user_id == principal.user_id,
            "flag_label": flag_label,
            "warnings": [warning_label(w["code"], w.get("detail") or {}) for w in data["warnings"]],
            "replaced": replaced,
            "flagged_count": sum(1 for line in data["lines"] if line["flags"]),
        },
    )


@router.post("/punchout/sessions/{session_id}/accept")
def accept(session_id: int, request: Request, session: SessionDep, principal: PagePrincipal) -> Response:
    count = review.accept(session, principal, session_id)
    message = (
        ngettext("%(num)d line was put in your basket.", "%(num)d lines were put in your basket.", count)
        % {"num": count}
        if count
        else _("The lines were removed from your basket.")
    )
    return redirect_with_message("/basket", message)


@router.post("/punchout/sessions/{session_id}/discard")
def discard(session_id: int, request: Request, session: SessionDep, principal: PagePrincipal) -> Response:
    review.discard(session, principal, session_id)
    return redirect_with_message("/basket", _("The basket from the shop was discarded."))
