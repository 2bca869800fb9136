from django.urls import path

from .views import packs, questions

app_name = "parliament"

urlpatterns = [
    path("manage/parliament/questions/", questions.question_list, name="list"),
    path("manage/parliament/questions/new/", questions.question_create, name="create"),
    path("manage/parliament/questions/<int:pk>/", questions.question_detail, name="detail"),
    path("manage/parliament/questions/<int:pk>/edit/", questions.question_edit, name="edit"),
    path("manage/parliament/questions/<int:pk>/do/<slug:verb>/", questions.question_transition, name="transition"),
    path("manage/parliament/questions/<int:pk>/links/new/", questions.link_add, name="link-add"),
    path("manage/parliament/questions/<int:pk>/links/<int:link_id>/delete/", questions.link_remove, name="link-remove"),
    path("manage/parliament/questions/<int:pk>/documents/new/", questions.attachment_add, name="attachment-add"),
    path(
        "manage/parliament/questions/<int:pk>/documents/<int:attachment_id>/",
        questions.attachment_download,
        name="attachment",
    ),
    path(
        "manage/parliament/questions/<int:pk>/documents/<int:attachment_id>/delete/",
        questions.attachment_remove,
        name="attachment-remove",
    ),
    path("manage/parliament/questions/<int:pk>/answer-pack/", packs.pack_page, name="pack"),
    path("manage/parliament/questions/<int:pk>/answer-pack.<str:fmt>", packs.pack_download, name="pack-download"),
]
