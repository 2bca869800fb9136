"""Unstorable input (NUL, lone surrogates) is a 400 with a message, never a database error."""

import json

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("payload", [{"reason": "abc\x00def"}, {"re\x00ason": "x"}])
def test_nul_in_a_json_body_is_a_400(api_as, officer, payload):
    response = api_as(officer).post("/api/v1/programmes/1/amend/", data=json.dumps(payload),
                                    content_type="application/json")
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


@pytest.mark.django_db
def test_nul_in_a_form_is_a_400(client, officer):
    client.force_login(officer)
    response = client.post("/programmes/new/", {"cci": "2021BE65AMPR009", "title_nl": "a\x00b"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_nul_in_a_query_string_is_a_400(client):
    response = client.get("/budget/", {"q": "x\x00"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_lone_surrogate_escaped_in_json_is_a_400(api_as, officer):
    body = '{"reason": "\\ud800"}'
    response = api_as(officer).post("/api/v1/programmes/1/amend/", data=body, content_type="application/json")
    assert response.status_code == 400


@pytest.mark.django_db
def test_malformed_json_gets_the_parsers_message_not_a_500(api_as, officer):
    response = api_as(officer).post("/api/v1/programmes/", data="{not json", content_type="application/json")
    assert response.status_code == 400
