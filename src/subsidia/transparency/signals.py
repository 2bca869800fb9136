"""Changes to operations and restrictions make cached counts of the public list stale at once."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from subsidia.projects.models import Operation

from .models import PublicationRestriction

GENERATION_KEY = "transparency:list-generation"


def generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 0, None)


def bump(**kwargs) -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


for _model in (Operation, PublicationRestriction):
    receiver(post_save, sender=_model, dispatch_uid=f"transparency-bump-save-{_model.__name__}")(bump)
    receiver(post_delete, sender=_model, dispatch_uid=f"transparency-bump-delete-{_model.__name__}")(bump)
