from django.conf import settings
from django.shortcuts import render
from django.utils import translation

from council.selectors import preferred_language


class UserLanguageMiddleware:
    """A signed-in user's language (their own, else their council's) beats the cookie and the browser.

    Runs after LocaleMiddleware, which has already chosen from the cookie or Accept-Language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = None
        if request.user.is_authenticated:
            language = preferred_language(request.user)
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
