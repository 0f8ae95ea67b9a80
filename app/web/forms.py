"""Reading HTML forms into the same schemas the API uses, and turning errors into per-field messages."""

from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse

from app.config import get_settings
from app.kit.errors import DomainError
from app.kit.flash import flash
from app.kit.i18n import _

M = TypeVar("M", bound=BaseModel)


async def _form(request: Request) -> FormData:
    return await request.form()


FormDep = Annotated[FormData, Depends(_form)]


class FormInvalid(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


def _message(error_type: str) -> str:
    messages = {
        "missing": _("This field is required."),
        "string_too_short": _("This field is required."),
        "string_type": _("This field is required."),
        "string_too_long": _("The text is too long."),
        "int_parsing": _("Enter a whole number."),
        "decimal_parsing": _("Enter an amount, e.g. 1.234,50."),
        "date_from_datetime_parsing": _("Enter a date as YYYY-MM-DD."),
        "date_parsing": _("Enter a date as YYYY-MM-DD."),
        "value_error": _("The value is not valid."),
        "enum": _("Choose one of the options."),
        "literal_error": _("Choose one of the options."),
        "greater_than_equal": _("The value must not be negative."),
    }
    return messages.get(error_type, _("The value is not valid."))


def parse_form(
    schema: type[M],
    form: FormData,
    *,
    lists: tuple[str, ...] = (),
    flags: tuple[str, ...] = (),
    keep_blank: bool = False,
) -> M:
    """Blank fields become None: left out on create, kept on edit (`keep_blank`) so that clearing a field clears
    the value. `lists` are multi-valued fields; `flags` are checkboxes (absent means False)."""
    data: dict[str, Any] = {}
    for key in form.keys():
        if key in lists or key == "csrf_token":
            continue
        value = form.get(key)
        if isinstance(value, str):
            data[key] = value.strip() or None
    for key in lists:
        data[key] = [v for v in form.getlist(key) if isinstance(v, str) and v]
    for key in flags:
        data[key] = key in form
    try:
        kept = data if keep_blank else {k: v for k, v in data.items() if v is not None or k in flags}
        return schema.model_validate(kept)
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else "__all__"
            errors.setdefault(field, _message(error["type"]))
        raise FormInvalid(errors) from None


def form_errors(request: Request, exc: FormInvalid | DomainError) -> dict[str, str]:
    """The messages to show beside the fields; marks the request so its unit of work is rolled back.

    A record that is not there or not the user's is not a mistake in the form: it is raised on as a 404/403 page."""
    request.state.rollback_only = True
    if isinstance(exc, DomainError) and exc.status_code in (401, 403, 404) and exc.field is None:
        raise exc
    if isinstance(exc, FormInvalid):
        return exc.errors
    return {exc.field or "__all__": exc.message}


def redirect_with_message(url: str, message: str, kind: str = "success") -> RedirectResponse:
    response = RedirectResponse(url, status_code=303)
    flash(response, get_settings().resolved_secret_key(), message, kind)
    return response
