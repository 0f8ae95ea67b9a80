"""Blanking secrets before a document or form reaches a log (cxml-php does the same, reference §14).

Works on text, not on a parsed tree, so it also handles documents too broken to parse, which are exactly
the ones someone will want to log.
"""

import re
from collections.abc import Iterable

# Default OCI login field names that hold a secret; shops name them freely, so callers may add more.
SECRET_FIELD_WORDS = ("PASS", "PWD", "SECRET", "TOKEN")

_SHARED_SECRET = re.compile(
    r"(<(?:[\w.-]+:)?SharedSecret\b[^>]*>)(.*?)(</(?:[\w.-]+:)?SharedSecret\s*>)", re.IGNORECASE | re.DOTALL
)


def _secret_name(name: str, words: Iterable[str]) -> bool:
    upper = name.upper()
    return any(word in upper for word in words)


def redact_secrets(xml_or_text: str | bytes, secret_words: Iterable[str] = SECRET_FIELD_WORDS) -> str:
    """The text with SharedSecret contents and password-like form values emptied.

    Covers `<SharedSecret>…</SharedSecret>` (any case or prefix), `NAME=value` pairs in query strings and
    form bodies, and `<input name="PASSWORD" value="…">` in call-up pages.
    """
    text = xml_or_text.decode("utf-8", "replace") if isinstance(xml_or_text, bytes) else xml_or_text
    words = tuple(w.upper() for w in secret_words)
    text = _SHARED_SECRET.sub(lambda m: m.group(1) + m.group(3), text)
    upper = text.upper()
    if not any(word in upper for word in words):
        # Nothing named like a secret: a large OCI cart need not go through the per-field pass below.
        return text
    text = re.sub(
        r"(?P<name>[\w~.%-]+)=(?P<value>[^&\s\"'<>]*)",
        lambda m: f"{m['name']}=" if _secret_name(m["name"], words) else m.group(0),
        text,
    )
    return re.sub(r"<input\b[^>]*>", lambda m: _redact_input(m.group(0), words), text, flags=re.IGNORECASE)


def _redact_input(tag: str, words: tuple[str, ...]) -> str:
    name = re.search(r"\bname\s*=\s*([\"'])(.*?)\1", tag, re.IGNORECASE)
    if not name or not _secret_name(name.group(2), words):
        return tag
    return re.sub(r"(\bvalue\s*=\s*)([\"']).*?\2", r"\1\2\2", tag, flags=re.IGNORECASE)


def redact_fields(
    fields: Iterable[tuple[str, str]], secret_words: Iterable[str] = SECRET_FIELD_WORDS
) -> list[tuple[str, str]]:
    """OCI call-up or return fields with password-like values emptied, for logging."""
    words = tuple(w.upper() for w in secret_words)
    return [(name, "" if _secret_name(name, words) else value) for name, value in fields]
