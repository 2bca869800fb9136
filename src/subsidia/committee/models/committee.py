"""The monitoring committee of a programme (CPR art. 38), its members (art. 39) and its rules of procedure."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from subsidia.core.approvals import Approvable
from subsidia.programmes.models import Programme
from subsidia.reference.models import Translated

from ..constants import VOTING_SEATS, MemberType, Seat
from ..quorum import QuorumRule


class Committee(Translated, models.Model):
    """One monitoring committee per programme (CPR art. 38(1))."""

    programme = models.OneToOneField(
        Programme, on_delete=models.PROTECT, related_name="committee", verbose_name=_("programme")
    )
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    established_on = models.DateField(_("set up on"))
    # The quorum of the rules of procedure, as a fraction of the voting members (default: more than half).
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum: numerator"), default=1)
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum: denominator"), default=2)
    quorum_strict = models.BooleanField(
        _("quorum: more than the fraction"),
        default=True,
        help_text=_("On: more than the fraction must attend (a majority). Off: at least the fraction."),
    )
    written_procedure_min_days = models.PositiveSmallIntegerField(
        _("written procedure: minimum days to answer"),
        default=5,
        help_text=_("The rules of procedure give members at least this many days to vote in writing."),
    )
    created_at = models.DateTimeField(_("created at"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme__cci"]
        verbose_name = _("monitoring committee")
        verbose_name_plural = _("monitoring committees")
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_numerator__gte=1) & Q(quorum_numerator__lte=F("quorum_denominator")),
                name="committee_quorum_fraction",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("committee:detail", args=[self.pk])

    @property
    def name(self):
        return self.tr("name")

    @property
    def quorum_rule(self) -> QuorumRule:
        return QuorumRule(self.quorum_numerator, self.quorum_denominator, self.quorum_strict)


class Member(models.Model):
    """A person on the committee for a term, or the substitute who stands in for one (``substitute_for``)."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="members")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=300)
    member_type = models.CharField(_("member type"), max_length=30, choices=MemberType.choices)
    seat = models.CharField(_("seat"), max_length=20, choices=Seat.choices)
    substitute_for = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="substitutes",
        verbose_name=_("substitute for"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committee_seats",
        verbose_name=_("user account"),
        help_text=_("Lets the member log in to read papers and vote."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=5, default="nl")
    term_start = models.DateField(_("term from"))
    term_end = models.DateField(_("term until"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "substitute_for_id", "position", "name"]
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=F("term_start")),
                name="member_term_ordered",
            ),
            models.CheckConstraint(condition=Q(seat__in=[s.value for s in Seat]), name="member_seat_valid"),
            models.CheckConstraint(
                condition=Q(member_type__in=[t.value for t in MemberType]), name="member_type_valid"
            ),
            # CPR art. 39(2): the Commission takes part in an advisory capacity.
            models.CheckConstraint(
                condition=~Q(member_type="commission") | Q(seat="advisory"), name="member_commission_advisory"
            ),
            models.CheckConstraint(
                condition=Q(substitute_for__isnull=True) | ~Q(substitute_for=F("id")),
                name="member_not_own_substitute",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    @property
    def is_substitute(self) -> bool:
        return self.substitute_for_id is not None

    @property
    def seat_holder(self) -> "Member":
        """The member whose seat this person occupies: themselves, or the member they substitute."""
        return self.substitute_for if self.substitute_for_id else self

    @property
    def votes(self) -> bool:
        return self.seat in VOTING_SEATS

    def active_on(self, day) -> bool:
        return self.term_start <= day and (self.term_end is None or self.term_end >= day)


class RulesOfProcedure(Approvable, models.Model):
    """A version of the committee's rules of procedure (CPR art. 38(2)); published once approved (38(4))."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="rules_versions")
    version = models.PositiveSmallIntegerField(_("version"))
    text_nl = models.TextField(_("text (Dutch)"))
    text_fr = models.TextField(_("text (French)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    approval_fields = ("version", "text_nl", "text_fr", "text_en")

    class Meta:
        ordering = ["committee", "-version"]
        verbose_name = _("rules of procedure")
        verbose_name_plural = _("rules of procedure")
        constraints = [
            models.UniqueConstraint(fields=["committee", "version"], name="rules_version_unique"),
        ]

    def __str__(self):
        return f"{self.committee} — v{self.version}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("committee:rules", args=[self.committee_id, self.version])

    def approval_label(self) -> str:
        return str(
            _("Rules of procedure of %(committee)s, version %(version)s")
            % {"committee": self.committee.name, "version": self.version}
        )

    def text(self, language: str | None = None) -> str:
        """The text in ``language`` (the active one by default), falling back to the official Dutch text."""
        from django.utils import translation

        language = (language or translation.get_language() or "nl").split("-")[0]
        return getattr(self, f"text_{language}", "") or self.text_nl
