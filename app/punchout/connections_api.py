"""JSON API for punch-out connections: configure, test, read the exchange log and the flagged lines."""

from fastapi import APIRouter

from app.auth.dependencies import ApiPrincipal, SessionDep
from app.punchout import connection_test, connections, oversight
from app.punchout.schemas import (
    ConnectionCreate,
    ConnectionRead,
    ConnectionTestRead,
    ConnectionUpdate,
    ExchangeRead,
    FlaggedLineRead,
)

router = APIRouter(tags=["punchout"])


@router.get("/punchout/connections", response_model=list[ConnectionRead])
def list_connections(session: SessionDep, principal: ApiPrincipal) -> object:
    return oversight.list_connections(session, principal)


@router.post("/punchout/connections", response_model=ConnectionRead, status_code=201)
def create_connection(data: ConnectionCreate, session: SessionDep, principal: ApiPrincipal) -> object:
    return connections.create_connection(session, principal, data)


@router.get("/punchout/connections/{connection_id}", response_model=ConnectionRead)
def get_connection(connection_id: int, session: SessionDep, principal: ApiPrincipal) -> object:
    return oversight.get_connection(session, principal, connection_id)


@router.patch("/punchout/connections/{connection_id}", response_model=ConnectionRead)
def update_connection(
    connection_id: int, data: ConnectionUpdate, session: SessionDep, principal: ApiPrincipal
) -> object:
    return connections.update_connection(session, principal, connection_id, data)


@router.post("/punchout/connections/{connection_id}/test", response_model=ConnectionTestRead)
def test_connection(connection_id: int, session: SessionDep, principal: ApiPrincipal) -> object:
    return connection_test.test_connection(session, principal, connection_id)


@router.get("/punchout/connections/{connection_id}/exchanges", response_model=list[ExchangeRead])
def list_exchanges(connection_id: int, session: SessionDep, principal: ApiPrincipal) -> object:
    return oversight.connection_exchanges(session, principal, connection_id)


@router.get("/punchout/flags", response_model=list[FlaggedLineRead])
def list_flagged_lines(session: SessionDep, principal: ApiPrincipal, supplier: int | None = None) -> object:
    return oversight.flagged_lines(session, principal, supplier)
