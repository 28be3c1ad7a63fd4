"""The public pages under /public/<council-slug>/, and the secretariat's queue of document requests."""

from django.urls import include, path

from portal import feeds, views

app_name = "portal"

public_patterns = [
    path("", views.index, name="index"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes-pdf"),
    path("search/", views.search, name="search"),
    path("logo/", views.logo, name="logo"),
    path("feed.atom", feeds.PublicationsFeed(), name="feed"),
    path("meetings.ics", views.meetings_ics, name="meetings-ics"),
    path("data/", views.open_data, name="open-data"),
    path("statements/<int:pk>/", views.statement, name="statement"),
    path("statements/<int:pk>/photo/", views.statement_photo, name="statement-photo"),
    path("acts/", views.act_list, name="act-list"),
    path("acts/feed.atom", feeds.ActsFeed(), name="acts-feed"),
    path("acts/<int:pk>/", views.act, name="act"),
    path("acts/<int:pk>/file/", views.act_file, name="act-file"),
    path("acts/<int:pk>/act.pdf", views.act_pdf, name="act-pdf"),
    path("requests/new/", views.request_new, name="request-new"),
    path("requests/track/", views.request_track, name="request-track"),
    path("requests/<str:code>/file/", views.request_file, name="request-file"),
]

urlpatterns = [
    path("public/<slug:slug>/", include(public_patterns)),
    path("c/<slug:slug>/requests/", views.request_list, name="request-list"),
    path("c/<slug:slug>/requests/<int:pk>/", views.request_detail, name="request-detail"),
    path("c/<slug:slug>/requests/statistics/", views.request_statistics, name="request-statistics"),
]
