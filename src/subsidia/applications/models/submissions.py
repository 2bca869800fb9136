"""What was submitted, frozen: the canonical JSON (RFC 8785) as exact text and its SHA-256."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from subsidia.core.canonical import sha256_text

from .applications import Application


class ImmutableError(RuntimeError):
    """A stored submission cannot be changed or deleted."""


class Submission(models.Model):
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="submission")
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    content = models.TextField(_("snapshot (canonical JSON, RFC 8785)"))
    sha256 = models.CharField(_("SHA-256 of the snapshot"), max_length=64, unique=True)
    language = models.CharField(_("language of the receipt"), max_length=5)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self):
        return f"{self.application} · {self.sha256[:12]}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableError("a submission is written once and never changed")
        if sha256_text(self.content) != self.sha256:
            raise ImmutableError("the hash does not match the snapshot")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("a submission is never deleted")

    def verify(self) -> bool:
        """Whether the stored text still hashes to the stored SHA-256."""
        return sha256_text(self.content) == self.sha256
