"""Demo: organisations from Flanders and Brussels, twenty applications submitted to the closed buddy call
(replayed at their moment while the call was open, through the real services), one withdrawn, and the demo
``applicant``'s organisation with a complete draft left on the closed call (its submission is refused: 409).

Names of municipalities are real places; every enterprise number is made up (valid check digits) and every
row is flagged as demo data. Figures are made up but plausible for buddy projects.
"""

import datetime as dt
import io
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from subsidia.calls.constants import CostCategory, CostOptionKind, FlatRate
from subsidia.calls.models import Call
from subsidia.core import audit, clock, roles
from subsidia.core.demo import demo_user
from subsidia.core.money import round_half_up
from subsidia.reference.models import Indicator

from . import services
from .constants import ApplicationStatus
from .models import Application, Organisation

CLOSED_CALL = "AMIF-VLG-BUDDY"
OPEN_CALL = "AMIF-VLG-VOLUNTEERING"
APPLICANT_ORGANISATION = "Buddywerk Antwerpen vzw"

# legal name, legal form, type, postcode, city, street, signatory (first, last)
ORGANISATIONS = [
    (
        "Stad Mechelen",
        "municipality",
        "local_authority",
        "2800",
        "Mechelen",
        "Grote Markt 21",
        ("Lotte", "Wouters"),
    ),
    ("Gemeente Lier", "municipality", "local_authority", "2500", "Lier", "Paradeplein 2", ("Jonas", "Claes")),
    ("OCMW Genk", "public_centre", "local_authority", "3600", "Genk", "Stadsplein 1", ("Nadia", "Bouzid")),
    (
        "Stad Kortrijk",
        "municipality",
        "local_authority",
        "8500",
        "Kortrijk",
        "Grote Markt 54",
        ("Ruben", "Vandamme"),
    ),
    (
        "Gemeente Dilbeek",
        "municipality",
        "local_authority",
        "1700",
        "Dilbeek",
        "Kaudenaardestraat 2",
        ("Els", "Segers"),
    ),
    ("Buurtwerk De Brug vzw", "vzw", "non_profit", "9000", "Gent", "Sleepstraat 14", ("Tom", "De Clercq")),
    (
        "Vrijwilligerspunt Leuven vzw",
        "vzw",
        "non_profit",
        "3000",
        "Leuven",
        "Diestsestraat 88",
        ("Hanne", "Jacobs"),
    ),
    (
        "Samen Sterk Brugge vzw",
        "vzw",
        "non_profit",
        "8000",
        "Brugge",
        "Langestraat 120",
        ("Pieter", "Dewulf"),
    ),
    (
        "Onthaalhuis Anderlecht vzw",
        "vzw",
        "non_profit",
        "1070",
        "Anderlecht",
        "Wayezstraat 31",
        ("Sofie", "Van den Broeck"),
    ),
    (
        "Afghaanse Gemeenschap Vlaanderen vzw",
        "vzw",
        "migrant_led",
        "2060",
        "Antwerpen",
        "Handelstraat 9",
        ("Farid", "Ahmadi"),
    ),
    (
        "Eritrees Vrouwennetwerk vzw",
        "vzw",
        "migrant_led",
        "9040",
        "Gent",
        "Antwerpsesteenweg 301",
        ("Senait", "Tesfay"),
    ),
    (
        "Congolese Diaspora Limburg vzw",
        "vzw",
        "migrant_led",
        "3500",
        "Hasselt",
        "Kuringersteenweg 40",
        ("Patrick", "Mukendi"),
    ),
    (
        "Syrisch-Vlaamse Vriendenkring",
        "de_facto",
        "de_facto_association",
        "9300",
        "Aalst",
        "Molenstraat 5",
        ("Rami", "Haddad"),
    ),
    (
        "Sportclub Nieuwe Buren vzw",
        "vzw",
        "non_profit",
        "2300",
        "Turnhout",
        "Steenweg op Merksplas 12",
        ("Wim", "Peeters"),
    ),
]

