"""The e-mails of a consultation, written in the stakeholder's language. Sent through Django's mail API:
the console in development, SMTP when configured."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from subsidia.core import formatting


def survey_email(invitation, link: str, *, reminder: bool, connection=None) -> EmailMessage:
    language = invitation.language or settings.LANGUAGE_CODE
    survey = invitation.survey
    with translation.override(language):
        context = {
            "organisation": invitation.organisation,
            "survey": survey,
            "title": survey.title,
            "introduction": survey.introduction,
            "closes_at": formatting.datetime(survey.closes_at, language=language, format="d MMMM y, HH:mm"),
            "link": link,
            "reminder": reminder,
            "programme": survey.programme,
        }
        subject = " ".join(render_to_string("consultations/email/invitation_subject.txt", context).split())
        body = render_to_string("consultations/email/invitation_body.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        to=[invitation.email],
        connection=connection,
        headers={"Auto-Submitted": "auto-generated"},
    )
