from django.urls import path, re_path

from . import views

app_name = "consultations"

urlpatterns = [
    path("consultations/", views.survey_list, name="list"),
    path("consultations/new/", views.survey_create, name="create"),
    path("consultations/<int:pk>/", views.survey_detail, name="detail"),
    path("consultations/<int:pk>/edit/", views.survey_edit, name="edit"),
    path("consultations/<int:pk>/publish/", views.survey_publish, name="publish"),
    path("consultations/<int:pk>/close/", views.survey_close, name="close"),
    path("consultations/<int:pk>/extend/", views.survey_extend, name="extend"),
    path("consultations/<int:pk>/questions/new/", views.question_create, name="question-create"),
    path("consultations/<int:pk>/questions/<int:question_id>/edit/", views.question_edit, name="question-edit"),
    path(
        "consultations/<int:pk>/questions/<int:question_id>/delete/",
        views.question_delete,
        name="question-delete",
    ),
    path("consultations/<int:pk>/questions/<int:question_id>/move/", views.question_move, name="question-move"),
    path("consultations/<int:pk>/invitations/", views.invitations, name="invitations"),
    path("consultations/<int:pk>/remind/", views.remind, name="remind"),
    path("consultations/<int:pk>/results/", views.results, name="results"),
    re_path(r"^consultations/(?P<pk>\d+)/results\.(?P<fmt>xlsx|pdf)$", views.results_export, name="results-export"),
    path("consultations/stakeholders/", views.organisation_list, name="organisations"),
    path("consultations/stakeholders/new/", views.organisation_create, name="organisation-create"),
    path("consultations/stakeholders/import/", views.organisation_import, name="organisation-import"),
    path("consultations/stakeholders/<int:pk>/edit/", views.organisation_edit, name="organisation-edit"),
    path("priorities/", views.priority_list, name="priorities"),
    path("priorities/new/", views.priority_create, name="priority-create"),
    path("priorities/<int:pk>/", views.priority_detail, name="priority"),
    path("priorities/<int:pk>/edit/", views.priority_edit, name="priority-edit"),
    path("priorities/<int:pk>/adopt/", views.priority_adopt, name="priority-adopt"),
    path("priorities/<int:pk>/withdraw/", views.priority_withdraw, name="priority-withdraw"),
    path("priorities/<int:pk>/evidence/", views.evidence_add, name="evidence-add"),
    path(
        "priorities/<int:pk>/evidence/<int:evidence_id>/remove/",
        views.evidence_remove,
        name="evidence-remove",
    ),
    # The stakeholder's personal link: any text is accepted here and checked by the service (a clear page,
    # never a 404 from the URL resolver for a mistyped token).
    path("survey/<path:token>/", views.answer, name="answer"),
]
