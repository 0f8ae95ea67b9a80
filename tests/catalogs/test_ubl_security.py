import pytest

from catalogs import CatalogFileError, read_catalogue

from .conftest import FIXTURES, write
from .test_ubl_reader import catalogue, simple_line


def test_invoice_is_the_wrong_document_type():
    with pytest.raises(CatalogFileError) as failure:
        read_catalogue(FIXTURES / "invoice.xml")
    assert failure.value.code == "wrong_document_type" and "Invoice" in failure.value.reason


def test_catalogue_in_a_foreign_namespace(tmp_path):
    with pytest.raises(CatalogFileError) as failure:
        read_catalogue(
            write(tmp_path, "c.xml", '<Catalogue xmlns="urn:example:other"><ID>1</ID></Catalogue>')
        )
    assert failure.value.code == "wrong_document_type"


def test_external_entity_is_refused():
    with pytest.raises(CatalogFileError) as failure:
        read_catalogue(FIXTURES / "external_entity.xml")
    assert failure.value.code == "unsafe_xml" and failure.value.line == 2


@pytest.mark.parametrize(
    "prolog",
    [
        "<!DOCTYPE Catalogue>",
        '<!DOCTYPE Catalogue [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!-- a comment first --><!DOCTYPE Catalogue SYSTEM "http://example.com/evil.dtd">',
    ],
)
def test_any_doctype_is_refused(tmp_path, prolog):
    text = catalogue(simple_line("1")).replace("\n<Catalogue", f"\n{prolog}\n<Catalogue", 1)
    with pytest.raises(CatalogFileError) as failure:
        read_catalogue(write(tmp_path, "d.xml", text))
    assert failure.value.code == "unsafe_xml"


def test_undeclared_entity_is_refused(tmp_path):
    text = catalogue(simple_line("1").replace("Vare 1", "&secret;"))
    reader = read_catalogue(write(tmp_path, "e.xml", text))
    with pytest.raises(CatalogFileError) as failure:
        list(reader)
    assert failure.value.code == "unsafe_xml"


@pytest.mark.parametrize("cut", [0.35, 0.5, 0.8, 0.97])
def test_truncated_xml(tmp_path, cut):
    text = catalogue("\n".join(simple_line(str(i)) for i in range(1, 40)))
    path = write(tmp_path, "t.xml", text[: int(len(text) * cut)])
    with pytest.raises(CatalogFileError) as failure:
        list(read_catalogue(path))
    assert failure.value.code == "truncated" and failure.value.line is not None


def test_truncated_right_after_a_line(tmp_path):
    text = catalogue("\n".join(simple_line(str(i)) for i in range(1, 5)))
    path = write(
        tmp_path, "t.xml", text[: text.rindex("</cac:CatalogueLine>") + len("</cac:CatalogueLine>\n")]
    )
    reader = read_catalogue(path)
    seen = []
    with pytest.raises(CatalogFileError) as failure:
        for entry in reader:
            seen.append(entry)
    assert failure.value.code == "truncated" and len(seen) == 4


def test_malformed_xml_in_the_middle(tmp_path):
    lines = [simple_line(str(i)) for i in range(1, 30)]
    lines[3] = lines[3].replace("<cbc:Name>", "<cbc:Name><b>")
    with pytest.raises(CatalogFileError) as failure:
        list(read_catalogue(write(tmp_path, "x.xml", catalogue("\n".join(lines)))))
    assert failure.value.code == "bad_xml" and failure.value.line == 7
