from django.urls import path

from acts import views

app_name = "acts"

urlpatterns = [
    path("", views.act_list, name="act-list"),
    path("new/", views.act_edit, name="act-create"),
    path("<int:pk>/", views.act_detail, name="act-detail"),
    path("<int:pk>/edit/", views.act_edit, name="act-edit"),
    path("<int:pk>/approve/", views.act_approve, name="act-approve"),
    path("<int:pk>/publish/", views.act_publish, name="act-publish"),
    path("<int:pk>/file/", views.act_file, name="act-file"),
    path("<int:pk>/versions/<str:language>/", views.act_version, name="act-version"),
]
