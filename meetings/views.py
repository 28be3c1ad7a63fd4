from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council import permissions
from council.selectors import language_for_recipient, memberships_of
from council.versions import language_name
from helpers import params
from helpers.caching import cached_read
from helpers.concurrency import CONFLICT_MESSAGE, EditConflict, edit_conflict
from helpers.exports import EXPORT_KINDS
from helpers.files import file_response, private_download
from meetings import forms, ical, services
from meetings.models import (
    ActionItem,
    AgendaAttachment,
    AgendaItem,
    AgendaProposal,
    Attendance,
    Decision,
    Meeting,
    Statement,
)
from meetings.selectors import action_items_of, follow_up_page, meeting_page, meeting_records, meetings_of


def _meeting(request, slug, pk, predicate=permissions.can_read_drafts) -> Meeting:
    """The meeting, 404 for outsiders of its council, 403 for members whose role lacks the right."""
    council = permissions.get_council_for_user(request.user, slug)
    meeting = get_object_or_404(Meeting.objects.select_related("council"), council=council, pk=pk)
    permissions.authorize(request.user, predicate, meeting)
    return meeting


def _to_meeting(meeting: Meeting, anchor: str = ""):
    return redirect(f"{meeting_url(meeting)}{anchor}")


def meeting_url(meeting: Meeting) -> str:
    return reverse("meetings:meeting-detail", args=[meeting.council.slug, meeting.pk])


def _form_page(
    request, council, meeting, form, *, title, submit, intro="", style="primary", back=None, crumb=None, conflicts=()
):
    """The page of a simple form about a meeting (or, with meeting=None, about the council's meetings).

    `crumb` is (label, url) of the section the form belongs to, when it is not Meetings; `conflicts` what
    edit_conflict() found, shown above the form.
    """
    back = back or (meeting_url(meeting) if meeting else reverse("meetings:meeting-list", args=[council.slug]))
    context = {
        "council": council,
        "meeting": meeting,
        "form": form,
        "title": title,
        "submit_label": submit,
        "intro": intro,
        "submit_style": style,
        "back_url": back,
        "crumb": crumb,
        "conflicts": conflicts,
    }
    return render(request, "meetings/form_page.html", context)


def _without_version(form) -> dict:
    return {name: value for name, value in form.cleaned_data.items() if name != "base_version"}


def _run(request, meeting, change, success: str, anchor: str = ""):
    """Call a service; show its refusal as an error message. Always back to the meeting page."""
    try:
        change()
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return _to_meeting(meeting, anchor)


@login_required
def meeting_list(request, slug):
    council = permissions.get_council_for_user(request.user, slug)
    context = {
        "council": council,
        "meetings": meetings_of(council),
        "can_create": permissions.can_edit_agenda(request.user, council),
    }
    return render(request, "meetings/meeting_list.html", context)


@login_required
def meeting_create(request, slug):
    council = permissions.get_council_for_user(request.user, slug)
    permissions.authorize(request.user, permissions.can_edit_agenda, council)
    form = forms.MeetingForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(council=council, created_by=request.user, **_without_version(form))
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Meeting scheduled. Now add its agenda items."))
            return _to_meeting(meeting)
    return _form_page(request, council, None, form, title=_("Schedule a meeting"), submit=_("Schedule"))


@login_required
def meeting_edit(request, slug, pk):
    meeting = _meeting(request, slug, pk, permissions.can_edit_agenda)
    if meeting.minutes_are_editable:
        return _meeting_chair_edit(request, meeting)
    if not meeting.agenda_is_editable:
        messages.error(request, _("A meeting that has been held or cancelled can no longer be rescheduled."))
        return _to_meeting(meeting)
    # The form fills a copy: the service compares the saved meeting with the new values.
    form = forms.MeetingForm(request.POST or None, instance=Meeting.objects.get(pk=meeting.pk), council=meeting.council)
    conflicts = []
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_reschedule(meeting=meeting, by=request.user, **form.cleaned_data)
        except EditConflict:
            conflicts = edit_conflict(request, form, meeting)
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Meeting saved."))
            return _to_meeting(meeting)
    intro = ""
    if meeting.state == Meeting.State.AGENDA_PUBLISHED:
        intro = _("The agenda is published: a change of time or place sends everyone an updated invitation.")
    return _form_page(
        request,
        meeting.council,
        meeting,
        form,
        title=_("Edit or reschedule"),
        submit=_("Save"),
        intro=intro,
        conflicts=conflicts,
    )


