"""The one safe way into an XML tree, plus case-insensitive lookups for the documents real suppliers send.

Parser settings follow the punch-out reference §14 and https://lxml.de/resolvers.html: no network, no DTD
loading, no entity expansion, no huge trees. A document whose DOCTYPE declares entities is refused outright,
because cXML needs none and every known XML bomb (XXE, billion laughs) relies on them. A plain
`<!DOCTYPE cXML SYSTEM "…/cXML.dtd">` is fine: the SYSTEM URL is an identifier, never fetched.

Suppliers send `<cxml>`, `<itemin>` and friends (reference §15), so lookups compare local names without case.
"""

import re
from collections.abc import Iterator
from functools import lru_cache
from xml.sax.saxutils import escape

from lxml import etree

from punchout.errors import MalformedDocumentError, PayloadTooLargeError, UnsafeXmlError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DTD_VERSION = re.compile(r"/cxml/(\d+(?:\.\d+)+)/", re.IGNORECASE)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True
    )


def parse_xml(data: bytes | str, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._Element:
    """Parse untrusted XML and return its root element, or raise a `PunchoutError`.

    The encoding comes from the XML declaration (UTF-8, ISO-8859-1, windows-1252 …), so pass bytes. A `str`
    is accepted for convenience and its declaration's encoding is ignored, as it no longer applies.
    """
    if isinstance(data, str):
        data = text_to_xml_bytes(data)
    if len(data) > max_bytes:
        raise PayloadTooLargeError(len(data), max_bytes)
    if b"<!ENTITY" in data:
        raise UnsafeXmlError("the document declares XML entities, which cXML never needs")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise MalformedDocumentError(f"not well-formed XML: {exc.msg}", line=exc.lineno) from exc
    _refuse_entities(root)
    return root


def _refuse_entities(root: etree._Element) -> None:
    # A second line of defence for encodings (UTF-16) where the byte scan above cannot see "<!ENTITY".
    subset = root.getroottree().docinfo.internalDTD
    if subset is not None and any(True for _ in subset.iterentities()):
        raise UnsafeXmlError("the document's DOCTYPE declares entities, which cXML never needs")
    if any(True for _ in root.iter(etree.Entity)):
        raise UnsafeXmlError("the document references XML entities")


def text_to_xml_bytes(text: str) -> bytes:
    """UTF-8 bytes for XML that has already been decoded, with a declaration saying so.

    cXML User's Guide (via reference §7): the receiver of `cXML-urlencoded` ignores the declared encoding,
    because the form transport has already turned the document into characters.
    """
    text = text.lstrip("\ufeff")
    text = _DECLARATION.sub('<?xml version="1.0" encoding="UTF-8"?>', text, count=1)
    return text.encode("utf-8")


def cxml_version(root: etree._Element) -> str | None:
    """The cXML version from the DOCTYPE system identifier, else the deprecated `version` attribute.

    The attribute has been deprecated since 1.2.007; the DOCTYPE is authoritative (reference §2).
    """
    match = _DTD_VERSION.search(root.getroottree().docinfo.system_url or "")
    return match.group(1) if match else attr(root, "version")


def local(el: etree._Element) -> str:
    """The element's local name in lower case, or "" for comments and processing instructions."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return _local_name(tag)


@lru_cache(maxsize=4096)
def _local_name(tag: str) -> str:
    # Clark notation "{namespace}Name": a cart has a few dozen distinct tags, read tens of thousands of times.
    return tag.rpartition("}")[2].lower()


def children(el: etree._Element | None, name: str) -> list[etree._Element]:
    if el is None:
        return []
    wanted = name.lower()
    return [c for c in el if isinstance(c.tag, str) and _local_name(c.tag) == wanted]


def child(el: etree._Element | None, name: str) -> etree._Element | None:
    """The first child called `name` (any case); a slash-separated path walks down several levels."""
    for wanted in _steps(name):
        if el is None:
            return None
        for candidate in el:
            tag = candidate.tag
            if isinstance(tag, str) and _local_name(tag) == wanted:
                el = candidate
                break
        else:
            return None
    return el


def by_name(el: etree._Element | None) -> dict[str, list[etree._Element]]:
    """The element's children by lower-case local name, in one pass.

    lxml makes a Python object for every element it hands out, so asking a line a dozen `child` questions costs
    a dozen walks over its children; a cart of hundreds of lines asks thousands. One walk answers them all.
    """
    found: dict[str, list[etree._Element]] = {}
    if el is not None:
        for c in el:
            tag = c.tag
            if isinstance(tag, str):
                found.setdefault(_local_name(tag), []).append(c)
    return found


def first(found: dict[str, list[etree._Element]], name: str) -> etree._Element | None:
    """The first of `by_name`'s elements called `name` (given in lower case)."""
    elements = found.get(name)
    return elements[0] if elements else None


@lru_cache(maxsize=512)
def _steps(path: str) -> tuple[str, ...]:
    return tuple(step.lower() for step in path.split("/"))


def descendants(el: etree._Element, name: str) -> Iterator[etree._Element]:
    wanted = name.lower()
    return (d for d in el.iter() if local(d) == wanted)


def text(el: etree._Element | None, *, strip: bool = True) -> str | None:
    """All text inside the element (CDATA included); None when the element is absent or empty."""
    if el is None:
        return None
    # Most elements are leaves: their text is all there is, without walking an iterator.
    value = (el.text or "") if len(el) == 0 else "".join(el.itertext())
    if strip:
        value = value.strip()
    return value or None


def child_text(el: etree._Element | None, name: str) -> str | None:
    return text(child(el, name))


def attr(el: etree._Element | None, name: str) -> str | None:
    """An attribute by name, matched without case; empty values count as absent."""
    if el is None:
        return None
    value = el.get(name)
    if value is None:
        wanted = name.lower()
        value = next((v for k, v in el.attrib.items() if k.lower() == wanted), None)
    if value is None:
        return None
    return value.strip() or None


def lang_of(el: etree._Element) -> str | None:
    return el.get(XML_LANG) or attr(el, "lang")


def inner_xml(el: etree._Element) -> str:
    """The element's content as markup, exactly as it sits between its tags.

    Used for SupplierPartAuxiliaryID, which the DTD declares ANY and which must be echoed unchanged.
    Whitespace is kept; escaped text stays escaped; child elements stay elements.
    """
    parts = [escape(el.text or "")]
    parts.extend(etree.tostring(c, encoding="unicode", with_tail=True) for c in el)
    return "".join(parts)


def set_inner_xml(el: etree._Element, markup: str) -> None:
    """Put `markup` (as returned by `inner_xml`) back inside `el`.

    Text that is not a well-formed fragment cannot have come from a parsed document; it is set as plain
    text so that values typed by hand (e.g. "A&B") still travel safely, escaped.
    """
    try:
        holder = etree.fromstring(f"<x>{markup}</x>".encode(), _parser())
        _refuse_entities(holder)
    except (etree.XMLSyntaxError, UnsafeXmlError):
        el.text = markup
        return
    el.text = holder.text
    for c in holder:
        el.append(c)
