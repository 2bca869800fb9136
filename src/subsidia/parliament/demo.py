"""Demo: a written question of a member of the Flemish Parliament on the AMIF money for Flemish integration
policy in 2021-2027, modelled on a real question (its text here in our own words; the names are made up). It
cites the member's earlier question no. 290 of 19 June 2020, which is not in the register, and its answer is in
preparation, so an officer can make its answer pack from the demo's live data.

The question is dated ten days before loading (in the parliamentary session of that day); a reload finds it by
its number and title and leaves it alone.
"""

import datetime as dt

from subsidia.core import clock
from subsidia.core.demo import demo_user
from subsidia.programmes.models import Programme, Region

from . import services
from .models import WrittenQuestion

PROGRAMME = "2021BE65AMPR001"
REGION = "VLG"
ASSEMBLY = "Vlaams Parlement"
NUMBER = "412"
TITLE = "Middelen uit het Asiel-, Migratie- en Integratiefonds (AMIF) voor het Vlaamse integratiebeleid 2021-2027"

QUESTION = """\
Op mijn schriftelijke vraag nr. 290 van 19 juni 2020 antwoordde de minister dat nog niet vaststond hoeveel \
AMIF-geld Vlaanderen voor 2021-2027 zou krijgen: de Europese onderhandelingen over het meerjarig financieel kader \
liepen toen nog. Wel was de voorbereiding van het nieuwe programma begonnen met een schriftelijke bevraging van \
stakeholders over hun noden en prioriteiten. De uitkomst daarvan werd besproken met de lokale besturen en in het \
AMIF-monitoringcomité, en vormde de basis voor de verdere uitwerking van het programma.

1. Hoe staat het nu met het nieuwe AMIF-programma? Over welk bedrag beschikt Vlaanderen voor 2021-2027?

2. Waaraan zal Vlaanderen deze middelen besteden, en aan welke projecten? Volgens welke criteria worden die \
projecten gekozen? Kan de minister per project het toegekende budget meedelen?"""

DRAFT_ANSWER = """\
Het budget van het nationale programma ligt pas definitief vast wanneer de Europese Commissie het programma \
goedkeurt.

Vlaanderen gebruikt de AMIF-middelen om het integratiebeleid te versterken voor mensen die van buiten Europa naar \
Vlaanderen komen. De klemtoon ligt op sociale netwerken en participatie van nieuwkomers: buddywerkingen, \
vrijwilligerswerk dat openstaat voor nieuwkomers en het betrekken van nieuwkomers bij het lokale verenigingsleven. \
Zo willen we de integratie versnellen en het draagvlak in de samenleving vergroten.

Oproepen, selectiecriteria en budgetten gaan telkens eerst ter goedkeuring naar het AMIF-monitoringcomité, waarin \
de stakeholders van het Vlaamse integratiebeleid vertegenwoordigd zijn. De bedragen per doelstelling en per \
project staan in het antwoordpakket in bijlage."""


def session_of(day: dt.date) -> str:
    """The Flemish Parliament's session runs from the fourth Monday of September; September is close enough
    for demo data."""
    first = day.year if day.month >= 9 else day.year - 1
    return f"{first}-{first + 1}"


def _at(day: dt.date, hour: int) -> dt.datetime:
    return clock.local_datetime(day, dt.time(hour, 0))


def load(out) -> None:
    if WrittenQuestion.objects.filter(assembly=ASSEMBLY, number=NUMBER, title=TITLE).exists():
        out(f"parliament: question no. {NUMBER}: already there")
        return
    officer = demo_user("officer")
    programme = Programme.objects.get(cci=PROGRAMME)
    region = Region.objects.get(code=REGION)
    asked_on = clock.today() - dt.timedelta(days=10)
    with clock.replay_at(_at(asked_on + dt.timedelta(days=1), 10)):
        question = services.question_create(
            officer,
            assembly=ASSEMBLY,
            session=session_of(asked_on),
            number=NUMBER,
            asked_on=asked_on,
            member_name="Lien Voorbeeld",
            member_group="Fractie A (demo)",
            minister_name="Tom Voorbeeld",
            minister_portfolio="Binnenlands Bestuur, Inburgering en Gelijke Kansen",
            title=TITLE,
            question_text=QUESTION,
            programme=programme,
            region=region,
        )
        services.link_add(
            officer,
            question,
            number="290",
            session=session_of(dt.date(2020, 6, 19)),
            asked_on=dt.date(2020, 6, 19),
            title="AMIF-middelen voor het horizontaal integratiebeleid",
            note="Toen waren de middelen voor 2021-2027 nog niet gekend; de stakeholderbevraging was gestart.",
        )
    with clock.replay_at(_at(asked_on + dt.timedelta(days=2), 9)):
        question = services.question_start_preparation(officer, question)
        services.question_update(officer, question, answer_text=DRAFT_ANSWER)
    out(f"parliament: question no. {NUMBER} ({question.session}), answer in preparation (id {question.pk})")
