"""The field map of the list of operations: one place that says what each published field is and how it is
computed, for the public page, the API, every export (CSV, XLSX, JSON, 360Giving), the publication snapshots
and the parliament's answer packs. Keys are the field names of ``reference/data/amif/list_of_operations_fields.csv``
(CPR art. 49(3)), plus a few fields shown beside them (total eligible cost, EU contribution, co-financing, …).

Each field builds a database expression over ``projects.Operation`` that already applies the withholding
rules (``withholding.py``): a restricted operation's beneficiary and location are NULL, a natural person's
name is NULL once its publication period is over. Outputs only format what these expressions return.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.db.models import BooleanField, Case, CharField, DateField, F, Q, Value, When
from django.db.models.functions import Coalesce, NullIf, Substr
from django.utils.translation import gettext_lazy as _

from subsidia.core.fields import MoneyField, RateField

from .sql import BrusselsDate, JoinNonEmpty
from .withholding import RESTRICTED, name_visible_q

LANGUAGES = ("nl", "fr", "en")


class Kind(StrEnum):
    TEXT = "text"
    MONEY = "money"
    RATE = "rate"
    DATE = "date"
    BOOL = "bool"


@dataclass(frozen=True)
class Context:
    """What a published value depends on besides the operation: the language of texts and the moment that
    decides which natural persons' names are still published."""

    language: str
    name_cutoff: dt.datetime


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    meaning: str
    legal_basis: str
    kind: Kind = Kind.TEXT
    build: Callable[[Context], object] | None = None
    # Why the value can be empty although the operation has it: "restricted", "name_period".
    withheld_when: tuple[str, ...] = ()
    # For art. 49(3) fields that do not apply to this fund or to Subsidia's operations: why.
    not_applicable: str = ""

    @property
    def published(self) -> bool:
        return self.build is not None

    @property
    def alias(self) -> str:
        # Annotations may not reuse a model field's name; the alias never does.
        return f"lo_{self.key}"


def _restricted() -> Q:
    return Q(**{RESTRICTED: True})


def _unless_restricted(expression, output_field):
    return Case(When(_restricted(), then=Value(None)), default=expression, output_field=output_field)


def _text(field: str, language: str):
    return Coalesce(NullIf(F(f"{field}_{language}"), Value("")), F(field), output_field=CharField())


def _beneficiary_name(ctx: Context):
    return Case(
        When(_restricted(), then=Value(None)),
        When(beneficiary_is_natural_person=True, then=Value(None)),
        default=F("beneficiary_name"),
        output_field=CharField(),
    )


def _natural_person_name(ctx: Context):
    return Case(
        When(_restricted(), then=Value(None)),
        When(name_visible_q(ctx.name_cutoff), then=F("beneficiary_name")),
        default=Value(None),
        output_field=CharField(),
    )


def _enterprise_number(ctx: Context):
    return Case(
        When(_restricted(), then=Value(None)),
        When(beneficiary_is_natural_person=True, then=Value(None)),
        default=NullIf(F("beneficiary__enterprise_number"), Value("")),
        output_field=CharField(),
    )


def _objective(ctx: Context):
    short = Coalesce(
        NullIf(F(f"specific_objective__short_{ctx.language}"), Value("")),
        F("specific_objective__short_en"),
        output_field=CharField(),
    )
    return JoinNonEmpty(". ", F("specific_objective__code"), short)


def _location(ctx: Context):
    located = JoinNonEmpty(", ", F("postcode"), F("location_text"), F("nuts__code"), F("country"))
    return Case(When(_restricted(), then=F("country")), default=located, output_field=CharField())


def _multi_location(ctx: Context):
    # Art. 49(3)(m): an operation without a single location of its own is located by its beneficiary: the
    # address of a legal entity, the NUTS 2 region (four characters) of a natural person.
    of_entity = JoinNonEmpty(", ", F("beneficiary__postcode"), F("beneficiary__city"), F("beneficiary__country"))
    of_person = Substr(F("beneficiary__nuts__code"), 1, 4)
    return Case(
        When(_restricted(), then=Value(None)),
        When(~Q(postcode="") | ~Q(location_text=""), then=Value(None)),
        When(beneficiary_is_natural_person=True, then=of_person),
        default=of_entity,
        output_field=CharField(),
    )


def _intervention(ctx: Context):
    return JoinNonEmpty(" ", F("intervention_field__code"), F("intervention_field__title"))


