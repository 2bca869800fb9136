from rest_framework.routers import SimpleRouter

from .views import QuestionViewSet

router = SimpleRouter()
router.register("parliamentary-questions", QuestionViewSet, basename="parliamentary-question")
urlpatterns = router.urls