def _meeting_chair_edit(request, meeting):
    """Once held, only who chaired can still be corrected (until the minutes are approved)."""
    form = forms.MeetingChairForm(
        request.POST or None, instance=Meeting.objects.get(pk=meeting.pk), council=meeting.council
    )
    conflicts = []
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_set_chair(meeting=meeting, by=request.user, **form.cleaned_data)
        except EditConflict:
            conflicts = edit_conflict(request, form, meeting)
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Meeting saved."))
            return _to_meeting(meeting)
    title = _("Who chaired the meeting")
    return _form_page(request, meeting.council, meeting, form, title=title, submit=_("Save"), conflicts=conflicts)


@login_required
def meeting_detail(request, slug, pk):
    user = request.user
    council = permissions.get_council_for_user(user, slug)
    page = meeting_page(council, pk)
    if page is None:
        raise Http404
    meeting = page["meeting"]
    meeting.council = council
    permissions.authorize(user, permissions.can_read_drafts, meeting)
    can_edit = permissions.can_edit_agenda(user, meeting)
    can_record = permissions.can_edit_minutes(user, meeting)
    membership = memberships_of(user).get(meeting.council_id)
    my_attendance = None  # the reply is asked for only while the agenda is published
    if membership and meeting.state == Meeting.State.AGENDA_PUBLISHED:
        my_attendance = next((a for a in page["attendances"] if a.membership_id == membership.pk), None)
    context = {
        "council": meeting.council,
        **page,
        "can_edit_agenda": can_edit and meeting.agenda_is_editable,
        "can_edit_minutes": can_record and meeting.minutes_are_editable,
        "can_record_attendance": permissions.can_record_attendance(user, meeting),
        "can_publish_agenda": permissions.can_publish_agenda(user, meeting),
        "can_approve_minutes": permissions.can_approve_minutes(user, meeting),
        "can_publish_minutes": permissions.can_publish_minutes(user, meeting),
        "can_decide_proposals": permissions.can_decide_proposals(user, meeting),
        "can_propose": permissions.can_propose_agenda_item(user, meeting) and meeting.agenda_is_editable,
        "can_amend": can_record and meeting.minutes_are_frozen,
        "record": _meeting_record(request, council, pk),
        "my_attendance": my_attendance,
        "my_rsvp_url": reverse("rsvp", args=[services.rsvp_token(my_attendance)]) if my_attendance else "",
        "attachment_form": forms.AttachmentForm(),
    }
    return render(request, "meetings/meeting_detail.html", context)


@cached_read(
    "meeting-record",
    council=lambda request, council, pk: council.pk,
    scopes=lambda request, council, pk: [("meeting", pk)],
    key=lambda request, council, pk: (pk, translation.get_language()),
)
def _meeting_record(request, council, pk) -> dict[str, str]:
    """The meeting page's agenda, attendance table and minutes as whoever may not edit them reads them, rendered:
    the same for all of them, and most of the page's rendering. Those who edit get the agenda or the minutes
    rendered with their buttons instead; those who record attendance, the table with its e-mail column."""
    page = meeting_page(council, pk)
    page["meeting"].council = council
    context = {**page, "council": council, "attendance_rows": attendance_rows(page["attendances"])}
    return {
        "agenda": render_to_string("meetings/_agenda.html", context, request),
        "attendance": render_to_string("meetings/_attendance_table.html", context, request),
        "attendance_with_mail": render_to_string(
            "meetings/_attendance_table.html", {**context, "with_mail": True}, request
        ),
        "minutes": render_to_string("meetings/_minutes_items.html", context, request),
    }


def attendance_rows(attendances) -> list[dict]:
    """The attendance table's cells, read once here: a template resolves a dict's keys several times faster
    than chains of attributes and display methods, and this table is most of the meeting page's rendering."""
    rows = []
    for attendance in attendances:
        membership = attendance.membership
        role = membership.get_role_display()
        rows.append(
            {
                "name": membership.user.display_name,
                "role": f"{role} · {membership.department.short_name}" if membership.department else role,
                "reply": attendance.get_reply_display(),
                "reply_delegate": attendance.reply_delegate,
                "status": attendance.get_status_display(),
                "delegate": attendance.delegate_name,
                "mail": attendance.get_mail_status_display(),
                "mail_failed": attendance.mail_status == Attendance.Mail.FAILED,
                "mail_error": attendance.mail_error,
            }
        )
    return rows


