"""The public pages and the public API: filters, search, sorting and pages work; garbage gets a 400 with a
message (never a 500); an unknown operation is a 404; the API refuses floods politely (429)."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import translation

from subsidia.core.api.throttling import PublicRateThrottle

LIST = "/list-of-operations/"
API = "/api/v1/list-of-operations/"

GARBAGE = [
    "page=abc",
    "page=0",
    "page=-3",
    "page=1.5",
    "page=99999999999999999999",
    "page_size=7",
    "page_size=all",
    "sort=evil",
    "sort=total_cost;DROP",
    "objective=nope",
    "call=AMIF-NOPE",
    "region=XX",
    "nuts=ZZ99",
    "year=twenty",
    "year=1066",
    "q=%21%21%21",
    "q=" + "x" * 300,
    "beneficiary=" + "y" * 300,
    "language=de",
]


@pytest.fixture
def three(make_op):
    return [
        make_op(code="AMIF-VLG-2026-0001", name_nl="Buddy's in Gent", total_cost=Decimal("300000.00")),
        make_op(code="AMIF-VLG-2026-0002", name_nl="Taalcafé Leuven", total_cost=Decimal("100000.00")),
        make_op(code="AMIF-VLG-2026-0003", name_nl="Werkplekleren Brugge", total_cost=Decimal("200000.00")),
    ]


def codes(response) -> list[str]:
    return [row["unique_operation_code"] for row in response.json()["results"]]


@pytest.mark.django_db
def test_the_list_page_shows_every_operation_with_totals(client, three):
    response = client.get(LIST)
    assert response.status_code == 200
    page = response.content.decode()
    for operation in three:
        assert operation.code in page
    assert "<caption" in page and 'scope="col"' in page


@pytest.mark.django_db
@pytest.mark.parametrize("query", GARBAGE)
def test_garbage_in_the_query_is_a_400_with_a_message(client, api, three, query):
    if not query.startswith("language="):
        response = client.get(f"{LIST}?{query}")
        assert response.status_code == 400, query
        assert 'role="alert"' in response.content.decode() or "error" in response.content.decode()
        response = client.get(f"{LIST}download.csv?{query}")
        assert response.status_code in (200, 400), query  # paging does not apply to downloads
    response = api.get(f"{API}?{query}")
    assert response.status_code == 400, query
    assert response.json()


@pytest.mark.django_db
def test_a_page_past_the_end_is_a_404(client, api, three):
    assert client.get(f"{LIST}?page=2").status_code == 404
    assert api.get(f"{API}?page=2").status_code == 404


@pytest.mark.django_db
def test_unknown_operation_is_a_404(client, api, three):
    assert client.get(f"{LIST}AMIF-NOPE-0001/").status_code == 404
    assert api.get(f"{API}AMIF-NOPE-0001/").status_code == 404
    assert client.get(f"{LIST}{three[0].code}/").status_code == 200
    assert api.get(f"{API}{three[0].code}/").status_code == 200


@pytest.mark.django_db
def test_cancelled_operation_has_no_public_page(client, make_op):
    operation = make_op(status="cancelled")
    assert client.get(f"{LIST}{operation.code}/").status_code == 404


@pytest.mark.django_db
def test_filters_search_sorting_and_pages(api, three):
    assert codes(api.get(API, {"sort": "-total_cost"})) == [
        "AMIF-VLG-2026-0001",
        "AMIF-VLG-2026-0003",
        "AMIF-VLG-2026-0002",
    ]
    assert codes(api.get(API, {"q": "taalcafe"})) == ["AMIF-VLG-2026-0002"]
    assert codes(api.get(API, {"q": "brug"})) == ["AMIF-VLG-2026-0003"]
    assert codes(api.get(API, {"year": 2026})) == [o.code for o in three]
    assert codes(api.get(API, {"year": 2030})) == []
    assert codes(api.get(API, {"call": "AMIF-VLG-TEST-CALL"})) == [o.code for o in three]
    first = api.get(API, {"page_size": 25}).json()
    assert first["count"] == 3 and first["count_is_exact"] and first["next"] is None
    assert first["totals"]["total_cost"] == "600000.00"


@pytest.mark.django_db
def test_the_api_has_exactly_the_published_fields(api, three):
    from .. import fields as field_map

    row = api.get(API).json()["results"][0]
    assert list(row) == field_map.PUBLISHED_KEYS
    assert row["total_cost"] == "300000.00" and row["union_cofinancing_rate"] == "0.7500"


@pytest.mark.django_db
def test_the_public_api_refuses_floods_politely(api, three, monkeypatch):
    monkeypatch.setattr(PublicRateThrottle, "THROTTLE_RATES", {"public": "3/minute"})
    cache.clear()
    try:
        codes_seen = [api.get(API).status_code for _ in range(5)]
        last = api.get(API)
    finally:
        cache.clear()
    assert codes_seen == [200, 200, 200, 429, 429]
    assert last.status_code == 429 and "Retry-After" in last


@pytest.mark.django_db
def test_the_api_refuses_writes(api, three):
    assert api.post(API, {}, format="json").status_code in (401, 403, 405)
    assert api.delete(f"{API}{three[0].code}/").status_code in (401, 403, 405)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_pages_answer_in_every_language(client, three, language):
    client.cookies["django_language"] = language
    for url in (LIST, f"{LIST}data-dictionary/", f"{LIST}{three[0].code}/", "/publications/", "/trace/", "/overview/"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url


@pytest.mark.django_db
def test_data_dictionary_names_every_field_with_its_legal_basis(client, api):
    page = client.get(f"{LIST}data-dictionary/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "unique_operation_code" in page and "CPR Art. 49(3)(h)" in page
    fields = api.get(f"{API}fields/", {"language": "fr"}).json()
    assert {f["key"] for f in fields} >= {"total_cost", "union_cofinancing_rate"}
    with translation.override("fr"):
        assert all(f["label"] for f in fields)


@pytest.mark.django_db
def test_project_page_shows_the_budget(client, api, make_op):
    operation = make_op(
        total_cost=Decimal("120000.00"),
        total_eligible_cost=Decimal("100000.00"),
        eu_contribution=Decimal("75000.00"),
        own_contribution=Decimal("20000.00"),
        other_public_funding=Decimal("5000.00"),
    )
    assert client.get(f"{LIST}{operation.code}/").status_code == 200
    body = api.get(f"{API}{operation.code}/").json()
    assert body["operation"]["total_cost"] == "120000.00"
    assert body["operation"]["eu_contribution"] == "75000.00"


@pytest.mark.django_db
def test_unknown_publication_trace_or_overview_is_a_404(client, api):
    assert client.get("/publications/12345/").status_code == 404
    assert client.get("/trace/priorities/12345/").status_code == 404
    assert client.get("/overview/12345/").status_code == 404
    assert api.get("/api/v1/list-of-operations-publications/12345/").status_code == 404
    assert api.get("/api/v1/priority-traces/12345/").status_code == 404
    assert api.get("/api/v1/programme-overviews/12345/").status_code == 404


@pytest.mark.django_db
def test_a_download_with_garbage_filters_is_a_400(client, three):
    assert client.get(f"{LIST}download.csv?year=soon").status_code == 400
    assert client.get(f"{LIST}download.pdf/").status_code == 404


@pytest.mark.django_db
def test_pages_deep_in_the_list_show_the_right_rows(make_op):
    from ..selectors import operations as selectors

    for n in range(7):
        make_op(code=f"AMIF-VLG-2026-{n + 1:04d}")
    ctx = selectors.context("nl")
    third = selectors.page(selectors.public_operations(), ctx, number=3, size=2, sort="-code")
    assert [row["unique_operation_code"] for row in third.rows] == ["AMIF-VLG-2026-0003", "AMIF-VLG-2026-0002"]
    assert third.has_next and third.first_index == 5
    last = selectors.page(selectors.public_operations(), ctx, number=4, size=2, sort="-code")
    assert [row["unique_operation_code"] for row in last.rows] == ["AMIF-VLG-2026-0001"] and not last.has_next


@pytest.mark.django_db
def test_a_filtered_list_past_the_count_cap_has_no_totals(client, api, three, monkeypatch):
    from ..selectors import operations as selectors

    monkeypatch.setattr(selectors, "COUNT_CAP", 2)
    body = api.get(API, {"year": 2026}).json()
    assert body["count"] == 2 and body["count_is_exact"] is False and body["totals"] is None
    page = client.get(f"{LIST}?year=2026", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "narrow the filters" in page
    body = api.get(API, {"year": 2026, "q": "brugge"}).json()
    assert body["count_is_exact"] and body["totals"]["total_cost"] == "200000.00"
