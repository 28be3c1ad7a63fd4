from django.conf import settings
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.utils import translation

from council.selectors import preferred_language


class UserLanguageMiddleware:
    """A signed-in user's language (their own, else their council's) beats the cookie and the browser.

    A visitor's `?language=` beats them too: the sign-in link carries the language of the page it is on (a
    portal speaks its council's language to a visitor who chose none), and the sign-in page keeps it.

    Runs after LocaleMiddleware, which has already chosen from the cookie or Accept-Language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = None
        if request.user.is_authenticated:
            language = preferred_language(request.user)
        elif request.GET.get("language") in dict(settings.LANGUAGES):
            language = request.GET["language"]
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        # The cookie follows the user's language, so the pages after signing out (and the
        # next sign-in page) stay in it.
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE, samesite="Lax"
            )
        return response


class FriendlyMethodNotAllowedMiddleware:
    """Django answers a GET on a POST-only address with an empty 405; people get a page saying what happened."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            page = render(request, "405.html", status=405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response


def _without_nul(data: QueryDict) -> QueryDict:
    if not any("\x00" in key or any("\x00" in value for value in values) for key, values in data.lists()):
        return data
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned


class NulMiddleware:
    """NUL never reaches the database (PostgreSQL refuses it in text, an error page; SQLite stores it): an address
    with one is no page (404), and NULs in query strings, posted forms and cookies are dropped.

    Runs before the session middleware reads its cookie. Forms drop the other control characters (FormMixin).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            translation.activate(translation.get_language_from_request(request))  # the 404 page in their language
            raise Http404
        request.GET = _without_nul(request.GET)
        if request.method == "POST":
            request.POST = _without_nul(request.POST)
        if any("\x00" in key + value for key, value in request.COOKIES.items()):
            request.COOKIES = {
                key.replace("\x00", ""): value.replace("\x00", "") for key, value in request.COOKIES.items()
            }
        return self.get_response(request)
