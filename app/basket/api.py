"""JSON API for the basket."""

from fastapi import APIRouter, Response

from app.auth.dependencies import ApiPrincipal, SessionDep
from app.basket import service
from app.basket.schemas import BasketRead

router = APIRouter(tags=["basket"])


@router.get("/basket", response_model=BasketRead)
def get_basket(session: SessionDep, principal: ApiPrincipal) -> object:
    return service.basket_read(session, principal)


@router.delete("/basket/lines/{line_id}", status_code=204)
def delete_line(line_id: int, session: SessionDep, principal: ApiPrincipal) -> Response:
    service.remove_line(session, principal, line_id)
    return Response(status_code=204)
