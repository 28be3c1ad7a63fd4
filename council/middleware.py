from django.utils import translation

from council.selectors import preferred_language


class UserLanguageMiddleware:
    """A signed-in user's language (their own, else their council's) beats the cookie and the browser.

    Runs after LocaleMiddleware, which has already chosen from the cookie or Accept-Language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            language = preferred_language(request.user)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
