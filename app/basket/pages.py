"""The basket page."""

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.auth.dependencies import PagePrincipal, SessionDep
from app.basket import service
from app.kit.i18n import _
from app.punchout import repository as punchout_repository
from app.punchout.flags import flag_label
from app.web.forms import redirect_with_message
from app.web.templates import render

router = APIRouter()


@router.get("/basket")
def basket(request: Request, session: SessionDep, principal: PagePrincipal) -> Response:
    data = service.basket_read(session, principal)
    groups: dict[int | None, list[dict]] = {}
    for line in data["lines"]:
        groups.setdefault(line["punchout_session"], []).append(line)
    visits = punchout_repository.get_sessions(session, principal, [key for key in groups if key is not None])
    return render(
        request,
        "basket/basket.html",
        {"basket": data, "groups": groups, "visits": visits, "flag_label": flag_label},
    )


@router.post("/basket/lines/{line_id}/delete")
def delete_line(line_id: int, request: Request, session: SessionDep, principal: PagePrincipal) -> Response:
    service.remove_line(session, principal, line_id)
    return redirect_with_message("/basket", _("The line was removed from your basket."))
