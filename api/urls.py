"""/api/v1/: the public API, its OpenAPI schema and reference page, and the registers' bulk downloads. Every answer
carries an ETag (a client sending If-None-Match gets 304 Not Modified for what has not changed)."""

from django.middleware.http import ConditionalGetMiddleware
from django.urls import path, re_path
from django.utils.decorators import decorator_from_middleware
from drf_spectacular.views import SpectacularAPIView

from api import views

app_name = "api"
etag = decorator_from_middleware(ConditionalGetMiddleware)
council = "councils/<slug:slug>/"

urlpatterns = [
    path("councils/", etag(views.CouncilList.as_view()), name="council-list"),
    path(council, etag(views.CouncilDetail.as_view()), name="council-detail"),
    path(council + "meetings/", etag(views.MeetingList.as_view()), name="meeting-list"),
    path(council + "meetings/<int:pk>/", etag(views.MeetingDetail.as_view()), name="meeting-detail"),
    path(council + "decisions/", etag(views.DecisionList.as_view()), name="decision-list"),
    path(council + "decisions/<int:pk>/", etag(views.DecisionDetail.as_view()), name="decision-detail"),
    path(council + "acts/", etag(views.ActList.as_view()), name="act-list"),
    path(council + "acts/<int:pk>/", etag(views.ActDetail.as_view()), name="act-detail"),
    path(council + "statements/", etag(views.StatementList.as_view()), name="statement-list"),
    path(council + "statements/<int:pk>/", etag(views.StatementDetail.as_view()), name="statement-detail"),
    path(council + "<str:register>.<str:kind>", etag(views.BulkDownload.as_view()), name="bulk"),
    path("schema/", etag(SpectacularAPIView.as_view()), name="schema"),
    path("docs/", views.ApiReference.as_view(url_name="api:schema"), name="docs"),
    re_path(r"", views.not_found),  # any other address under /api/v1/ (acts/-1/, say): a 404 in JSON too
]
