"""Exceptions raised by the punch-out protocol package.

Every error derives from `PunchoutError`, so the web layer can turn all of them into one clear message
without catching unrelated bugs.
"""


class PunchoutError(Exception):
    """Base class for every error this package raises on purpose."""


class MalformedDocumentError(PunchoutError):
    """A document or form could not be read: not XML, a required part missing, or a value unusable.

    A reply that is not valid cXML counts as a transport error and may be retried; a valid cXML 4xx may not
    (punch-out reference §4). `xpath`, `field` and `line` point at the culprit when known.
    """

    def __init__(
        self, message: str, *, xpath: str | None = None, field: str | None = None, line: int | None = None
    ) -> None:
        self.message = message
        self.xpath = xpath
        self.field = field
        self.line = line
        where = ", ".join(
            f"{label} {value}"
            for label, value in (("at", xpath), ("field", field), ("line", line))
            if value is not None
        )
        super().__init__(f"{message} ({where})" if where else message)


class UnsafeXmlError(MalformedDocumentError):
    """The document declares entities (internal or external) and is refused before any use.

    cXML needs no entity declarations at all, so a document carrying them is either broken or an attack
    (XXE, billion laughs).
    """


class PayloadTooLargeError(PunchoutError):
    """The payload is larger than the configured cap (cXML status 499, "Document size error")."""

    def __init__(self, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(f"payload of {size} bytes exceeds the limit of {limit} bytes")


class BuildError(PunchoutError):
    """We were asked to emit a document that would break the cXML DTD or the OCI field rules.

    Output is strict: rather than send something a supplier may silently misread, we refuse to build it.
    """
