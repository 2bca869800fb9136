from django.urls import path, re_path

from . import views

app_name = "programmes"

urlpatterns = [
    path("programmes/", views.programme_list, name="list"),
    path("programmes/new/", views.programme_create, name="create"),
    path("programmes/rate-preview/", views.rate_preview, name="rate-preview"),
    path("programmes/<int:pk>/", views.programme_detail, name="detail"),
    path("programmes/<int:pk>/amend/", views.programme_amend, name="amend"),
    path("programmes/<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path("programmes/<int:pk>/versions/<int:number>/edit/", views.version_edit, name="version-edit"),
    path("programmes/<int:pk>/versions/<int:number>/submit/", views.version_submit, name="version-submit"),
    path("programmes/<int:pk>/versions/<int:number>/adopt/", views.version_adopt, name="version-adopt"),
    path("programmes/<int:pk>/versions/<int:number>/return/", views.version_return, name="version-return"),
    path(
        "programmes/<int:pk>/versions/<int:number>/allocations/new/", views.allocation_create, name="allocation-create"
    ),
    path(
        "programmes/<int:pk>/versions/<int:number>/allocations/<int:allocation_id>/edit/",
        views.allocation_edit,
        name="allocation-edit",
    ),
    path(
        "programmes/<int:pk>/versions/<int:number>/allocations/<int:allocation_id>/delete/",
        views.allocation_delete,
        name="allocation-delete",
    ),
    re_path(
        r"^programmes/(?P<pk>\d+)/versions/(?P<number>\d+)/budget\.(?P<fmt>csv|semicolon\.csv|xlsx)$",
        views.budget_export,
        name="budget-export",
    ),
    path("budget/", views.public_budget_list, name="public-list"),
    path("budget/<int:pk>/", views.public_budget, name="public-budget"),
]
