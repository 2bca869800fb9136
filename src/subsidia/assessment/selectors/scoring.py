"""Reading scores: an assessor's weighted total (computed by the database), and the scores behind one
application for the officers' page."""

from decimal import Decimal

from django.db.models import BigIntegerField, Case, ExpressionWrapper, F, Sum, Value, When
from django.db.models.functions import Cast

from ..fields import from_hundredths
from ..models import Assignment, Score


def weight_case(criteria) -> Case:
    """The weight of each criterion in thousandths, as a CASE on the criterion id (a call has a handful)."""
    return Case(
        *[When(criterion_id=c.pk, then=Value(int(Decimal(c.weight) * 1000))) for c in criteria],
        default=Value(0),
        output_field=BigIntegerField(),
    )


def assessor_total(assignment: Assignment) -> Decimal | None:
    """Σ points × weight, rounded half up to the hundredth by integer arithmetic in the database."""
    criteria = list(assignment.application.call.award_criteria.all())
    weighted = Cast(Sum(F("points") * weight_case(criteria)), BigIntegerField())
    result = Score.objects.filter(assignment=assignment, points__isnull=False).aggregate(
        total=ExpressionWrapper((weighted + Value(500)) / Value(1000), output_field=BigIntegerField())
    )
    return from_hundredths(result["total"])
