"""State changes of meetings, their agendas, minutes, decisions and action items.

Each function is atomic, re-reads the row it changes under a lock (`_locked`) so that a check never passes on a
copy loaded before someone else's change, and raises MeetingError (with a message for the user) when the change
is not allowed; views only parse, authorise and call.
"""

from django.core import signing
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from council.models import Council, Role, User
from council.selectors import council_chair
from council.versions import language_name
from helpers.caching import rows_changed, scopes_changed
from helpers.concurrency import EditConflict, claim_version
from helpers.l10n import calendars
from meetings.models import (
    ActionItem,
    AgendaAttachment,
    AgendaItem,
    AgendaProposal,
    Amendment,
    Attendance,
    Decision,
    InvalidTransition,
    Meeting,
    Notification,
    ProgressUpdate,
    Statement,
    StatementVersion,
    attendance_state,
)

RSVP_SALT = "hamahang.rsvp"


class MeetingError(Exception):
    """A change the meeting's state or the input does not allow; str(error) is shown to the user."""


def council_year(council: Council, when) -> int:
    """The year of a moment in the council's calendar and time zone (1405, 2026)."""
    local = calendars.local(when, council.tzinfo).date()
    if council.calendar == calendars.JALALI:
        import jdatetime

        return jdatetime.date.fromgregorian(date=local).year
    return local.year


def _locked(row, by=None):
    """Re-read the row into the caller's object, locked until the transaction ends; `by` is named in its history."""
    row.refresh_from_db(from_queryset=type(row).objects.select_for_update())
    if by is not None:
        row._history_user = by
    return row


def _move(meeting: Meeting, state: str, **fields) -> None:
    """Move a meeting locked with _locked."""
    try:
        meeting.ensure_can_move_to(state)
    except InvalidTransition as error:
        raise MeetingError(str(error)) from None
    meeting.state = state
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.version += 1
    meeting.save(update_fields=["state", "version", *fields])


def _on_commit(task: str, *args) -> None:
    transaction.on_commit(lambda: async_task(task, *args))


def _notify(kind: str, recipients, *, by=None, **about) -> list[Notification]:
    """Write one notification e-mail per recipient (not to whoever made the change), each sent by its own task
    after the commit: the caller has checked its state under a lock, so a second click writes none."""
    rows = Notification.objects.bulk_create(
        Notification(kind=kind, recipient=user, **about) for user in recipients if by is None or user.pk != by.pk
    )
    for row in rows:
        _on_commit("meetings.tasks.send_notification", row.pk)
    return rows


def _people(council: Council, role: str, **membership):
    return User.objects.filter(
        memberships__council=council,
        memberships__role=role,
        is_active=True,
        **{f"memberships__{name}": value for name, value in membership.items()},
    ).order_by("pk")


def _ensure_future(starts_at) -> None:
    if starts_at <= timezone.now():
        raise MeetingError(_("The meeting's date and time have already passed. Choose a time in the future."))


# Meetings


@transaction.atomic
def meeting_create(
    *, council: Council, created_by, starts_at, place, title="", duration_minutes=90, stream_url="", chaired_by=None
):
    _ensure_future(starts_at)
    Council.objects.select_for_update().filter(pk=council.pk).first()  # serialises numbering per council
    year = council_year(council, starts_at)
    last = Meeting.objects.filter(council=council, year=year).aggregate(last=Max("number"))["last"] or 0
    meeting = Meeting.objects.create(
        council=council,
        year=year,
        number=last + 1,
        title=title,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place,
        stream_url=stream_url,
        chaired_by=chaired_by or council_chair(council),
        created_by=created_by,
    )
    agenda_refresh_follow_up(meeting=meeting)
    return meeting


@transaction.atomic
def meeting_set_chair(*, meeting: Meeting, base_version, chaired_by, by=None) -> None:
    """Correct who chaired a meeting; the approved minutes are final."""
    _locked(meeting, by)
    if meeting.minutes_are_frozen or meeting.state == Meeting.State.CANCELLED:
        raise MeetingError(_("Who chaired the meeting can be corrected only until the minutes are approved."))
    claim_version(meeting, base_version)
    meeting.chaired_by = chaired_by
    meeting.save(update_fields=["chaired_by", "version"])


