"""Texts of the demo consultation: made up for demonstration, in Dutch, French and English.

The story: in spring 2021 the managing authority asked the stakeholders of Flemish integration policy in
writing what AMIF 2021-2027 should support. Their answers point to social networks and participation of
newcomers: buddy projects, access to volunteering, and involving newcomers in local associations.
"""

SURVEY = {
    "title_nl": "Bevraging van de belanghebbenden over de AMIF-prioriteiten 2021-2027 voor integratie in Vlaanderen",
    "title_fr": "Consultation des parties prenantes sur les priorités FAMI 2021-2027 pour l'intégration en Flandre",
    "title_en": "Stakeholder consultation on the AMIF 2021-2027 priorities for integration in Flanders",
    "introduction_nl": (
        "Vlaanderen bereidt zijn deel van het AMIF-programma 2021-2027 voor. Voor we keuzes maken, willen we "
        "weten wat lokale besturen en organisaties op het terrein nodig hebben om nieuwkomers van buiten Europa "
        "sneller en beter te laten deelnemen aan de samenleving. De bevraging duurt ongeveer een kwartier. De "
        "resultaten stellen we voor aan de lokale besturen en aan het AMIF-comité van toezicht."
    ),
    "introduction_fr": (
        "La Flandre prépare sa part du programme FAMI 2021-2027. Avant de faire des choix, nous voulons savoir "
        "ce dont les pouvoirs locaux et les organisations de terrain ont besoin pour que les primo-arrivants "
        "venant de l'extérieur de l'Europe participent plus vite et mieux à la société. Le questionnaire prend "
        "environ un quart d'heure. Les résultats seront présentés aux pouvoirs locaux et au comité de suivi FAMI."
    ),
    "introduction_en": (
        "Flanders is preparing its part of the AMIF programme 2021-2027. Before making choices, we want to know "
        "what local governments and organisations in the field need so that newcomers from outside Europe take "
        "part in society sooner and better. The survey takes about fifteen minutes. The results will be "
        "presented to the local governments and to the AMIF monitoring committee."
    ),
}

# Each question: kind, required, (nl, fr, en), help (nl, fr, en), options [(nl, fr, en)], extra settings.
ROLE = "role"
RANKING = "ranking"
NETWORKS = "networks"
BUDDY_NEED = "buddy_need"
VOLUNTEERING_EASE = "volunteering_ease"
BARRIERS = "barriers"
REACH = "reach"
IDEAS = "ideas"

