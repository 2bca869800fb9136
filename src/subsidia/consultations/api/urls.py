from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("surveys", views.SurveyViewSet, basename="survey")
router.register("survey-questions", views.QuestionViewSet, basename="survey-question")
router.register("survey-invitations", views.InvitationViewSet, basename="survey-invitation")
router.register("stakeholder-organisations", views.StakeholderOrganisationViewSet, basename="stakeholder-organisation")
router.register("priorities", views.PriorityViewSet, basename="priority")
urlpatterns = router.urls
