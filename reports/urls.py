from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("new/", views.document_create, name="document-create"),
    path("<int:pk>/", views.document_detail, name="document-detail"),
    path("<int:pk>/download/", views.document_download, name="document-download"),
]
