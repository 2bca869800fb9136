"""The programme API: contracts other stages and outside checks rely on."""

from decimal import Decimal

import pytest

from subsidia.programmes.models import Allocation, Programme


@pytest.fixture
def programme(programme_demo):
    return Programme.objects.get(cci="2021BE65AMPR001")


def _all_pages(api, url):
    results = []
    while url:
        page = api.get(url).json()
        results.extend(page["results"])
        url = page["next"]
    return results


def test_programmes_carry_totals_equal_to_the_sum_of_their_allocations(api, programme):
    listing = api.get("/api/v1/programmes/").json()
    assert set(listing) == {"count", "next", "previous", "results"}
    (item,) = [p for p in listing["results"] if p["cci"] == programme.cci]
    for key in ("id", "cci", "title", "status", "eu_contribution", "national_contribution", "total"):
        assert key in item
    allocations = _all_pages(api, f"/api/v1/allocations/?programme={item['id']}&page_size=500")
    assert len(allocations) == Allocation.objects.filter(version=programme.current_version).count()
    for key in ("eu_contribution", "national_contribution", "total"):
        assert Decimal(item[key]) == sum((Decimal(a[key]) for a in allocations), Decimal("0"))
    assert item["eu_contribution"] == "233000000.00"
    assert item["status"] == "adopted"


def test_allocation_fields_follow_the_contract(api, programme):
    first = api.get(f"/api/v1/allocations/?programme={programme.pk}").json()["results"][0]
    for key in (
        "id",
        "programme",
        "specific_objective",
        "region",
        "implementation_modality",
        "year",
        "eu_contribution",
        "national_contribution",
        "total",
        "cofinancing_rate",
    ):
        assert key in first
    assert len(first["cofinancing_rate"].split(".")[1]) == 4
    assert len(first["eu_contribution"].split(".")[1]) == 2


def test_token_authentication(api, programme):
    from subsidia.core.tests.factories import UserFactory

    UserFactory(username="tok", role="programme_officer", password="subsidia-demo-pw")
    response = api.post("/api/v1/auth/token/", {"username": "tok", "password": "subsidia-demo-pw"}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/programme-versions/").status_code == 200


def test_anonymous_users_cannot_write(api, programme):
    response = api.post("/api/v1/programmes/", {"cci": "2021BE65AMPR002"}, format="json")
    assert response.status_code in (401, 403)


def test_an_applicant_cannot_create_a_programme(api_as, applicant):
    response = api_as(applicant).post(
        "/api/v1/programmes/",
        {"cci": "2021BE65AMPR002", "fund": "AMIF", "member_state": "BE", "title_nl": "X"},
        format="json",
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"cci": "BE-AMIF"}, "cci"),
        ({"cci": "2021BE65AMPR002", "fund": "NOPE"}, "fund"),
    ],
)
def test_bad_programme_input_is_a_400_with_the_field(api_as, officer, payload, field):
    body = {"cci": "2021BE65AMPR002", "fund": "AMIF", "member_state": "BE", "title_nl": "X", **payload}
    response = api_as(officer).post("/api/v1/programmes/", body, format="json")
    assert response.status_code == 400
    assert field in str(response.json())


def _draft_version(api, officer):
    created = api.post(
        "/api/v1/programmes/",
        {"cci": "2021BE65AMPR002", "fund": "AMIF", "member_state": "BE", "title_nl": "Nieuw"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    return Programme.objects.get(cci="2021BE65AMPR002").current_version


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"eu_contribution": "900.00", "national_contribution": "100.00"}, "eu_contribution"),  # 90 % > 75 %
        ({"eu_contribution": "-5.00"}, "eu_contribution"),
        ({"year": 2031}, "year"),
        ({"specific_objective": "9"}, "specific_objective"),
        ({"region": "XXX"}, "region"),
        ({"eu_contribution": "abc"}, "eu_contribution"),
    ],
)
def test_bad_allocations_are_refused_and_nothing_is_saved(api_as, officer, programme_demo, change, field):
    api = api_as(officer)
    version = _draft_version(api, officer)
    body = {
        "version": version.pk,
        "specific_objective": "2",
        "region": "VLG",
        "implementation_modality": "001",
        "year": 2023,
        "eu_contribution": "750.00",
        "national_contribution": "250.00",
        **change,
    }
    response = api.post("/api/v1/allocations/", body, format="json")
    assert response.status_code == 400
    assert field in response.json().get("errors", response.json())
    assert not Allocation.objects.filter(version=version).exists()


def test_an_officer_builds_a_budget_through_the_api(api_as, officer, programme_demo):
    api = api_as(officer)
    version = _draft_version(api, officer)
    body = {
        "version": version.pk,
        "specific_objective": "2",
        "region": "VLG",
        "implementation_modality": "003",
        "year": 2023,
        "eu_contribution": "900.00",
        "national_contribution": "100.00",
    }
    response = api.post("/api/v1/allocations/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["cofinancing_rate"] == "0.9000"
    assert response.json()["total"] == "1000.00"


def test_garbage_page_numbers_are_a_400(api, programme):
    assert api.get("/api/v1/allocations/?page=abc").status_code == 400
    assert api.get("/api/v1/allocations/?page_size=-1").status_code == 400
    assert api.get("/api/v1/allocations/?programme=abc").status_code == 400


def test_a_draft_programme_is_not_public(api_as, officer, api, programme_demo):
    _draft_version(api_as(officer), officer)
    api.force_authenticate(None)
    ccis = [p["cci"] for p in api.get("/api/v1/programmes/").json()["results"]]
    assert "2021BE65AMPR002" not in ccis
    assert "2021BE65AMPR001" in ccis


def test_allocations_filter_by_the_codes_the_api_shows(api, programme):
    flemish = api.get(f"/api/v1/allocations/?programme={programme.pk}&region=VLG&specific_objective=2&page_size=500")
    rows = flemish.json()["results"]
    assert rows and {(r["region"], r["specific_objective"]) for r in rows} == {("VLG", "2")}
    assert sum(Decimal(r["eu_contribution"]) for r in rows) == Decimal("38000000.00")
