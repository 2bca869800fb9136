from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("committees", views.CommitteeViewSet, basename="committee")
router.register("committee-members", views.MemberViewSet, basename="committee-member")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("agenda-items", views.AgendaItemViewSet, basename="agenda-item")
router.register("meeting-papers", views.PaperViewSet, basename="meeting-paper")
router.register("written-procedures", views.WrittenProcedureViewSet, basename="written-procedure")
urlpatterns = router.urls
