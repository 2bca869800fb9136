from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("programmes", views.ProgrammeViewSet, basename="programme")
router.register("programme-versions", views.ProgrammeVersionViewSet, basename="programme-version")
router.register("allocations", views.AllocationViewSet, basename="allocation")
router.register("regions", views.RegionViewSet, basename="region")
urlpatterns = router.urls