FIELDS: list[Field] = [
    Field(
        "unique_operation_code",
        _("Unique code"),
        _("The operation's unique code, given at selection: fund, region, year of selection, number."),
        "CPR Art. 49(3)",
        build=lambda ctx: F("code"),
    ),
    Field(
        "beneficiary_name",
        _("Beneficiary"),
        _("The name of the beneficiary that is a legal entity. Withheld when publication is restricted."),
        "CPR Art. 49(3)(a)",
        build=_beneficiary_name,
        withheld_when=("restricted",),
    ),
    Field(
        "contractor_name",
        _("Contractor"),
        _("The contractor's name, for operations carried out through public procurement."),
        "CPR Art. 49(3)(a)",
        not_applicable=_("Subsidia's operations are grants selected on calls for proposals, not public contracts."),
    ),
    Field(
        "beneficiary_first_name_surname",
        _("Beneficiary (natural person)"),
        _(
            "First name and surname of a beneficiary who is a natural person; removed two years after the "
            "first publication. Withheld when publication is restricted."
        ),
        "CPR Art. 49(3)(b)",
        build=_natural_person_name,
        withheld_when=("restricted", "name_period"),
    ),
    Field(
        "beneficiary_enterprise_number",
        _("Beneficiary's enterprise number"),
        _(
            "The Belgian enterprise number (KBO/BCE) of a beneficiary that is a legal entity, so that the data can "
            "be linked with other registers. Never published for natural persons; withheld when publication is "
            "restricted."
        ),
        "CPR Art. 49(3)(a)",
        build=_enterprise_number,
        withheld_when=("restricted",),
    ),
    Field(
        "fishing_fleet_register_id",
        _("Fishing fleet register number"),
        _("The identification of a fishing vessel in the Union fishing fleet register."),
        "CPR Art. 49(3)(c)",
        not_applicable=_("Applies to the EMFAF only, not to the AMIF."),
    ),
    Field(
        "operation_name",
        _("Operation"),
        _("The name of the operation."),
        "CPR Art. 49(3)(d)",
        build=lambda ctx: _text("name", ctx.language),
    ),
    Field(
        "purpose_and_achievements",
        _("Purpose and achievements"),
        _("The purpose of the operation and its expected or actual achievements."),
        "CPR Art. 49(3)(e)",
        build=lambda ctx: _text("purpose", ctx.language),
    ),
    Field(
        "start_date",
        _("Start date"),
        _("The date the operation starts."),
        "CPR Art. 49(3)(f)",
        Kind.DATE,
        build=lambda ctx: F("start_date"),
    ),
    Field(
        "end_date",
        _("End date (expected or actual)"),
        _("The expected date of completion, or the actual date once the operation has ended."),
        "CPR Art. 49(3)(g)",
        Kind.DATE,
        build=lambda ctx: Coalesce(F("actual_end_date"), F("end_date"), output_field=DateField()),
    ),
    Field(
        "total_cost",
        _("Total cost"),
        _("The total cost of the operation in euro (CPR art. 87), including costs that are not eligible."),
        "CPR Art. 49(3)(h)",
        Kind.MONEY,
        build=lambda ctx: F("total_cost"),
    ),
    Field(
        "total_eligible_cost",
        _("Total eligible cost"),
        _("The part of the total cost that the fund may co-finance, in euro; shown beside the total cost."),
        "CPR Art. 49(3)(h); CPR Art. 63",
        Kind.MONEY,
        build=lambda ctx: F("total_eligible_cost"),
    ),
    Field(
        "eu_contribution",
        _("EU contribution"),
        _("The Union contribution: the total eligible cost times the EU co-financing rate, in euro."),
        "CPR Art. 49(3)(k)",
        Kind.MONEY,
        build=lambda ctx: F("eu_contribution"),
    ),
    Field(
        "own_contribution",
        _("Own contribution"),
        _("What the beneficiary pays of the total eligible cost, in euro."),
        "CPR Art. 49(3)(h)",
        Kind.MONEY,
        build=lambda ctx: F("own_contribution"),
    ),
    Field(
        "other_public_funding",
        _("Other public co-financing"),
        _("Co-financing from other public bodies (national, regional or local), in euro."),
        "CPR Art. 49(3)(h)",
        Kind.MONEY,
        build=lambda ctx: F("other_public_funding"),
    ),
    Field(
        "fund",
        _("Fund"),
        _("The EU fund concerned."),
        "CPR Art. 49(3)(i)",
        build=lambda ctx: F("fund__code"),
    ),
    Field(
        "specific_objective",
        _("Specific objective"),
        _("The specific objective of the fund the operation serves (AMIF art. 3(2)(a)-(d))."),
        "CPR Art. 49(3)(j)",
        build=_objective,
    ),
    Field(
        "union_cofinancing_rate",
        _("EU co-financing rate"),
        _("The Union co-financing rate, as a decimal fraction (0.75 is 75 %)."),
        "CPR Art. 49(3)(k)",
        Kind.RATE,
        build=lambda ctx: F("cofinancing_rate"),
    ),
    Field(
        "location_or_geolocation_and_country",
        _("Location and country"),
        _(
            "Where the operation takes place: postcode, place, NUTS area and country. Only the country is "
            "published when publication is restricted."
        ),
        "CPR Art. 49(3)(l)",
        build=_location,
        withheld_when=("restricted",),
    ),
    Field(
        "postcode",
        _("Postcode"),
        _("The postcode of the operation's location. Withheld when publication is restricted."),
        "CPR Art. 49(3)(l)",
        build=lambda ctx: _unless_restricted(NullIf(F("postcode"), Value("")), CharField()),
        withheld_when=("restricted",),
    ),
    Field(
        "nuts",
        _("NUTS area"),
        _("The NUTS area (2021 classification) of the operation's location. Withheld when publication is restricted."),
        "CPR Art. 49(3)(l)",
        build=lambda ctx: _unless_restricted(F("nuts__code"), CharField()),
        withheld_when=("restricted",),
    ),
    Field(
        "country",
        _("Country"),
        _("The country concerned (ISO 3166 code)."),
        "CPR Art. 49(3)(l)",
        build=lambda ctx: F("country"),
    ),
    Field(
        "beneficiary_location_for_multi_location",
        _("Beneficiary's location (multi-location operations)"),
        _(
            "For an operation without a single location: the location of the beneficiary (a legal entity), or "
            "the NUTS 2 region of a natural person. Withheld when publication is restricted."
        ),
        "CPR Art. 49(3)(m)",
        build=_multi_location,
        withheld_when=("restricted",),
    ),
    Field(
        "type_of_intervention",
        _("Type of intervention"),
        _("The intervention field of the operation (AMIF Annex VI, table 1), code and title."),
        "CPR Art. 49(3)(n); CPR Art. 73(2)(g)",
        build=_intervention,
    ),
    Field(
        "selection_date",
        _("Selection date"),
        _("The date on which the operation was selected for support (Brussels time)."),
        "CPR Art. 73(1)",
        Kind.DATE,
        build=lambda ctx: BrusselsDate(F("selected_at")),
    ),
    Field(
        "call",
        _("Call for proposals"),
        _("The reference of the call for proposals on which the operation was selected."),
        "CPR Art. 73(1)",
        build=lambda ctx: F("call__reference"),
    ),
    Field(
        "publication_restricted",
        _("Publication restricted"),
        _(
            "True when the beneficiary and the location are withheld on a written legal ground (for instance to "
            "protect victims); the amounts still count in every total."
        ),
        "GDPR Art. 6(1)(e); CPR Art. 49(3)",
        Kind.BOOL,
        build=lambda ctx: Case(
            When(_restricted(), then=Value(True)), default=Value(False), output_field=BooleanField()
        ),
    ),
]

