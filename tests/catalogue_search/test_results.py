"""Scoping, filters, facets, sorting, pagination and suggestions."""

from decimal import Decimal

import pytest

from app.catalogue.search import SearchParams, engine, search, suggest
from tests.catalogue_search.conftest import Shop


def _facet(result, name: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {value.label: value.count for value in result.facets[name]}


class TestScope:
    def test_items_of_agreements_not_joined_are_never_found(self, shop: Shop) -> None:
        assert shop.names("safran") == []
        assert "Safran hvedemel 1 kg" not in shop.names("hvedemel")
        assert shop.names("C-1") == []
        assert search(shop.db, shop.stranger, SearchParams(q="safran")).items[0].name == "Safran hvedemel 1 kg"

    def test_only_the_active_version_is_found(self, shop: Shop) -> None:
        assert shop.names("forældet") == [] and shop.names("A-OLD") == []  # superseded, though indexed
        assert shop.names("udkast") == []  # draft, not indexed
        assert "Forældet rugmel 1 kg" not in shop.names("rugmel")

    def test_another_municipality_sees_none_of_ours(self, shop: Shop) -> None:
        assert search(shop.db, shop.stranger, SearchParams(q="smør")).items == []
        assert search(shop.db, shop.stranger, SearchParams(q="NM-1001")).items == []

    def test_no_principal_no_results(self, shop: Shop) -> None:
        assert search(shop.db, None, SearchParams(q="smør")).items == []  # type: ignore[arg-type]

    def test_every_hit_carries_its_agreement_and_supplier(self, shop: Shop) -> None:
        hits = {(hit.agreement_number, hit.supplier_name, str(hit.unit_price)) for hit in shop.find("hvedemel 1 kg")
                .items}
        assert hits == {("50.80", "Grossisten A/S", "12.5000"), ("50.81", "Møllehuset ApS", "9.9500")}


class TestFiltersAndFacets:
    def test_facets_count_the_matches(self, shop: Shop) -> None:
        result = shop.find("hvedemel")
        assert result.total == 3 and not result.total_capped
        assert _facet(result, "agreement") == {"50.80": 2, "50.81": 1}
        assert _facet(result, "supplier") == {"Grossisten A/S": 2, "Møllehuset ApS": 1}
        assert _facet(result, "segment") == {"Fødevarer og drikkevarer": 3}
        assert [value.value for value in result.facets["segment"]] == ["50"]
        assert _facet(result, "label") == {"Ø-mærket": 2}
        assert [(v.value, v.count) for v in result.facets["price"]] == [("0-50", 3)]
        assert _facet(result, "price") == {"0–50 kr.": 3}

    def test_facet_labels_follow_the_language(self, shop: Shop) -> None:
        from app.kit.i18n import current_language

        token = current_language.set("en")
        try:
            result = shop.find("hvedemel")
        finally:
            current_language.reset(token)
        assert _facet(result, "segment") == {"Food and beverages": 3}
        assert _facet(result, "price") == {"DKK 0–50": 3}

    def test_price_ranges(self, shop: Shop) -> None:
        result = shop.find("kaffe")
        assert [(v.value, v.count) for v in result.facets["price"]] == [("0-50", 1), ("50-200", 4)]
        assert [(v.value, v.count) for v in shop.find("skærm").facets["price"]] == [("1000-", 2)]

    def test_agreement_and_supplier_filters(self, shop: Shop) -> None:
        assert [h.supplier_item_number for h in shop.find("hvedemel", agreement_ids=[shop.other.id]).items] == ["B-1"]
        assert shop.find("hvedemel", supplier_ids=[shop.supplier.id]).total == 2
        assert shop.find("hvedemel", agreement_ids=[shop.hidden.id]).items == []

    def test_label_and_segment_filters(self, shop: Shop) -> None:
        assert set(shop.names("hvedemel", labels=["Ø-mærket"])) == {"Hvedemel 1 kg", "Hvedemel økologisk 2 kg"}
        assert set(shop.names("kaffe", segments=["52"])) == {"Kaffefiltre nr. 4 100 stk", "Kaffefilter permanent"}
        assert shop.names("kaffe", labels=["Findes ikke"]) == []
        assert shop.names("kaffe", segments=["x'"]) == []
        assert shop.names("kaffe", labels=["'; DROP TABLE agreement; --"], segments=["50", "5'"]) == []

    def test_price_filters(self, shop: Shop) -> None:
        assert shop.names("kaffe", price_max=Decimal("50")) == ["Kaffefiltre nr. 4 100 stk"]
        assert shop.names("kaffe", price_min=Decimal("100")) == ["Kaffebønner 1 kg"]
        assert set(shop.names("kaffe", price_min=Decimal("60"), price_max=Decimal("90"))) == {
            "Formalet kaffe 500 g", "Kaffefilter permanent"}
        assert shop.names("kaffe", price_min=Decimal("5000")) == []

    def test_browsing_a_filter_without_words(self, shop: Shop) -> None:
        assert set(shop.names("", agreement_ids=[shop.other.id])) == {"Hvedemel 1 kg", "Kopipapir A4 80 g 2500 ark"}
        assert shop.find("", labels=["MSC"]).total == 1
        assert shop.find("").items == [] and shop.find("").total == 0


class TestSortingAndPages:
    def test_sort_by_price_both_ways(self, shop: Shop) -> None:
        up = [hit.unit_price for hit in shop.find("kaffe", sort="price").items]
        assert up == sorted(up) and len(up) == 5
        down = [hit.unit_price for hit in shop.find("kaffe", sort="price_desc").items]
        assert down == sorted(up, reverse=True)

    def test_sort_by_comparison_price_puts_missing_last(self, shop: Shop) -> None:
        prices = [hit.comparison_price for hit in shop.find("mel", sort="comparison_price").items]
        known = [price for price in prices if price is not None]
        assert known == sorted(known) and prices[:len(known)] == known and None in prices

    def test_pages_are_disjoint_and_complete(self, shop: Shop) -> None:
        everything = [hit.item_id for hit in shop.find("kaffe").items]
        pages = [shop.find("kaffe", page=page, per_page=2) for page in (1, 2, 3, 4)]
        assert [len(page.items) for page in pages] == [2, 2, 1, 0]
        assert [hit.item_id for page in pages for hit in page.items] == everything
        assert {page.total for page in pages} == {5}

    def test_page_size_is_bounded(self, shop: Shop) -> None:
        assert shop.find("kaffe", per_page=0).per_page == 1
        assert shop.find("kaffe", per_page=10_000).per_page == 100
        assert shop.find("kaffe", page=-3).page == 1


class TestBroadWords:
    """Ranking and facets cover the first CANDIDATE_CAP matches of the strongest tier; price sorting all."""

    @pytest.fixture(autouse=True)
    def small_cap(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(engine, "CANDIDATE_CAP", 2)

    def test_the_total_says_more_than(self, shop: Shop) -> None:
        result = shop.find("kaffe")
        assert (result.total, result.total_capped) == (2, True)
        assert sum(value.count for value in result.facets["agreement"]) == 2

    def test_the_strongest_tier_is_kept_whole(self, shop: Shop) -> None:
        assert shop.find("kaffe").items[0].name == "Formalet kaffe 500 g"

    def test_sorting_by_price_still_sees_every_match(self, shop: Shop) -> None:
        prices = [str(hit.unit_price) for hit in shop.find("kaffe", sort="price").items]
        assert prices == ["19.0000", "65.0000", "89.0000", "99.0000", "149.0000"]
        assert [hit.name for hit in shop.find("kaffe", sort="price_desc", per_page=1, page=2).items] == [
            "Kaffekapsler 50 stk"]

    def test_narrow_queries_are_not_capped(self, shop: Shop) -> None:
        assert shop.find("kaffebønner").total_capped is False


class TestSuggestions:
    def test_completes_the_word_being_typed(self, shop: Shop) -> None:
        assert suggest(shop.db, shop.principal, "hve")[0] == "hvedemel"
        assert "kaffebønner" in suggest(shop.db, shop.principal, "kaffeb")
        assert "smør" in suggest(shop.db, shop.principal, "smo")
        assert {"hårshampoo", "hårbalsam"} <= set(suggest(shop.db, shop.principal, "haar"))

    def test_then_item_names(self, shop: Shop) -> None:
        offered = suggest(shop.db, shop.principal, "økologisk hved")
        assert offered[0] == "økologisk hvedemel" and "Hvedemel økologisk 2 kg" in offered

    def test_limit_and_scope(self, shop: Shop) -> None:
        assert len(suggest(shop.db, shop.principal, "kaf", limit=3)) == 3
        assert suggest(shop.db, shop.principal, "safr") == []
        assert suggest(shop.db, shop.principal, "foræld") == []
        assert suggest(shop.db, shop.stranger, "safr") == ["safran", "Safran hvedemel 1 kg"]

    @pytest.mark.parametrize("typed", ["", " ", "h", '"', "*", "'; DROP TABLE x; --", "(", "NEAR"])
    def test_nothing_to_complete(self, shop: Shop, typed: str) -> None:
        assert isinstance(suggest(shop.db, shop.principal, typed), list)
