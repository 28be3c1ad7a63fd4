"""The dashboards and the training plan as CSV or XLSX, numbers as numbers, dates in the council's calendar."""

from django.utils import translation
from django.utils.translation import gettext as _

from departments.models import CHANNELS, STAFF_FUNCTIONS, SubmissionState
from helpers.exports import table_response
from helpers.l10n import calendars


def _yes_no(value) -> str:
    return "" if value is None else (_("Yes") if value else _("No"))


def _answer_text(value):
    return _yes_no(value) if isinstance(value, bool) else value


def gap_response(dashboard, kind: str):
    questions = list(dashboard.round.questions.all())
    header = [
        _("Department"),
        _("State"),
        _("Late"),
        _("PR unit in the org chart"),
        _("Approved PR positions"),
        _("Filled PR positions"),
        _("Vacant PR positions"),
        *[_("Shortfall: %(function)s") % {"function": label} for _function, label in STAFF_FUNCTIONS],
        _("Total shortfall"),
        _("Change since the previous round"),
        _("Missing equipment"),
        _("Annual PR budget"),
        _("Training needs"),
        _("Comments"),
        *[question.text for question in questions],
    ]
    rows = []
    for row in dashboard.rows:
        response = row.response
        state = SubmissionState(row.state).label if row.state else _("Not started")
        if response is None:
            rows.append([row.department.name, state, _yes_no(row.late or None)])
            continue
        rows.append(
            [
                row.department.name,
                state,
                _yes_no(row.late),
                _yes_no(response.has_pr_unit),
                response.approved_positions,
                response.filled_positions,
                response.vacant_positions,
                *row.shortfalls,
                response.total_shortfall,
                row.shortfall_change,
                ", ".join(row.equipment_labels),
                response.annual_budget,
                response.training_needs,
                response.comments,
                *[_answer_text(response.extra_answers.get(str(question.pk))) for question in questions],
            ]
        )
    filename = f"staffing-gaps-{dashboard.round.council.slug}-{dashboard.round.pk}"
    return table_response(header, rows, kind=kind, filename=filename, title=_("Staffing gaps"))


def activity_response(council, dashboard, kind: str):
    header = [
        _("Department"),
        _("Reporting period"),
        _("State"),
        _("Late"),
        *[label for _c, label in CHANNELS],
        _("Links"),
    ]
    rows = []
    for department in dashboard.departments:
        for period in dashboard.periods:
            report = dashboard.cell(department, period)
            if report is None:
                rows.append([department.name, period.title, _("Not started")])
                continue
            rows.append(
                [
                    department.name,
                    period.title,
                    report.get_state_display(),
                    _yes_no(report.late),
                    *[getattr(report, channel) for channel, _label in CHANNELS],
                    " ".join(report.link_list),
                ]
            )
    return table_response(header, rows, kind=kind, filename=f"activity-{council.slug}", title=_("Activity reports"))


def training_plan_response(council, courses, year: int, kind: str):
    language = translation.get_language()
    header = [
        _("Date"),
        _("Course"),
        _("Gap it answers"),
        _("Departments"),
        _("Place"),
        _("Trainer or provider"),
        _("Duration (hours)"),
        _("Estimated cost"),
        _("Enrolled"),
        _("Attended"),
        _("State"),
    ]
    rows = [
        [
            calendars.format_date(course.starts_on, calendar=council.calendar, language=language),
            course.title,
            course.get_gap_display(),
            ", ".join(sorted({p.department.short_name for p in course.proposals.all()})),
            course.place,
            course.trainer,
            course.duration_hours,
            course.estimated_cost,
            course.enrolled,
            course.attended,
            course.get_state_display(),
        ]
        for course in courses
    ]
    return table_response(
        header, rows, kind=kind, filename=f"training-plan-{council.slug}-{year}", title=_("Training plan")
    )
