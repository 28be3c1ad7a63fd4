from django.urls import path

from council import views

app_name = "council"

urlpatterns = [
    path("c/<slug:slug>/", views.council_detail, name="council-detail"),
    path("c/<slug:slug>/members/", views.member_list, name="member-list"),
    path("c/<slug:slug>/members/invite/", views.member_invite, name="member-invite"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("language/", views.set_language, name="set-language"),
]
