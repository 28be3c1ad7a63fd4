from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Councils and accounts")

    def ready(self):
        from django.apps import apps
        from django.contrib.auth.signals import user_logged_in

        from council import audit, permissions  # noqa: F401  (permissions registers the permission rules)
        from helpers.caching import watch_models

        user_logged_in.connect(speak_the_users_language, dispatch_uid="hamahang-language-on-login")
        watch_models(apps.get_models())
        audit.connect()


def speak_the_users_language(sender, request, user, **kwargs):
    """From the moment of signing in, the request (and its "signed in" message) is in the user's language."""
    from django.utils import translation

    from council.selectors import language_for_recipient

    language = language_for_recipient(user)
    translation.activate(language)
    if request is not None:
        request.LANGUAGE_CODE = language


class HamahangAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "council.admin_site.HamahangAdminSite"
