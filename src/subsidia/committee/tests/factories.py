"""Committee factories build rows directly (bypassing services) for tests of reading and rules."""

import datetime as dt

import factory

from subsidia.core import clock
from subsidia.core.tests.factories import UserFactory
from subsidia.programmes.tests.factories import ProgrammeFactory

from ..models import AgendaItem, Committee, Meeting, Member, RulesOfProcedure, WrittenProcedure


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    programme = factory.SubFactory(ProgrammeFactory)
    name_nl = "Comité van toezicht AMIF"
    name_fr = "Comité de suivi FAMI"
    name_en = "AMIF monitoring committee"
    established_on = dt.date(2023, 1, 15)
    created_at = factory.LazyFunction(clock.now)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    committee = factory.SubFactory(CommitteeFactory)
    name = factory.Faker("name")
    organisation = factory.Sequence(lambda n: f"Organisation {n}")
    member_type = "civil_society"
    seat = "member"
    email = factory.Sequence(lambda n: f"member{n}@example.test")
    language = "nl"
    term_start = dt.date(2023, 1, 15)
    position = factory.Sequence(lambda n: n + 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    committee = factory.SubFactory(CommitteeFactory)
    reference = factory.Sequence(lambda n: f"MC-T-{n:02d}")
    title = "Meeting"
    starts_at = factory.LazyFunction(lambda: clock.now() - dt.timedelta(hours=1))
    place = "Brussels"
    created_at = factory.LazyFunction(clock.now)
    created_by = factory.SubFactory(UserFactory)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = "Item"
    kind = "decision"


class RulesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RulesOfProcedure

    committee = factory.SubFactory(CommitteeFactory)
    version = 1
    text_nl = "Artikel 1. Het comité vergadert minstens eenmaal per jaar."
    text_fr = "Article 1er. Le comité se réunit au moins une fois par an."
    text_en = "Article 1. The committee meets at least once a year."
    created_at = factory.LazyFunction(clock.now)
    created_by = factory.SubFactory(UserFactory)


class WrittenProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WrittenProcedure

    committee = factory.SubFactory(CommitteeFactory)
    reference = factory.Sequence(lambda n: f"WP-T-{n:02d}")
    title = "Proposal"
    proposal = "Approve the proposal."
    started_at = factory.LazyFunction(clock.now)
    started_by = factory.SubFactory(UserFactory)
    deadline = factory.LazyFunction(lambda: clock.now() + dt.timedelta(days=10))
