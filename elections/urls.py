from django.urls import path

from elections import views

app_name = "elections"

# Mounted under the council's departments section: /c/<slug>/departments/elections/...
election = "<int:pk>/"

urlpatterns = [
    path("", views.election_list, name="election-list"),
    path("new/", views.election_create, name="election-create"),
    path(election, views.election_detail, name="election-detail"),
    path(f"{election}close/", views.election_close, name="election-close"),
    path(f"{election}departments/<int:department_pk>/", views.election_department, name="election-department"),
    path(f"{election}cycles/<int:cycle_pk>/<int:department_pk>/", views.attestation_detail, name="attestation-detail"),
    path(f"{election}cycles/<int:cycle_pk>/<int:department_pk>/edit/", views.attestation_edit, name="attestation-edit"),
    path(f"{election}evidence/<int:answer_pk>/", views.evidence_download, name="evidence-download"),
    path(f"{election}alerts/<int:alert_pk>/close/", views.alert_close, name="alert-close"),
    path(f"{election}equal-access/", views.access_register, name="access-register"),
    path(f"{election}equal-access/<int:request_pk>/", views.access_request_edit, name="access-request-edit"),
    path(f"{election}complaints/", views.complaint_register, name="complaint-register"),
    path(f"{election}complaints/<int:complaint_pk>/", views.complaint_edit, name="complaint-edit"),
]
