from django.urls import path

from .views import applications, attachments, budget, files, officers, organisations, parts

app_name = "applications"

urlpatterns = [
    path("organisations/", organisations.organisation_list, name="organisations"),
    path("organisations/new/", organisations.organisation_create, name="organisation-create"),
    path("organisations/postcode/", organisations.postcode_hint, name="postcode-hint"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation"),
    path("organisations/<int:pk>/edit/", organisations.organisation_edit, name="organisation-edit"),
    path("organisations/<int:pk>/members/", organisations.member_add, name="member-add"),
    path(
        "organisations/<int:pk>/members/<int:membership_id>/remove/",
        organisations.member_remove,
        name="member-remove",
    ),
    path(
        "organisations/<int:pk>/members/<int:membership_id>/role/",
        organisations.member_role,
        name="member-role",
    ),
    path("applications/", applications.home, name="home"),
    path("applications/received/", officers.received, name="received"),
    path("applications/received.xlsx", officers.received_xlsx, name="received-xlsx"),
    path("applications/new/<int:call_id>/", applications.application_create, name="create"),
    path("applications/<int:pk>/", applications.application_detail, name="detail"),
    path("applications/<int:pk>/project/", applications.section_general, name="section-general"),
    path("applications/<int:pk>/parts/<slug:section>/", parts.section_parts, name="section-parts"),
    path("applications/<int:pk>/parts/<slug:kind>/<int:part_id>/delete/", parts.part_delete, name="part-delete"),
    path("applications/<int:pk>/budget/", budget.section_budget, name="section-budget"),
    path("applications/<int:pk>/budget/preview/", budget.budget_preview, name="budget-preview"),
    path(
        "applications/<int:pk>/budget/<int:line_id>/delete/",
        budget.budget_line_delete,
        name="budget-line-delete",
    ),
    path("applications/<int:pk>/cofinancing/", applications.section_cofinancing, name="section-cofinancing"),
    path(
        "applications/<int:pk>/cofinancing/preview/",
        applications.cofinancing_preview,
        name="cofinancing-preview",
    ),
    path("applications/<int:pk>/attachments/", attachments.section_attachments, name="section-attachments"),
    path("applications/<int:pk>/attachments/<int:attachment_id>/", files.attachment_download, name="attachment"),
    path(
        "applications/<int:pk>/attachments/<int:attachment_id>/delete/",
        attachments.attachment_delete,
        name="attachment-delete",
    ),
    path("applications/<int:pk>/declarations/", applications.section_declarations, name="section-declarations"),
    path("applications/<int:pk>/submit/", applications.application_submit, name="submit"),
    path("applications/<int:pk>/withdraw/", applications.application_withdraw, name="withdraw"),
    path("applications/<int:pk>/delete/", applications.application_delete, name="delete"),
    path("applications/<int:pk>/receipt.pdf", files.receipt, name="receipt"),
    path("applications/<int:pk>/snapshot.json", files.snapshot, name="snapshot"),
]
