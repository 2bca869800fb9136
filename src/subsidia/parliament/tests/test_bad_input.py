"""Garbage in the URLs and query strings of the pages, the API and the command: a 400 with a message or a 404,
never a 500 (numbers beyond any database integer included, which PostgreSQL refuses to compare)."""

import pytest
from django.core.management import CommandError, call_command

from .factories import WrittenQuestionFactory

pytestmark = pytest.mark.django_db
HUGE = "9" * 30


@pytest.fixture
def question():
    return WrittenQuestionFactory()


def test_pages_with_huge_or_odd_ids_are_a_404(client, officer, question):
    client.force_login(officer)
    base = "/manage/parliament/questions/"
    for path in (
        f"{base}{HUGE}/",
        f"{base}{HUGE}/answer-pack/",
        f"{base}{HUGE}/answer-pack.pdf",
        f"{base}{question.pk}/documents/{HUGE}/",
        f"{base}{question.pk}/answer-pack.exe",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post(f"{base}{question.pk}/links/{HUGE}/delete/").status_code == 404


@pytest.mark.parametrize("as_of", [HUGE, "-1", "0", "1.5", "abc", "\u0661"])
def test_a_pack_as_of_a_publication_that_does_not_exist_is_a_400(client, api_as, officer, question, as_of):
    client.force_login(officer)
    response = client.get(f"/manage/parliament/questions/{question.pk}/answer-pack/", {"as_of": as_of})
    assert response.status_code == 400
    assert "publication" in response.content.decode()
    response = api_as(officer).get(
        f"/api/v1/parliamentary-questions/{question.pk}/answer-pack/", {"as_of": as_of, "format": "xlsx"}
    )
    assert response.status_code == 400
    body = response.json()
    assert "as_of" in body.get("errors", body)


def test_the_api_with_huge_ids_and_filters(api, api_as, officer, question):
    client = api_as(officer)
    url = "/api/v1/parliamentary-questions/"
    assert client.get(f"{url}{HUGE}/").status_code == 404
    assert client.get(f"{url}{HUGE}/answer-pack/").status_code == 404
    assert client.get(url, {"page": HUGE}).status_code == 404
    assert client.get(url, {"asked_from": "2021-02-30"}).status_code == 400
    assert client.get(url, {"q": "\u00e9" * 500}).status_code == 400
    assert api.get(f"/api/v1/answered-parliamentary-questions/{HUGE}/").status_code == 404


def test_the_command_with_a_huge_id_or_publication(question, tmp_path):
    out = str(tmp_path / "p.xlsx")
    with pytest.raises(CommandError, match="No written question"):
        call_command("answer_pack", HUGE, "--format", "xlsx", "--output", out)
    with pytest.raises(CommandError, match="publication"):
        call_command("answer_pack", str(question.pk), "--format", "xlsx", "--as-of", HUGE, "--output", out)
