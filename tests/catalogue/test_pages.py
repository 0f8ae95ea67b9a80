from tests.catalogue.conftest import FIRST, SECOND
from tests.helpers import csrf_token, login


def _upload_page(client, shop, content: bytes, **extra):  # type: ignore[no-untyped-def]
    data = {
        "supplier": shop.supplier.cvr,
        "agreement": shop.agreement.number,
        "csrf_token": csrf_token(client, "/catalogs"),
        **extra,
    }
    return client.post("/catalogs", data=data, files={"file": ("katalog.csv", content)})


class TestCatalogueAdminPages:
    def test_upload_review_and_activate(self, client, shop, db):
        login(client, shop.officer.email)
        page = client.get("/catalogs")
        assert page.status_code == 200 and "Importér en katalogfil" in page.text
        response = _upload_page(client, shop, FIRST)
        assert response.status_code == 303
        detail = client.get(response.headers["location"])
        assert "Version 1 er indlæst: 3 linjer godkendt, 0 afvist." in detail.text
        assert "Afventer gennemsyn" in detail.text
        activated = client.post(
            response.headers["location"] + "/activate",
            data={"csrf_token": csrf_token(client, response.headers["location"])},
        )
        assert activated.status_code == 303
        assert "er nu det aktive katalog" in client.get(activated.headers["location"]).text

    def test_rejected_lines_are_shown_in_danish_with_their_line_numbers(self, client, shop, db):
        login(client, shop.officer.email)
        _upload_page(client, shop, FIRST, activate="on")
        location = _upload_page(client, shop, SECOND).headers["location"]
        rejected = client.get(location + "?tab=rejected").text
        assert "Prisen er ikke et tal" in rejected and "<td>5</td>" in rejected
        prices = client.get(location + "?tab=price").text
        assert "25,90 kr." in prices and "27,50 kr." in prices and "+6,2 %" in prices

    def test_a_file_that_cannot_be_read_is_explained_and_nothing_changes(self, client, shop, db):
        login(client, shop.officer.email)
        response = _upload_page(client, shop, b"Navn;Pris\nHvedemel;25\n")
        assert response.status_code == 422
        assert "Der mangler en påkrævet kolonne" in response.text
        assert "Ingen kataloger er importeret endnu." in response.text

    def test_upload_without_a_file(self, client, shop, db):
        login(client, shop.officer.email)
        response = client.post(
            "/catalogs",
            data={
                "supplier": shop.supplier.cvr,
                "agreement": "50.90",
                "csrf_token": csrf_token(client, "/catalogs"),
            },
        )
        assert response.status_code == 422 and "Vælg den katalogfil" in response.text

    def test_requisitioner_has_no_catalogue_admin(self, client, shop, db):
        login(client, shop.requisitioner.email)
        assert client.get("/catalogs").status_code == 403

    def test_item_page_shows_price_comparison_price_and_history(self, client, shop, db):
        from sqlalchemy import select

        from app.models import CatalogueItem

        login(client, shop.officer.email)
        _upload_page(client, shop, FIRST, activate="on")
        item_id = db.scalar(select(CatalogueItem.id).where(CatalogueItem.supplier_item_number == "HM-1"))
        page = client.get(f"/catalog/items/{item_id}").text
        assert "Hvedemel 2 kg" in page and "25,90 kr." in page and "12,95 kr. / kg" in page
        assert "Prishistorik" in page and "Ø-mærket" in page
