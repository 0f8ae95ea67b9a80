"""Errors a person sees in the shop, as a Danish page with the right HTTP status."""

from fastapi import Request
from fastapi.responses import HTMLResponse

from app.demo_supplier.templating import templates


class ShopError(Exception):
    def __init__(self, status_code: int, title: str, message: str, *, back_url: str | None = None) -> None:
        self.status_code = status_code
        self.title = title
        self.message = message
        self.back_url = back_url
        super().__init__(f"{status_code} {title}")


def session_error(reason: str) -> ShopError:
    if reason == "expired":
        return ShopError(
            410,
            "Sessionen er udløbet",
            "Linket til butikken er for gammelt. Gå tilbage til indkøbssystemet, og åbn butikken igen.",
        )
    if reason == "used":
        return ShopError(
            410,
            "Linket er allerede brugt",
            "Et startlink til butikken kan kun bruges én gang. Åbn butikken igen fra indkøbssystemet.",
        )
    return ShopError(
        403,
        "Ugyldigt link",
        "Linket til butikken er ikke gyldigt. Åbn butikken fra indkøbssystemet.",
    )


async def render_shop_error(request: Request, exc: Exception) -> HTMLResponse:
    assert isinstance(exc, ShopError)
    return templates.TemplateResponse(
        request,
        "demo_supplier/error.html",
        {"title": exc.title, "message": exc.message, "back_url": exc.back_url},
        status_code=exc.status_code,
    )
