"""The search API, page and suggestions as users reach them (the ranking itself is tested in catalogue_search)."""

import pytest

from app.auth.service import create_api_token
from tests.catalogue.conftest import FIRST, SECOND
from tests.helpers import login
from tests.test_cli import cli_db  # noqa: F401  (a fixture, used by name)


@pytest.fixture
def live(upload, shop, db):  # type: ignore[no-untyped-def]
    upload(FIRST, activate=True)
    token = create_api_token(db, shop.requisitioner, "search")
    return {"Authorization": f"Bearer {token}"}


class TestSearchApi:
    def test_finds_items_with_prices_labels_and_facets(self, client, live, shop):
        body = client.get("/api/v1/catalog/search", params={"q": "hvedemel"}, headers=live).json()
        assert body["total"] == 1
        hit = body["items"][0]
        assert (hit["supplier_item_number"], hit["gtin"], hit["name"]) == (
            "HM-1",
            "5701234567899",
            "Hvedemel 2 kg",
        )
        assert (hit["unit_price"], hit["comparison_price"], hit["comparison_unit"]) == (
            "25.9000",
            "12.9500",
            "KGM",
        )
        assert hit["agreement_number"] == "50.90" and hit["labels"] == ["Ø-mærket"]
        assert {f["label"] for f in body["facets"]["label"]} == {"Ø-mærket"}

    def test_exact_item_number_and_gtin_lanes(self, client, live):
        by_number = client.get("/api/v1/catalog/search", params={"q": "ÆG-10"}, headers=live).json()
        assert by_number["items"][0]["supplier_item_number"] == "ÆG-10"
        by_gtin = client.get("/api/v1/catalog/search", params={"q": "5701234567899"}, headers=live).json()
        assert by_gtin["items"][0]["matched_lane"] == "gtin"

    def test_filters_sort_and_pages(self, client, live):
        everything = client.get(
            "/api/v1/catalog/search", params={"q": "kg", "sort": "price"}, headers=live
        ).json()
        prices = [float(i["unit_price"]) for i in everything["items"]]
        assert prices == sorted(prices)
        labelled = client.get(
            "/api/v1/catalog/search", params={"q": "kg", "label": "Ø-mærket"}, headers=live
        ).json()
        assert {i["supplier_item_number"] for i in labelled["items"]} == {"HM-1"}
        first = client.get(
            "/api/v1/catalog/search", params={"q": "stk l kg", "per_page": 1}, headers=live
        ).json()
        assert first["per_page"] == 1 and len(first["items"]) <= 1

    def test_only_the_active_version_is_searched(self, client, live, upload):
        upload(SECOND)  # a draft: Smør is not live yet
        body = client.get("/api/v1/catalog/search", params={"q": "smør"}, headers=live).json()
        assert body["total"] == 0

    @pytest.mark.parametrize(
        "q", ["", "a", '"', "hvede*", "mel OR sukker", "NEAR(", "'; DROP TABLE catalogue_item; --", "^:()"]
    )
    def test_odd_queries_never_fail(self, client, live, q):
        response = client.get("/api/v1/catalog/search", params={"q": q}, headers=live)
        assert response.status_code == 200, response.text
        assert isinstance(response.json()["items"], list)

    def test_bad_parameters_are_json_errors(self, client, live):
        response = client.get("/api/v1/catalog/search", params={"q": "mel", "per_page": 1000}, headers=live)
        assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_input"

    def test_suggestions(self, client, live):
        words = client.get("/api/v1/catalog/suggest", params={"q": "hved"}, headers=live).json()
        assert any("hvedemel" in w.lower() for w in words)


class TestSearchPage:
    def test_search_page_works_without_javascript(self, client, live, shop):
        login(client, shop.requisitioner.email)
        empty = client.get("/catalog")
        assert empty.status_code == 200 and "Søg i aftalernes kataloger" in empty.text
        page = client.get("/catalog", params={"q": "mælk"})
        assert "Sødmælk 1 l" in page.text and "11,50 kr." in page.text
        assert "1 vare" in page.text
        assert 'name="label"' in page.text or 'name="agreement"' in page.text

    def test_nothing_found_says_so_in_danish(self, client, live, shop):
        login(client, shop.requisitioner.email)
        page = client.get("/catalog", params={"q": "xyzzyqq"})
        assert "Intet fundet" in page.text


class TestSearchCommand:
    def test_cli_search_as_a_municipality(self, cli_search):
        result = cli_search("hvedemel")
        assert result["items"][0]["supplier_item_number"] == "HM-1"


@pytest.fixture
def cli_search(cli_db, tmp_path):  # type: ignore[no-untyped-def]  # noqa: F811
    import json

    from tests.catalogue.test_cli import _agreement_with_supplier
    from tests.test_cli import run

    run("db", "upgrade")
    run("municipality", "add", "--name", "Solby Kommune", "--cvr", "12345674", "--gln", "5798000880016")
    _agreement_with_supplier()
    from app.kit.db import unit_of_work
    from app.models import AgreementMembership, Municipality
    from app.models.base import utcnow

    with unit_of_work() as session, session.begin():
        town = session.query(Municipality).one()
        from app.agreements.repository import find_national_by_number

        session.add(
            AgreementMembership(
                municipality_id=town.id,
                agreement_id=find_national_by_number(session, "50.90").id,
                joined_at=utcnow(),
            )
        )
    path = tmp_path / "v1.csv"
    path.write_bytes(FIRST)
    run("catalog", "import", str(path), "--supplier", "30876547", "--agreement", "50.90", "--activate")
    return lambda q: json.loads(run("catalog", "search", q, "--json").output)
