from rest_framework.routers import SimpleRouter

from .views import ListOfOperationsViewSet, ProgrammeOverviewViewSet, PublicationViewSet, TraceViewSet

router = SimpleRouter()
router.register("list-of-operations", ListOfOperationsViewSet, basename="list-of-operations")
router.register("list-of-operations-publications", PublicationViewSet, basename="list-of-operations-publication")
router.register("priority-traces", TraceViewSet, basename="priority-trace")
router.register("programme-overviews", ProgrammeOverviewViewSet, basename="programme-overview")
urlpatterns = router.urls
