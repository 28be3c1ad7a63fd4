"""Root URLs. Pages under /c/<council-slug>/ belong to one council; /public/<council-slug>/ is its portal."""

from django.contrib import admin
from django.urls import include, path

from council import views
from helpers import traffic
from meetings import views as meeting_views

urlpatterns = [
    path("", include("home.urls")),
    path("", include("council.urls")),
    path("", include("portal.urls")),
    path("c/<slug:slug>/departments/", include("departments.urls")),
    path("c/<slug:slug>/departments/elections/", include("elections.urls")),
    path("c/<slug:slug>/acts/", include("acts.urls")),
    path("c/<slug:slug>/", include("meetings.urls")),
    path("c/<slug:slug>/documents/", include("reports.urls")),
    path("api/v1/", include("api.urls")),
    path("rsvp/<str:token>/", meeting_views.rsvp, name="rsvp"),
    # Accounts are the admins' to manage: nobody changes or adds their own e-mail addresses.
    path("accounts/email/", views.not_found),
    path("accounts/2fa/totp/activate/", views.activate_totp),  # allauth's, after an e-mailed code
    path("accounts/2fa/recovery-codes/", views.recovery_codes),
    path("accounts/", include("allauth.urls")),
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
]

handler429 = traffic.too_many_requests  # allauth's rate limits answer with it
