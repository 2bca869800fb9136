"""Pages: object-level visibility, escaping, the live budget preview, downloads behind permission checks, the
officers' list and its XLSX export with formulas neutralised, in Dutch, French and English."""

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse

from subsidia.applications import services
from subsidia.core import clock
from subsidia.core.tests.factories import UserFactory

from .factories import CallFactory, OrganisationFactory, complete_draft, option

BRUSSELS = clock.BRUSSELS
OPENS = dt.datetime(2026, 2, 1, 9, 0, tzinfo=BRUSSELS)
DURING = dt.datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS)


@pytest.fixture
def call(db):
    with time_machine.travel(OPENS, tick=False):
        return CallFactory(opens_at=OPENS, closes_at=dt.datetime(2026, 3, 31, 12, 0, tzinfo=BRUSSELS))


@pytest.fixture
def submitted(applicant, call):
    with time_machine.travel(DURING, tick=False):
        return services.application_submit(applicant, complete_draft(applicant, call))


def login(client, user):
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_applicant_sees_their_application_but_not_anothers(client, applicant, call):
    with time_machine.travel(DURING, tick=False):
        mine = complete_draft(applicant, call)
        theirs = complete_draft(UserFactory(role="applicant"), call)
    login(client, applicant)
    assert client.get(reverse("applications:detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("applications:detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("applications:section-budget", args=[theirs.pk])).status_code == 404
    attachment = theirs.attachments.first()
    assert client.get(reverse("applications:attachment", args=[theirs.pk, attachment.pk])).status_code == 404
    home = client.get(reverse("applications:home")).content.decode()
    assert mine.title in home
    assert theirs.organisation.legal_name not in home


@pytest.mark.django_db
def test_officer_sees_submitted_applications_but_never_a_draft(client, officer, applicant, call, submitted):
    with time_machine.travel(DURING, tick=False):
        draft = complete_draft(UserFactory(role="applicant"), call)
    login(client, officer)
    assert client.get(reverse("applications:detail", args=[draft.pk])).status_code == 404
    page = client.get(reverse("applications:received"), {"call": call.pk}).content.decode()
    assert submitted.reference in page
    assert draft.organisation.legal_name not in page
    assert client.get(reverse("applications:detail", args=[submitted.pk])).status_code == 200
    assert client.get(reverse("applications:receipt", args=[submitted.pk])).status_code == 200


@pytest.mark.django_db
def test_applicant_cannot_open_the_officers_list(client, applicant):
    login(client, applicant)
    assert client.get(reverse("applications:received")).status_code == 403
    assert client.get(reverse("applications:received-xlsx")).status_code == 403


@pytest.mark.django_db
def test_script_in_a_title_is_shown_escaped(client, applicant, call):
    with time_machine.travel(DURING, tick=False):
        draft = complete_draft(applicant, call)
        services.application_update(
            applicant, draft, title='<script>alert("x")</script>', summary="<img src=x onerror=alert(1)>"
        )
    login(client, applicant)
    page = client.get(reverse("applications:detail", args=[draft.pk])).content.decode()
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<img src=x" not in page


@pytest.mark.django_db
def test_xlsx_export_neutralises_formulas_at_the_start_of_text(client, officer, applicant, call):
    from openpyxl import load_workbook

    with time_machine.travel(DURING, tick=False):
        draft = complete_draft(applicant, call)
        services.application_update(applicant, draft, title='=HYPERLINK("http://evil","x")')
        services.organisation_update(applicant, draft.organisation, legal_name="@SUM(1+1)")
        services.application_submit(applicant, draft)
    login(client, officer)
    response = client.get(reverse("applications:received-xlsx"), {"call": call.pk, "lang": "en"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [c.value for row in workbook["Applications"].iter_rows() for c in row]
    assert '\'=HYPERLINK("http://evil","x")' in cells
    assert "'@SUM(1+1)" in cells
    assert not any(isinstance(v, str) and v.startswith(("=", "@", "+", "-")) for v in cells)
    assert {"Budget lines", "Indicator targets"} <= set(workbook.sheetnames)


@pytest.mark.django_db
def test_received_list_filters_by_organisation_type_and_refuses_garbage_quietly(client, officer, submitted):
    login(client, officer)
    page = client.get(reverse("applications:received"), {"organisation_type": "local_authority"}).content.decode()
    assert submitted.reference not in page
    for garbage in ({"min_grant": "1e400"}, {"call": "abc"}, {"page": "-1"}, {"nuts": "'; drop table"}):
        assert client.get(reverse("applications:received"), garbage).status_code == 200


@pytest.mark.django_db
def test_budget_preview_computes_the_flat_rate_total_and_eu_grant_while_typing(client, applicant, call):
    organisation = OrganisationFactory(signatory=applicant)
    with time_machine.travel(DURING, tick=False):
        draft = services.application_create(applicant, organisation=organisation, call=call, title="Live")
    login(client, applicant)
    response = client.post(
        reverse("applications:budget-preview", args=[draft.pk]),
        {
            "call_option": option(call, "real_costs", "staff").pk,
            "year": "2026",
            "amount": "100000",
            "description": "Coördinator",
        },
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "107,000.00" in body  # 100 000 + 7 % indirect costs (CPR art. 54(a))
    assert "80,250.00" in body  # EU grant at 75 %
    assert not draft.budget_lines.exists()  # the preview saves nothing
    bad = client.post(
        reverse("applications:budget-preview", args=[draft.pk]),
        {"call_option": option(call, "real_costs", "staff").pk, "year": "2026", "amount": "-3"},
    )
    assert bad.status_code == 200
    assert "negative" in bad.content.decode() or "negatief" in bad.content.decode()


@pytest.mark.django_db
def test_budget_line_form_saves_through_the_service(client, applicant, call):
    organisation = OrganisationFactory(signatory=applicant)
    with time_machine.travel(DURING, tick=False):
        draft = services.application_create(applicant, organisation=organisation, call=call, title="Formulier")
        login(client, applicant)
        response = client.post(
            reverse("applications:section-budget", args=[draft.pk]),
            {
                "call_option": option(call, "real_costs", "staff").pk,
                "year": "2026",
                "amount": "1000.00",
                "description": "Coördinator",
            },
        )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert str(draft.total_eligible_cost) == "1070.00"


@pytest.mark.django_db
def test_organisation_registration_page_places_the_postcode_and_asks_when_it_cannot(client, applicant):
    login(client, applicant)
    placed = client.get(reverse("applications:postcode-hint"), {"postcode": "3000", "country": "BE"})
    assert "BE24" in placed.content.decode()
    unknown = client.get(reverse("applications:postcode-hint"), {"postcode": "0612", "country": "BE"})
    assert 'role="alert"' in unknown.content.decode()


@pytest.mark.django_db
def test_submit_page_after_the_deadline_shows_the_refusal(client, applicant, call):
    with time_machine.travel(DURING, tick=False):
        draft = complete_draft(applicant, call)
    login(client, applicant)
    with time_machine.travel(dt.datetime(2026, 4, 1, 9, 0, tzinfo=BRUSSELS), tick=False):
        response = client.post(
            reverse("applications:submit", args=[draft.pk]),
            {"on_honour": "on", "no_double_funding": "on", "not_completed": "on"},
            follow=True,
            HTTP_ACCEPT_LANGUAGE="en",
        )
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert "closed" in response.content.decode() or "gesloten" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "words"), [("nl", "Begroting"), ("fr", "Budget"), ("en", "Budget")])
def test_form_pages_answer_in_every_language(client, applicant, call, language, words):
    with time_machine.travel(DURING, tick=False):
        draft = complete_draft(applicant, call)
    login(client, applicant)
    urls = [
        reverse("applications:home"),
        reverse("applications:detail", args=[draft.pk]),
        reverse("applications:section-general", args=[draft.pk]),
        reverse("applications:section-parts", args=[draft.pk, "activities"]),
        reverse("applications:section-parts", args=[draft.pk, "target_groups"]),
        reverse("applications:section-parts", args=[draft.pk, "indicators"]),
        reverse("applications:section-parts", args=[draft.pk, "partners"]),
        reverse("applications:section-budget", args=[draft.pk]),
        reverse("applications:section-cofinancing", args=[draft.pk]),
        reverse("applications:section-attachments", args=[draft.pk]),
        reverse("applications:section-declarations", args=[draft.pk]),
        reverse("applications:organisation", args=[draft.organisation.pk]),
        reverse("applications:organisation-create"),
    ]
    for url in urls:
        response = client.get(url, {"lang": language})
        assert response.status_code == 200, url
    assert (
        words
        in client.get(reverse("applications:section-budget", args=[draft.pk]), {"lang": language}).content.decode()
    )


@pytest.mark.django_db
def test_unknown_section_is_404(client, applicant, call):
    with time_machine.travel(DURING, tick=False):
        draft = complete_draft(applicant, call)
    login(client, applicant)
    assert client.get(reverse("applications:section-parts", args=[draft.pk, "nonsense"])).status_code == 404
