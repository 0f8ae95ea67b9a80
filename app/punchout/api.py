"""JSON API for punch-out sessions: open a shop, read what came back, accept it into the basket."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from app.auth.dependencies import ApiPrincipal, SessionDep
from app.punchout import review
from app.punchout.schemas import SessionRead, SessionStart, SessionStarted
from app.punchout.start import start_session

router = APIRouter(tags=["punchout"])


@router.post(
    "/punchout/sessions",
    response_model=SessionStarted,
    status_code=201,
    responses={502: {"description": "The supplier's shop could not be opened; the attempt is logged"}},
)
def create_session(data: SessionStart, session: SessionDep, principal: ApiPrincipal) -> object:
    outcome = start_session(session, principal, data.connection, data.operation, data.item, data.reopen)
    if not outcome.ok:
        # Answered, not raised: the failed session and the logged exchange must be kept.
        return JSONResponse(
            {
                "error": {
                    "code": outcome.error_code,
                    "message": outcome.error_message,
                    "detail": {"session": outcome.session.id},
                }
            },
            status_code=502,
        )
    return SessionStarted(
        session=outcome.session.id,
        start_url=outcome.start_url or "",
        method=outcome.method,
        form=outcome.form,
    )


@router.get("/punchout/sessions/{session_id}", response_model=SessionRead)
def get_session(session_id: int, session: SessionDep, principal: ApiPrincipal) -> object:
    return review.session_read(review.get_session_or_404(session, principal, session_id))


@router.post("/punchout/sessions/{session_id}/accept", response_model=SessionRead)
def accept_session(session_id: int, session: SessionDep, principal: ApiPrincipal) -> object:
    review.accept(session, principal, session_id)
    return review.session_read(review.get_session_or_404(session, principal, session_id))


@router.post("/punchout/sessions/{session_id}/discard", response_model=SessionRead)
def discard_session(session_id: int, session: SessionDep, principal: ApiPrincipal) -> object:
    review.discard(session, principal, session_id)
    return review.session_read(review.get_session_or_404(session, principal, session_id))
