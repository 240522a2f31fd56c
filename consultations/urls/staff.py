# Staff area: dashboard, meetings, minutes (issue: staff log each regional meeting).
from django.urls import path

from foundation.views import not_built_yet

urlpatterns = [
    path("staff/", not_built_yet, name="staff_dashboard"),
    path("staff/meetings/", not_built_yet, name="staff_meeting_list"),
]