# Twenty projects: organisation index, title, months, staff costs per year, rate (None: the call's),
# other public funding and its source.
PROJECTS = [
    (0, "Mechelse buddy's voor nieuwe Mechelaars", 24, "52000.00", None, "0.00", ""),
    (0, "Buddy's op school: ouders ontmoeten ouders", 18, "38000.00", None, "0.00", ""),
    (1, "Lierse tandems", 24, "34000.00", None, "0.00", ""),
    (
        2,
        "Genk verbindt: buddy's voor jonge nieuwkomers",
        24,
        "85000.00",
        "0.6000",
        "30000.00",
        "Provincie Limburg",
    ),
    (3, "Kortrijkse ankerfiguren", 24, "58000.00", None, "0.00", ""),
    (4, "Dilbeek Duo", 12, "42000.00", None, "0.00", ""),
    (5, "Brugfiguren in de Gentse wijken", 24, "80000.00", "0.6500", "25000.00", "Stad Gent"),
    (5, "Taalbuddy's aan de toog", 12, "27500.00", None, "0.00", ""),
    (6, "Vrijwilligers worden buddy's", 24, "45500.00", None, "0.00", ""),
    (7, "Samen op pad in Brugge", 24, "50000.00", None, "0.00", ""),
    (
        8,
        "Nederlandstalige buddy's in Anderlecht",
        24,
        "85000.00",
        "0.6000",
        "20000.00",
        "Vlaamse Gemeenschapscommissie",
    ),
    (9, "Van landgenoot tot buddy", 18, "31000.00", None, "0.00", ""),
    (10, "Vrouwen vinden hun weg", 24, "39000.00", None, "0.00", ""),
    (11, "Limburgse buddy-netwerken", 24, "47000.00", None, "0.00", ""),
    (12, "Vriendschap zonder grenzen in Aalst", 12, "21000.00", None, "0.00", ""),
    (13, "Sportbuddy's: nieuwkomers in de club", 24, "36500.00", None, "0.00", ""),
    (13, "Jeugdtrainers als buddy", 18, "29000.00", None, "0.00", ""),
    (3, "Buddy's voor werkzoekende nieuwkomers", 24, "95000.00", "0.5500", "40000.00", "VDAB"),
    (7, "Gezinsbuddy's in Brugge-Noord", 18, "33500.00", None, "0.00", ""),
    (9, "Digitale buddy's", 12, "24500.00", None, "0.00", ""),
]
WITHDRAWN = (6, "Buddy's in de bibliotheek", 12, "22000.00", None, "0.00", "")

ACTIVITIES = [
    ("Werving en opleiding van buddy's", "Oproep, kennismaking en een opleiding van twee dagdelen."),
    ("Matching en duo-trajecten", "Nieuwkomer en buddy ontmoeten elkaar minstens twee keer per maand."),
    ("Groepsactiviteiten en afsluiting", "Uitstappen, vrijwilligerswerk in lokale verenigingen, slotmoment."),
]
TARGET_GROUPS = [
    ("Nieuwkomers in het inburgeringstraject", 0.7),
    ("Erkende vluchtelingen en hun gezinnen", 0.3),
]


def _enterprise_number(n: int) -> str:
    first = f"0{7100000 + 37 * n:07d}"
    return first + f"{97 - int(first) % 97:02d}"


def _signatory(first: str, last: str):
    User = get_user_model()
    username = f"demo.{first}.{last}".lower().replace(" ", "")
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@demo.subsidia.invalid"},
    )
    if created:
        user.set_unusable_password()  # demo signatories act only through the loader
        user.save()
        audit.record(None, "user.demo_created", user, after={"username": username, "role": roles.APPLICANT})
    user.groups.add(Group.objects.get(name=roles.APPLICANT))
    return user


def _organisation(index: int, spec, user) -> Organisation:
    name, form, kind, postcode, city, street, _person = spec
    existing = Organisation.objects.filter(legal_name=name, is_demo=True).first()
    if existing:
        return existing
    number = "" if kind == "de_facto_association" else _enterprise_number(index)
    organisation = services.organisation_register(
        user,
        legal_name=name,
        legal_form=form,
        organisation_type=kind,
        enterprise_number=number,
        other_identifier=f"{user.get_full_name()}, voorzitter" if not number else "",
        vat_number=f"BE{number}" if kind == "local_authority" else "",
        vat_recoverable=False,
        street=street,
        postcode=postcode,
        city=city,
        email=f"info@{city.lower()}.demo.subsidia.invalid",
    )
    Organisation.objects.filter(pk=organisation.pk).update(is_demo=True)
    return organisation


