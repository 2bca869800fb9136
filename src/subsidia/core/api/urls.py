from rest_framework.routers import SimpleRouter

from .approvals import ApprovalRequestViewSet

router = SimpleRouter()
router.register("approval-requests", ApprovalRequestViewSet, basename="approval-request")
urlpatterns = router.urls
