"""Factories for restrictions and snapshots; operations come from the projects app's factory."""

import factory

from subsidia.core import clock
from subsidia.core.tests.factories import UserFactory
from subsidia.projects.tests.factories import OperationFactory

from ..constants import RestrictionStatus
from ..models import PublicationRestriction


class RestrictionFactory(factory.django.DjangoModelFactory):
    """A restriction in force, prepared and confirmed by two different people (bypassing the services)."""

    class Meta:
        model = PublicationRestriction

    operation = factory.SubFactory(OperationFactory)
    legal_ground = "Bescherming van slachtoffers van mensenhandel (GDPR art. 6(1)(e), art. 9(2)(g))."
    status = RestrictionStatus.ACTIVE
    prepared_by = factory.SubFactory(UserFactory, role="programme_officer")
    prepared_at = factory.LazyFunction(clock.now)
    decided_by = factory.SubFactory(UserFactory, role="authorising_officer")
    decided_at = factory.LazyFunction(clock.now)
