"""Jinja2 environment with gettext and Danish formats, and the `render` helper every page route uses."""

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import HTMLResponse

from app.config import get_settings
from app.kit import csrf
from app.kit.flash import clear_flash, read_flash
from app.kit.i18n import (
    LANGUAGES,
    _,
    current_language,
    format_date,
    format_datetime,
    format_money,
    format_number,
    ngettext,
)
from app.web.navigation import navigation_for
from app.web.units import unit_name

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates"

_env = Environment(
    loader=FileSystemLoader(str(TEMPLATE_DIR)),
    autoescape=select_autoescape(["html"]),
    extensions=["jinja2.ext.i18n"],
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.install_gettext_callables(_, ngettext, newstyle=True)  # type: ignore[attr-defined]
templates = Jinja2Templates(env=_env)


def _options(items: list[Any], value: str = "id", text: str = "name") -> list[tuple[Any, Any]]:
    """Rows as (value, text) pairs for a <select>."""
    return [(getattr(item, value), getattr(item, text)) for item in items]


templates.env.filters.update(
    money=format_money,
    number=format_number,
    date=format_date,
    datetime=format_datetime,
    options=_options,
    unit=unit_name,
)
templates.env.globals.update(LANGUAGES=LANGUAGES)


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    secret = get_settings().resolved_secret_key()
    principal = getattr(request.state, "principal", None)
    cookie_value = request.scope.get("state", {}).get("csrf_cookie") or request.cookies.get(csrf.COOKIE, "")
    response = templates.TemplateResponse(
        request,
        template,
        {
            "principal": principal,
            "lang": current_language.get(),
            "nav": navigation_for(principal, request.url.path),
            "csrf_token": csrf.issue_token(secret, cookie_value),
            "flash": read_flash(request, secret),
            **(context or {}),
        },
        status_code=status_code,
    )
    clear_flash(request, response)
    return response
