"""Root URLs. Pages under /c/<council-slug>/ belong to one council."""

from django.contrib import admin
from django.urls import include, path

from council import portal, views
from meetings import views as meeting_views

council_patterns = [
    path("", views.home, name="home"),
    path("c/<slug:slug>/", views.council_detail, name="council-detail"),
    path("c/<slug:slug>/members/", views.member_list, name="member-list"),
    path("c/<slug:slug>/members/invite/", views.member_invite, name="member-invite"),
    path("c/<slug:slug>/requests/", views.request_list, name="request-list"),
    path("c/<slug:slug>/requests/<int:pk>/", views.request_detail, name="request-detail"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("language/", views.set_language, name="set-language"),
]

portal_patterns = [
    path("", portal.index, name="index"),
    path("meetings/<int:pk>/", portal.meeting, name="meeting"),
    path("meetings/<int:pk>/minutes.pdf", portal.minutes_pdf, name="minutes-pdf"),
    path("search/", portal.search, name="search"),
    path("feed.atom", portal.PublicationsFeed(), name="feed"),
    path("meetings.ics", portal.meetings_ics, name="meetings-ics"),
    path("statements/<int:pk>/", portal.statement, name="statement"),
    path("statements/<int:pk>/photo/", portal.statement_photo, name="statement-photo"),
    path("requests/new/", portal.request_new, name="request-new"),
    path("requests/track/", portal.request_track, name="request-track"),
    path("requests/<str:code>/file/", portal.request_file, name="request-file"),
]

urlpatterns = [
    path("", include((council_patterns, "council"))),
    path("c/<slug:slug>/departments/", include("departments.urls")),
    path("c/<slug:slug>/departments/elections/", include("elections.urls")),
    path("c/<slug:slug>/", include("meetings.urls")),
    path("c/<slug:slug>/documents/", include("reports.urls")),
    path("rsvp/<str:token>/", meeting_views.rsvp, name="rsvp"),
    # Accounts are the admins' to manage: nobody changes or adds their own e-mail addresses.
    path("accounts/email/", views.not_found),
    path("accounts/", include("allauth.urls")),
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("public/<slug:slug>/", include((portal_patterns, "portal"))),
]
