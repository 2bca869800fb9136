import pytest

from ..selectors import ranking
from .factories import assessment_call, assessor_user, eligible, scored, submitted

pytestmark = pytest.mark.django_db


def test_smoke():
    call = assessment_call(budget="120000.00")
    a, b = assessor_user(), assessor_user()
    apps = []
    for pts in ([25, 25, 15, 15], [20, 20, 12, 12], [28, 28, 18, 18], [10, 10, 5, 5]):
        app = submitted(call, eu="50000.00")
        eligible(app)
        scored(app, a, pts)
        scored(app, b, [p - 1 for p in pts])
        apps.append(app)
    rows = ranking(call)
    for r in rows:
        print(r)
    assert [r.rank for r in rows] == [1, 2, 3, 4]
