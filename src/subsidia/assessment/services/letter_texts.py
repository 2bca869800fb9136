"""The fixed wording of decision letters in the three languages, kept with the letter's content so that every
rendering (the binding Dutch one and its translations) says the same. Legal notices name their article."""

LANGUAGES = ("nl", "fr", "en")

OUTCOME = {
    "selected": {
        "nl": "Uw project is geselecteerd voor steun uit het Fonds voor asiel, migratie en integratie.",
        "fr": "Votre projet est sélectionné pour un soutien du Fonds « Asile, migration et intégration ».",
        "en": "Your project is selected for support from the Asylum, Migration and Integration Fund.",
    },
    "partial": {
        "nl": "Uw project is geselecteerd, met een lagere EU-bijdrage dan gevraagd: het is het laatste project "
        "boven de financieringsgrens en krijgt het resterende budget van de oproep.",
        "fr": "Votre projet est sélectionné avec une contribution de l'UE inférieure à celle demandée : il est le "
        "dernier projet au-dessus de la limite de financement et reçoit le budget restant de l'appel.",
        "en": "Your project is selected with a lower EU contribution than requested: it is the last project above "
        "the funding line and receives what is left of the call's budget.",
    },
    "reserve": {
        "nl": "Uw project haalt de drempels maar valt onder de financieringsgrens. Het staat op de reservelijst: "
        "als budget vrijkomt, komt het in volgorde van rangschikking aan de beurt.",
        "fr": "Votre projet atteint les seuils mais se situe sous la limite de financement. Il figure sur la liste "
        "de réserve : si du budget se libère, il sera pris en compte dans l'ordre du classement.",
        "en": "Your project passes the thresholds but falls below the funding line. It is on the reserve list: if "
        "budget is freed, it is considered in the order of the ranking.",
    },
    "below_threshold": {
        "nl": "Uw project is niet geselecteerd: het haalt niet alle drempels van de gunningscriteria.",
        "fr": "Votre projet n'est pas sélectionné : il n'atteint pas tous les seuils des critères d'attribution.",
        "en": "Your project is not selected: it does not reach every threshold of the award criteria.",
    },
    "ineligible": {
        "nl": "Uw aanvraag is niet ontvankelijk of niet subsidiabel en werd niet inhoudelijk beoordeeld.",
        "fr": "Votre demande n'est pas recevable ou pas éligible et n'a pas été évaluée sur le fond.",
        "en": "Your application is not admissible or not eligible and was not assessed on its merits.",
    },
}

COMPLAINT = {
    "nl": "U kunt binnen {days} dagen na de kennisgeving van deze brief een klacht indienen bij de "
    "managementautoriteit, via Subsidia of schriftelijk, met vermelding van de referentie van deze brief "
    "(art. 69, lid 7, van Verordening (EU) 2021/1060). U ontvangt een schriftelijk antwoord.",
    "fr": "Vous pouvez introduire une plainte auprès de l'autorité de gestion dans les {days} jours de la "
    "notification de cette lettre, via Subsidia ou par écrit, en mentionnant la référence de cette lettre "
    "(art. 69, par. 7, du règlement (UE) 2021/1060). Vous recevrez une réponse écrite.",
    "en": "You may complain to the managing authority within {days} days of the notification of this letter, "
    "through Subsidia or in writing, quoting the reference of this letter (Article 69(7) of Regulation (EU) "
    "2021/1060). You will receive a written answer.",
}

APPEAL_BODY = {"nl": "Raad van State", "fr": "Conseil d'État", "en": "Council of State"}
APPEAL = {
    "nl": "Tegen deze beslissing kunt u binnen {days} dagen na de kennisgeving een beroep tot nietigverklaring "
    "instellen bij de Raad van State.",
    "fr": "Vous pouvez introduire un recours en annulation contre cette décision auprès du Conseil d'État dans "
    "les {days} jours de sa notification.",
    "en": "You may appeal against this decision to the Council of State for annulment within {days} days of its "
    "notification.",
}
APPEAL_DAYS = 60  # Coordinated laws on the Council of State, art. 14 and Regent's decree of 23 August 1948, art. 4

