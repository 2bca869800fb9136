"""Texts of the committee demo, in our own words. People are made up; organisations are the kind that sit on
the Flemish AMIF monitoring committee."""

from pathlib import Path

COMMITTEE = {
    "name_nl": "Comité van toezicht AMIF Vlaanderen (horizontaal integratiebeleid)",
    "name_fr": "Comité de suivi FAMI Flandre (politique d'intégration horizontale)",
    "name_en": "AMIF monitoring committee Flanders (horizontal integration policy)",
}

# name, organisation, member type, seat, demo username (or ""), language, substitute for (name or "")
MEMBERS = [
    (
        "Katrien Van den Broeck",
        "Vlaamse overheid — team Horizontaal Integratiebeleid (gedelegeerde instantie AMIF)",
        "managing_authority",
        "chair",
        "",
        "nl",
        "",
    ),
    ("Joris Claes", "Agentschap Integratie en Inburgering", "public_authority", "member", "", "nl", ""),
    ("Lieve Martens", "Vereniging van Vlaamse Steden en Gemeenten (VVSG)", "public_authority", "member", "", "nl", ""),
    ("Ilse Vermeersch", "Stad Gent — dienst Samenleven", "public_authority", "member", "", "nl", ""),
    (
        "Fatima El Idrissi",
        "Minderhedenforum (federatie van zelforganisaties van mensen met een migratieachtergrond)",
        "civil_society",
        "member",
        "member",
        "nl",
        "",
    ),
    ("Yusuf Demir", "Vluchtelingenwerk Vlaanderen", "civil_society", "member", "", "nl", ""),
    (
        "An Verhoeven",
        "Sociaal-Economische Raad van Vlaanderen (SERV) — werknemersorganisaties",
        "social_partner",
        "member",
        "",
        "nl",
        "",
    ),
    ("Pieter Goossens", "Voka — Vlaams netwerk van ondernemingen", "economic_partner", "member", "", "nl", ""),
    ("Sarah Mbeki", "Unia — Interfederaal Gelijkekansencentrum", "fundamental_rights", "member", "", "fr", ""),
    (
        "Marta Kowalska",
        "Europese Commissie — DG Migratie en Binnenlandse Zaken",
        "commission",
        "advisory",
        "",
        "en",
        "",
    ),
    (
        "Bart Wouters",
        "Vereniging van Vlaamse Steden en Gemeenten (VVSG)",
        "public_authority",
        "member",
        "",
        "nl",
        "Lieve Martens",
    ),
    ("Nadia Haddou", "Vluchtelingenwerk Vlaanderen", "civil_society", "member", "", "nl", "Yusuf Demir"),
]


def _read(name: str) -> str:
    return (Path(__file__).parent / "demo_data" / name).read_text(encoding="utf-8").strip()


RULES_V1 = {f"text_{lang}": _read(f"rules_{lang}.txt") for lang in ("nl", "fr", "en")}

RULES_V2_ARTICLE = {
    "text_nl": "\n\nArtikel 10 — Vergaderen op afstand. Een lid kan een vergadering via een beveiligde "
    "videoverbinding bijwonen; het telt dan als aanwezig voor het quorum en neemt deel aan de stemming.",
    "text_fr": "\n\nArticle 10 — Réunions à distance. Un membre peut assister à une réunion par une liaison "
    "vidéo sécurisée ; il est alors compté comme présent pour le quorum et participe au vote.",
    "text_en": "\n\nArticle 10 — Remote attendance. A member may attend a meeting through a secure video link; "
    "they then count as present for the quorum and take part in the vote.",
}

PAST_MEETING = {
    "reference": "MC-2023-01",
    "title": "Installatievergadering van het comité van toezicht",
    "place": "Brussel, Ellipsgebouw, Koning Albert II-laan 35",
}
METHODOLOGY_ITEM = {
    "title": "Selectiemethode en selectiecriteria voor de AMIF-oproepen integratie 2023-2027",
    "description": "Goedkeuring van de methode en de criteria voor de selectie van projecten "
    "(artikel 40, lid 2, a), van Verordening (EU) 2021/1060): ontvankelijkheid, subsidiabiliteit, "
    "gunningscriteria met weging en drempels, en de rangschikking bij gelijke score.",
    "concerned": "Vluchtelingenwerk Vlaanderen",
}
SURVEY_ITEM = {
    "title": "Resultaten van de schriftelijke bevraging van de stakeholders",
    "description": "Voorstelling van de bevraging van lokale besturen en middenveldorganisaties over noden en "
    "prioriteiten: buddyprojecten, toegang tot vrijwilligerswerk en de deelname van nieuwkomers aan het "
    "lokale verenigingsleven.",
}
PAST_MINUTES = _read("minutes_mc_2023_01.txt")

