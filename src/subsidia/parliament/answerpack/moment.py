"""The moment an answer pack speaks of: now (live data), or the instant a publication snapshot was taken.

Rows that change over time are read as they stood at that instant from their row history
(django-simple-history), so a pack made "as of" a publication shows the programme, the calls and the criteria
of that day next to the operations the publication froze.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from subsidia.core import clock


@dataclass(frozen=True)
class Moment:
    at: dt.datetime | None = None  # None: live data

    @property
    def live(self) -> bool:
        return self.at is None

    @property
    def instant(self) -> dt.datetime:
        return self.at or clock.now()

    def rows(self, model):
        """The model's rows now, or as they stood at the moment (deleted rows left out)."""
        return model.objects.all() if self.live else model.history.as_of(self.at)

    def one(self, model, pk):
        return self.rows(model).filter(**{model._meta.pk.attname: pk}).first()

    def until(self, field: str) -> Q:
        """Rows dated (by ``field``) no later than the moment."""
        return Q() if self.live else Q(**{f"{field}__lte": self.at})
