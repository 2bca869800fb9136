from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("operations", views.OperationViewSet, basename="operation")
router.register("operation-files", views.OperationFileViewSet, basename="operation-file")
urlpatterns = router.urls
