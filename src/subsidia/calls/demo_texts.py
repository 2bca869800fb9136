"""The words of the demo calls, in Dutch (binding), French and English. Written for the demo."""

from decimal import Decimal

CALLS = {
    "AMIF-VLG-BUDDY": {
        "modality": "003",
        "rate": Decimal("0.9000"),
        "budget": Decimal("1200000.00"),
        "min_grant": Decimal("25000.00"),
        "max_grant": Decimal("150000.00"),
        "consolidation": "average",
        "partial": True,
        "measures": ["d"],
        "fields": ["006"],
        "priorities": ["P1"],
        "texts": {
            "title_nl": "Buddyprojecten: nieuwkomers en Vlamingen samen op weg",
            "title_fr": "Projets de parrainage : primo-arrivants et Flamands en chemin ensemble",
            "title_en": "Buddy projects: newcomers and Flemish residents side by side",
            "summary_nl": "Steun voor projecten die nieuwkomers koppelen aan een vrijwillige buddy die hen "
            "een jaar "
            "lang wegwijs maakt in de buurt, de stad en het verenigingsleven.",
            "summary_fr": "Soutien aux projets qui associent des primo-arrivants à un parrain bénévole qui "
            "les "
            "accompagne pendant un an dans le quartier, la ville et la vie associative.",
            "summary_en": "Support for projects that pair newcomers with a volunteer buddy who, for a "
            "year, helps "
            "them find their way in the neighbourhood, the town and local clubs.",
            "description_nl": "Een sociaal netwerk versnelt de integratie. Deze oproep financiert "
            "organisaties die "
            "buddy's werven, opleiden en begeleiden, en die duo's vormen tussen nieuwkomers van "
            "buiten de Europese Unie en inwoners van Vlaanderen of Brussel.\n\nProjecten duren "
            "hoogstens 24 maanden. Ze beschrijven hoe duo's gevormd en opgevolgd worden, hoe de "
            "buddy's ondersteund worden en hoe het project na de subsidie verder kan.",
            "description_fr": "Un réseau social accélère l'intégration. Cet appel finance les "
            "organisations qui "
            "recrutent, forment et accompagnent des parrains, et qui forment des binômes entre "
            "primo-arrivants venus de pays tiers et habitants de Flandre ou de Bruxelles.\n\nLes "
            "projets durent au plus 24 mois. Ils décrivent la formation et le suivi des binômes, "
            "le soutien aux parrains et la suite du projet après la subvention.",
            "description_en": "A social network speeds up integration. This call funds organisations that "
            "recruit, "
            "train and support buddies, and that form pairs of newcomers from outside the "
            "European Union and residents of Flanders or Brussels.\n\nProjects last at most 24 "
            "months. They explain how pairs are formed and followed up, how buddies are "
            "supported, and how the project carries on after the grant.",
            "eligible_applicants_nl": "Lokale besturen, vzw's, feitelijke verenigingen en organisaties van "
            "personen met een migratieachtergrond, gevestigd in Vlaanderen of in Brussel "
            "(Nederlandstalig).",
            "eligible_applicants_fr": "Pouvoirs locaux, ASBL, associations de fait et organisations de "
            "personnes "
            "issues de l'immigration, établis en Flandre ou à Bruxelles (néerlandophones).",
            "eligible_applicants_en": "Local authorities, non-profits, de facto associations and migrant-led "
            "organisations based in Flanders or (Dutch-speaking) in Brussels.",
        },
    },
    "AMIF-VLG-VOLUNTEERING": {
        "modality": "003",
        "rate": Decimal("0.9000"),
        "budget": Decimal("900000.00"),
        "min_grant": Decimal("20000.00"),
        "max_grant": Decimal("100000.00"),
        "consolidation": "consensus",
        "partial": False,
        "measures": ["d"],
        "fields": ["006"],
        "priorities": ["P2"],
        "texts": {
            "title_nl": "Vrijwilligerswerk toegankelijk voor nieuwkomers",
            "title_fr": "Rendre le volontariat accessible aux primo-arrivants",
            "title_en": "Opening up volunteering to newcomers",
            "summary_nl": "Steun voor organisaties die nieuwkomers een plaats als vrijwilliger bieden, met "
            "begeleiding, taalondersteuning en een onthaal op maat.",
            "summary_fr": "Soutien aux organisations qui offrent aux primo-arrivants une place de "
            "volontaire, "
            "avec un accompagnement, un soutien linguistique et un accueil adapté.",
            "summary_en": "Support for organisations that offer newcomers a place as a volunteer, with "
            "coaching, "
            "language support and a tailored welcome.",
            "description_nl": "Vrijwilligerswerk is een snelle weg naar contacten, taal en werkervaring. "
            "Deze "
            "oproep steunt projecten die drempels wegnemen: vacatures in duidelijke taal, een "
            "vast aanspreekpunt, vergoeding van kosten en aandacht voor erkenning van "
            "vaardigheden.\n\nEen begeleid traject van minstens 20 uur wordt vergoed met een "
            "eenheidskost per nieuwkomer.",
            "description_fr": "Le volontariat ouvre rapidement l'accès aux contacts, à la langue et à "
            "l'expérience. Cet appel soutient les projets qui lèvent les obstacles : offres en "
            "langage clair, personne de contact, remboursement des frais et reconnaissance des "
            "compétences.\n\nUn parcours accompagné d'au moins 20 heures est financé par un coût "
            "unitaire par primo-arrivant.",
            "description_en": "Volunteering is a quick route to contacts, language and experience. This call "
            "supports projects that remove barriers: vacancies in plain language, one contact "
            "person, reimbursed expenses and recognition of skills.\n\nA coached pathway of at "
            "least 20 hours is paid as a unit cost per newcomer.",
            "eligible_applicants_nl": "Vrijwilligersorganisaties, lokale besturen en vzw's gevestigd in "
            "Vlaanderen of Brussel.",
            "eligible_applicants_fr": "Organisations de volontariat, pouvoirs locaux et ASBL établis en "
            "Flandre "
            "ou à Bruxelles.",
            "eligible_applicants_en": "Volunteering organisations, local authorities and non-profits based "
            "in "
            "Flanders or Brussels.",
        },
    },
    "AMIF-VLG-ASSOCIATIONS": {
        "modality": "001",
        "rate": Decimal("0.7500"),
        "budget": Decimal("600000.00"),
        "min_grant": Decimal("15000.00"),
        "max_grant": Decimal("80000.00"),
        "consolidation": "average",
        "partial": True,
        "measures": ["d"],
        "fields": ["006"],
        "priorities": ["P3"],
        "texts": {
            "title_nl": "Nieuwkomers in het lokale verenigingsleven",
            "title_fr": "Les primo-arrivants dans la vie associative locale",
            "title_en": "Newcomers in local associations",
            "summary_nl": "Steun voor sport-, cultuur- en jeugdverenigingen die nieuwkomers als lid, "
            "vrijwilliger of bestuurder verwelkomen.",
            "summary_fr": "Soutien aux associations sportives, culturelles et de jeunesse qui accueillent "
            "des "
            "primo-arrivants comme membres, bénévoles ou administrateurs.",
            "summary_en": "Support for sports, culture and youth associations that welcome newcomers as "
            "members, "
            "volunteers or board members.",
            "description_nl": "Verenigingen brengen mensen samen. Deze oproep helpt lokale verenigingen om "
            "nieuwkomers te bereiken en te houden: onthaalmomenten, peters en meters binnen de "
            "club, aangepaste lidgelden en vorming voor bestuurders.",
            "description_fr": "Les associations rassemblent. Cet appel aide les associations locales à "
            "atteindre "
            "et à garder les primo-arrivants : moments d'accueil, parrains dans le club, "
            "cotisations adaptées et formation des administrateurs.",
            "description_en": "Associations bring people together. This call helps local associations "
            "reach and "
            "keep newcomers: welcome events, mentors inside the club, adapted fees and training "
            "for board members.",
            "eligible_applicants_nl": "Lokale verenigingen en hun koepels, lokale besturen.",
            "eligible_applicants_fr": "Associations locales et leurs fédérations, pouvoirs locaux.",
            "eligible_applicants_en": "Local associations and their umbrella bodies, local authorities.",
        },
    },
}

