"""How the API pages its lists and limits each client (named in settings.REST_FRAMEWORK, so kept apart from the
views, which DRF's settings would otherwise import while they load)."""

from django.conf import settings
from rest_framework.pagination import PageNumberPagination
from rest_framework.throttling import AnonRateThrottle

from helpers import traffic


class ClientRateThrottle(AnonRateThrottle):
    """API_RATE_LIMIT requests per client address (behind HAMAHANG_TRUSTED_PROXIES, as everywhere)."""

    scope = "api"

    def get_rate(self):
        return settings.API_RATE_LIMIT

    def get_ident(self, request):
        return traffic.client_ip(request)


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