QUESTIONS = [
    (
        ROLE,
        "single_choice",
        True,
        (
            "Hoe werkt uw organisatie met nieuwkomers?",
            "Comment votre organisation travaille-t-elle avec les primo-arrivants ?",
            "How does your organisation work with newcomers?",
        ),
        ("", "", ""),
        [
            (
                "We organiseren zelf diensten of activiteiten voor nieuwkomers",
                "Nous organisons nous-mêmes des services ou des activités pour les primo-arrivants",
                "We organise services or activities for newcomers ourselves",
            ),
            (
                "We coördineren het lokale integratiebeleid",
                "Nous coordonnons la politique locale d'intégration",
                "We coordinate local integration policy",
            ),
            (
                "We vertegenwoordigen nieuwkomers of hun gemeenschappen",
                "Nous représentons des primo-arrivants ou leurs communautés",
                "We represent newcomers or their communities",
            ),
            (
                "We ondersteunen of financieren andere organisaties",
                "Nous soutenons ou finançons d'autres organisations",
                "We support or fund other organisations",
            ),
        ],
        {},
    ),
    (
        RANKING,
        "ranking",
        True,
        (
            "Rangschik deze mogelijke prioriteiten voor AMIF-steun aan integratie in Vlaanderen.",
            "Classez ces priorités possibles pour le soutien du FAMI à l'intégration en Flandre.",
            "Rank these possible priorities for AMIF support to integration in Flanders.",
        ),
        ("1 = het belangrijkst.", "1 = la plus importante.", "1 = the most important."),
        [
            (
                "Buddywerkingen die nieuwkomers en inwoners met elkaar verbinden",
                "Projets de parrainage (buddy) qui relient primo-arrivants et habitants",
                "Buddy projects that connect newcomers with local residents",
            ),
            (
                "Nieuwkomers toegang geven tot vrijwilligerswerk",
                "Ouvrir le bénévolat aux primo-arrivants",
                "Access to volunteering for newcomers",
            ),
            (
                "Nieuwkomers betrekken bij lokale verenigingen (sport, cultuur, jeugd)",
                "Associer les primo-arrivants aux associations locales (sport, culture, jeunesse)",
                "Involving newcomers in local associations (sport, culture, youth)",
            ),
            (
                "Nederlands oefenen buiten de klas",
                "Pratiquer le néerlandais en dehors des cours",
                "Practising Dutch outside the classroom",
            ),
            ("Begeleiding naar werk", "Accompagnement vers l'emploi", "Guidance towards work"),
            ("Digitale inclusie", "Inclusion numérique", "Digital inclusion"),
        ],
        {},
    ),
    (
        NETWORKS,
        "scale",
        True,
        (
            "Hoe belangrijk zijn sociale netwerken voor de integratie van nieuwkomers in uw werkgebied?",
            "Quelle est l'importance des réseaux sociaux pour l'intégration des primo-arrivants dans votre zone ?",
            "How important are social networks for the integration of newcomers in your area?",
        ),
        (
            "1 = niet belangrijk, 5 = zeer belangrijk.",
            "1 = pas important, 5 = très important.",
            "1 = not important, 5 = very important.",
        ),
        [],
        {},
    ),
    (
        BUDDY_NEED,
        "scale",
        True,
        (
            "Hoe groot is de nood aan buddywerkingen in uw werkgebied?",
            "Quel est le besoin de projets de parrainage (buddy) dans votre zone ?",
            "How great is the need for buddy projects in your area?",
        ),
        (
            "1 = geen nood, 5 = zeer grote nood.",
            "1 = aucun besoin, 5 = besoin très important.",
            "1 = no need, 5 = a very great need.",
        ),
        [],
        {},
    ),
    (
        VOLUNTEERING_EASE,
        "scale",
        True,
        (
            "Hoe gemakkelijk vinden nieuwkomers vandaag vrijwilligerswerk in uw werkgebied?",
            "Les primo-arrivants trouvent-ils facilement du bénévolat dans votre zone aujourd'hui ?",
            "How easily do newcomers find volunteering work in your area today?",
        ),
        (
            "1 = zeer moeilijk, 5 = zeer gemakkelijk.",
            "1 = très difficilement, 5 = très facilement.",
            "1 = with great difficulty, 5 = very easily.",
        ),
        [],
        {},
    ),
    (
        BARRIERS,
        "multiple_choice",
        False,
        (
            "Wat houdt nieuwkomers weg uit lokale verenigingen?",
            "Qu'est-ce qui tient les primo-arrivants à l'écart des associations locales ?",
            "What keeps newcomers away from local associations?",
        ),
        ("Kies er hoogstens drie.", "Choisissez-en trois au maximum.", "Choose at most three."),
        [
            ("De taal", "La langue", "Language"),
            (
                "Ze kennen de verenigingen niet",
                "Ils ne connaissent pas les associations",
                "They do not know the associations",
            ),
            (
                "Lidgeld en andere kosten",
                "Les cotisations et autres frais",
                "Membership fees and other costs",
            ),
            (
                "Geen tijd door werk of opleiding",
                "Pas de temps à cause du travail ou de la formation",
                "No time because of work or training",
            ),
            ("Ze voelen zich niet welkom", "Ils ne se sentent pas les bienvenus", "They do not feel welcome"),
            ("Vervoer", "Le transport", "Transport"),
        ],
        {"max_choices": 3},
    ),
    (
        REACH,
        "number",
        False,
        (
            "Hoeveel nieuwkomers bereikte uw organisatie in 2020 ongeveer?",
            "Combien de primo-arrivants votre organisation a-t-elle atteints environ en 2020 ?",
            "About how many newcomers did your organisation reach in 2020?",
        ),
        ("Een schatting volstaat.", "Une estimation suffit.", "An estimate will do."),
        [],
        {"min_value": "0"},
    ),
    (
        IDEAS,
        "free_text",
        False,
        (
            "Wat moet het programma nog doen om de deelname van nieuwkomers te versterken?",
            "Que devrait encore faire le programme pour renforcer la participation des primo-arrivants ?",
            "What else should the programme do to strengthen the participation of newcomers?",
        ),
        ("", "", ""),
        [],
        {},
    ),
]

# Organisations: (name, type, language, municipality). Made up, except the names of municipalities.
LOCAL_GOVERNMENTS = [
    "Gent",
    "Antwerpen",
    "Mechelen",
    "Leuven",
    "Genk",
    "Sint-Niklaas",
    "Aalst",
    "Kortrijk",
    "Oostende",
    "Brugge",
    "Hasselt",
    "Turnhout",
    "Vilvoorde",
    "Lokeren",
    "Roeselare",
    "Beringen",
    "Lier",
]
CIVIL_SOCIETY = [
    ("Buurtwerk De Brug", "nl"),
    ("Vrijwilligerspunt Samen", "nl"),
    ("Sportkoepel Iedereen Speelt", "nl"),
    ("Jeugdhuis De Kruispunt", "nl"),
    ("Cultuurhuis Open Deur", "nl"),
    ("Taalcafé Babbel", "nl"),
    ("Welzijnsschakel Noord", "nl"),
    ("Armoedeplatform Zuid", "nl"),
    ("Vormingscentrum Horizon", "nl"),
    ("Maison de quartier Le Pont", "fr"),
    ("Buddy Netwerk Vlaanderen", "nl"),
    ("Scouts en Gidsen Samen", "nl"),
]
MIGRANT_LED = [
    ("Afrikaans Platform Limburg", "nl"),
    ("Syrische Gemeenschap Gent", "en"),
    ("Vrouwen van Hier en Ginder", "nl"),
    ("Eritrese Jongeren Antwerpen", "en"),
    ("Association des Congolais de Flandre", "fr"),
    ("Afghaanse Culturele Kring", "nl"),
    ("Latijns-Amerikaans Huis", "nl"),
    ("Somalisch Netwerk Mechelen", "en"),
]
SOCIAL_PARTNERS = [("Vakbondswerking Nieuwkomers", "nl"), ("Werkgeversnetwerk Diversiteit", "nl")]
PUBLIC_BODIES = [
    ("Agentschap voor Werk (regio Oost)", "nl"),
    ("Provinciaal Integratiecentrum", "nl"),
    ("OCMW-vereniging Kempen", "nl"),
]

