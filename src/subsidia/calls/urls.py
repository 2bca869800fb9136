from django.urls import path

from .feeds import NewCallsFeed
from .views import calendar, officer, parts, public

app_name = "calls"

urlpatterns = [
    # Public pages
    path("calls/", public.public_list, name="public-list"),
    path("calls/feed.atom", NewCallsFeed(), name="feed"),
    path("calls/calendar/", public.public_calendar, name="calendar"),
    path("calls/<int:pk>/", public.public_detail, name="public-detail"),
    path("calls/<int:pk>/deadline.ics", public.deadline_ics, name="ics"),
    path("calls/<int:pk>/documents/<int:document_id>/", public.document, name="document"),
    # Officer pages
    path("manage/calls/", officer.call_list, name="list"),
    path("manage/calls/new/", officer.call_create, name="create"),
    path("manage/calls/budget-room/", officer.budget_room, name="budget-room"),
    path("manage/calls/<int:pk>/", officer.call_detail, name="detail"),
    path("manage/calls/<int:pk>/edit/", officer.call_edit, name="edit"),
    path("manage/calls/<int:pk>/do/<slug:verb>/", officer.call_transition, name="transition"),
    path("manage/calls/<int:pk>/parts/<slug:kind>/new/", parts.part_form, name="part-new"),
    path("manage/calls/<int:pk>/parts/<slug:kind>/<int:item_id>/", parts.part_form, name="part-edit"),
    path("manage/calls/<int:pk>/parts/<slug:kind>/<int:item_id>/delete/", parts.part_delete, name="part-delete"),
    path("manage/calls/<int:pk>/documents/new/", parts.document_add, name="document-add"),
    path(
        "manage/calls/<int:pk>/documents/<int:document_id>/delete/",
        parts.document_delete,
        name="document-delete",
    ),
    path("manage/planned-calls/", calendar.calendar_manage, name="calendar-manage"),
    path("manage/planned-calls/<int:programme_id>/new/", calendar.planned_form, name="planned-new"),
    path(
        "manage/planned-calls/<int:programme_id>/<int:planned_id>/",
        calendar.planned_form,
        name="planned-edit",
    ),
    path(
        "manage/planned-calls/<int:programme_id>/<int:planned_id>/delete/",
        calendar.planned_delete,
        name="planned-delete",
    ),
    path("manage/planned-calls/<int:programme_id>/confirm/", calendar.calendar_confirm, name="calendar-confirm"),
]