UPCOMING_MEETING = {
    "reference_prefix": "MC",
    "title": "Jaarlijkse vergadering van het comité van toezicht",
    "place": "Brussel, Ellipsgebouw, Koning Albert II-laan 35",
    "online_url": "https://video.demo.subsidia.invalid/comite-amif",
}
AMENDMENT_REASON = (
    "Verschuiving van EUR 500 000 EU-middelen van 2027 naar 2026 binnen specifieke doelstelling 2 (Vlaanderen, "
    "integratiemaatregelen bijlage IV), om de buddy- en vrijwilligersprojecten sneller te kunnen starten."
)
AMENDMENT_ITEM = {
    "title": "Programmawijziging 2: verschuiving van middelen binnen specifieke doelstelling 2 (Vlaanderen)",
    "description": "Goedkeuring van het voorstel tot wijziging van het programma (artikel 40, lid 2, d), van "
    "Verordening (EU) 2021/1060), voordat het aan de Europese Commissie wordt voorgelegd.",
}
MINUTES_ITEM = {"title": "Goedkeuring van de notulen van de vorige vergadering"}
REPORT_ITEM = {
    "title": "Stand van uitvoering van de oproepen en de projecten",
    "description": "Toelichting door de gedelegeerde instantie; ter informatie.",
}

PROCEDURE = {
    "title": "Huishoudelijk reglement, versie 2: vergaderen op afstand",
    "proposal": "Het secretariaat stelt voor artikel 10 toe te voegen aan het huishoudelijk reglement, zodat leden "
    "een vergadering via een beveiligde videoverbinding kunnen bijwonen en daarbij meetellen voor het quorum. "
    "De volledige tekst in het Nederlands, Frans en Engels staat bij de goedkeuringsaanvraag. "
    "Wie niet antwoordt vóór de termijn, wordt geacht in te stemmen (artikel 7).",
}

PAPERS = {
    "methodology": (
        "Nota selectiemethode en -criteria",
        [
            "Deze nota beschrijft hoe projecten in de AMIF-oproepen voor het Vlaamse integratiebeleid worden "
            "geselecteerd.",
            "1. Ontvankelijkheid: volledig en tijdig ingediend dossier, ondertekend door een gemachtigde persoon.",
            "2. Subsidiabiliteit: de aanvrager is een rechtspersoon in Vlaanderen of Brussel; de activiteiten "
            "richten zich op onderdanen van derde landen; de projectduur bedraagt 12 tot 36 maanden.",
            "3. Gunningscriteria: relevantie voor de prioriteiten (30 %), kwaliteit van de aanpak (30 %), "
            "bereik en betrokkenheid van nieuwkomers (20 %), kostenefficiëntie (20 %). Een project haalt "
            "minstens 60 % van de punten en de helft van elk criterium.",
            "4. Bij gelijke score gaat het project met de hoogste score voor relevantie voor.",
        ],
    ),
    "amendment": (
        "Toelichting bij programmawijziging 2",
        [
            "De gedelegeerde instantie stelt voor EUR 500 000 EU-middelen van 2027 naar 2026 te verschuiven "
            "binnen specifieke doelstelling 2 (Vlaanderen, maatregelen van bijlage IV, medefinanciering 90 %).",
            "Het totaal van het programma en van de specifieke doelstelling blijft ongewijzigd; de nationale "
            "bijdrage volgt de verschuiving zodat het medefinancieringspercentage binnen het maximum blijft.",
            "Het comité van toezicht keurt elk voorstel tot programmawijziging goed voordat het aan de Europese "
            "Commissie wordt voorgelegd (artikel 40, lid 2, d), van Verordening (EU) 2021/1060).",
        ],
    ),
}
