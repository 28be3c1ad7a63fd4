import functools
import zoneinfo
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.encoding import force_str
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from helpers.colours import HEX_COLOUR, darkened_for_white_text
from helpers.concurrency import Versioned
from helpers.files import IMAGE_EXTENSIONS, UploadValidator


class Language(models.TextChoices):
    PERSIAN = "fa", _("Persian")
    ALBANIAN = "sq", _("Albanian")
    SERBIAN = "sr", _("Serbian (Cyrillic)")
    SERBIAN_LATIN = "sr-latn", _("Serbian (Latin)")
    ENGLISH = "en", _("English")


class User(AbstractUser):
    """A person who signs in: chair, secretary, liaison, member or admin."""

    # Their name shows on their councils' pages; signing in (`last_login`) changes nothing shown.
    cache_scopes = {"council": "memberships.council_id"}
    cache_ignored_fields = frozenset({"last_login", "password"})

    language = models.CharField(
        _("language"),
        max_length=8,
        choices=Language.choices,
        blank=True,
        help_text=_("Leave empty to use your council's language."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    AUTOMATIC = "hamahang.automatic"

    @classmethod
    def automatic(cls) -> "User":
        """The account background jobs act as, so that what they write names someone. It cannot sign in."""
        user, _created = cls.objects.get_or_create(
            username=cls.AUTOMATIC, defaults={"is_active": False, "password": make_password(None)}
        )
        return user

    @property
    def display_name(self) -> str:
        if self.username == self.AUTOMATIC:
            return gettext("Hamahang (automatic)")
        return self.get_full_name() or self.username


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


class Council(models.Model):
    """A county's or municipality's public-relations coordination council."""

    cache_scopes = {"council": "pk"}

    class Calendar(models.TextChoices):
        GREGORIAN = "gregorian", _("Gregorian")
        JALALI = "jalali", _("Jalali (Persian)")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short address"), max_length=60, unique=True, allow_unicode=False)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.ENGLISH)
    calendar = models.CharField(_("calendar"), max_length=16, choices=Calendar.choices, default=Calendar.GREGORIAN)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC", validators=[validate_time_zone])
    letterhead = models.TextField(_("letterhead"), blank=True, help_text=_("Printed at the top of documents."))
    logo = models.ImageField(
        _("logo"),
        upload_to="councils/",
        blank=True,
        help_text=_("Printed above the letterhead."),
        validators=[UploadValidator(*IMAGE_EXTENSIONS, max_mb=2)],
    )
    brand_colour = models.CharField(
        _("portal colour"),
        max_length=7,
        blank=True,
        validators=[RegexValidator(HEX_COLOUR, _("Give the colour as # and six hexadecimal digits, e.g. #0e5a8a."))],
        help_text=_(
            "The public portal's banner colour (#rrggbb). A light colour is darkened until white text on it is "
            "readable."
        ),
    )
    official_languages = models.CharField(
        _("official languages"),
        max_length=60,
        blank=True,
        validators=[
            RegexValidator(
                r"^(fa|sq|sr|sr-latn|en)(,(fa|sq|sr|sr-latn|en))*$",
                _("Give language codes separated by commas, e.g. sq,sr (codes: fa, sq, sr, sr-latn, en)."),
            )
        ],
        help_text=_(
            "Each published act carries a version in each of these languages (Gjilan: sq,sr). Empty: the council's "
            "language only."
        ),
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", _("Give the currency's three-letter code, e.g. IRR or EUR."))],
        help_text=_("Its ISO 4217 code (IRR, EUR, RSD): printed after budgets and costs."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self) -> str:
        return self.name

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def portal_colour(self) -> str:
        """The portal banner's background: the council's colour, darkened if white text on it would be hard to read."""
        return darkened_for_white_text(self.brand_colour) if self.brand_colour else ""

    @property
    def languages(self) -> list[str]:
        """The council's official languages, its own language first."""
        listed = [code for code in self.official_languages.split(",") if code]
        return [self.language, *[code for code in listed if code != self.language]]

    def today(self) -> date:
        """Today in the council's time zone: deadlines, due dates and overdue items all count in it."""
        return timezone.localdate(timezone=self.tzinfo)


class Department(Versioned):
    """A government department (or municipal directorate) whose PR office sits on the council."""

    cache_scopes = {"council": "council_id"}

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="departments", verbose_name=_("council")
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40)
    head_name = models.CharField(_("head of department"), max_length=200, blank=True)
    has_pr_unit = models.BooleanField(
        _("PR unit in the org chart"), default=False, help_text=_("Does the official org chart have a PR position?")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta(Versioned.Meta):
        db_table = "departments_department"  # its table from when it lived in the departments app
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="unique_department_name"),
            models.UniqueConstraint(fields=["council", "short_name"], name="unique_department_short_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
    LIAISON = "liaison", _("PR liaison")


class ChoiceLabels(models.Model):
    """`get_FOO_display()` as one dictionary lookup. Django's builds a dictionary of every choice on each call,
    translating every label to hash it: on a meeting page's attendance table that was a tenth of the page.
    The labels are translated once per language."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return _labels(field, translation.get_language()).get(value, value)


@functools.cache
def _labels(field, language) -> dict:
    return {value: force_str(label, strings_only=True) for value, label in field.flatchoices}


class MembershipQuerySet(models.QuerySet):
    def with_people(self):
        return self.select_related("user", "department").order_by("role", "user__last_name", "user__first_name")


class Membership(ChoiceLabels):
    """A person's role in one council; a liaison also speaks for one department."""

    cache_scopes = {"council": "council_id"}

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("council")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="liaisons",
        verbose_name=_("department"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "council"], name="one_membership_per_council"),
            models.CheckConstraint(
                condition=(models.Q(role="liaison", department__isnull=False) | ~models.Q(role="liaison")),
                name="liaison_has_department",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.council}"

    def clean(self) -> None:
        if self.role == Role.LIAISON and not self.department_id:
            raise ValidationError({"department": _("A PR liaison must speak for a department.")})
        if self.department_id and self.department.council_id != self.council_id:
            raise ValidationError({"department": _("The department must belong to the same council.")})


class Invitation(models.Model):
    """An admin's invitation for a person to set their password and sign in."""

    cache_scopes = {}  # shown on no cached read

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("user")
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.user.email} ({self.created_at:%Y-%m-%d})"

    @property
    def expires_at(self):
        return self.created_at + timedelta(days=settings.INVITATION_VALID_DAYS)

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and timezone.now() < self.expires_at


class AuditEvent(models.Model):
    """A sign-in, a two-factor or role change, an invitation: who, when and from where (read-only in the admin)."""

    cache_scopes = {}  # shown on no cached read

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        TWO_FACTOR_ADDED = "two_factor_added", _("Two-factor authentication turned on")
        TWO_FACTOR_REMOVED = "two_factor_removed", _("Two-factor authentication turned off")
        RECOVERY_CODES_RESET = "recovery_codes_reset", _("Recovery codes regenerated")
        MEMBERSHIP_CREATED = "membership_created", _("Role given")
        MEMBERSHIP_CHANGED = "membership_changed", _("Role changed")
        MEMBERSHIP_DELETED = "membership_deleted", _("Role taken away")
        INVITATION_SENT = "invitation_sent", _("Invitation sent")
        INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    kind = models.CharField(_("event"), max_length=32, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    login = models.CharField(_("login typed"), max_length=150, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["user", "kind", "ip"], name="audit_known_address")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.at:%Y-%m-%d %H:%M}"
