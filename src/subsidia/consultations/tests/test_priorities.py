"""The needs and priorities register: priorities with the survey answers behind them, adoption, and what the
public (and later stages) can read."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from subsidia.core import clock
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.models import AuditEvent
from subsidia.programmes.tests.factories import ProgrammeFactory

from .. import selectors, services
from ..constants import PriorityStatus, QuestionKind
from ..models import Evidence, Priority
from .factories import invite, survey_with_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    survey = survey_with_questions(required=False)
    ranking = survey.questions.get(kind=QuestionKind.RANKING)
    ids = list(ranking.options.order_by("position").values_list("pk", flat=True))
    scale = survey.questions.get(kind=QuestionKind.SCALE)
    for order, value in (([ids[1], ids[0], ids[2]], "5"), ([ids[1], ids[2], ids[0]], "4")):
        _invitation, token = invite(survey)
        services.response_save(token, {ranking.pk: order, scale.pk: value}, submit=True)
    return survey


def make(officer, survey, **kwargs):
    values = {
        "programme": survey.programme,
        "survey": survey,
        "code": "P1",
        "title_nl": "Buddyprojecten",
        "title_en": "Buddy projects",
    }
    values.update(kwargs)
    return services.priority_create(officer, **values)


def test_an_officer_records_a_priority_with_its_evidence(officer, survey):
    priority = make(officer, survey)
    ranking = survey.questions.get(kind=QuestionKind.RANKING)
    option = ranking.options.get(position=2)
    evidence = services.evidence_add(
        officer, priority, question=ranking, option=option, finding_en="Ranked first by most respondents."
    )
    assert priority.status == PriorityStatus.PROPOSED
    assert AuditEvent.objects.filter(action="priority.created", object_id=str(priority.pk)).exists()
    assert AuditEvent.objects.get(action="priority.evidence_added").after["option"] == option.pk
    item = selectors.priority_with_evidence(priority)
    assert [e.evidence for e in item.evidence] == [evidence]
    assert "Ranked 1 of 3 by 2 respondents" in item.evidence[0].summary
    assert "4 points" in item.evidence[0].summary


def test_a_scale_question_as_evidence_shows_its_mean(officer, survey):
    priority = make(officer, survey)
    services.evidence_add(officer, priority, question=survey.questions.get(kind=QuestionKind.SCALE))
    summary = selectors.priority_with_evidence(priority).evidence[0].summary
    assert "4,50" in summary or "4.50" in summary


@pytest.mark.parametrize("field", ["code", "title_nl"])
def test_a_priority_needs_a_code_and_a_dutch_title(officer, survey, field):
    with pytest.raises(RuleViolation) as refused:
        make(officer, survey, **{field: " "})
    assert field in refused.value.errors
    assert not Priority.objects.exists()


def test_codes_are_unique_per_programme_whatever_the_case(officer, survey):
    make(officer, survey)
    with pytest.raises(RuleViolation) as refused:
        make(officer, survey, code="p1")
    assert "code" in refused.value.errors
    other = ProgrammeFactory()
    assert services.priority_create(officer, programme=other, code="P1", title_nl="Elders").pk


def test_evidence_must_come_from_the_priority_s_own_survey_and_question(officer, survey):
    priority = make(officer, survey)
    elsewhere = survey_with_questions()
    with pytest.raises(RuleViolation):
        services.evidence_add(officer, priority, question=elsewhere.questions.first())
    ranking = survey.questions.get(kind=QuestionKind.RANKING)
    scale = survey.questions.get(kind=QuestionKind.SCALE)
    with pytest.raises(RuleViolation):
        services.evidence_add(officer, priority, question=scale, option=ranking.options.first())
    services.evidence_add(officer, priority, question=scale)
    with pytest.raises(RuleViolation):
        services.evidence_add(officer, priority, question=scale)
    assert Evidence.objects.count() == 1


def test_adoption_has_a_date_that_is_not_in_the_future_and_can_be_withdrawn_with_a_reason(officer, survey):
    priority = make(officer, survey)
    with pytest.raises(RuleViolation):
        services.priority_adopt(officer, priority, adopted_on=clock.today() + dt.timedelta(days=1))
    priority = services.priority_adopt(officer, priority, adopted_on=dt.date(2022, 12, 5))
    assert priority.is_adopted and priority.adopted_on == dt.date(2022, 12, 5)
    with pytest.raises(Conflict):
        services.priority_adopt(officer, priority)
    with pytest.raises(RuleViolation):
        services.priority_withdraw_adoption(officer, priority, reason="")
    priority = services.priority_withdraw_adoption(officer, priority, reason="Dropped by amendment 2")
    assert priority.status == PriorityStatus.PROPOSED and priority.adopted_on is None
    assert AuditEvent.objects.get(action="priority.adoption_withdrawn").data == {"reason": "Dropped by amendment 2"}


def test_only_officers_change_the_register(member, auditor, officer, survey):
    for user in (member, auditor):
        with pytest.raises(PermissionDenied):
            make(user, survey)
    priority = make(officer, survey)
    with pytest.raises(PermissionDenied):
        services.priority_adopt(member, priority)


def test_the_public_sees_adopted_priorities_only_staff_and_committee_see_all(officer, member, survey):
    proposed = make(officer, survey, code="P1")
    adopted = services.priority_adopt(officer, make(officer, survey, code="P2"), adopted_on=dt.date(2022, 12, 5))
    public = [i.priority for i in selectors.priorities_with_evidence(survey.programme, public=True)]
    assert public == [adopted]
    assert set(selectors.priorities_visible_to(None)) == {adopted}
    assert set(selectors.priorities_visible_to(member)) == {proposed, adopted}
    assert list(selectors.adopted_priorities(survey.programme)) == [adopted]
