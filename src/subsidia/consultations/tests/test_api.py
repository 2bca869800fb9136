"""The API: who may read and change what, the results contract, transitions as POST actions, and bad input
answered with a message (never a 500)."""

import datetime as dt

import pytest
from django.core import mail

from subsidia.core import clock
from subsidia.core.models import AuditEvent

from .. import services
from ..constants import QuestionKind, StakeholderType, SurveyStatus
from ..models import Priority, Question, Survey
from .factories import (
    PriorityFactory,
    StakeholderOrganisationFactory,
    SurveyFactory,
    complete_answers,
    invite,
    survey_with_questions,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered():
    survey = survey_with_questions()
    for stakeholder_type in (
        [StakeholderType.LOCAL_GOVERNMENT] * 5 + [StakeholderType.CIVIL_SOCIETY] * 5 + [StakeholderType.SOCIAL_PARTNER]
    ):
        _invitation, token = invite(survey, stakeholder_type=stakeholder_type)
        services.response_save(token, complete_answers(survey), submit=True)
    return survey


# --- reading surveys ---------------------------------------------------------------------------------------


def test_the_survey_list_is_for_staff_and_committee_members_only(api, api_as, applicant, assessor, answered):
    assert api.get("/api/v1/surveys/").status_code in (401, 403)
    for user in (applicant, assessor):
        assert api_as(user).get("/api/v1/surveys/").status_code == 403


def test_officers_list_every_survey_with_its_counts(api_as, officer, answered):
    draft = SurveyFactory()
    response = api_as(officer).get("/api/v1/surveys/")
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()["results"]}
    assert set(rows) == {answered.pk, draft.pk}
    assert rows[answered.pk]["phase"] == "open" and rows[answered.pk]["answered"] == 11
    assert rows[answered.pk]["invited"] == 11 and rows[answered.pk]["questions"] == 6


def test_committee_members_see_published_surveys_only(api_as, member, answered):
    draft = SurveyFactory()
    ids = [row["id"] for row in api_as(member).get("/api/v1/surveys/").json()["results"]]
    assert ids == [answered.pk]
    assert api_as(member).get(f"/api/v1/surveys/{draft.pk}/results/").status_code == 404


def test_results_for_officers_and_committee_members_with_merged_groups(api_as, officer, member, auditor, answered):
    for user in (officer, member, auditor):
        response = api_as(user).get(f"/api/v1/surveys/{answered.pk}/results/")
        assert response.status_code == 200, user
    body = response.json()
    assert body["respondents"] == 11 and body["breakdown_possible"] is True
    assert [(g["types"], g["respondents"]) for g in body["groups"]] == [
        (["local_government"], 5),
        (["civil_society", "social_partner"], 6),
    ]
    ranking = next(q for q in body["questions"] if q["kind"] == "ranking")
    assert [o["points"] for o in ranking["overall"]["options"]] == [22, 11, 0]
    assert ranking["overall"]["options"][0]["place"] == 1
    scale = next(q for q in body["questions"] if q["kind"] == "scale")
    assert scale["overall"]["mean"] == "4" and scale["overall"]["median"] == "4"
    single = next(q for q in body["questions"] if q["kind"] == "single_choice")
    assert single["overall"]["options"][0]["share"] == "1"
    assert len(single["by_group"]) == 2 and single["by_group"][1]["group"] == "civil_society+social_partner"
    texts = next(q for q in body["questions"] if q["kind"] == "free_text")
    assert texts["overall"]["texts"] == ["More buddies, please."] * 11


def test_results_can_leave_out_the_breakdown_and_speak_french(api_as, officer, answered):
    body = api_as(officer).get(f"/api/v1/surveys/{answered.pk}/results/?breakdown=false&lang=fr").json()
    assert all(q["by_group"] == [] for q in body["questions"])
    assert body["title"] == answered.title_fr


