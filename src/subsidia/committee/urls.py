from django.urls import path

from .views import approvals, committees, dashboard, meetings, procedures, public

app_name = "committee"

urlpatterns = [
    path("monitoring-committee/", public.public, name="public"),
    path("monitoring-committee/<int:pk>/rules/<int:version>/", public.rules, name="rules"),
    path("committee/", dashboard.dashboard, name="dashboard"),
    path("committee/new/", committees.create, name="create"),
    path("committee/<int:pk>/", committees.detail, name="detail"),
    path("committee/<int:pk>/edit/", committees.edit, name="edit"),
    path("committee/<int:pk>/members/new/", committees.member_add, name="member-add"),
    path("committee/members/<int:member_id>/edit/", committees.member_edit, name="member-edit"),
    path("committee/<int:pk>/rules/new/", committees.rules_create, name="rules-create"),
    path("committee/rules/<int:rules_id>/edit/", committees.rules_edit, name="rules-edit"),
    path("committee/<int:pk>/meetings/new/", meetings.meeting_create, name="meeting-create"),
    path("committee/meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("committee/meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting-edit"),
    path("committee/meetings/<int:pk>/items/", meetings.item_add, name="item-add"),
    path("committee/meetings/<int:pk>/invite/", meetings.invite, name="meeting-invite"),
    path("committee/meetings/<int:pk>/cancel/", meetings.cancel, name="meeting-cancel"),
    path("committee/meetings/<int:pk>/attendance/", meetings.attendance, name="attendance"),
    path("committee/meetings/<int:pk>/papers/", meetings.paper_upload, name="paper-upload"),
    path("committee/meetings/<int:pk>/minutes/", meetings.minutes, name="minutes"),
    path("committee/meetings/<int:pk>/minutes.pdf", meetings.minutes_pdf, name="minutes-pdf"),
    path("committee/meetings/<int:pk>/minutes/approve/", meetings.minutes_approve, name="minutes-approve"),
    path("committee/items/<int:item_id>/decide/", meetings.decide, name="item-decide"),
    path("committee/items/<int:item_id>/declare/", meetings.declare, name="item-declare"),
    path("committee/papers/<int:paper_id>/", meetings.paper_download, name="paper"),
    path("committee/papers/<int:paper_id>/publish/", meetings.paper_publish, name="paper-publish"),
    path("committee/<int:pk>/procedures/new/", procedures.procedure_create, name="procedure-create"),
    path("committee/procedures/<int:pk>/", procedures.procedure_detail, name="procedure"),
    path("committee/procedures/<int:pk>/vote/", procedures.vote, name="procedure-vote"),
    path("committee/procedures/<int:pk>/declare/", procedures.declare, name="procedure-declare"),
    path("committee/procedures/<int:pk>/close/", procedures.close, name="procedure-close"),
    path("committee/procedures/<int:pk>/cancel/", procedures.cancel, name="procedure-cancel"),
    path("committee/approvals/", approvals.request_list, name="approvals"),
    path("committee/approvals/submit/", approvals.submit_list, name="approvals-submit"),
    path(
        "committee/approvals/submit/<int:ct>/<str:object_id>/",
        approvals.submit,
        name="approvals-submit-object",
    ),
    path("committee/approvals/<int:pk>/", approvals.request_detail, name="approval"),
    path("committee/approvals/<int:pk>/withdraw/", approvals.withdraw, name="approval-withdraw"),
    path(
        "committee/approvals/<int:pk>/prepare-conditions/",
        approvals.prepare_conditions,
        name="approval-prepare-conditions",
    ),
    path(
        "committee/approvals/<int:pk>/confirm-conditions/",
        approvals.confirm_conditions,
        name="approval-confirm-conditions",
    ),
]
