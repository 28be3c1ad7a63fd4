from django.urls import path

from departments import views

app_name = "departments"

answer = "<int:pk>/answers/<int:department_pk>/"

urlpatterns = [
    path("", views.department_list, name="department-list"),
    path("new/", views.department_create, name="department-create"),
    path("<int:pk>/", views.department_detail, name="department-detail"),
    path("<int:pk>/edit/", views.department_edit, name="department-edit"),
    # staffing-gap surveys
    path("surveys/", views.survey_list, name="survey-list"),
    path("surveys/new/", views.survey_create, name="survey-create"),
    path("surveys/<int:pk>/", views.survey_dashboard, name="survey-dashboard"),
    path("surveys/<int:pk>/close/", views.survey_close, name="survey-close"),
    path("surveys/<int:pk>/reopen/", views.survey_reopen, name="survey-reopen"),
    path(f"surveys/{answer}", views.survey_answer, name="survey-answer"),
    path(f"surveys/{answer}edit/", views.survey_answer_edit, name="survey-answer-edit"),
    path(f"surveys/{answer}return/", views.survey_answer_return, name="survey-answer-return"),
    # activity reports
    path("activity/", views.activity_list, name="activity-list"),
    path("activity/new/", views.activity_create, name="activity-create"),
    path("activity/dashboard/", views.activity_dashboard, name="activity-dashboard"),
    path("activity/<int:pk>/", views.activity_period, name="activity-period"),
    path("activity/<int:pk>/close/", views.activity_close, name="activity-close"),
    path("activity/<int:pk>/reopen/", views.activity_reopen, name="activity-reopen"),
    path(f"activity/{answer}", views.activity_report, name="activity-report"),
    path(f"activity/{answer}edit/", views.activity_report_edit, name="activity-report-edit"),
    path(f"activity/{answer}return/", views.activity_report_return, name="activity-report-return"),
    # training
    path("training/", views.training_list, name="training-list"),
    path("training/plan/", views.training_plan, name="training-plan"),
    path("training/propose/", views.proposal_create, name="proposal-create"),
    path("training/proposals/<int:pk>/", views.proposal_detail, name="proposal-detail"),
    path("training/proposals/<int:pk>/edit/", views.proposal_edit, name="proposal-edit"),
    path("training/proposals/<int:pk>/decline/", views.proposal_decline, name="proposal-decline"),
    path("training/courses/new/", views.course_create, name="course-create"),
    path("training/courses/<int:pk>/", views.course_detail, name="course-detail"),
    path("training/courses/<int:pk>/edit/", views.course_edit, name="course-edit"),
    path("training/courses/<int:pk>/enrol/", views.enrolment_add, name="enrolment-add"),
    path(
        "training/courses/<int:pk>/enrolments/<int:enrolment_pk>/delete/",
        views.enrolment_delete,
        name="enrolment-delete",
    ),
    path("training/courses/<int:pk>/attendance/", views.course_attendance, name="course-attendance"),
]