def test_results_are_refused_to_applicants_and_the_public(api, api_as, applicant, answered):
    assert api.get(f"/api/v1/surveys/{answered.pk}/results/").status_code in (401, 403)
    assert api_as(applicant).get(f"/api/v1/surveys/{answered.pk}/results/").status_code == 403


# --- changing surveys --------------------------------------------------------------------------------------


def test_an_officer_runs_a_survey_end_to_end_through_the_api(api_as, officer, member):
    programme = SurveyFactory().programme
    client = api_as(officer)
    opens = (clock.now() - dt.timedelta(hours=1)).isoformat()
    closes = (clock.now() + dt.timedelta(days=10)).isoformat()
    created = client.post(
        "/api/v1/surveys/",
        {"programme": programme.pk, "title_nl": "Nieuwe bevraging", "opens_at": opens, "closes_at": closes},
        format="json",
    )
    assert created.status_code == 201, created.json()
    survey_id = created.json()["id"]
    question = client.post(
        "/api/v1/survey-questions/",
        {
            "survey": survey_id,
            "kind": "ranking",
            "text_nl": "Rangschik",
            "options": [{"text_nl": "Buddy's"}, {"text_nl": "Vrijwilligerswerk", "text_en": "Volunteering"}],
        },
        format="json",
    )
    assert question.status_code == 201, question.json()
    assert [o["text_nl"] for o in question.json()["options"]] == ["Buddy's", "Vrijwilligerswerk"]
    assert client.post(f"/api/v1/surveys/{survey_id}/publish/").json()["status"] == "published"
    organisation = StakeholderOrganisationFactory(language="fr")
    report = client.post(
        f"/api/v1/surveys/{survey_id}/invite/", {"organisations": [organisation.pk]}, format="json"
    ).json()
    assert len(report["sent"]) == 1 and len(mail.outbox) == 1
    invitations = client.get(f"/api/v1/survey-invitations/?survey={survey_id}").json()["results"]
    assert invitations[0]["status"] == "sent" and "token" not in str(invitations[0]).lower()
    assert client.get(f"/api/v1/surveys/{survey_id}/progress/").json()["invited"] == 1
    remind = client.post(f"/api/v1/surveys/{survey_id}/remind/", {}, format="json")
    assert remind.status_code == 200 and len(remind.json()["sent"]) == 1
    closed = client.post(f"/api/v1/surveys/{survey_id}/close/", {"reason": "Genoeg"}, format="json")
    assert closed.json()["phase"] == "closed"
    assert api_as(member).post(f"/api/v1/surveys/{survey_id}/publish/").status_code == 403


def test_transitions_that_the_state_does_not_allow_answer_409_and_change_nothing(api_as, officer):
    draft = survey_with_questions(published=False)
    client = api_as(officer)
    response = client.post(f"/api/v1/surveys/{draft.pk}/close/", {"reason": "x"}, format="json")
    assert response.status_code == 409 and response.json()["detail"]
    empty = SurveyFactory()
    response = client.post(f"/api/v1/surveys/{empty.pk}/publish/")
    assert response.status_code == 409 and response.json()["code"] == "not_ready"
    assert Survey.objects.get(pk=empty.pk).status == SurveyStatus.DRAFT


