from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("assessment/assignments", views.AssignmentViewSet, basename="assessment-assignment")
router.register("assessment/declarations", views.DeclarationViewSet, basename="assessment-declaration")
router.register("assessment/checks", views.EligibilityCheckViewSet, basename="assessment-check")
router.register("assessment/rankings", views.RankingViewSet, basename="assessment-ranking")
router.register("assessment/decisions", views.SelectionDecisionViewSet, basename="assessment-decision")
router.register("assessment/complaints", views.ComplaintViewSet, basename="assessment-complaint")
urlpatterns = router.urls