IDEAS_TEXTS = {
    "nl": [
        "Meer buddy's die samen met nieuwkomers naar de sportclub of de jeugdbeweging gaan.",
        "Verenigingen hebben hulp nodig om nieuwkomers echt te onthalen, niet alleen een folder.",
        "Vrijwilligerswerk zou moeten meetellen als stap naar werk; nu is het vaak te vrijblijvend.",
        "Lidgeld blijft een drempel. Een fonds voor lidgelden zou veel helpen.",
        "Zet in op langdurige koppels; korte projecten van een paar maanden werken niet.",
        "Geef lokale besturen ruimte om te experimenteren met kleine buurtinitiatieven.",
        "Maak het voor vrijwilligersorganisaties eenvoudiger om nieuwkomers te verzekeren.",
        "Werk samen met zelforganisaties: zij kennen de weg naar de gemeenschappen.",
        "Oefenkansen voor het Nederlands in de vereniging zelf, dat werkt beter dan in een lokaal.",
        "Ondersteun begeleiders van verenigingen met vorming over diversiteit.",
        "Een buddy die de weg toont in de gemeente maakt het verschil in het eerste jaar.",
    ],
    "fr": [
        "Des parrainages de longue durée plutôt que des projets de quelques mois.",
        "Aider les associations à accueillir vraiment les nouveaux membres, pas seulement à les inscrire.",
    ],
    "en": [
        "Involve our communities from the start; many newcomers first trust their own networks.",
        "Volunteering should be open to people who are still waiting for a work permit.",
    ],
}

PRIORITIES = [
    (
        "P1",
        RANKING,
        0,
        BUDDY_NEED,
        ("Buddywerkingen", "Projets de parrainage (buddy)", "Buddy projects"),
        (
            "Nieuwkomers en inwoners vormen duo's die samen de gemeente, de buurt en het verenigingsleven verkennen.",
            "Des primo-arrivants et des habitants forment des duos qui découvrent ensemble la commune, le quartier et "
            "la vie associative.",
            "Newcomers and local residents form pairs who explore the municipality, the neighbourhood and local "
            "associations together.",
        ),
        (
            "De bevraagde organisaties plaatsen buddywerkingen bovenaan en zien er een grote nood aan.",
            "Les organisations consultées placent les projets de parrainage en tête et y voient un besoin important.",
            "The organisations surveyed rank buddy projects first and see a great need for them.",
        ),
    ),
    (
        "P2",
        RANKING,
        1,
        VOLUNTEERING_EASE,
        (
            "Toegang tot vrijwilligerswerk voor nieuwkomers",
            "Accès des primo-arrivants au bénévolat",
            "Access to volunteering for newcomers",
        ),
        (
            "Vrijwilligersorganisaties worden ondersteund om nieuwkomers te werven, te onthalen en te begeleiden.",
            "Les organisations de bénévoles sont aidées à recruter, accueillir et accompagner des primo-arrivants.",
            "Volunteering organisations are supported to recruit, welcome and coach newcomers.",
        ),
        (
            "Vrijwilligerswerk staat tweede in de rangschikking; nieuwkomers vinden het vandaag moeilijk.",
            "Le bénévolat arrive deuxième du classement ; les primo-arrivants peinent aujourd'hui à en trouver.",
            "Volunteering comes second in the ranking; newcomers find it hard to get today.",
        ),
    ),
    (
        "P3",
        RANKING,
        2,
        BARRIERS,
        (
            "Nieuwkomers betrekken bij lokale verenigingen",
            "Associer les primo-arrivants aux associations locales",
            "Involving newcomers in local associations",
        ),
        (
            "Sport-, cultuur- en jeugdverenigingen openen hun werking voor nieuwkomers en verlagen de drempels.",
            "Les associations sportives, culturelles et de jeunesse s'ouvrent aux primo-arrivants et abaissent les "
            "obstacles.",
            "Sports, cultural and youth associations open up to newcomers and lower the thresholds.",
        ),
        (
            "Derde in de rangschikking; onbekendheid met de verenigingen en de taal zijn de grootste drempels.",
            "Troisième du classement ; la méconnaissance des associations et la langue sont les principaux obstacles.",
            "Third in the ranking; not knowing the associations and language are the main barriers.",
        ),
    ),
]
