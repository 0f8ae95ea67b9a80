"""UBL 2.1 catalogues (Peppol BIS Catalogue 3, OIOUBL 2.1), streamed line by line with lxml's iterparse.

Each catalogue line is cleared once read, so memory does not grow with the file. Parsing is locked down: a
DOCTYPE is refused outright (no entity can then be declared), entities are never resolved and the network is
never touched.
"""

import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from lxml import etree

from catalogs import errors
from catalogs.errors import CatalogFileError
from catalogs.lines import LineBuilder, LineResult
from catalogs.model import CatalogueHeader
from catalogs.ubl_header import CAC, DocumentType, document_type, read_header
from catalogs.ubl_lines import line_values
from catalogs.values import UBL_ACTIONS

SAFE = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}
_PROLOG_BYTES = 64 * 1024


class UblCatalogue:
    """Iterating yields one `LineResult` per catalogue line; `header` is read before the first line."""

    def __init__(self, fh: BinaryIO):
        self._fh = fh
        _check_prolog(fh)
        self._doc = self._sniff_root()
        self._builder = LineBuilder(
            decimal_mark=".", default_action="add", kind=self._doc.kind, action_words=UBL_ACTIONS
        )
        self.header: CatalogueHeader | None = None
        self._results = self._parse()
        next(self._results)  # runs up to the first line, which fills in the header

    def __iter__(self) -> Iterator[LineResult]:
        return self._results

    def _sniff_root(self) -> DocumentType:
        etree.clear_error_log()  # the log outlives a parse; only this document's errors should be in it
        try:
            for _event, root in etree.iterparse(self._fh, events=("start",), **SAFE):
                if root.getroottree().docinfo.doctype:
                    raise _unsafe("the XML has a DOCTYPE declaration", root.sourceline)
                return document_type(root.tag)
            raise CatalogFileError("the file holds no XML element", code=errors.EMPTY_FILE)
        except etree.XMLSyntaxError as exc:
            raise self._syntax_error(exc) from None
        finally:
            self._fh.seek(0)

    def _parse(self) -> Iterator[Any]:
        doc = self._doc
        tag = f"{{{CAC}}}{doc.line_tag}" if doc.line_tag else "{urn:never}none"
        etree.clear_error_log()
        context = etree.iterparse(self._fh, events=("start", "end"), tag=tag, **SAFE)
        index = 0
        try:
            for event, element in context:
                if event == "start":
                    if self.header is None:
                        self._set_header(element.getroottree().getroot())
                        yield None
                    continue
                index += 1
                yield self._line(element, index)
                element.clear()
                parent = element.getparent()
                while element.getprevious() is not None:
                    del parent[0]
            if self.header is None:
                self._set_header(context.root)
                yield None
        except etree.XMLSyntaxError as exc:
            raise self._syntax_error(exc) from None

    def _set_header(self, root: etree._Element) -> None:
        self.header = read_header(root, self._doc)
        self._builder.default_action = self.header.action or "add"

    def _line(self, element: etree._Element, index: int) -> LineResult:
        base = f"/{self._doc.name}/{self._doc.line_tag}[{index}]"
        raw, locate = line_values(element, base, self._doc.kind)
        return self._builder.build(raw, locate, line_number=element.sourceline, xpath=base)

    def _syntax_error(self, exc: etree.XMLSyntaxError) -> CatalogFileError:
        # With entities unresolved lxml may raise a generic message; the error log keeps the real cause.
        fatal = exc.error_log.filter_from_fatals() or exc.error_log
        first = fatal[-1] if len(fatal) else None
        message = first.message if first is not None else (exc.msg or str(exc))
        line = first.line if first is not None and first.line else exc.lineno
        kind = first.type_name if first is not None else ""
        if "ENTITY" in kind or "Entity" in message or "DOCTYPE" in message:
            return _unsafe(f"the XML uses an entity or DOCTYPE: {message}", line)
        if (
            "Premature end of data" in message
            or "EndTag: '</' not found" in message
            or line >= _line_count(self._fh)
        ):
            return CatalogFileError(
                f"the XML ends early; it looks truncated ({message})", line=line, code=errors.TRUNCATED
            )
        return CatalogFileError(f"the XML is not well-formed: {message}", line=line, code=errors.BAD_XML)


def _check_prolog(fh: BinaryIO) -> None:
    """Refuse a DOCTYPE before lxml sees it: entity declarations can only live there."""
    head = fh.read(_PROLOG_BYTES)
    fh.seek(0)
    if not head.strip():
        raise CatalogFileError("the file is empty", code=errors.EMPTY_FILE)
    text = head.decode("utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "latin-1", "replace")
    first_element = re.search(r"<[^?!]", text)
    prolog = text[: first_element.start()] if first_element else text
    found = re.search(r"<!(?:DOCTYPE|ENTITY)", prolog, re.IGNORECASE)
    if found:
        raise _unsafe(
            "the XML has a DOCTYPE declaration; DOCTYPEs and entities are not accepted",
            prolog[: found.start()].count("\n") + 1,
        )


def _unsafe(reason: str, line: int | None) -> CatalogFileError:
    return CatalogFileError(reason, line=line, code=errors.UNSAFE_XML)


def _line_count(fh: BinaryIO) -> int:
    fh.seek(0)
    count, last = 0, b"\n"
    while chunk := fh.read(1 << 20):
        count += chunk.count(b"\n")
        last = chunk[-1:]
    return count + (last != b"\n")
