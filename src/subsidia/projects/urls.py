from django.urls import path

from .views import agreements, amendments, operations, reports

app_name = "projects"

P = "projects/<str:code>/"

urlpatterns = [
    path("projects/", operations.operation_list, name="list"),
    path("projects/operations.xlsx", operations.operation_list_xlsx, name="list-xlsx"),
    path("projects/operations.csv", operations.operation_list_csv, name="list-csv"),
    path("my-projects/", operations.my_operations, name="mine"),
    path(P, operations.operation_detail, name="detail"),
    path(P + "details/", operations.details_edit, name="details"),
    path(P + "complete/", operations.operation_complete, name="complete"),
    path(P + "terminate/", operations.operation_terminate, name="terminate"),
    path(P + "agreements/new/", agreements.agreement_prepare, name="agreement-prepare"),
    path(P + "agreements/<int:pk>/edit/", agreements.agreement_edit, name="agreement-edit"),
    path(P + "agreements/<int:pk>/sign/", agreements.agreement_sign, name="agreement-sign"),
    path(P + "agreements/<int:pk>/confirm/", agreements.agreement_confirm, name="agreement-confirm"),
    path(P + "agreements/<int:pk>/cancel/", agreements.agreement_cancel, name="agreement-cancel"),
    path(P + "agreements/<int:pk>/agreement.pdf", agreements.agreement_pdf, name="agreement-pdf"),
    path(P + "amendments/new/", amendments.amendment_create, name="amendment-create"),
    path(P + "amendments/<int:pk>/edit/", amendments.amendment_edit, name="amendment-edit"),
    *[
        path(
            P + f"amendments/<int:pk>/{verb}/",
            amendments.amendment_transition,
            {"verb": verb},
            name=f"amendment-{verb}",
        )
        for verb in ("submit", "recall", "withdraw")
    ],
    *[
        path(P + f"amendments/<int:pk>/{verb}/", amendments.amendment_decide, {"verb": verb}, name=f"amendment-{verb}")
        for verb in ("approve", "reject")
    ],
    path(P + "reports/new/", reports.report_create, name="report-create"),
    path(P + "reports/<int:pk>/", reports.report_page, name="report"),
    path(P + "reports/<int:pk>/submit/", reports.report_submit, name="report-submit"),
    *[
        path(P + f"reports/<int:pk>/{verb}/", reports.report_review, {"verb": verb}, name=f"report-{verb}")
        for verb in ("accept", "return")
    ],
]