COMMON_ELIGIBILITY = [
    {
        "text_nl": "De aanvrager is een rechtspersoon of een feitelijke vereniging met een werking in "
        "Vlaanderen of "
        "Brussel.",
        "text_fr": "Le demandeur est une personne morale ou une association de fait active en Flandre ou à Bruxelles.",
        "text_en": "The applicant is a legal person or a de facto association active in Flanders or Brussels.",
        "explanation_nl": "Een feitelijke vereniging duidt een verantwoordelijke aan die namens haar tekent.",
        "explanation_fr": "Une association de fait désigne un responsable qui signe en son nom.",
        "explanation_en": "A de facto association names a person who signs on its behalf.",
    },
    {
        "text_nl": "Het project richt zich op onderdanen van derde landen die legaal in België verblijven.",
        "text_fr": "Le projet s'adresse à des ressortissants de pays tiers en séjour légal en Belgique.",
        "text_en": "The project targets third-country nationals legally residing in Belgium.",
    },
    {
        "text_nl": "Het project is niet afgerond vóór de indiening van de aanvraag (GVB art. 63(6)).",
        "text_fr": "Le projet n'est pas achevé avant l'introduction de la demande (RPDC art. 63(6)).",
        "text_en": "The project is not completed before the application is submitted (CPR art. 63(6)).",
    },
    {
        "text_nl": "Dezelfde kosten worden niet door een andere subsidie gedekt.",
        "text_fr": "Les mêmes coûts ne sont pas couverts par une autre subvention.",
        "text_en": "The same costs are not covered by another grant.",
    },
]