BY_KEY: dict[str, Field] = {field.key: field for field in FIELDS}
PUBLISHED: list[Field] = [field for field in FIELDS if field.published]
PUBLISHED_KEYS: list[str] = [field.key for field in PUBLISHED]
MONEY_KEYS = [field.key for field in PUBLISHED if field.kind == Kind.MONEY]
# The three keys that hold personal data or a location: what withholding touches.
WITHHELD_KEYS = [field.key for field in PUBLISHED if field.withheld_when]

OUTPUT_FIELDS = {
    Kind.TEXT: CharField,
    Kind.MONEY: MoneyField,
    Kind.RATE: RateField,
    Kind.DATE: DateField,
    Kind.BOOL: BooleanField,
}


def language_or_default(language: str | None) -> str:
    code = (language or settings.SUBSIDIA_OFFICIAL_LANGUAGE or "nl").split("-")[0]
    return code if code in LANGUAGES else settings.SUBSIDIA_OFFICIAL_LANGUAGE


def expressions(ctx: Context, fields: list[Field] | None = None) -> dict:
    """``{alias: expression}`` for ``queryset.values(**...)``; the queryset must carry the restriction flag
    (``selectors.operations.public_operations()`` does)."""
    return {field.alias: field.build(ctx) for field in (fields or PUBLISHED)}


def renamed(row: dict, fields: list[Field] | None = None) -> dict:
    return {field.key: row[field.alias] for field in (fields or PUBLISHED)}
