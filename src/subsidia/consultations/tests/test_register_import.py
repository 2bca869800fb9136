"""Importing the stakeholder register from CSV: all or nothing, problems reported by row and column."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from subsidia.core.exceptions import RuleViolation
from subsidia.core.models import AuditEvent

from .. import services
from ..models import StakeholderOrganisation
from .factories import StakeholderOrganisationFactory

pytestmark = pytest.mark.django_db

GOOD = (
    b"name;stakeholder_type;email;language;municipality\n"
    b"Stad Mechelen;Lokaal bestuur;integratie@mechelen.test;nl;Mechelen\n"
    b"Maison de quartier;civil_society;contact@maison.test;fr;\n"
    b"Somali Network;Migrant-led organisation;hello@somali.test;en;Mechelen\n"
)


def test_a_register_in_a_belgian_spreadsheet_is_imported_with_types_in_any_language(officer):
    report = services.organisations_import(officer, "\ufeff".encode() + GOOD)
    assert len(report.created) == 3
    kinds = dict(StakeholderOrganisation.objects.values_list("name", "stakeholder_type"))
    assert kinds == {
        "Stad Mechelen": "local_government",
        "Maison de quartier": "civil_society",
        "Somali Network": "migrant_led",
    }
    assert AuditEvent.objects.filter(action="stakeholder.created").count() == 3
    assert AuditEvent.objects.get(action="stakeholder.register_imported").data["created"] == 3


def test_a_known_name_updates_the_organisation_and_an_unchanged_row_changes_nothing(officer):
    StakeholderOrganisationFactory(name="Stad Mechelen", email="old@mechelen.test", municipality="Mechelen")
    StakeholderOrganisationFactory(
        name="Maison de quartier",
        stakeholder_type="civil_society",
        email="contact@maison.test",
        language="fr",
        municipality="",
    )
    report = services.organisations_import(officer, GOOD)
    assert (report.updated, report.unchanged, report.created) == (
        ["Stad Mechelen"],
        ["Maison de quartier"],
        ["Somali Network"],
    )
    assert StakeholderOrganisation.objects.get(name="Stad Mechelen").email == "integratie@mechelen.test"


def test_every_problem_is_reported_by_row_and_column_and_nothing_is_stored(officer):
    content = (
        b"name,stakeholder_type,email\n"
        b"Stad Gent,local_government,gent@example.test\n"
        b"Stad Genk,municipality,genk@example.test\n"
        b",civil_society,x@example.test\n"
        b"Stad Aalst,local_government,not-an-address\n"
        b"stad gent,local_government,again@example.test\n"
    )
    with pytest.raises(RuleViolation) as refused:
        services.organisations_import(officer, content)
    messages = refused.value.errors["file"]
    assert any(m.startswith("Row 3, column stakeholder_type") for m in messages)
    assert any(m.startswith("Row 4, column name") for m in messages)
    assert any(m.startswith("Row 5, column email") for m in messages)
    assert any(m.startswith("Row 6, column name") for m in messages)
    assert not StakeholderOrganisation.objects.exists()


@pytest.mark.parametrize(
    "content", [b"", b"\xff\xfe\x00n\x00a", b"naam;soort\nA;B\n", b"name,stakeholder_type,email\n"]
)
def test_files_that_are_not_a_register_are_refused(officer, content):
    with pytest.raises(RuleViolation):
        services.organisations_import(officer, content)


def test_only_officers_import(member):
    with pytest.raises(Exception, match="role"):
        services.organisations_import(member, GOOD)


def test_the_import_page_reports_problems_and_limits_the_size(client, officer):
    client.force_login(officer)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    url = reverse("consultations:organisation-import")
    assert client.get(url).status_code == 200
    page = client.post(url, {"file": SimpleUploadedFile("register.csv", b"name,stakeholder_type,email\nA,x,y\n")})
    assert page.status_code == 200 and "Row 2" in page.text
    page = client.post(url, {"file": SimpleUploadedFile("register.pdf", GOOD)})
    assert page.status_code == 200 and not StakeholderOrganisation.objects.exists()
    with override_settings(SUBSIDIA_MAX_UPLOAD_BYTES=10):
        page = client.post(url, {"file": SimpleUploadedFile("register.csv", GOOD)})
        assert page.status_code == 200 and not StakeholderOrganisation.objects.exists()
    page = client.post(url, {"file": SimpleUploadedFile("register.csv", GOOD)})
    assert page.status_code == 302 and StakeholderOrganisation.objects.count() == 3
