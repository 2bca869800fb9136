"""Demo: the Flemish stakeholder survey of spring 2021 on AMIF 2021-2027, replayed through the real services
(created, published, invitations, visits, drafts, answers, a reminder, closing), then the three priorities it
led to, with the answers behind them, adopted in the programme. Answers are made up but deterministic."""

import datetime as dt
import random

from django.core.mail import get_connection

from subsidia.core import clock
from subsidia.core.demo import demo_user
from subsidia.programmes.models import Programme

from . import demo_data as d
from . import services
from .constants import StakeholderType
from .models import Priority, StakeholderOrganisation, Survey

CCI = "2021BE65AMPR001"
SEED = 2021


def at(year, month, day, hour=10, minute=0) -> dt.datetime:
    return clock.local_datetime(dt.date(year, month, day), dt.time(hour, minute))


def _organisations(officer) -> list[StakeholderOrganisation]:
    rows = [(f"Stad {m}", StakeholderType.LOCAL_GOVERNMENT, "nl", m) for m in d.LOCAL_GOVERNMENTS]
    rows += [(n, StakeholderType.CIVIL_SOCIETY, lang, "") for n, lang in d.CIVIL_SOCIETY]
    rows += [(n, StakeholderType.MIGRANT_LED, lang, "") for n, lang in d.MIGRANT_LED]
    rows += [(n, StakeholderType.SOCIAL_PARTNER, lang, "") for n, lang in d.SOCIAL_PARTNERS]
    rows += [(n, StakeholderType.PUBLIC_BODY, lang, "") for n, lang in d.PUBLIC_BODIES]
    organisations = []
    for index, (name, kind, language, municipality) in enumerate(rows, start=1):
        existing = StakeholderOrganisation.objects.filter(name=name).first()
        organisations.append(
            existing
            or services.organisation_create(
                officer,
                name=name,
                stakeholder_type=kind,
                email=f"contact{index}@stakeholders.demo.invalid",
                language=language,
                municipality=municipality,
            )
        )
    return organisations


def _survey(officer, programme) -> tuple[Survey, dict]:
    with clock.replay_at(at(2021, 2, 15)):
        survey = services.survey_create(
            officer,
            programme=programme,
            opens_at=at(2021, 3, 1, 9, 0),
            closes_at=at(2021, 4, 30, 17, 0),
            **d.SURVEY,
        )
        questions = {}
        for key, kind, required, texts, helps, options, extra in d.QUESTIONS:
            questions[key] = services.question_create(
                officer,
                survey,
                kind=kind,
                required=required,
                **dict(zip(("text_nl", "text_fr", "text_en"), texts, strict=True)),
                **dict(zip(("help_nl", "help_fr", "help_en"), helps, strict=True)),
                options=[dict(zip(("text_nl", "text_fr", "text_en"), o, strict=True)) for o in options],
                **extra,
            )
    with clock.replay_at(at(2021, 2, 22, 14, 0)):
        survey = services.survey_publish(officer, survey)
    return survey, questions


# Scores behind each respondent's ranking: the three participation priorities lead, with some spread.
BASE_SCORES = [5.2, 4.9, 4.6, 3.6, 3.4, 2.2]
TYPE_BIAS = {
    StakeholderType.LOCAL_GOVERNMENT: [0, 0, 0.4, 0, 0.2, 0],
    StakeholderType.CIVIL_SOCIETY: [0.3, 0.2, 0, 0, 0, 0],
    StakeholderType.MIGRANT_LED: [0.2, 0.5, 0, 0.3, 0.4, 0],
    StakeholderType.SOCIAL_PARTNER: [0, 0.3, 0, 0, 1.2, 0],
    StakeholderType.PUBLIC_BODY: [0, 0, 0, 0, 0.8, 0.3],
}
ROLE_BY_TYPE = {
    StakeholderType.LOCAL_GOVERNMENT: 1,
    StakeholderType.CIVIL_SOCIETY: 0,
    StakeholderType.MIGRANT_LED: 2,
    StakeholderType.SOCIAL_PARTNER: 3,
    StakeholderType.PUBLIC_BODY: 3,
}
REACH = {
    StakeholderType.LOCAL_GOVERNMENT: (150, 1200),
    StakeholderType.CIVIL_SOCIETY: (20, 400),
    StakeholderType.MIGRANT_LED: (15, 250),
    StakeholderType.SOCIAL_PARTNER: (30, 300),
    StakeholderType.PUBLIC_BODY: (100, 900),
}


def _scale(rng, weights) -> str:
    return str(rng.choices([1, 2, 3, 4, 5], weights=weights)[0])


