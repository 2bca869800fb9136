from django.urls import path

from .views import applicant, assessor, complaints, officer, ranking

app_name = "assessment"

urlpatterns = [
    # Officers, the authorising officer and the auditor
    path("manage/assessment/", officer.call_list, name="calls"),
    path("manage/assessment/calls/<int:call_id>/", officer.call_overview, name="call"),
    path("manage/assessment/calls/<int:call_id>/assignments/", officer.assignments, name="assignments"),
    path(
        "manage/assessment/calls/<int:call_id>/assignments/balance/",
        officer.assignments_balance,
        name="assignments-balance",
    ),
    path(
        "manage/assessment/assignments/<int:assignment_id>/withdraw/",
        officer.assignment_withdraw,
        name="assignment-withdraw",
    ),
    path("manage/assessment/calls/<int:call_id>/ranking/", ranking.ranking_page, name="ranking"),
    path("manage/assessment/calls/<int:call_id>/ranking.xlsx", ranking.ranking_xlsx, name="ranking-xlsx"),
    path("manage/assessment/calls/<int:call_id>/decisions/prepare/", ranking.decision_prepare, name="prepare"),
    path(
        "manage/assessment/calls/<int:call_id>/decisions/prepare-reserve/",
        ranking.reserve_prepare,
        name="prepare-reserve",
    ),
    path("manage/assessment/calls/<int:call_id>/complaints/", complaints.complaint_list, name="complaints"),
    path("manage/assessment/applications/<int:application_id>/check/", officer.check, name="check"),
    path("manage/assessment/applications/<int:application_id>/declare/", officer.declare, name="declare"),
    path(
        "manage/assessment/applications/<int:application_id>/check/<slug:verb>/",
        officer.check_action,
        name="check-action",
    ),
    path("manage/assessment/decisions/<int:decision_id>/", ranking.decision_page, name="decision"),
    path("manage/assessment/decisions/<int:decision_id>/declare/", ranking.decision_declare, name="decision-declare"),
    path(
        "manage/assessment/decisions/<int:decision_id>/lines/<int:line_id>/decline/",
        ranking.line_decline,
        name="line-decline",
    ),
    path(
        "manage/assessment/decisions/<int:decision_id>/do/<slug:verb>/",
        ranking.decision_action,
        name="decision-action",
    ),
    path("manage/assessment/complaints/<int:complaint_id>/", complaints.complaint_detail, name="complaint"),
    path(
        "manage/assessment/complaints/<int:complaint_id>/do/<slug:verb>/",
        complaints.complaint_action,
        name="complaint-action",
    ),
    # Assessors
    path("assess/", assessor.my_assignments, name="my-assignments"),
    path("assess/<int:assignment_id>/", assessor.assignment_page, name="assignment"),
    path("assess/<int:assignment_id>/submit/", assessor.assignment_submit, name="assignment-submit"),
    path("assess/<int:assignment_id>/consensus/", assessor.consensus_page, name="consensus"),
    # Applicants
    path("results/", applicant.my_results, name="my-results"),
    path("results/<int:application_id>/", applicant.results, name="results"),
    path("results/letters/<int:letter_id>/<slug:language>.pdf", applicant.letter_pdf, name="letter-pdf"),
]
