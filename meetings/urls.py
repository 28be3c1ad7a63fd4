from django.urls import path

from meetings import views

app_name = "meetings"

meeting = "meetings/<int:pk>/"
item = meeting + "items/<int:item_pk>/"

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting-list"),
    path("meetings/new/", views.meeting_create, name="meeting-create"),
    path(meeting, views.meeting_detail, name="meeting-detail"),
    path(meeting + "edit/", views.meeting_edit, name="meeting-edit"),
    path(meeting + "cancel/", views.meeting_cancel, name="meeting-cancel"),
    path(meeting + "meeting.ics", views.meeting_calendar, name="meeting-calendar"),
    path(meeting + "publish-agenda/", views.meeting_publish_agenda, name="meeting-publish-agenda"),
    path(meeting + "held/", views.meeting_mark_held, name="meeting-held"),
    path(meeting + "publish/", views.meeting_publish, name="meeting-publish"),
    path(meeting + "items/new/", views.item_create, name="item-create"),
    path(item + "edit/", views.item_edit, name="item-edit"),
    path(item + "delete/", views.item_delete, name="item-delete"),
    path(item + "move/", views.item_move, name="item-move"),
    path(item + "attachments/", views.attachment_add, name="attachment-add"),
    path(meeting + "attachments/<int:attachment_pk>/", views.attachment_download, name="attachment-download"),
    path(meeting + "propose/", views.proposal_create, name="proposal-create"),
    path(meeting + "proposals/<int:proposal_pk>/accept/", views.proposal_accept, name="proposal-accept"),
    path(meeting + "proposals/<int:proposal_pk>/decline/", views.proposal_decline, name="proposal-decline"),
    path(meeting + "attendance/", views.attendance_edit, name="attendance-edit"),
    path(meeting + "invitations/resend/", views.invitations_resend, name="invitations-resend"),
    path(meeting + "minutes/", views.minutes_edit, name="minutes-edit"),
    path(meeting + "minutes/submit/", views.minutes_submit, name="minutes-submit"),
    path(meeting + "minutes/return/", views.minutes_return, name="minutes-return"),
    path(meeting + "minutes/approve/", views.minutes_approve, name="minutes-approve"),
    path(meeting + "minutes/amend/", views.minutes_amend, name="minutes-amend"),
    path(item + "decisions/new/", views.decision_edit, name="decision-create"),
    path(item + "decisions/<int:decision_pk>/edit/", views.decision_edit, name="decision-edit"),
    path(item + "decisions/<int:decision_pk>/delete/", views.decision_delete, name="decision-delete"),
    path("statements/", views.statement_list, name="statement-list"),
    path("statements/new/", views.statement_edit, name="statement-create"),
    path("statements/<int:pk>/", views.statement_detail, name="statement-detail"),
    path("statements/<int:pk>/edit/", views.statement_edit, name="statement-edit"),
    path("statements/<int:pk>/photo/", views.statement_photo, name="statement-photo"),
    path("statements/<int:pk>/approve/", views.statement_approve, name="statement-approve"),
    path("statements/<int:pk>/publish/", views.statement_publish, name="statement-publish"),
    path("statements/<int:pk>/versions/<str:language>/", views.statement_version, name="statement-version"),
    path("actions/", views.action_list, name="action-list"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
    path("actions/<int:pk>/close/", views.action_close, name="action-close"),
    path("actions/<int:pk>/reopen/", views.action_reopen, name="action-reopen"),
    path("actions/<int:pk>/updates/<int:update_pk>/attachment/", views.progress_attachment, name="progress-attachment"),
]
