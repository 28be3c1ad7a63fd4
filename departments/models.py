from django.db import models
from django.utils.translation import gettext_lazy as _

from council.concurrency import Versioned


class Department(Versioned):
    """A government department (or municipal directorate) whose PR office sits on the council."""

    council = models.ForeignKey(
        "council.Council", on_delete=models.CASCADE, related_name="departments", verbose_name=_("council")
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
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="unique_department_name"),
            models.UniqueConstraint(fields=["council", "short_name"], name="unique_department_short_name"),
        ]

    def __str__(self) -> str:
        return self.name
