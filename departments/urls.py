from django.urls import path

from departments import views

app_name = "departments"

urlpatterns = [
    path("", views.department_list, name="department-list"),
    path("new/", views.department_create, name="department-create"),
    path("<int:pk>/", views.department_detail, name="department-detail"),
    path("<int:pk>/edit/", views.department_edit, name="department-edit"),
]
