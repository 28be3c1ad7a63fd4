"""Background work for department submissions: reminders to liaisons, return notices."""

from django.conf import settings
from django.urls import reverse

from council.models import Membership, Role
from council.selectors import language_for_recipient
from council.tasks import send_templated_mail
from departments.models import ActivityPeriod, SubmissionState, SurveyResponse, SurveyRound

# Days before the deadline (negative: after it) on which the liaisons still owing an answer hear of it.
REMINDER_DAYS = {3: "before", -1: "after"}


def send_submission_reminders() -> int:
    """Daily: liaisons whose department has not submitted hear of it 3 days before the deadline and the day after."""
    sent = 0
    for model, url_name in (
        (SurveyRound, "departments:survey-answer-edit"),
        (ActivityPeriod, "departments:activity-report-edit"),
    ):
        for collection in model.objects.filter(closed_at__isnull=True).select_related("council"):
            stage = REMINDER_DAYS.get(collection.days_to_deadline(collection.council.today()))
            if stage is None:
                continue
            already = set(collection.reminders_sent.get(stage, []))
            submitted = set(
                collection.submissions.filter(state=SubmissionState.SUBMITTED).values_list("department_id", flat=True)
            )
            owing = collection.departments.exclude(pk__in=submitted | already)
            liaisons = Membership.objects.filter(department__in=owing, role=Role.LIAISON).select_related(
                "user", "department"
            )
            for membership in liaisons:
                if not membership.user.email:
                    continue
                link = reverse(url_name, args=[collection.council.slug, collection.pk, membership.department_id])
                send_templated_mail(
                    to=membership.user.email,
                    template="submission_reminder",
                    context={
                        "collection": collection,
                        "council": collection.council,
                        "department": membership.department,
                        "overdue": stage == "after",
                        "link": settings.SITE_URL + link,
                    },
                    language=language_for_recipient(membership.user),
                )
                sent += 1
            collection.reminders_sent[stage] = sorted(already | set(owing.values_list("pk", flat=True)))
            collection.save(update_fields=["reminders_sent"])
    return sent


def send_return_notice(model_label: str, submission_id: int) -> int:
    """Tell a department's liaisons that their answer came back for correction, and why."""
    from django.apps import apps

    model = apps.get_model(model_label)
    submission = model.objects.select_related("department__council").get(pk=submission_id)
    collection, department = submission.collection, submission.department
    url_name = "departments:survey-answer-edit" if model is SurveyResponse else "departments:activity-report-edit"
    link = settings.SITE_URL + reverse(url_name, args=[department.council.slug, collection.pk, department.pk])
    sent = 0
    for membership in Membership.objects.filter(department=department, role=Role.LIAISON).select_related("user"):
        if membership.user.email:
            send_templated_mail(
                to=membership.user.email,
                template="submission_returned",
                context={
                    "submission": submission,
                    "collection": collection,
                    "council": department.council,
                    "link": link,
                },
                language=language_for_recipient(membership.user),
            )
            sent += 1
    return sent
