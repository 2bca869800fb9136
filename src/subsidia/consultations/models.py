"""Surveys of stakeholders, their answers, and the needs and priorities register drawn from them.

Personal data sits in a few named fields only (``PERSONAL_FIELDS`` of each model): contact addresses, the
name of the person who answered, free-text answers. ``services.purge`` empties them once the retention period
after the survey's closing has passed; the choices, scales and numbers stay for the aggregate results.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from subsidia.core import clock
from subsidia.programmes.models import Programme
from subsidia.reference.models import Translated

from .constants import (
    CHOICE_KINDS,
    LANGUAGES,
    NUMBER_DECIMAL_PLACES,
    NUMBER_MAX_DIGITS,
    SCALE_MAX,
    SCALE_MIN,
    InvitationStatus,
    PriorityStatus,
    QuestionKind,
    StakeholderType,
    SurveyPhase,
    SurveyStatus,
)


def _valid(field, choices):
    return Q(**{f"{field}__in": [c.value for c in choices]})


class StakeholderOrganisation(models.Model):
    """The register of organisations the managing authority consults."""

    name = models.CharField(_("name"), max_length=200)
    stakeholder_type = models.CharField(_("stakeholder type"), max_length=20, choices=StakeholderType.choices)
    email = models.EmailField(_("e-mail address"), help_text=_("Where invitations to surveys are sent."))
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=LANGUAGES,
        default="nl",
        help_text=_("The language of the invitations and the survey."),
    )
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive organisations are no longer invited.")
    )
    created_at = models.DateTimeField(_("created at"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("stakeholder organisation")
        verbose_name_plural = _("stakeholder organisations")
        constraints = [
            models.UniqueConstraint(fields=["name"], name="stakeholder_name_unique"),
            models.CheckConstraint(
                condition=_valid("stakeholder_type", StakeholderType), name="stakeholder_type_valid"
            ),
            models.CheckConstraint(condition=Q(language__in=["nl", "fr", "en"]), name="stakeholder_language_valid"),
            models.CheckConstraint(condition=~Q(name=""), name="stakeholder_name_not_empty"),
        ]

    def __str__(self):
        return self.name


class Survey(Translated, models.Model):
    """A written consultation of stakeholders for a programme, open between two instants (Brussels time)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("programme")
    )
    title_nl = models.CharField(_("title (Dutch)"), max_length=300)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    introduction_nl = models.TextField(_("introduction (Dutch)"), blank=True)
    introduction_fr = models.TextField(_("introduction (French)"), blank=True)
    introduction_en = models.TextField(_("introduction (English)"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    status = models.CharField(_("status"), max_length=20, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    responses_anonymised_at = models.DateTimeField(_("personal data removed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_at", "pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(condition=Q(opens_at__lt=F("closes_at")), name="survey_opens_before_closing"),
            models.CheckConstraint(condition=_valid("status", SurveyStatus), name="survey_status_valid"),
            models.CheckConstraint(
                condition=Q(status=SurveyStatus.DRAFT) | Q(published_at__isnull=False),
                name="published_survey_has_date",
            ),
            models.CheckConstraint(condition=~Q(title_nl=""), name="survey_title_nl_not_empty"),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self):
        return self.tr("title")

    @property
    def introduction(self):
        return self.tr("introduction")

    def phase_at(self, instant) -> str:
        if self.status == SurveyStatus.DRAFT:
            return SurveyPhase.DRAFT
        if instant < self.opens_at:
            return SurveyPhase.SCHEDULED
        if instant < self.closes_at:
            return SurveyPhase.OPEN
        return SurveyPhase.CLOSED

    @property
    def phase(self) -> str:
        """Draft, not yet open, open or closed, from the dates at the moment of asking."""
        return self.phase_at(clock.now())

    def get_phase_display(self):
        return SurveyPhase(self.phase).label

    @property
    def is_open(self) -> bool:
        return self.phase == SurveyPhase.OPEN

    @property
    def is_closed(self) -> bool:
        return self.phase == SurveyPhase.CLOSED

    @property
    def is_editable(self) -> bool:
        return self.status == SurveyStatus.DRAFT


class Question(Translated, models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    text_nl = models.CharField(_("question (Dutch)"), max_length=500)
    text_fr = models.CharField(_("question (French)"), max_length=500, blank=True)
    text_en = models.CharField(_("question (English)"), max_length=500, blank=True)
    help_nl = models.CharField(_("explanation (Dutch)"), max_length=500, blank=True)
    help_fr = models.CharField(_("explanation (French)"), max_length=500, blank=True)
    help_en = models.CharField(_("explanation (English)"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=True)
    max_choices = models.PositiveSmallIntegerField(
        _("at most this many choices"),
        null=True,
        blank=True,
        help_text=_("Multiple choice only; empty: no limit."),
    )
    min_value = models.DecimalField(
        _("lowest number allowed"),
        max_digits=NUMBER_MAX_DIGITS,
        decimal_places=NUMBER_DECIMAL_PLACES,
        null=True,
        blank=True,
    )
    max_value = models.DecimalField(
        _("highest number allowed"),
        max_digits=NUMBER_MAX_DIGITS,
        decimal_places=NUMBER_DECIMAL_PLACES,
        null=True,
        blank=True,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["survey", "position"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["survey", "position"], name="question_position_unique"),
            models.CheckConstraint(condition=_valid("kind", QuestionKind), name="question_kind_valid"),
            models.CheckConstraint(condition=~Q(text_nl=""), name="question_text_nl_not_empty"),
            models.CheckConstraint(
                condition=Q(max_choices__isnull=True) | (Q(kind=QuestionKind.MULTIPLE_CHOICE) & Q(max_choices__gte=1)),
                name="question_max_choices_for_multiple_choice",
            ),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True) | Q(max_value__isnull=True) | Q(min_value__lte=F("max_value")),
                name="question_number_bounds_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.text}"

    @property
    def text(self):
        return self.tr("text")

    @property
    def help(self):
        return self.tr("help")

    @property
    def has_options(self) -> bool:
        return self.kind in CHOICE_KINDS


class Option(Translated, models.Model):
    """A choice of a single- or multiple-choice question, or an item to rank."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("position"))
    text_nl = models.CharField(_("option (Dutch)"), max_length=300)
    text_fr = models.CharField(_("option (French)"), max_length=300, blank=True)
    text_en = models.CharField(_("option (English)"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "position"]
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        constraints = [
            models.UniqueConstraint(fields=["question", "position"], name="option_position_unique"),
            models.CheckConstraint(condition=~Q(text_nl=""), name="option_text_nl_not_empty"),
        ]

    def __str__(self):
        return self.text

    @property
    def text(self):
        return self.tr("text")


class Invitation(models.Model):
    """One organisation invited to one survey. The link's tokens live in ``InvitationToken``, hashed."""

    PERSONAL_FIELDS = ("email",)

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="invitations")
    organisation = models.ForeignKey(
        StakeholderOrganisation,
        on_delete=models.PROTECT,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    # The address and language used when sending, as they were (the register may change later).
    email = models.EmailField(_("sent to"), blank=True)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    sent_at = models.DateTimeField(_("sent at"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reminder_count = models.PositiveSmallIntegerField(_("reminders"), default=0)
    last_reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    # Opening is counted from visits of the personal link, never from a tracking pixel in the e-mail.
    first_opened_at = models.DateTimeField(_("first opened at"), null=True, blank=True)
    last_opened_at = models.DateTimeField(_("last opened at"), null=True, blank=True)
    open_count = models.PositiveIntegerField(_("visits"), default=0)
    history = HistoricalRecords(excluded_fields=["email", "last_opened_at", "open_count"])

    class Meta:
        ordering = ["survey", "organisation__name"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["survey", "organisation"], name="invitation_once_per_organisation"),
            models.CheckConstraint(
                condition=Q(first_opened_at__isnull=True) | Q(open_count__gte=1),
                name="opened_invitation_counted",
            ),
            models.CheckConstraint(
                condition=Q(reminder_count=0) | Q(last_reminded_at__isnull=False), name="reminder_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.survey} – {self.organisation}"

    @property
    def status(self) -> str:
        response = getattr(self, "response", None)
        if response is not None and response.submitted_at:
            return InvitationStatus.ANSWERED
        if response is not None:
            return InvitationStatus.DRAFT
        if self.first_opened_at:
            return InvitationStatus.OPENED
        return InvitationStatus.SENT

    def get_status_display(self):
        return InvitationStatus(self.status).label


class InvitationToken(models.Model):
    """A personal link's secret, stored only as its SHA-256. Each e-mail (invitation, reminder) carries its
    own token; all of an invitation's tokens lead to the same response."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField()

    class Meta:
        ordering = ["issued_at"]

    def __str__(self):
        return f"token of invitation {self.invitation_id}"


class Response(models.Model):
    """An organisation's answers to a survey: a draft until it is submitted, then frozen."""

    PERSONAL_FIELDS = ("respondent_name", "respondent_role")

    invitation = models.OneToOneField(Invitation, on_delete=models.PROTECT, related_name="response")
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    # The organisation's type when it answered: results stay the same if the register changes later.
    stakeholder_type = models.CharField(_("stakeholder type"), max_length=20, choices=StakeholderType.choices)
    respondent_name = models.CharField(_("your name"), max_length=200, blank=True)
    respondent_role = models.CharField(_("your function"), max_length=200, blank=True)
    started_at = models.DateTimeField(_("started at"))
    updated_at = models.DateTimeField(_("last saved at"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("personal data removed at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["respondent_name", "respondent_role"])

    class Meta:
        ordering = ["survey", "pk"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.CheckConstraint(
                condition=_valid("stakeholder_type", StakeholderType), name="response_stakeholder_type_valid"
            ),
            models.CheckConstraint(condition=Q(started_at__lte=F("updated_at")), name="response_saved_after_start"),
        ]
        indexes = [models.Index(fields=["survey", "submitted_at"])]

    def __str__(self):
        return f"{self.survey} – {self.invitation.organisation}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Answer(models.Model):
    """One question's answer in a response. Choices (with their rank for a ranking) are ``AnswerChoice`` rows,
    so counts and Borda points are summed by the database.

    No row history here: draft answers are personal data, and once submitted they no longer change.
    """

    PERSONAL_FIELDS = ("text_value",)

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    scale_value = models.PositiveSmallIntegerField(null=True, blank=True)
    number_value = models.DecimalField(
        max_digits=NUMBER_MAX_DIGITS, decimal_places=NUMBER_DECIMAL_PLACES, null=True, blank=True
    )
    text_value = models.TextField(blank=True)
    text_anonymised = models.BooleanField(default=False)

    class Meta:
        ordering = ["response", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_once_per_question"),
            models.CheckConstraint(
                condition=Q(scale_value__isnull=True) | Q(scale_value__gte=SCALE_MIN, scale_value__lte=SCALE_MAX),
                name="answer_scale_in_range",
            ),
        ]

    def __str__(self):
        return f"answer {self.pk} to question {self.question_id}"


class AnswerChoice(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="choices")
    option = models.ForeignKey(Option, on_delete=models.PROTECT, related_name="answer_choices")
    rank = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 = first place; rankings only")

    class Meta:
        ordering = ["answer", "rank", "option__position"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "option"], name="answer_choice_once"),
            models.UniqueConstraint(fields=["answer", "rank"], name="answer_rank_once"),
            models.CheckConstraint(condition=Q(rank__isnull=True) | Q(rank__gte=1), name="answer_rank_positive"),
        ]

    def __str__(self):
        return f"{self.answer_id}: {self.option_id} ({self.rank})"


class Priority(Translated, models.Model):
    """A need turned priority of the programme, with the survey answers behind it (the evidence).

    Later stages point at it: a call serves priorities (``Call.priorities``), a project inherits them, and the
    public trace reads need → priority → call → project.
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="priorities", verbose_name=_("programme")
    )
    survey = models.ForeignKey(
        Survey,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="priorities",
        verbose_name=_("drawn from survey"),
    )
    code = models.CharField(_("code"), max_length=12, help_text=_("Short reference, for example P1."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title_nl = models.CharField(_("title (Dutch)"), max_length=300)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PriorityStatus.choices, default=PriorityStatus.PROPOSED
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "position", "code"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="priority_code_unique_per_programme"),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in PriorityStatus]), name="priority_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=PriorityStatus.PROPOSED) | Q(adopted_on__isnull=False),
                name="adopted_priority_has_date",
            ),
            models.CheckConstraint(condition=~Q(code=""), name="priority_code_not_empty"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def title(self):
        return self.tr("title")

    @property
    def description(self):
        return self.tr("description")

    @property
    def is_adopted(self) -> bool:
        return self.status == PriorityStatus.ADOPTED


class Evidence(Translated, models.Model):
    """A question of a survey, and optionally one of its answer options, that supports a priority, with the
    officer's reading of it. The figures themselves are computed from the answers when shown."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="evidence")
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("question")
    )
    option = models.ForeignKey(
        Option,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("answer option"),
    )
    finding_nl = models.TextField(_("finding (Dutch)"), blank=True)
    finding_fr = models.TextField(_("finding (French)"), blank=True)
    finding_en = models.TextField(_("finding (English)"), blank=True)
    created_at = models.DateTimeField(_("created at"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["priority", "question__position", "option__position"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.UniqueConstraint(fields=["priority", "question", "option"], name="evidence_once"),
            models.UniqueConstraint(
                fields=["priority", "question"],
                condition=Q(option__isnull=True),
                name="evidence_question_once",
            ),
        ]

    def __str__(self):
        return f"{self.priority.code}: {self.question}"

    @property
    def finding(self):
        return self.tr("finding")
