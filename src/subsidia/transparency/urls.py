from django.urls import path, re_path

from .views import officers, operations, programme, publications

app_name = "transparency"

urlpatterns = [
    path("list-of-operations/", operations.operation_list, name="list"),
    path("list-of-operations/data-dictionary/", operations.data_dictionary, name="dictionary"),
    re_path(
        r"^list-of-operations/download\.(?P<fmt>csv|csv-semicolon|xlsx|json|360giving)$",
        operations.download,
        name="download",
    ),
    path("list-of-operations/<str:code>/", operations.project, name="project"),
    path("publications/", publications.publication_list, name="publications"),
    path("publications/<int:number>/", publications.publication_detail, name="publication"),
    re_path(
        r"^publications/(?P<number>\d+)/download\.(?P<fmt>csv|csv-semicolon|xlsx|json)$",
        publications.publication_download,
        name="publication-download",
    ),
    path("trace/", programme.trace_list, name="trace-list"),
    path("trace/priorities/<int:pk>/", programme.trace, name="trace"),
    path("overview/", programme.overview_list, name="overview-list"),
    path("overview/<int:pk>/", programme.overview, name="overview"),
    path("manage/transparency/", officers.dashboard, name="officers"),
    path("manage/transparency/publish/", officers.publish, name="publish"),
    path("manage/transparency/restrictions/new/", officers.restriction_prepare, name="restriction-new"),
    path("manage/transparency/restrictions/<int:pk>/", officers.restriction_detail, name="restriction"),
    path(
        "manage/transparency/restrictions/<int:pk>/do/<slug:verb>/",
        officers.restriction_action,
        name="restriction-action",
    ),
]
