"""The register of written parliamentary questions: the question, its answer, the earlier questions it cites
and the documents kept with it. Not public: the parliament publishes questions and answers on its own site."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .constants import QuestionStatus

SESSION_PATTERN = re.compile(r"^(?P<first>\d{4})(?:-(?P<second>\d{4}))?$")
NUMBER_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z./-]{0,19}$")


def validate_session(value: str) -> None:
    """A parliamentary year such as 2021-2022 (two consecutive years) or a single year such as 2021."""
    match = SESSION_PATTERN.match(value or "")
    if not match or (match["second"] and int(match["second"]) != int(match["first"]) + 1):
        raise ValidationError(
            _("A session is written as two consecutive years, e.g. 2021-2022, or as one year, e.g. 2021."),
            code="invalid_session",
        )


def validate_number(value: str) -> None:
    if not NUMBER_PATTERN.match(value or ""):
        raise ValidationError(
            _("A question number has up to 20 letters, digits, dots, dashes or slashes, e.g. 290 or 55-0123."),
            code="invalid_number",
        )


class WrittenQuestion(models.Model):
    assembly = models.CharField(
        _("parliament"), max_length=120, blank=True, help_text=_("For example Vlaams Parlement.")
    )
    session = models.CharField(_("parliamentary session"), max_length=9, validators=[validate_session])
    number = models.CharField(_("number"), max_length=20, validators=[validate_number])
    asked_on = models.DateField(_("date of the question"))
    member_name = models.CharField(_("member of parliament"), max_length=200)
    member_group = models.CharField(_("party or political group"), max_length=120, blank=True)
    minister_name = models.CharField(_("minister"), max_length=200)
    minister_portfolio = models.CharField(_("minister's portfolio"), max_length=300, blank=True)
    title = models.CharField(_("title"), max_length=300)
    question_text = models.TextField(_("question"))
    answer_text = models.TextField(
        _("answer"), blank=True, help_text=_("A draft while the answer is in preparation; final once answered.")
    )
    answered_on = models.DateField(_("date answered"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=QuestionStatus.choices, default=QuestionStatus.RECEIVED
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        related_name="parliamentary_questions",
        verbose_name=_("programme concerned"),
    )
    region = models.ForeignKey(
        "programmes.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parliamentary_questions",
        verbose_name=_("region or delegated body concerned"),
        help_text=_("Leave empty when the question concerns the whole programme."),
    )
    official_url = models.URLField(_("publication on the parliament's website"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("registered at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("last changed at"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-asked_on", "-id"]
        verbose_name = _("written parliamentary question")
        verbose_name_plural = _("written parliamentary questions")
        indexes = [models.Index(fields=["status", "asked_on"])]
        constraints = [
            models.UniqueConstraint(fields=["assembly", "session", "number"], name="parliament_question_number_unique"),
            models.CheckConstraint(
                condition=Q(status__in=QuestionStatus.values), name="parliament_question_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=QuestionStatus.ANSWERED) | (Q(answered_on__isnull=False) & ~Q(answer_text="")),
                name="parliament_answered_has_answer_and_date",
            ),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=F("asked_on")),
                name="parliament_answered_after_asked",
            ),
            models.CheckConstraint(
                condition=~Q(number="")
                & ~Q(title="")
                & ~Q(question_text="")
                & ~Q(member_name="")
                & ~Q(minister_name=""),
                name="parliament_question_required_texts",
            ),
        ]

    def __str__(self):
        return str(
            _("Question no. %(number)s (%(session)s): %(title)s")
            % {
                "number": self.number,
                "session": self.session,
                "title": self.title,
            }
        )

    @property
    def is_editable(self) -> bool:
        return self.status in (QuestionStatus.RECEIVED, QuestionStatus.IN_PREPARATION)


class EarlierQuestion(models.Model):
    """A question this one refers to: a question of the register, or a reference to one that is not in it
    (``number`` and date as cited, e.g. "question no. 290 of 19 June 2020")."""

    question = models.ForeignKey(WrittenQuestion, on_delete=models.CASCADE, related_name="earlier_links")
    earlier = models.ForeignKey(
        WrittenQuestion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="later_links",
        verbose_name=_("question in the register"),
    )
    number = models.CharField(_("number"), max_length=20, blank=True)
    session = models.CharField(_("parliamentary session"), max_length=9, blank=True)
    asked_on = models.DateField(_("date of the question"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    note = models.TextField(
        _("note"), blank=True, help_text=_("What the earlier question or its answer said that matters here.")
    )
    created_at = models.DateTimeField(_("added at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "asked_on", "id"]
        verbose_name = _("earlier question")
        verbose_name_plural = _("earlier questions")
        constraints = [
            # Either a question of the register, or a cited number, never both and never neither.
            models.CheckConstraint(
                condition=(Q(earlier__isnull=False) & Q(number="")) | (Q(earlier__isnull=True) & ~Q(number="")),
                name="parliament_link_register_or_reference",
            ),
            models.CheckConstraint(condition=~Q(earlier=F("question")), name="parliament_link_not_to_itself"),
            models.UniqueConstraint(
                fields=["question", "earlier"],
                condition=Q(earlier__isnull=False),
                name="parliament_link_once",
            ),
            models.UniqueConstraint(
                fields=["question", "number", "session", "asked_on"],
                condition=Q(earlier__isnull=True),
                name="parliament_reference_once",
            ),
        ]

    def __str__(self):
        if self.earlier_id:
            return str(self.earlier)
        return f"{self.number} {self.asked_on or ''}".strip()


class QuestionAttachment(models.Model):
    """A document kept with a question (the question as published, a draft answer, a table). Stored under
    MEDIA_ROOT and served only through a view that checks the reader's role."""

    question = models.ForeignKey(WrittenQuestion, on_delete=models.PROTECT, related_name="attachments")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="parliament/", max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["question", "uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="parliament_attachment_not_empty"),
            models.CheckConstraint(condition=~Q(title=""), name="parliament_attachment_has_title"),
        ]

    def __str__(self):
        return self.title
