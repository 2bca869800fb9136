"""Demo: a written question of a member of the Flemish Parliament on the AMIF money for Flemish integration
policy in 2021-2027, modelled on a real question (its text here in our own words; the names are made up). It
cites the member's earlier question no. 290 of 19 June 2020, registered and answered in the register too, and its
own answer is in preparation, so an officer can make its answer pack from the demo's live data (whatever
operations the later stages' demos have created by then).

The question is dated ten days before loading (in the parliamentary session of that day); a reload finds both
questions by their number and title and leaves them alone.
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
MEMBER = "Lien Voorbeeld"
GROUP = "Fractie A (demo)"
MINISTER = "Tom Voorbeeld"
PORTFOLIO = "Binnenlands Bestuur, Inburgering en Gelijke Kansen"
TITLE = "Middelen uit het Asiel-, Migratie- en Integratiefonds (AMIF) voor het Vlaamse integratiebeleid 2021-2027"

EARLIER_NUMBER = "290"
EARLIER_ASKED_ON = dt.date(2020, 6, 19)
EARLIER_ANSWERED_ON = dt.date(2020, 7, 20)
EARLIER_TITLE = "AMIF-middelen voor het horizontaal integratiebeleid"

EARLIER_QUESTION = """\
Vlaanderen zet AMIF-middelen in voor zijn horizontale integratiebeleid. De huidige programmaperiode loopt af.

1. Op hoeveel AMIF-middelen kan Vlaanderen rekenen in de periode 2021-2027?

2. Hoe wordt het nieuwe programma voorbereid, en wie wordt daarbij betrokken?"""

EARLIER_ANSWER = """\
Hoeveel middelen Vlaanderen in 2021-2027 krijgt, is nog niet bekend: de Europese onderhandelingen over het \
meerjarig financieel kader zijn nog niet rond.

De beheersautoriteiten begonnen in het najaar van 2019 aan het nationale programma voor 2021-2027. Stakeholders \
kregen een schriftelijke vragenlijst over hun noden en prioriteiten. In Vlaanderen werden de resultaten besproken \
en aangevuld met de lokale besturen en in het AMIF-monitoringcomité; het programma bouwt daarop verder."""

QUESTION = """\
In antwoord op mijn vraag nr. 290 (19 juni 2020) liet de minister weten dat nog niet vaststond hoeveel \
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


def _earlier(officer, programme, region) -> WrittenQuestion:
    """Question no. 290 of 19 June 2020, answered a month later: the question the demo question cites."""
    found = WrittenQuestion.objects.filter(assembly=ASSEMBLY, number=EARLIER_NUMBER, title=EARLIER_TITLE).first()
    if found is not None:
        return found
    with clock.replay_at(_at(EARLIER_ASKED_ON + dt.timedelta(days=3), 10)):
        question = services.question_create(
            officer,
            assembly=ASSEMBLY,
            session=session_of(EARLIER_ASKED_ON),
            number=EARLIER_NUMBER,
            asked_on=EARLIER_ASKED_ON,
            member_name=MEMBER,
            member_group=GROUP,
            minister_name=MINISTER,
            minister_portfolio=PORTFOLIO,
            title=EARLIER_TITLE,
            question_text=EARLIER_QUESTION,
            programme=programme,
            region=region,
        )
        question = services.question_start_preparation(officer, question)
    with clock.replay_at(_at(EARLIER_ANSWERED_ON, 11)):
        question = services.question_answer(
            officer, question, answered_on=EARLIER_ANSWERED_ON, answer_text=EARLIER_ANSWER
        )
    return question


def load(out) -> None:
    officer = demo_user("officer")
    programme = Programme.objects.get(cci=PROGRAMME)
    region = Region.objects.get(code=REGION)
    earlier = _earlier(officer, programme, region)
    if WrittenQuestion.objects.filter(assembly=ASSEMBLY, number=NUMBER, title=TITLE).exists():
        out(f"parliament: question no. {NUMBER}: already there")
        return
    asked_on = clock.today() - dt.timedelta(days=10)
    with clock.replay_at(_at(asked_on + dt.timedelta(days=1), 10)):
        question = services.question_create(
            officer,
            assembly=ASSEMBLY,
            session=session_of(asked_on),
            number=NUMBER,
            asked_on=asked_on,
            member_name=MEMBER,
            member_group=GROUP,
            minister_name=MINISTER,
            minister_portfolio=PORTFOLIO,
            title=TITLE,
            question_text=QUESTION,
            programme=programme,
            region=region,
        )
        services.link_add(
            officer,
            question,
            earlier=earlier,
            note="Toen waren de middelen voor 2021-2027 nog niet gekend; de stakeholderbevraging was gestart.",
        )
    with clock.replay_at(_at(asked_on + dt.timedelta(days=2), 9)):
        question = services.question_start_preparation(officer, question)
        services.question_update(officer, question, answer_text=DRAFT_ANSWER)
    out(
        f"parliament: question no. {NUMBER} ({question.session}), answer in preparation (id {question.pk}), "
        f"citing question no. {EARLIER_NUMBER} (id {earlier.pk}, answered)"
    )