def _answers(rng, organisation, questions, texts) -> dict:
    kind = organisation.stakeholder_type
    options = {key: list(q.options.order_by("position").values_list("pk", flat=True)) for key, q in questions.items()}
    scores = [b + bias + rng.gauss(0, 0.9) for b, bias in zip(BASE_SCORES, TYPE_BIAS[kind], strict=True)]
    ranking = [options[d.RANKING][i] for i in sorted(range(6), key=lambda i: -scores[i])]
    role = ROLE_BY_TYPE[kind] if rng.random() < 0.8 else rng.randrange(4)
    barriers = rng.sample(range(6), k=3, counts=[3, 4, 2, 2, 2, 1])
    answers = {
        questions[d.ROLE].pk: options[d.ROLE][role],
        questions[d.RANKING].pk: ranking,
        questions[d.NETWORKS].pk: _scale(rng, [0, 1, 3, 12, 20]),
        questions[d.BUDDY_NEED].pk: _scale(rng, [0, 2, 5, 14, 12]),
        questions[d.VOLUNTEERING_EASE].pk: _scale(rng, [10, 15, 6, 2, 1]),
        questions[d.BARRIERS].pk: [options[d.BARRIERS][i] for i in sorted(set(barriers))],
    }
    if rng.random() < 0.8:
        low, high = REACH[kind]
        answers[questions[d.REACH].pk] = str(rng.randrange(low, high, 5))
    pool = texts.get(organisation.language) or []
    if pool and rng.random() < 0.55:
        answers[questions[d.IDEAS].pk] = pool.pop(0)
    return answers


def _token(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[-1]


def _invite_and_answer(officer, survey, questions, organisations) -> int:
    rng = random.Random(SEED)
    mail = get_connection("django.core.mail.backends.dummy.EmailBackend")  # the demo sends no e-mail
    with clock.replay_at(at(2021, 3, 1, 9, 15)):
        report = services.invitations_send(
            officer, survey, organisations, base_url="http://localhost:8000/", connection=mail
        )
    tokens = {delivery.invitation.organisation_id: _token(delivery.link) for delivery in report.sent}
    texts = {language: list(pool) for language, pool in d.IDEAS_TEXTS.items()}
    # Who does what: most answer; one local government leaves a draft, one only looks; two never open.
    silent = {organisations[16].pk, organisations[28].pk}  # Lier; the last civil-society organisation
    draft_only = organisations[15].pk  # Beringen
    look_only = organisations[36].pk  # the last migrant-led organisation
    day = dt.date(2021, 3, 2)
    events = [(at(2021, 4, 19, 10, 0), "remind", None, None)]
    for index, organisation in enumerate(organisations):
        if organisation.pk in silent:
            continue
        token = tokens[organisation.pk]
        visit = clock.local_datetime(day + dt.timedelta(days=(index * 37) % 55), dt.time(9 + index % 8, 10))
        events.append((visit, "visit", token, None))
        if organisation.pk == look_only:
            continue
        answers = _answers(rng, organisation, questions, texts)
        events.append((visit + dt.timedelta(minutes=12), "draft", token, answers))
        if organisation.pk != draft_only:
            events.append((visit + dt.timedelta(days=1), "visit", token, None))
            events.append((visit + dt.timedelta(days=1, minutes=5), "submit", token, answers))
    submitted = 0
    # Replayed in the order they happened, so the reminder reaches only those who had not answered yet.
    for instant, action, token, answers in sorted(events, key=lambda e: e[0]):
        with clock.replay_at(instant):
            if action == "remind":
                services.reminders_send(officer, survey, base_url="http://localhost:8000/", connection=mail)
            elif action == "visit":
                services.link_visit(token)
            else:
                services.response_save(token, answers, submit=action == "submit")
                submitted += action == "submit"
    return submitted


def _priorities(officer, programme, survey, questions) -> None:
    ranking_options = list(questions[d.RANKING].options.order_by("position"))
    barrier_options = list(questions[d.BARRIERS].options.order_by("position"))
    for position, (code, _ranking, option_index, second, titles, descriptions, findings) in enumerate(
        d.PRIORITIES, start=1
    ):
        if Priority.objects.filter(programme=programme, code=code).exists():
            continue
        with clock.replay_at(at(2021, 5, 20, 11, 0)):
            priority = services.priority_create(
                officer,
                programme=programme,
                survey=survey,
                code=code,
                position=position,
                **dict(zip(("title_nl", "title_fr", "title_en"), titles, strict=True)),
                **dict(zip(("description_nl", "description_fr", "description_en"), descriptions, strict=True)),
            )
            services.evidence_add(
                officer,
                priority,
                question=questions[d.RANKING],
                option=ranking_options[option_index],
                **dict(zip(("finding_nl", "finding_fr", "finding_en"), findings, strict=True)),
            )
            option = barrier_options[1] if second == d.BARRIERS else None
            services.evidence_add(officer, priority, question=questions[second], option=option)
            if code == "P1":
                services.evidence_add(officer, priority, question=questions[d.NETWORKS])
        with clock.replay_at(at(2022, 12, 5, 12, 0)):
            services.priority_adopt(officer, priority, adopted_on=dt.date(2022, 12, 5))


def load(out) -> None:
    programme = Programme.objects.filter(cci=CCI).first()
    if programme is None:
        out(f"consultation: programme {CCI} missing, skipped")
        return
    if Survey.objects.filter(programme=programme, title_nl=d.SURVEY["title_nl"]).exists():
        out("consultation: already there")
        return
    officer = demo_user("officer")
    organisations = _organisations(officer)
    survey, questions = _survey(officer, programme)
    submitted = _invite_and_answer(officer, survey, questions, organisations)
    _priorities(officer, programme, survey, questions)
    out(
        f"consultation: survey closed with {submitted} of {len(organisations)} organisations answering; "
        f"{Priority.objects.filter(programme=programme, status='adopted').count()} priorities adopted"
    )