@login_required
def meeting_calendar(request, slug, pk):
    meeting = _meeting(request, slug, pk)
    response = HttpResponse(ical.meeting_calendar(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.year}-{meeting.number}.ics"'
    return private_download(response)


@login_required
def meeting_cancel(request, slug, pk):
    meeting = _meeting(request, slug, pk, permissions.can_edit_agenda)
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(meeting=meeting, by=request.user, reason=form.cleaned_data["reason"])
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting is cancelled; those invited are told."))
            return _to_meeting(meeting)
    return _form_page(
        request,
        meeting.council,
        meeting,
        form,
        title=_("Cancel meeting"),
        submit=_("Cancel the meeting"),
        intro=_("Everyone invited receives the cancellation with your reason."),
        style="danger",
    )


@require_POST
@login_required
def meeting_publish_agenda(request, slug, pk):
    meeting = _meeting(request, slug, pk, permissions.can_publish_agenda)
    return _run(
        request,
        meeting,
        lambda: services.meeting_publish_agenda(meeting=meeting, by=request.user),
        _("Agenda published. Invitations are being sent to every member."),
    )


@require_POST
@login_required
def meeting_mark_held(request, slug, pk):
    meeting = _meeting(request, slug, pk, permissions.can_record_attendance)
    return _run(
        request,
        meeting,
        lambda: services.meeting_mark_held(meeting=meeting, by=request.user),
        _("Meeting marked as held. Record the attendance and write the minutes."),
    )


# Agenda


@login_required
def item_create(request, slug, pk):
    meeting = _meeting(request, slug, pk, permissions.can_edit_agenda)
    form = forms.AgendaItemForm(request.POST or None, council=meeting.council)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_add(meeting=meeting, **_without_version(form))
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Agenda item added."))
            return _to_meeting(meeting, "#agenda")
    return _form_page(request, meeting.council, meeting, form, title=_("Add agenda item"), submit=_("Add"))


def _item(request, slug, pk, item_pk, predicate=permissions.can_edit_agenda) -> AgendaItem:
    meeting = _meeting(request, slug, pk, predicate)
    return get_object_or_404(AgendaItem.objects.select_related("meeting__council"), meeting=meeting, pk=item_pk)


@login_required
def item_edit(request, slug, pk, item_pk):
    item = _item(request, slug, pk, item_pk)
    meeting = item.meeting
    form = forms.AgendaItemForm(request.POST or None, instance=item, council=meeting.council)
    conflicts = []
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_update(item=item, by=request.user, **form.cleaned_data)
        except EditConflict:
            conflicts = edit_conflict(request, form, AgendaItem.objects.get(pk=item.pk))
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Agenda item saved."))
            return _to_meeting(meeting, "#agenda")
    return _form_page(
        request, meeting.council, meeting, form, title=_("Edit agenda item"), submit=_("Save"), conflicts=conflicts
    )


@require_POST
@login_required
def item_delete(request, slug, pk, item_pk):
    item = _item(request, slug, pk, item_pk)
    return _run(
        request, item.meeting, lambda: services.agenda_item_delete(item=item), _("Agenda item removed."), "#agenda"
    )


@require_POST
@login_required
def item_move(request, slug, pk, item_pk):
    """Move an item up or down; htmx swaps the agenda in place, a plain form reloads the page."""
    item = _item(request, slug, pk, item_pk)
    meeting = item.meeting
    try:
        services.agenda_item_move(item=item, offset=-1 if params.choice(request.POST, "direction", {"up"}) else 1)
    except services.MeetingError as error:
        messages.error(request, str(error))
    if not request.htmx:
        return _to_meeting(meeting, "#agenda")
    context = {
        "council": meeting.council,
        "meeting": meeting,
        "items": meeting_records(meeting)["items"],
        "can_edit_agenda": True,
    }
    return render(request, "meetings/_agenda.html", context)


@require_POST
@login_required
def attachment_add(request, slug, pk, item_pk):
    item = _item(request, slug, pk, item_pk)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("file", [_("Choose a file to attach.")]):
            messages.error(request, error)
        return _to_meeting(item.meeting, "#agenda")
    return _run(
        request,
        item.meeting,
        lambda: services.agenda_attachment_add(item=item, file=form.cleaned_data["file"], by=request.user),
        _("File attached."),
        "#agenda",
    )


@login_required
def attachment_download(request, slug, pk, attachment_pk):
    meeting = _meeting(request, slug, pk)
    attachment = get_object_or_404(AgendaAttachment, item__meeting=meeting, pk=attachment_pk)
    return file_response(attachment.file, filename=attachment.name)


# Proposals


@login_required
def proposal_create(request, slug, pk):
    meeting = _meeting(request, slug, pk, permissions.can_propose_agenda_item)
    membership = memberships_of(request.user).get(meeting.council_id)
    form = forms.ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_create(
                meeting=meeting, by=request.user, department=membership and membership.department, **form.cleaned_data
            )
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your proposal was sent to the chair."))
            return _to_meeting(meeting, "#proposals")
    return _form_page(
        request,
        meeting.council,
        meeting,
        form,
        title=_("Propose an agenda item"),
        submit=_("Send to the chair"),
        intro=_("The chair accepts it onto the agenda or declines it with a reason."),
    )


def _proposal(request, slug, pk, proposal_pk) -> AgendaProposal:
    meeting = _meeting(request, slug, pk, permissions.can_decide_proposals)
    return get_object_or_404(AgendaProposal.objects.select_related("meeting__council"), meeting=meeting, pk=proposal_pk)


@require_POST
@login_required
def proposal_accept(request, slug, pk, proposal_pk):
    proposal = _proposal(request, slug, pk, proposal_pk)
    return _run(
        request,
        proposal.meeting,
        lambda: services.proposal_accept(proposal=proposal, by=request.user),
        _("Proposal accepted and added to the agenda."),
        "#agenda",
    )


@login_required
def proposal_decline(request, slug, pk, proposal_pk):
    proposal = _proposal(request, slug, pk, proposal_pk)
    meeting = proposal.meeting
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_decline(proposal=proposal, by=request.user, reason=form.cleaned_data["reason"])
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Proposal declined; the proposer sees your reason."))
            return _to_meeting(meeting, "#proposals")
    return _form_page(
        request,
        meeting.council,
        meeting,
        form,
        title=_("Decline “%(title)s”") % {"title": proposal.title},
        submit=_("Decline"),
        style="danger",
    )


# Attendance and replies


@login_required
def attendance_edit(request, slug, pk):
    """Who came: rows not recorded yet start from the replies; "All present" fills every row (but a delegate's)
    and shows the form again to be checked and saved, keeping what was typed."""
    meeting = _meeting(request, slug, pk, permissions.can_record_attendance)
    attendances = list(meeting.attendances.select_related("membership__user", "membership__department"))
    fill_all = request.method == "POST" and params.choice(request.POST, "all_present", {"1"}) is not None
    data = forms.AttendanceForm.all_present(request.POST, attendances) if fill_all else request.POST or None
    form = forms.AttendanceForm(data, attendances=attendances)
    if fill_all:
        messages.info(request, _("Everyone is marked present, except those a delegate attended for. Check, then save."))
    elif request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                meeting=meeting, rows=form.rows(), base_state=form.cleaned_data["base_state"] or None
            )
        except EditConflict:
            form.show_saved_state(list(meeting.attendances.all()))
            messages.error(request, CONFLICT_MESSAGE)
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Attendance saved."))
            return _to_meeting(meeting, "#attendance")
    context = {"council": meeting.council, "meeting": meeting, "form": form, "quorum": len(attendances) // 2 + 1}
    return render(request, "meetings/attendance_form.html", context)


@require_POST
@login_required
def invitations_resend(request, slug, pk):
    meeting = _meeting(request, slug, pk, permissions.can_edit_agenda)
    services.invitations_resend_failed(meeting=meeting)
    messages.info(request, _("Sending again to those whose invitation failed."))
    return _to_meeting(meeting, "#attendance")


def rsvp(request, token):
    """The reply link of an invitation e-mail: no sign-in needed, the signed link is the key."""
    attendance = services.attendance_from_token(token)
    if attendance is None:
        return render(request, "404.html", status=404)
    translation.activate(language_for_recipient(attendance.membership.user))  # the invitee's, not the browser's
    meeting = attendance.meeting
    if meeting.starts_at <= timezone.now():  # the link of a past meeting shows nothing
        return render(request, "meetings/rsvp_closed.html", {"council": meeting.council}, status=410)
    form = forms.RsvpForm(
        request.POST or None, initial={"reply": attendance.reply, "delegate": attendance.reply_delegate}
    )
    closed = False
    if request.method == "POST" and form.is_valid():
        try:
            services.rsvp_reply(attendance=attendance, **form.cleaned_data)
        except services.MeetingError as error:
            form.add_error(None, str(error))
            closed = True
        else:
            messages.success(request, _("Thank you, your reply is recorded."))
            return redirect(request.path)
    status = 410 if closed else 200
    context = {"council": meeting.council, "meeting": meeting, "attendance": attendance, "form": form}
    return render(request, "meetings/rsvp.html", context, status=status)


# Minutes


@login_required
def minutes_edit(request, slug, pk):
    """The discussion of every item, and under each a decision to add: saved together, so adding a decision never
    loses the minutes typed. "Add decision" comes back to the editor; with htmx, the editor's form is swapped in
    place and says what was added."""
    meeting = _meeting(request, slug, pk, permissions.can_edit_minutes)
    items, form, drafts = _minutes_forms(meeting, request.POST or None)
    saved_items = None
    if request.method == "POST" and form.is_valid() and all(draft.is_valid() for draft in drafts.values()):
        stay_on = params.integer(request.POST, "add_decision")
        new_decisions = [(item, drafts[item.pk].decision()) for item in items if drafts[item.pk].decision()]
        try:
            services.minutes_save(
                meeting=meeting,
                base_version=form.cleaned_data["base_version"],
                discussions=form.discussions(),
                new_decisions=new_decisions,
                by=request.user,
            )
        except EditConflict:
            meeting.refresh_from_db()
            saved_items = list(meeting.items.all())
            form.show_saved_version(meeting)
            messages.error(request, CONFLICT_MESSAGE)
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            if stay_on in drafts and request.htmx:  # the form again, as saved, with its news inside it
                items, form, drafts = _minutes_forms(meeting, None)
                return _minutes_page(
                    request, meeting, items, form, drafts, added=_("Minutes saved and decision added.")
                )
            if stay_on in drafts:
                messages.success(request, _("Minutes saved and decision added."))
                return redirect(f"{reverse('meetings:minutes-edit', args=[slug, meeting.pk])}#item-{stay_on}")
            messages.success(request, _("Minutes saved."))
            return _to_meeting(meeting, "#minutes")
    return _minutes_page(request, meeting, items, form, drafts, saved_items=saved_items)


def _minutes_forms(meeting, data):
    """The items with their decisions, the minutes form and a decision draft per item (the departments read once)."""
    items = list(meeting.items.prefetch_related("decisions__departments"))
    form = forms.MinutesForm(data, meeting=meeting, items=items)
    departments = list(meeting.council.departments.all())
    drafts = {
        item.pk: forms.NewDecisionForm(
            data, prefix=f"decision-{item.pk}", council=meeting.council, departments=departments
        )
        for item in items
    }
    return items, form, drafts


def _minutes_page(request, meeting, items, form, drafts, *, saved_items=None, added=""):
    context = {
        "council": meeting.council,
        "meeting": meeting,
        "form": form,
        "rows": [(item, form[f"discussion_{item.pk}"], drafts[item.pk]) for item in items],
        "items": items,
        "saved_items": saved_items,
        "added": added,
    }
    return render(request, "meetings/minutes_form.html", context)


@login_required
def decision_edit(request, slug, pk, item_pk, decision_pk=None):
    item = _item(request, slug, pk, item_pk, permissions.can_edit_minutes)
    meeting = item.meeting
    decision = get_object_or_404(Decision, item=item, pk=decision_pk) if decision_pk else None
    form = forms.DecisionForm(request.POST or None, instance=decision, council=meeting.council)
    # Opened from the minutes editor (?from=minutes, kept by the form's post), it goes back there, to the item.
    # A fixed choice, not an address: nothing a link carries can send anyone elsewhere.
    back = None
    if params.choice(request.GET, "from", {"minutes"}):
        back = f"{reverse('meetings:minutes-edit', args=[slug, meeting.pk])}#item-{item.pk}"
    conflicts = []
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_save(item=item, decision=decision, by=request.user, **form.cleaned_data)
        except EditConflict:
            conflicts = edit_conflict(request, form, Decision.objects.get(pk=decision.pk))
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Decision saved."))
            return redirect(back) if back else _to_meeting(meeting, "#minutes")
    title = _("Decision on “%(title)s”") % {"title": item.title}
    return _form_page(
        request,
        meeting.council,
        meeting,
        form,
        title=title,
        submit=_("Save decision"),
        conflicts=conflicts,
        back=back,
    )


@require_POST
@login_required
def decision_delete(request, slug, pk, item_pk, decision_pk):
    item = _item(request, slug, pk, item_pk, permissions.can_edit_minutes)
    decision = get_object_or_404(Decision, item=item, pk=decision_pk)
    return _run(
        request, item.meeting, lambda: services.decision_delete(decision=decision), _("Decision removed."), "#minutes"
    )


@require_POST
@login_required
def minutes_submit(request, slug, pk):
    meeting = _meeting(request, slug, pk, permissions.can_edit_minutes)
    return _run(
        request,
        meeting,
        lambda: services.minutes_submit(meeting=meeting, by=request.user),
        _("Minutes sent to the chair for approval."),
    )


@require_POST
@login_required
def minutes_return(request, slug, pk):
    meeting = _meeting(request, slug, pk, permissions.can_approve_minutes)
    return _run(
        request,
        meeting,
        lambda: services.minutes_return(meeting=meeting, by=request.user),
        _("Minutes sent back to the secretary for changes."),
    )


@require_POST
@login_required
def minutes_approve(request, slug, pk):
    meeting = _meeting(request, slug, pk, permissions.can_approve_minutes)
    return _run(
        request,
        meeting,
        lambda: services.minutes_approve(meeting=meeting, by=request.user),
        _("Minutes approved. Decisions are numbered and their action items opened."),
    )


@require_POST
@login_required
def meeting_publish(request, slug, pk):
    meeting = _meeting(request, slug, pk, permissions.can_publish_minutes)
    return _run(
        request, meeting, lambda: services.meeting_publish(meeting=meeting, by=request.user), _("Minutes published.")
    )


@login_required
def minutes_amend(request, slug, pk):
    meeting = _meeting(request, slug, pk, permissions.can_edit_minutes)
    items = list(meeting.items.prefetch_related("decisions"))
    form = forms.AmendmentForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        kind, target_pk = form.cleaned_data["target"].split("-")
        model = Decision if kind == "decision" else AgendaItem
        lookup = {"item__meeting": meeting} if kind == "decision" else {"meeting": meeting}
        target = get_object_or_404(model, pk=target_pk, **lookup)
        try:
            services.minutes_amend(
                meeting=meeting,
                by=request.user,
                target=target,
                new_text=form.cleaned_data["new_text"],
                reason=form.cleaned_data["reason"],
            )
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Correction recorded as an amendment."))
            return _to_meeting(meeting, "#amendments")
    return _form_page(
        request,
        meeting.council,
        meeting,
        form,
        title=_("Record a correction"),
        submit=_("Record the correction"),
        intro=_("Approved minutes are not edited in place: the original text, the correction and its reason are kept."),
    )


# Action items


@login_required
def action_list(request, slug):
    """Open action items across meetings, filterable, exportable (?export=csv|xlsx)."""
    from meetings import exports

    council = permissions.get_council_for_user(request.user, slug)
    scope = permissions.row_scope(request.user, council, sees_all=permissions.sees_every_department)
    queryset = scope.filter(action_items_of(council))
    data = request.GET.copy()
    if not set(request.GET) - {"page"}:  # no filter chosen yet: open items, on every page
        data["open_only"] = "on"
    filters = forms.ActionItemFilter(data, queryset=queryset, council=council)

    export = params.choice(request.GET, "export", EXPORT_KINDS)
    if export:
        return exports.action_items_response(council, filters.qs if filters.is_valid() else queryset.none(), export)

    listing = _follow_up_listing(request, council, filters, data.urlencode(), scope)
    return render(request, "meetings/action_list.html", {"council": council, "filters": filters, "listing": listing})


@cached_read(
    "follow-up-list",
    council=lambda request, council, filters, query, scope: council.pk,
    scopes=lambda request, council, filters, query, scope: [("follow-up", council.pk)],
    key=lambda request, council, filters, query, scope: (
        query,
        scope.key,
        translation.get_language(),
        council.today(),  # "overdue" moves with the day
    ),
)
def _follow_up_listing(request, council, filters, query, scope) -> str:
    """The follow-up list's filters, table and pages, rendered: the same for everyone who sees the same rows."""
    context = {"council": council, "filters": filters, "items": follow_up_page(council, query, scope)}
    return render_to_string("meetings/_action_listing.html", {**context, "today": council.today()}, request)


def _action(request, slug, pk, predicate=permissions.can_view_department) -> ActionItem:
    council = permissions.get_council_for_user(request.user, slug)
    action = get_object_or_404(
        ActionItem.objects.select_related("decision__item__meeting__council", "department", "council"),
        council=council,
        pk=pk,
    )
    permissions.authorize(request.user, predicate, action)
    return action


@login_required
def action_detail(request, slug, pk):
    action = _action(request, slug, pk)
    can_report = permissions.can_report_progress(request.user, action)
    form = forms.ProgressForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        permissions.authorize(request.user, permissions.can_report_progress, action)
        if form.is_valid():
            try:
                services.progress_post(action_item=action, author=request.user, **form.cleaned_data)
            except services.MeetingError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Progress recorded."))
                return redirect(request.path)
    context = {
        "council": action.council,
        "action": action,
        "updates": action.updates.select_related("author"),
        "form": form,
        "can_report": can_report and action.status != ActionItem.Status.DONE,
        "can_close": permissions.can_close_action_item(request.user, action),
    }
    return render(request, "meetings/action_detail.html", context)


@require_POST
@login_required
def action_close(request, slug, pk):
    action = _action(request, slug, pk, permissions.can_close_action_item)
    try:
        services.action_item_close(action_item=action, by=request.user)
        messages.success(request, _("Action item closed as done."))
    except services.MeetingError as error:
        messages.error(request, str(error))
    return redirect("meetings:action-detail", slug=slug, pk=pk)


@require_POST
@login_required
def action_reopen(request, slug, pk):
    action = _action(request, slug, pk, permissions.can_close_action_item)
    try:
        services.action_item_reopen(action_item=action, by=request.user)
        messages.success(request, _("Action item sent back to the department."))
    except services.MeetingError as error:
        messages.error(request, str(error))
    return redirect("meetings:action-detail", slug=slug, pk=pk)


@login_required
def progress_attachment(request, slug, pk, update_pk):
    action = _action(request, slug, pk)
    update = get_object_or_404(action.updates, pk=update_pk)
    return file_response(update.attachment)


# Press statements


def _statement(request, slug, pk, predicate=permissions.can_read_drafts) -> Statement:
    council = permissions.get_council_for_user(request.user, slug)
    statement = get_object_or_404(Statement.objects.select_related("council", "meeting"), council=council, pk=pk)
    permissions.authorize(request.user, predicate, statement)
    return statement


@login_required
def statement_list(request, slug):
    council = permissions.get_council_for_user(request.user, slug)
    context = {
        "council": council,
        "statements": council.statements.select_related("meeting"),
        "can_create": permissions.can_draft_statements(request.user, council),
    }
    return render(request, "meetings/statement_list.html", context)


@login_required
def statement_edit(request, slug, pk=None):
    council = permissions.get_council_for_user(request.user, slug)
    permissions.authorize(request.user, permissions.can_draft_statements, council)
    statement = (
        _statement(request, slug, pk, permissions.can_draft_statements)
        if pk
        else Statement(council=council, created_by=request.user)
    )
    form = forms.StatementForm(request.POST or None, request.FILES or None, instance=statement, council=council)
    conflicts = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            statement = services.statement_save(
                statement=form.instance,
                title=data["title"],
                body=data["body"],
                meeting=data["meeting"],
                decisions=data["decisions"],
                photo=data.get("photo"),
                base_version=data["base_version"],
                by=request.user,
            )
        except EditConflict:
            conflicts = edit_conflict(request, form, Statement.objects.get(pk=statement.pk))
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Statement saved."))
            return redirect("meetings:statement-detail", slug=slug, pk=statement.pk)
    title = _("Edit press statement") if pk else _("New press statement")
    back = reverse("meetings:statement-list", args=[council.slug])
    crumb = (_("Press statements"), back)
    return _form_page(
        request, council, None, form, title=title, submit=_("Save"), back=back, crumb=crumb, conflicts=conflicts
    )


@login_required
def statement_detail(request, slug, pk):
    statement = _statement(request, slug, pk)
    user = request.user
    draft, approved = statement.state == Statement.State.DRAFT, statement.state == Statement.State.APPROVED
    prefetch_related_objects([statement], "versions")  # the page and the publish form read them
    versions = list(statement.versions.all())
    context = {
        "council": statement.council,
        "statement": statement,
        "decisions": statement.decisions.all(),
        "versions": versions,
        "missing": [(code, language_name(code)) for code in statement.missing_languages()],
        "can_edit": draft and permissions.can_draft_statements(user, statement),
        "can_translate": _may_translate(statement)(user, statement),
        "can_approve": draft and permissions.can_approve_statements(user, statement),
        "can_publish": approved and permissions.can_approve_statements(user, statement),
        "publish_form": forms.PublishForm(statement=statement),
    }
    return render(request, "meetings/statement_detail.html", context)


@require_POST
@login_required
def statement_approve(request, slug, pk):
    statement = _statement(request, slug, pk, permissions.can_approve_statements)
    try:
        services.statement_approve(statement=statement, by=request.user)
        messages.success(request, _("Statement approved. Publish it now or at a set time."))
    except services.MeetingError as error:
        messages.error(request, str(error))
    return redirect("meetings:statement-detail", slug=slug, pk=pk)


@require_POST
@login_required
def statement_publish(request, slug, pk):
    statement = _statement(request, slug, pk, permissions.can_approve_statements)
    form = forms.PublishForm(request.POST, statement=statement)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("meetings:statement-detail", slug=slug, pk=pk)
    try:
        services.statement_publish(
            statement=statement,
            by=request.user,
            at=form.cleaned_data["publish_at"],
            without_missing_versions=form.cleaned_data.get("without_missing_versions", False),
        )
        messages.success(request, _("Statement published on the public portal."))
    except services.MeetingError as error:
        messages.error(request, str(error))
    return redirect("meetings:statement-detail", slug=slug, pk=pk)


def _may_translate(statement: Statement) -> permissions.Action:
    """Who adds the statement's language versions: its drafters while it is a draft, then the chair who approved it."""
    draft = statement.state == Statement.State.DRAFT
    return permissions.can_draft_statements if draft else permissions.can_approve_statements


@login_required
def statement_version(request, slug, pk, language):
    """The statement in another of the council's official languages: written with the draft by the secretariat; once
    the chair has approved the statement, a missing one is added by the chair (it goes out as approved)."""
    statement = _statement(request, slug, pk)
    permissions.authorize(request.user, _may_translate(statement), statement)
    if language not in statement.council.languages[1:]:
        raise Http404
    version = statement.versions.filter(language=language).first()
    form = forms.StatementVersionForm(request.POST or None, instance=version, council=statement.council)
    conflicts = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.statement_version_save(
                statement=statement,
                language=language,
                title=data["title"],
                body=data["body"],
                base_version=data["base_version"],
                by=request.user,
            )
        except EditConflict:
            conflicts = edit_conflict(request, form, statement.versions.get(language=language))
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Language version saved."))
            return redirect("meetings:statement-detail", slug=slug, pk=pk)
    back = reverse("meetings:statement-detail", args=[slug, pk])
    title = f"{statement.title} · {language_name(language)}"
    return _form_page(
        request,
        statement.council,
        None,
        form,
        title=title,
        submit=_("Save"),
        back=back,
        crumb=(statement.title, back),
        conflicts=conflicts,
    )


@login_required
def statement_photo(request, slug, pk):
    return file_response(_statement(request, slug, pk).photo, as_attachment=False)