CONDITIONS = [
    {
        "nl": "De steun wordt verleend volgens de voorwaarden van de subsidieovereenkomst die de managementautoriteit "
        "u toestuurt: de doelstellingen, de begroting, het financieringsplan en de uitvoeringstermijn (art. 73, "
        "lid 3, van Verordening (EU) 2021/1060).",
        "fr": "Le soutien est accordé aux conditions de la convention de subvention que l'autorité de gestion vous "
        "transmet : objectifs, budget, plan de financement et délai d'exécution (art. 73, par. 3, du règlement "
        "(UE) 2021/1060).",
        "en": "Support is granted on the conditions of the grant agreement the managing authority sends you: the "
        "objectives, budget, financing plan and time limit for execution (Article 73(3) of Regulation (EU) "
        "2021/1060).",
    },
    {
        "nl": "De EU-bijdrage bedraagt ten hoogste het vermelde bedrag en het vermelde percentage van de "
        "subsidiabele kosten; u houdt een afzonderlijke boekhouding of een passende boekhoudcode bij voor alle "
        "verrichtingen (art. 74, lid 1, onder a), i)).",
        "fr": "La contribution de l'UE ne dépasse ni le montant ni le taux indiqués des coûts éligibles ; vous tenez "
        "une comptabilité séparée ou une codification comptable adéquate de toutes les transactions (art. 74, "
        "par. 1, point a) i)).",
        "en": "The EU contribution is at most the amount and the rate of the eligible costs stated; you keep a "
        "separate accounting system or a suitable accounting code for all transactions (Article 74(1)(a)(i)).",
    },
    {
        "nl": "U vermeldt de steun van de Unie volgens art. 47 en 50 van Verordening (EU) 2021/1060 en bewaart alle "
        "bewijsstukken gedurende de termijn van art. 82.",
        "fr": "Vous faites mention du soutien de l'Union conformément aux art. 47 et 50 du règlement (UE) 2021/1060 "
        "et conservez toutes les pièces justificatives pendant la durée prévue à l'art. 82.",
        "en": "You acknowledge the Union's support as required by Articles 47 and 50 of Regulation (EU) 2021/1060 "
        "and keep all supporting documents for the period of Article 82.",
    },
]

PUBLICATION = {
    "nl": "Uw gegevens worden gepubliceerd in de lijst van concrete acties op de website van het programma: naam "
    "van de begunstigde, naam en doel van het project, data, kosten, EU-bijdrage, locatie en de andere gegevens "
    "van art. 49, lid 3 (art. 49, lid 5, van Verordening (EU) 2021/1060). Zij kunnen worden verwerkt door "
    "audit- en onderzoeksinstanties van de Unie en de lidstaten om de financiële belangen van de Unie te "
    "beschermen.",
    "fr": "Vos données seront publiées dans la liste des opérations sur le site web du programme : nom du "
    "bénéficiaire, nom et objet du projet, dates, coûts, contribution de l'UE, localisation et les autres données "
    "de l'art. 49, par. 3 (art. 49, par. 5, du règlement (UE) 2021/1060). Elles peuvent être traitées par les "
    "organes d'audit et d'enquête de l'Union et des États membres afin de protéger les intérêts financiers de "
    "l'Union.",
    "en": "Your data will be published in the list of operations on the programme's website: the beneficiary's "
    "name, the project's name and purpose, dates, costs, EU contribution, location and the other data of Article "
    "49(3) (Article 49(5) of Regulation (EU) 2021/1060). They may be processed by audit and investigation bodies "
    "of the Union and the Member States to safeguard the Union's financial interests.",
}


def each(template: dict, **values) -> dict:
    return {language: template[language].format(**values) for language in LANGUAGES}
