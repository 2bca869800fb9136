from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("organisation-members", views.MembershipViewSet, basename="organisation-member")
router.register("applications", views.ApplicationViewSet, basename="application")
router.register("application-budget-lines", views.BudgetLineViewSet, basename="application-budget-line")
router.register("application-activities", views.ActivityViewSet, basename="application-activity")
router.register("application-target-groups", views.TargetGroupViewSet, basename="application-target-group")
router.register("application-locations", views.LocationViewSet, basename="application-location")
router.register("application-partners", views.PartnerViewSet, basename="application-partner")
router.register("application-indicator-targets", views.IndicatorTargetViewSet, basename="application-indicator-target")
router.register("application-attachments", views.AttachmentViewSet, basename="application-attachment")
urlpatterns = router.urls