def _budget_xlsx(title: str, lines: list[tuple[int, str, Decimal]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Begroting"
    sheet.append(["Project", title])
    sheet.append(["Jaar", "Kostensoort", "Bedrag (EUR)"])
    for year, label, amount in lines:
        sheet.append([year, label, amount])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_STATUTES: dict[str, bytes] = {}


def _statutes_pdf(organisation: Organisation) -> bytes:
    from subsidia.core.pdf import render_pdf

    if "pdf" not in _STATUTES:
        # One small document for every organisation: rendering is the slow part.
        _STATUTES["pdf"] = render_pdf("applications/demo_statutes.html", {}, language="nl", title="Statuten (demo)")
    return _STATUTES["pdf"]


def _fill(user, application: Application, project, rng: random.Random, start: dt.date) -> None:
    _org, _title, months, staff_per_year, rate, other, source = project
    end = (start.replace(day=1) + dt.timedelta(days=31 * months)).replace(day=1) - dt.timedelta(days=1)
    call = application.call
    services.application_update(
        user,
        application,
        summary="Nieuwkomers en vrijwilligers uit de buurt vormen duo's. Samen bouwen ze een sociaal "
        "netwerk op, "
        "leren ze de stad kennen en vinden ze de weg naar lokale verenigingen.",
        objectives="1. Elke nieuwkomer heeft na zes maanden minstens twee nieuwe contacten buiten de eigen "
        "gemeenschap.\n2. De helft van de deelnemers neemt deel aan een activiteit van een lokale "
        "vereniging.\n3. Buddy's en nieuwkomers beoordelen het traject als nuttig.",
        target_group_description="Nieuwkomers die een inburgeringstraject volgen, doorverwezen door het "
        "onthaalbureau, en vrijwilligers uit de buurt.",
        start_date=start,
        end_date=end,
        **({"cofinancing_rate": rate} if rate else {}),
    )
    span = (end - start).days
    for position, (title, description) in enumerate(ACTIVITIES, start=1):
        first = start + dt.timedelta(days=span * (position - 1) // 4)
        last = end if position == len(ACTIVITIES) else start + dt.timedelta(days=span * (position + 1) // 3)
        services.part_add(
            user,
            application,
            "activity",
            title=title,
            description=description,
            position=position,
            start_date=first,
            end_date=min(last, end),
        )
    people = rng.randrange(40, 160, 5)
    for name, share in TARGET_GROUPS:
        services.part_add(user, application, "target_group", name=name, expected_people=int(people * share))
    organisation = application.organisation
    services.part_add(user, application, "location", postcode=organisation.postcode, municipality=organisation.city)
    under, over = people // 10, people // 20
    women = people // 2 + rng.randrange(0, 6)
    services.part_add(
        user,
        application,
        "indicator_target",
        indicator=Indicator.objects.get(code="O.2.3"),
        target=people,
        age_under_18=under,
        age_18_60=people - under - over,
        age_over_60=over,
        women=women,
        men=people - women - 2,
        non_binary=2,
    )
    helpful = people * 7 // 10
    services.part_add(
        user,
        application,
        "indicator_target",
        indicator=Indicator.objects.get(code="R.2.9"),
        target=helpful,
        age_under_18=helpful // 10,
        age_18_60=helpful - helpful // 10 - helpful // 20,
        age_over_60=helpful // 20,
        women=helpful // 2,
        men=helpful - helpful // 2,
        non_binary=0,
    )
    if organisation.organisation_type == "local_authority":
        services.part_add(
            user, application, "indicator_target", indicator=Indicator.objects.get(code="O.2.7"), target=1
        )
    staff_option = call.cost_options.get(kind=CostOptionKind.REAL_COSTS, category=CostCategory.STAFF)
    flat = list(call.cost_options.filter(kind=CostOptionKind.FLAT_RATE).values_list("flat_rate", flat=True))
    services.flat_rates_set(user, application, keys=flat)
    lines = []
    yearly = Decimal(staff_per_year)
    for year in range(start.year, end.year + 1):
        first = max(start, dt.date(year, 1, 1))
        last = min(end, dt.date(year, 12, 31))
        amount = round_half_up(yearly * Decimal((last - first).days + 1) / 365 / 100, 0) * 100
        services.budget_line_add(
            user,
            application,
            year=year,
            call_option=staff_option,
            amount=amount,
            description="Projectcoördinator en buddy-begeleider (loonkosten)",
        )
        lines.append((year, "Personeelskosten", amount))
    if FlatRate.OTHER_OF_STAFF in flat:
        lines.append((start.year, "Overige kosten (40 % forfait)", sum(a for _y, _l, a in lines) * Decimal("0.4")))
    if Decimal(other):
        services.application_update(user, application, other_public_funding=other, other_public_funding_source=source)
    application.refresh_from_db()
    services.cofinancing_balance(user, application)
    requirements = list(call.required_attachments.order_by("position"))
    for requirement in requirements:
        if "xlsx" in requirement.accepted_types:
            upload = SimpleUploadedFile("begroting.xlsx", _budget_xlsx(application.title, lines))
        elif requirement.is_mandatory:
            upload = SimpleUploadedFile("statuten.pdf", _statutes_pdf(organisation))
        else:
            continue
        services.attachment_add(user, application, upload=upload, requirement=requirement)
    services.application_declare(user, application, on_honour=True, no_double_funding=True, not_completed=True)


def _apply(user, organisation, call, project, rng, *, at, start, submit=True) -> Application:
    with clock.replay_at(at):
        application = services.application_create(user, organisation=organisation, call=call, title=project[1])
        Application.objects.filter(pk=application.pk).update(is_demo=True)
        _fill(user, application, project, rng, start)
        if submit:
            application = services.application_submit(user, application)
    return application


def load(out) -> None:
    call = Call.objects.filter(reference=CLOSED_CALL).first()
    if call is None:
        out("applications: demo call missing, skipped")
        return
    rng = random.Random(20250402)
    signatories = [_signatory(*spec[6]) for spec in ORGANISATIONS]
    organisations = [_organisation(i, spec, signatories[i]) for i, spec in enumerate(ORGANISATIONS)]
    applicant = demo_user("applicant")
    own = Organisation.objects.filter(legal_name=APPLICANT_ORGANISATION, is_demo=True).first()
    if own is None:
        own = _organisation(
            len(ORGANISATIONS),
            (APPLICANT_ORGANISATION, "vzw", "non_profit", "2018", "Antwerpen", "Lange Kievitstraat 47", None),
            applicant,
        )
    if Application.objects.filter(call=call, is_demo=True).exists():
        out(
            f"applications: {Application.objects.filter(call=call, status='submitted').count()} submitted to "
            f"{CLOSED_CALL}: already there"
        )
        return
    opens, closes = call.opens_at, call.closes_at
    # The projects start in the first month after the call's decision is due, about two months from now.
    start = (clock.today().replace(day=1) + dt.timedelta(days=62)).replace(day=1)
    window = (closes - opens) - dt.timedelta(days=2)
    for number, project in enumerate(PROJECTS):
        day = clock.to_local(opens + window * (number + 1) / (len(PROJECTS) + 2)).date()
        at = clock.local_datetime(day, dt.time(rng.randrange(8, 18), rng.randrange(0, 60)))
        index = project[0]
        _apply(signatories[index], organisations[index], call, project, rng, at=at, start=start)
    withdrawn = _apply(
        signatories[WITHDRAWN[0]],
        organisations[WITHDRAWN[0]],
        call,
        WITHDRAWN,
        rng,
        at=opens + window / 2,
        start=start,
    )
    with clock.replay_at(closes - dt.timedelta(days=3)):
        services.application_withdraw(
            signatories[WITHDRAWN[0]], withdrawn, reason="Het project loopt via een ander subsidiekanaal."
        )
    project = (None, "Buddy's voor nieuwkomers in Antwerpen-Noord", 24, "58000.00", None, "0.00", "")
    _apply(applicant, own, call, project, rng, at=closes - dt.timedelta(days=5), start=start, submit=False)
    submitted = Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED)
    out(
        f"applications: {len(organisations) + 1} organisations; {submitted.count()} submitted to "
        f"{CLOSED_CALL}, "
        f"1 withdrawn; the applicant's draft on {CLOSED_CALL} (closed: submission refused)"
    )
