"""Who is asking and how often: the client's address behind our own proxies, and the rate limits that count by it.

Every rate limit of the project (allauth's through `council.adapters.AccountAdapter.get_client_ip`, the
portal's, the audit log's addresses) reads the address from `client_ip`.
"""

import ipaddress

from allauth.core.internal import ratelimit
from django.conf import settings
from django.shortcuts import render


def client_ip(request) -> str:
    """The address of whoever sent the request.

    Each of the `HAMAHANG_TRUSTED_PROXIES` proxies in front of the app (nginx, a load balancer) appends the
    address it received the request from to X-Forwarded-For, so the client is that many entries from the end;
    anything further left was written by the client and is not believed.
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.HAMAHANG_TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= proxies and forwarded[-proxies]:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return "0.0.0.0"  # a missing or garbled address: all such requests share one bucket


def allow(request, action: str, rate: str, *, key: str | None = None) -> bool:
    """Count one request towards `rate` ("30/m" per address, "5/300s/key" per `key`), GETs too; False once over."""
    usage = ratelimit.consume(request, app="hamahang", action=action, config={action: rate}, key=key, limit_get=True)
    return usage is not None


def too_many_requests(request, exception=None):
    """The 429 page (allauth's rate limits use it too, as the root URLconf's `handler429`)."""
    return render(request, "429.html", status=429)
