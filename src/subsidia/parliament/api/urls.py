from rest_framework.routers import SimpleRouter

from .views import PublicQuestionViewSet, QuestionViewSet

router = SimpleRouter()
router.register("parliamentary-questions", QuestionViewSet, basename="parliamentary-question")
router.register("answered-parliamentary-questions", PublicQuestionViewSet, basename="answered-parliamentary-question")
urlpatterns = router.urls