@transaction.atomic
def meeting_reschedule(
    *, meeting: Meeting, base_version, title, starts_at, duration_minutes, place, stream_url, chaired_by=None, by=None
) -> Meeting:
    _locked(meeting, by)
    if not meeting.agenda_is_editable:
        raise MeetingError(_("A meeting that has been held or cancelled can no longer be rescheduled."))
    claim_version(meeting, base_version)
    if starts_at != meeting.starts_at:
        _ensure_future(starts_at)
    moved = (starts_at, duration_minutes, place, stream_url) != (
        meeting.starts_at,
        meeting.duration_minutes,
        meeting.place,
        meeting.stream_url,
    )
    meeting.title, meeting.starts_at, meeting.duration_minutes = title, starts_at, duration_minutes
    meeting.place, meeting.stream_url, meeting.chaired_by = place, stream_url, chaired_by
    fields = ["title", "starts_at", "duration_minutes", "place", "stream_url", "chaired_by", "version"]
    if moved and meeting.state == Meeting.State.AGENDA_PUBLISHED:
        meeting.ical_sequence += 1
        fields.append("ical_sequence")
        _mail_everyone(meeting, "update")
    meeting.save(update_fields=fields)
    return meeting


@transaction.atomic
def meeting_publish_agenda(*, meeting: Meeting, by) -> None:
    _locked(meeting, by)
    if meeting.state == Meeting.State.DRAFT and not meeting.items.exists():
        raise MeetingError(_("Add at least one agenda item before publishing the agenda."))
    _ensure_future(meeting.starts_at)
    _move(meeting, Meeting.State.AGENDA_PUBLISHED, agenda_published_at=timezone.now())
    agenda_refresh_follow_up(meeting=meeting)
    invited = set(meeting.attendances.values_list("membership_id", flat=True))
    invitations = Attendance.objects.bulk_create(
        Attendance(meeting=meeting, membership=membership)
        for membership in meeting.council.memberships.exclude(pk__in=invited)
    )
    rows_changed(invitations)
    _on_commit("meetings.tasks.send_meeting_mail", meeting.pk, "invitation")


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by, reason: str) -> None:
    if not reason.strip():
        raise MeetingError(_("Say why the meeting is cancelled."))
    _locked(meeting, by)
    was_announced = meeting.state == Meeting.State.AGENDA_PUBLISHED
    _move(meeting, Meeting.State.CANCELLED, cancel_reason=reason.strip(), ical_sequence=meeting.ical_sequence + 1)
    if was_announced:
        _mail_everyone(meeting, "cancellation")


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, by) -> None:
    _locked(meeting, by)
    if meeting.starts_at > timezone.now():
        raise MeetingError(_("The meeting has not started yet; it can be marked as held once it has begun."))
    _move(meeting, Meeting.State.HELD, recorded_by=by)


# Agenda


def _ensure_agenda_editable(meeting: Meeting) -> None:
    if not meeting.agenda_is_editable:
        raise MeetingError(_("The agenda of a meeting that has been held or cancelled cannot be changed."))


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, title, description="", presenter=None, minutes_allotted=10) -> AgendaItem:
    _ensure_agenda_editable(_locked(meeting))
    last = meeting.items.aggregate(last=Max("position"))["last"]
    return AgendaItem.objects.create(
        meeting=meeting,
        position=0 if last is None else last + 1,
        title=title,
        description=description,
        presenter=presenter,
        minutes_allotted=minutes_allotted,
    )