COMMON_ATTACHMENTS = [
    {
        "title_nl": "Gedetailleerde begroting",
        "title_fr": "Budget détaillé",
        "title_en": "Detailed budget",
        "file_types": ["xlsx", "ods"],
        "is_mandatory": True,
    },
    {
        "title_nl": "Statuten of oprichtingsakte",
        "title_fr": "Statuts ou acte constitutif",
        "title_en": "Statutes or deed of incorporation",
        "file_types": ["pdf"],
        "is_mandatory": True,
    },
    {
        "title_nl": "Engagementsverklaringen van partners",
        "title_fr": "Lettres d'engagement des partenaires",
        "title_en": "Partners' letters of commitment",
        "file_types": ["pdf"],
        "is_mandatory": False,
    },
]


def award_criteria(reference: str) -> list[dict]:
    reach = {
        "AMIF-VLG-BUDDY": ("duo's", "binômes", "pairs"),
        "AMIF-VLG-VOLUNTEERING": ("vrijwilligers", "volontaires", "volunteers"),
    }.get(reference, ("leden", "membres", "members"))
    return [
        {
            "title_nl": "Relevantie voor de integratie van nieuwkomers",
            "title_fr": "Pertinence pour l'intégration des primo-arrivants",
            "title_en": "Relevance to the integration of newcomers",
            "description_nl": "Het project speelt in op een aangetoonde nood in de regio.",
            "description_fr": "Le projet répond à un besoin démontré dans la région.",
            "description_en": "The project answers a demonstrated need in the area.",
            "max_points": "30",
            "threshold": "15",
            "tie_break_rank": 1,
        },
        {
            "title_nl": "Kwaliteit van de aanpak",
            "title_fr": "Qualité de l'approche",
            "title_en": "Quality of the approach",
            "description_nl": "Activiteiten, planning en begeleiding zijn helder en haalbaar.",
            "description_fr": "Activités, calendrier et accompagnement sont clairs et réalistes.",
            "description_en": "Activities, timeline and coaching are clear and feasible.",
            "max_points": "30",
            "threshold": "15",
        },
        {
            "title_nl": f"Bereik: aantal en diversiteit van de {reach[0]}",
            "title_fr": f"Portée : nombre et diversité des {reach[1]}",
            "title_en": f"Reach: number and diversity of {reach[2]}",
            "max_points": "20",
            "threshold": "10",
            "tie_break_rank": 2,
        },
        {
            "title_nl": "Partnerschap en duurzaamheid",
            "title_fr": "Partenariat et durabilité",
            "title_en": "Partnership and sustainability",
            "max_points": "20",
            "threshold": "8",
        },
    ]


PLANNED = [
    {
        "call": "AMIF-VLG-BUDDY",
        "opens": 0,
        "closes": 0,
        "indicative_budget": Decimal("1200000.00"),
        "title_nl": "Buddyprojecten",
        "title_fr": "Projets de parrainage",
        "title_en": "Buddy projects",
        "eligible_applicants_nl": "Lokale besturen, vzw's, feitelijke verenigingen",
        "eligible_applicants_fr": "Pouvoirs locaux, ASBL, associations de fait",
        "eligible_applicants_en": "Local authorities, non-profits, de facto associations",
    },
    {
        "call": "AMIF-VLG-VOLUNTEERING",
        "opens": 0,
        "closes": 0,
        "indicative_budget": Decimal("900000.00"),
        "title_nl": "Toegang tot vrijwilligerswerk",
        "title_fr": "Accès au volontariat",
        "title_en": "Access to volunteering",
        "eligible_applicants_nl": "Vrijwilligersorganisaties, lokale besturen",
        "eligible_applicants_fr": "Organisations de volontariat, pouvoirs locaux",
        "eligible_applicants_en": "Volunteering organisations, local authorities",
    },
    {
        "call": "AMIF-VLG-ASSOCIATIONS",
        "opens": 0,
        "closes": 0,
        "indicative_budget": Decimal("600000.00"),
        "title_nl": "Nieuwkomers in het verenigingsleven",
        "title_fr": "Primo-arrivants dans la vie associative",
        "title_en": "Newcomers in local associations",
        "eligible_applicants_nl": "Lokale verenigingen",
        "eligible_applicants_fr": "Associations locales",
        "eligible_applicants_en": "Local associations",
    },
    {
        "opens": 130,
        "closes": 200,
        "indicative_budget": Decimal("1000000.00"),
        "title_nl": "Mentoring van nieuwkomers naar werk",
        "title_fr": "Mentorat des primo-arrivants vers l'emploi",
        "title_en": "Mentoring newcomers into work",
        "eligible_applicants_nl": "Lokale besturen, vzw's, werkgevers",
        "eligible_applicants_fr": "Pouvoirs locaux, ASBL, employeurs",
        "eligible_applicants_en": "Local authorities, non-profits, employers",
    },
    {
        "opens": 250,
        "closes": 320,
        "indicative_budget": Decimal("500000.00"),
        "title_nl": "Taalcafés in bibliotheken",
        "title_fr": "Cafés linguistiques dans les bibliothèques",
        "title_en": "Language cafés in libraries",
        "eligible_applicants_nl": "Lokale besturen, bibliotheken",
        "eligible_applicants_fr": "Pouvoirs locaux, bibliothèques",
        "eligible_applicants_en": "Local authorities, libraries",
    },
]