@pytest.mark.parametrize(
    "body",
    [
        {"title_nl": "", "opens_at": "2030-01-01T09:00:00+01:00", "closes_at": "2030-02-01T09:00:00+01:00"},
        {"title_nl": "X", "opens_at": "gisteren", "closes_at": "2030-02-01T09:00:00+01:00"},
        {"title_nl": "X", "opens_at": "2030-03-01T09:00:00+01:00", "closes_at": "2030-02-01T09:00:00+01:00"},
        {
            "title_nl": ["X"],
            "opens_at": "2030-01-01T09:00:00+01:00",
            "closes_at": "2030-02-01T09:00:00+01:00",
        },
        {
            "title_nl": "X" * 400,
            "opens_at": "2030-01-01T09:00:00+01:00",
            "closes_at": "2030-02-01T09:00:00+01:00",
        },
    ],
)
def test_bad_survey_input_is_a_400_with_a_message(api_as, officer, body):
    programme = SurveyFactory().programme
    response = api_as(officer).post("/api/v1/surveys/", {"programme": programme.pk, **body}, format="json")
    assert response.status_code == 400
    assert Survey.objects.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "scale", "text_nl": "x", "options": [{"text_nl": "a"}, {"text_nl": "b"}]},
        {"kind": "single_choice", "text_nl": "x", "options": "a,b"},
        {"kind": "number", "text_nl": "x", "min_value": "tien"},
        {"kind": "poem", "text_nl": "x"},
    ],
)
def test_bad_question_input_is_a_400(api_as, officer, body):
    survey = SurveyFactory()
    response = api_as(officer).post("/api/v1/survey-questions/", {"survey": survey.pk, **body}, format="json")
    assert response.status_code == 400, response.json()
    assert not Question.objects.exists()


def test_the_stakeholder_register_over_the_api(api_as, officer, auditor):
    created = api_as(officer).post(
        "/api/v1/stakeholder-organisations/",
        {
            "name": "Stad Mechelen",
            "stakeholder_type": "local_government",
            "email": "Integratie@Mechelen.test",
            "language": "nl",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["email"] == "integratie@mechelen.test"
    twice = api_as(officer).post(
        "/api/v1/stakeholder-organisations/",
        {"name": "stad mechelen", "stakeholder_type": "local_government", "email": "x@y.test"},
        format="json",
    )
    assert twice.status_code == 400 and "name" in twice.json()["errors"]
    assert api_as(auditor).get("/api/v1/stakeholder-organisations/").json()["count"] == 1
    assert api_as(auditor).post("/api/v1/stakeholder-organisations/", {}, format="json").status_code == 403


# --- priorities --------------------------------------------------------------------------------------------


def test_the_public_reads_adopted_priorities_with_their_evidence(api, api_as, officer, answered):
    adopted = PriorityFactory(
        programme=answered.programme, survey=answered, status="adopted", adopted_on=dt.date(2022, 12, 5)
    )
    PriorityFactory(programme=answered.programme, survey=answered)
    ranking = answered.questions.get(kind=QuestionKind.RANKING)
    services.evidence_add(officer, adopted, question=ranking, option=ranking.options.get(position=1))
    body = api.get("/api/v1/priorities/").json()
    assert [p["id"] for p in body["results"]] == [adopted.pk]
    evidence = body["results"][0]["evidence"][0]
    assert evidence["question"] == ranking.pk and "Borda" in evidence["summary"]
    assert api.post("/api/v1/priorities/", {}, format="json").status_code in (401, 403)


def test_an_officer_records_and_adopts_a_priority_through_the_api(api_as, officer, answered):
    client = api_as(officer)
    created = client.post(
        "/api/v1/priorities/",
        {"programme": answered.programme.pk, "survey": answered.pk, "code": "P1", "title_nl": "Buddywerking"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    scale = answered.questions.get(kind=QuestionKind.SCALE)
    added = client.post(f"/api/v1/priorities/{pk}/add-evidence/", {"question": scale.pk}, format="json")
    assert added.status_code == 201 and len(added.json()["evidence"]) == 1
    adopted = client.post(f"/api/v1/priorities/{pk}/adopt/", {"adopted_on": "2022-12-05"}, format="json")
    assert adopted.json()["status"] == "adopted"
    future = client.post(f"/api/v1/priorities/{pk}/withdraw-adoption/", {}, format="json")
    assert future.status_code == 400
    assert Priority.objects.get(pk=pk).status == "adopted"
    assert AuditEvent.objects.filter(object_type="consultations.priority", object_id=str(pk)).count() == 3
