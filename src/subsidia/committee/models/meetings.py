"""Meetings of the committee: agenda, papers, attendance, declared conflicts of interest, decisions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from subsidia.core.approval_models import ApprovalRequest

from ..constants import ItemKind, MeetingStatus, Outcome
from .committee import Committee, Member


class Meeting(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    reference = models.CharField(_("reference"), max_length=40, help_text=_("For example MC-2025-01."))
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    invited_at = models.DateTimeField(_("invitations sent at"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_approved_on = models.DateField(_("minutes approved on"), null=True, blank=True)
    minutes_approved_at_meeting = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("minutes approved at the meeting"),
    )
    cancelled_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["committee", "reference"], name="meeting_reference_unique"),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in MeetingStatus]), name="meeting_status_valid"
            ),
            models.CheckConstraint(condition=~Q(place="") | ~Q(online_url=""), name="meeting_place_or_online"),
            models.CheckConstraint(
                condition=Q(minutes_approved_on__isnull=True) | ~Q(minutes=""),
                name="meeting_approved_minutes_exist",
            ),
        ]

    def __str__(self):
        return f"{self.reference} — {self.title}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("committee:meeting", args=[self.pk])


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="items")
    position = models.PositiveSmallIntegerField(_("item"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices, default=ItemKind.DECISION)
    approval_request = models.ForeignKey(
        ApprovalRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approval request"),
    )
    concerned_organisations = models.TextField(
        _("organisations concerned"),
        blank=True,
        help_text=_("Applicants or others with an interest in this item, one per line; their members must declare it."),
    )
    # The decision, recorded by the secretariat once the meeting was quorate for this item.
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    votes_for = models.PositiveIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveIntegerField(_("votes against"), default=0)
    abstentions = models.PositiveIntegerField(_("abstentions"), default=0)
    conditions = models.TextField(_("conditions"), blank=True)
    # The quorum as it stood when the decision was recorded (rules of procedure may change later).
    seats_eligible = models.PositiveSmallIntegerField(_("voting members not recused"), null=True, blank=True)
    seats_present = models.PositiveSmallIntegerField(_("of whom present"), null=True, blank=True)
    quorum_required = models.PositiveSmallIntegerField(_("quorum required"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_position_unique"),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome__in=[o.value for o in Outcome]),
                name="agenda_item_outcome_valid",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(decided_at__isnull=False), name="agenda_item_decision_dated"
            ),
            models.CheckConstraint(
                condition=~Q(outcome="approved_with_conditions") | ~Q(conditions=""),
                name="agenda_item_conditions_stated",
            ),
            models.CheckConstraint(
                condition=Q(kind="decision") | Q(outcome=""), name="agenda_item_information_not_decided"
            ),
        ]

    def __str__(self):
        return f"{self.meeting.reference} / {self.position}. {self.title}"

    def get_absolute_url(self):
        return self.meeting.get_absolute_url() + f"#item-{self.position}"

    @property
    def decided(self) -> bool:
        return bool(self.outcome)

    @property
    def reference(self) -> str:
        return f"{self.meeting.reference}/{self.position}"


class Paper(models.Model):
    """A document shared with the committee. Stored under MEDIA_ROOT, served only through a checking view;
    published on the public page only when an officer says so (CPR art. 38(4), art. 69(5))."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="papers")
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="papers",
        verbose_name=_("agenda item"),
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="committee/papers/", max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    is_public = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Shown on the public committee page (CPR art. 38(4)); leave off for confidential papers."),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["meeting", "agenda_item__position", "title"]
        verbose_name = _("meeting paper")
        verbose_name_plural = _("meeting papers")

    def __str__(self):
        return self.title


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="attendance")
    present = models.BooleanField(_("present"))
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["meeting", "member__position", "member__name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")]

    def __str__(self):
        return f"{self.meeting.reference}: {self.member.name} ({'present' if self.present else 'absent'})"


class ConflictDeclaration(models.Model):
    """A member declares that their organisation is concerned; the seat is recused from that item."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="declarations")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="declarations"
    )
    written_procedure = models.ForeignKey(
        "committee.WrittenProcedure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="declarations",
    )
    reason = models.CharField(_("reason"), max_length=500)
    declared_at = models.DateTimeField(_("declared at"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["declared_at"]
        verbose_name = _("declaration of a conflict of interest")
        verbose_name_plural = _("declarations of conflicts of interest")
        constraints = [
            models.CheckConstraint(
                condition=(Q(agenda_item__isnull=False) & Q(written_procedure__isnull=True))
                | (Q(agenda_item__isnull=True) & Q(written_procedure__isnull=False)),
                name="declaration_one_subject",
            ),
            models.UniqueConstraint(
                fields=["member", "agenda_item"],
                condition=Q(agenda_item__isnull=False),
                name="declaration_item_once",
            ),
            models.UniqueConstraint(
                fields=["member", "written_procedure"],
                condition=Q(written_procedure__isnull=False),
                name="declaration_procedure_once",
            ),
        ]

    def __str__(self):
        return f"{self.member.name}: {self.reason}"