@transaction.atomic
def agenda_item_update(
    *, item: AgendaItem, base_version, title, description, presenter, minutes_allotted, by=None
) -> AgendaItem:
    _ensure_agenda_editable(_locked(item.meeting))
    claim_version(item, base_version)
    if by is not None:
        item._history_user = by
    item.title, item.description, item.presenter, item.minutes_allotted = (
        title,
        description,
        presenter,
        minutes_allotted,
    )
    item.save(update_fields=["title", "description", "presenter", "minutes_allotted", "version"])
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem) -> None:
    _ensure_agenda_editable(_locked(item.meeting))
    item.delete()


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, offset: int) -> None:
    """Move an item up (-1) or down (+1), renumbering the agenda 0, 1, 2… so positions stay unique."""
    _ensure_agenda_editable(_locked(item.meeting))
    items = list(item.meeting.items.select_for_update().order_by("position", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = max(0, min(len(items) - 1, index + offset))
    items.insert(target, items.pop(index))
    for position, other in enumerate(items):
        if other.position != position:
            other.position = position
            other.save(update_fields=["position"])


@transaction.atomic
def agenda_attachment_add(*, item: AgendaItem, file, by) -> AgendaAttachment:
    _ensure_agenda_editable(_locked(item.meeting))
    return AgendaAttachment.objects.create(item=item, file=file, name=file.name[:255], size=file.size, uploaded_by=by)


def agenda_refresh_follow_up(*, meeting: Meeting) -> None:
    """Carry the council's open action items into the meeting's agenda as a first, follow-up item."""
    from meetings.selectors import open_action_items_digest

    digest = open_action_items_digest(meeting.council, before=meeting)
    item = meeting.items.filter(kind=AgendaItem.Kind.FOLLOW_UP).first()
    if not digest:
        if item is not None and meeting.state == Meeting.State.DRAFT:
            item.delete()
        return
    if item is None:
        meeting.items.update(position=F("position") + 1)
        rows_changed([AgendaItem(meeting=meeting)])
        with translation.override(meeting.council.language):
            title = _("Follow-up of earlier decisions")
        AgendaItem.objects.create(
            meeting=meeting,
            position=0,
            kind=AgendaItem.Kind.FOLLOW_UP,
            title=title,
            description=digest,
            minutes_allotted=15,
        )
    elif item.description != digest:
        item.description = digest
        item.version += 1  # an edit form opened on the old digest must not save over the new one
        item.save(update_fields=["description", "version"])


# Proposals


@transaction.atomic
def proposal_create(*, meeting: Meeting, by, department, title, description) -> AgendaProposal:
    _ensure_agenda_editable(_locked(meeting))
    return AgendaProposal.objects.create(
        meeting=meeting, proposed_by=by, department=department, title=title, description=description
    )


@transaction.atomic
def proposal_accept(*, proposal: AgendaProposal, by) -> AgendaItem:
    _locked(proposal)
    if proposal.state != AgendaProposal.State.PENDING:
        raise MeetingError(_("This proposal has already been decided."))
    item = agenda_item_add(
        meeting=proposal.meeting, title=proposal.title, description=proposal.description, presenter=proposal.department
    )
    proposal.state, proposal.decided_by, proposal.agenda_item = AgendaProposal.State.ACCEPTED, by, item
    proposal.save(update_fields=["state", "decided_by", "agenda_item"])
    return item


@transaction.atomic
def proposal_decline(*, proposal: AgendaProposal, by, reason: str) -> None:
    _locked(proposal)
    if proposal.state != AgendaProposal.State.PENDING:
        raise MeetingError(_("This proposal has already been decided."))
    if not reason.strip():
        raise MeetingError(_("Give the reason for declining, so the proposer knows."))
    proposal.state, proposal.decided_by, proposal.decline_reason = AgendaProposal.State.DECLINED, by, reason.strip()
    proposal.save(update_fields=["state", "decided_by", "decline_reason"])


# Invitations and attendance


def rsvp_token(attendance: Attendance) -> str:
    return signing.dumps([attendance.pk, attendance.token_version], salt=RSVP_SALT)


def attendance_from_token(token: str) -> Attendance | None:
    """The attendance a reply link is for; None for a forged link or one replaced by a later e-mail."""
    try:
        value = signing.loads(token, salt=RSVP_SALT)
    except signing.BadSignature:
        return None
    try:
        pk, version = (value, 0) if isinstance(value, int) else value  # links sent before versions were (pk)
    except (TypeError, ValueError):
        return None
    attendance = Attendance.objects.select_related("meeting__council", "membership__user").filter(pk=pk).first()
    return attendance if attendance and attendance.token_version == version else None


@transaction.atomic
def rsvp_reply(*, attendance: Attendance, reply: str, delegate: str = "") -> None:
    meeting = _locked(attendance.meeting)
    if meeting.state != Meeting.State.AGENDA_PUBLISHED or meeting.starts_at <= timezone.now():
        raise MeetingError(_("This meeting is no longer open for replies."))
    if reply == Attendance.Reply.DELEGATE and not delegate.strip():
        raise MeetingError(_("Give the name of the person you are sending."))
    attendance.reply = reply
    attendance.reply_delegate = delegate.strip() if reply == Attendance.Reply.DELEGATE else ""
    attendance.replied_at = timezone.now()
    attendance.save(update_fields=["reply", "reply_delegate", "replied_at"])


@transaction.atomic
def attendance_record(*, meeting: Meeting, rows: list[tuple[Attendance, str, str]], base_state=None) -> None:
    """Record who came. `rows` holds (attendance, status, delegate name); given `base_state` (attendance_state()
    of the rows when the form was opened), raise EditConflict if someone has recorded attendance since."""
    _locked(meeting)
    if meeting.state not in (Meeting.State.AGENDA_PUBLISHED, Meeting.State.HELD, Meeting.State.MINUTES_DRAFTED):
        raise MeetingError(
            _("Attendance is recorded for a meeting whose agenda is published and minutes not approved.")
        )
    if base_state is not None:
        current = Attendance.objects.select_for_update(of=("self",)).filter(pk__in=[row[0].pk for row in rows])
        if attendance_state(current) != base_state:
            raise EditConflict
    for attendance, status, delegate in rows:
        if status == Attendance.Status.DELEGATE and not delegate.strip():
            raise MeetingError(_("Give the delegate's name for %(name)s.") % {"name": attendance.membership.user})
        attendance.status = status
        attendance.delegate_name = delegate.strip() if status == Attendance.Status.DELEGATE else ""
        attendance.save(update_fields=["status", "delegate_name"])


def invitations_resend_failed(*, meeting: Meeting) -> int:
    failed = meeting.attendances.filter(mail_status=Attendance.Mail.FAILED).update(token_version=F("token_version") + 1)
    if failed:
        _on_commit("meetings.tasks.send_meeting_mail", meeting.pk, "invitation")
    return failed


def _mail_everyone(meeting: Meeting, kind: str) -> None:
    meeting.attendances.update(
        mail_status=Attendance.Mail.NOT_SENT, mail_error="", token_version=F("token_version") + 1
    )
    rows_changed([Attendance(meeting=meeting)])
    _on_commit("meetings.tasks.send_meeting_mail", meeting.pk, kind)


# Minutes


def _ensure_minutes_editable(meeting: Meeting) -> None:
    if not meeting.minutes_are_editable:
        if meeting.minutes_are_frozen:
            raise MeetingError(_("The minutes are approved; a correction must be recorded as an amendment."))
        raise MeetingError(_("Minutes are written once the meeting has been held."))


@transaction.atomic
def minutes_save(
    *, meeting: Meeting, base_version: int, discussions: dict[int, str], new_decisions=(), by=None
) -> list[Decision]:
    """Save the discussion of each item, or raise EditConflict if someone saved the minutes meanwhile; add the
    decisions drafted in the editor with them, `new_decisions` being (item, {text, departments, due_date})."""
    _ensure_minutes_editable(_locked(meeting))
    if not Meeting.objects.filter(pk=meeting.pk, version=base_version).update(version=F("version") + 1):
        raise EditConflict
    scopes_changed([("meeting", meeting.pk)])  # only its version: not the council's list of meetings
    for item in meeting.items.filter(pk__in=discussions):
        if item.discussion != discussions[item.pk]:
            item.discussion = discussions[item.pk]
            item.save(update_fields=["discussion"])
    added = [decision_save(item=item, decision=None, by=by, **fields) for item, fields in new_decisions]
    meeting.refresh_from_db(fields=["version"])
    return added


@transaction.atomic
def decision_save(
    *, item: AgendaItem, decision: Decision | None, text: str, departments, due_date, base_version=None, by=None
) -> Decision:
    """Add a decision, or edit one (refused with EditConflict unless the edit began from its saved version)."""
    _ensure_minutes_editable(_locked(item.meeting))
    if not text.strip():
        raise MeetingError(_("A decision needs its text."))
    if decision is not None:
        claim_version(decision, base_version)
    else:
        last = item.decisions.aggregate(last=Max("position"))["last"]
        decision = Decision(council=item.meeting.council, item=item, position=0 if last is None else last + 1)
    decision.text, decision.due_date = text.strip(), due_date
    if by is not None:
        decision._history_user = by
    decision.save()
    decision.departments.set(departments)
    return decision


@transaction.atomic
def decision_delete(*, decision: Decision) -> None:
    _ensure_minutes_editable(_locked(decision.item.meeting))
    decision.delete()


@transaction.atomic
def minutes_submit(*, meeting: Meeting, by) -> None:
    """Send the minutes to the chair: they are e-mailed that the minutes await their approval."""
    _move(_locked(meeting, by), Meeting.State.MINUTES_DRAFTED)
    chairs = _people(meeting.council, Role.CHAIR)
    _notify(Notification.Kind.MINUTES_TO_APPROVE, chairs, by=by, council_id=meeting.council_id, meeting=meeting)


@transaction.atomic
def minutes_return(*, meeting: Meeting, by) -> None:
    _move(_locked(meeting, by), Meeting.State.HELD)


@transaction.atomic
def minutes_approve(*, meeting: Meeting, by) -> None:
    """Freeze the minutes, number the decisions and open an action item per responsible department; each liaison
    of those departments is e-mailed their department's new items."""
    _move(
        _locked(meeting, by), Meeting.State.MINUTES_APPROVED, minutes_approved_at=timezone.now(), minutes_approved_by=by
    )
    Council.objects.select_for_update().filter(pk=meeting.council_id).first()
    year = meeting.year
    last = Decision.objects.filter(council=meeting.council, year=year).aggregate(last=Max("number"))["last"] or 0
    decisions = (
        Decision.objects.filter(item__meeting=meeting)
        .prefetch_related("departments")
        .order_by("item__position", "position", "pk")
    )
    actions = []
    for decision in decisions:
        last += 1
        decision.year, decision.number = year, last
        decision.save(update_fields=["year", "number"])
        actions += [
            ActionItem(decision=decision, council=meeting.council, department=department, due_date=decision.due_date)
            for department in decision.departments.all()
        ]
    ActionItem.objects.bulk_create(actions)
    rows_changed(actions)
    for department_id in sorted({action.department_id for action in actions}):
        liaisons = _people(meeting.council, Role.LIAISON, department_id=department_id)
        _notify(
            Notification.Kind.NEW_ACTION_ITEMS,
            liaisons,
            council_id=meeting.council_id,
            meeting=meeting,
            department_id=department_id,
        )


@transaction.atomic
def meeting_publish(*, meeting: Meeting, by) -> None:
    _move(_locked(meeting, by), Meeting.State.PUBLISHED, published_at=timezone.now())


@transaction.atomic
def minutes_amend(*, meeting: Meeting, by, target: AgendaItem | Decision, new_text: str, reason: str) -> Amendment:
    """Correct approved minutes: the old text, the new one, the reason and the author are all kept."""
    _locked(meeting)
    _locked(target, by)
    if not meeting.minutes_are_frozen:
        raise MeetingError(_("Only approved minutes are amended; draft minutes are simply edited."))
    if not reason.strip() or not new_text.strip():
        raise MeetingError(_("An amendment needs the corrected text and the reason for it."))
    is_decision = isinstance(target, Decision)
    field = "text" if is_decision else "discussion"
    old_text = getattr(target, field)
    setattr(target, field, new_text.strip())
    target._change_reason = reason.strip()  # recorded by django-simple-history
    target.save(update_fields=[field])
    return Amendment.objects.create(
        meeting=meeting,
        item=None if is_decision else target,
        decision=target if is_decision else None,
        old_text=old_text,
        new_text=new_text.strip(),
        reason=reason.strip(),
        made_by=by,
    )


# Action items


@transaction.atomic
def progress_post(*, action_item: ActionItem, author, text: str, attachment=None, proposes_done=False):
    _locked(action_item, author)
    if action_item.status == ActionItem.Status.DONE:
        raise MeetingError(_("This action item is closed. Ask the chair to reopen it to report more."))
    if not text.strip():
        raise MeetingError(_("Describe the progress."))
    update = ProgressUpdate.objects.create(
        action_item=action_item,
        author=author,
        text=text.strip(),
        attachment=attachment or "",
        proposes_done=proposes_done,
    )
    newly_done = proposes_done and action_item.status != ActionItem.Status.DONE_PROPOSED
    action_item.status = ActionItem.Status.DONE_PROPOSED if proposes_done else ActionItem.Status.IN_PROGRESS
    action_item.last_update_at = update.created_at
    action_item.save(update_fields=["status", "last_update_at"])
    if newly_done:  # the secretariat prepares it for the chair to accept; told once, not on every later report
        secretaries = _people(action_item.council, Role.SECRETARY)
        _notify(
            Notification.Kind.REPORTED_DONE,
            secretaries,
            by=author,
            council_id=action_item.council_id,
            action_item=action_item,
            progress=update,
        )
    return update


@transaction.atomic
def action_item_close(*, action_item: ActionItem, by) -> None:
    _locked(action_item, by)
    if action_item.status == ActionItem.Status.DONE:
        raise MeetingError(_("This action item is already closed."))
    action_item.status, action_item.closed_at, action_item.closed_by = ActionItem.Status.DONE, timezone.now(), by
    action_item.save(update_fields=["status", "closed_at", "closed_by"])


@transaction.atomic
def action_item_reopen(*, action_item: ActionItem, by) -> None:
    _locked(action_item, by)
    if action_item.status != ActionItem.Status.DONE_PROPOSED and action_item.status != ActionItem.Status.DONE:
        raise MeetingError(_("Only an item reported or accepted as done can be sent back."))
    action_item.status, action_item.closed_at, action_item.closed_by = ActionItem.Status.IN_PROGRESS, None, None
    action_item.save(update_fields=["status", "closed_at", "closed_by"])


# Press statements


@transaction.atomic
def statement_save(
    *, statement: Statement, title, body, meeting, decisions, photo=None, base_version=None, by=None
) -> Statement:
    """Create a statement, or edit a draft (refused with EditConflict unless the edit began from its saved version)."""
    if statement.pk:
        _locked(statement)
        if statement.state != Statement.State.DRAFT:
            raise MeetingError(_("An approved or published statement is no longer edited."))
        claim_version(statement, base_version)
    if by is not None:
        statement._history_user = by
    statement.title, statement.body, statement.meeting = title, body, meeting
    if photo:
        statement.photo = photo
    statement.save()
    statement.decisions.set(decisions)
    return statement


@transaction.atomic
def statement_approve(*, statement: Statement, by) -> None:
    _locked(statement, by)
    if statement.state != Statement.State.DRAFT:
        raise MeetingError(_("Only a draft statement is approved."))
    statement.state, statement.approved_by = Statement.State.APPROVED, by
    statement.save(update_fields=["state", "approved_by"])


@transaction.atomic
def statement_publish(*, statement: Statement, by, at=None, without_missing_versions=False) -> None:
    """Publish now, or at a later time (the embargo): the portal shows it from then on. It needs a version in each
    of the council's official languages, unless the publisher (the chair) decides otherwise, which is recorded."""
    _locked(statement, by)
    if statement.state != Statement.State.APPROVED:
        raise MeetingError(_("A statement is published once the chair has approved it."))
    missing = statement.missing_languages()
    if missing and not without_missing_versions:
        names = ", ".join(map(language_name, missing))
        raise MeetingError(
            _("The statement has no version in: %(languages)s. Add it, or publish without it.") % {"languages": names}
        )
    now = timezone.now()
    statement.state, statement.published_at = Statement.State.PUBLISHED, max(at or now, now)
    statement.missing_versions_allowed_by = by if missing else None
    statement.save(update_fields=["state", "published_at", "missing_versions_allowed_by"])


@transaction.atomic
def statement_version_save(
    *, statement: Statement, language: str, title: str, body: str, base_version=0, by
) -> StatementVersion:
    """The statement in another official language, written with its draft. Once the chair has approved the statement
    a missing version may still be added (by the chair: views check it), never changed."""
    _locked(statement)
    if language not in statement.council.languages[1:]:
        raise MeetingError(_("This language is not one of the council's other official languages."))
    version = statement.versions.filter(language=language).first()
    if version and statement.state != Statement.State.DRAFT:
        raise MeetingError(_("An approved statement's version is not changed."))
    if version:  # a form adding one started from version 0: someone else added it since
        claim_version(version, base_version)
    version = version or StatementVersion(statement=statement, language=language, added_by=by)
    version.title, version.body, version._history_user = title, body, by
    version.save()
    return version
