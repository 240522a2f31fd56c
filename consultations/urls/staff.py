# Staff area: meetings, minutes (the dashboard is portal's, added to this namespace by foundation/urls.py) (issue: staff log each regional meeting).
from django.urls import path

from consultations.views import meetings

urlpatterns = [
    path("staff/meetings/", meetings.meeting_list, name="staff_meeting_list"),
    path("staff/meetings/new/", meetings.meeting_create, name="staff_meeting_create"),
    path("staff/meetings/calendar/", meetings.meeting_calendar, name="staff_meeting_calendar"),
    path("staff/meetings/<int:pk>/", meetings.meeting_detail, name="staff_meeting_detail"),
    path("staff/meetings/<int:pk>/edit/", meetings.meeting_edit, name="staff_meeting_edit"),
    path("staff/meetings/<int:pk>/status/", meetings.meeting_status, name="staff_meeting_status"),
    path("staff/meetings/<int:pk>/print/", meetings.meeting_print, name="staff_meeting_print"),
    path("staff/meetings/<int:pk>/attachments/", meetings.attachment_upload, name="staff_attachment_upload"),
    path(
        "staff/meetings/<int:pk>/attachments/<int:attachment_pk>/",
        meetings.attachment_file,
        name="staff_attachment_file",
    ),
    path(
        "staff/meetings/<int:pk>/attachments/<int:attachment_pk>/thumbnail/",
        meetings.attachment_thumbnail,
        name="staff_attachment_thumbnail",
    ),
    path(
        "staff/meetings/<int:pk>/attachments/<int:attachment_pk>/delete/",
        meetings.attachment_remove,
        name="staff_attachment_delete",
    ),
    path("staff/meetings/<int:pk>/pdf/", meetings.meeting_pdf_request, name="staff_meeting_pdf"),
    path("staff/meetings/<int:pk>/pdf/<int:pdf_pk>/", meetings.meeting_pdf_status, name="staff_meeting_pdf_status"),
    path(
        "staff/meetings/<int:pk>/pdf/<int:pdf_pk>/download/",
        meetings.meeting_pdf_download,
        name="staff_meeting_pdf_download",
    ),
]
