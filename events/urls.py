from django.urls import path

from events.views import public, staff

app_name = "events"
urlpatterns = [
    path("events/", public.calendar, name="calendar"),
    path("events/feed.ics", public.feed, name="feed"),
    path("events/feed/<slug:slug>.ics", public.feed, name="region_feed"),
    path("events/<int:pk>/calendar.ics", public.event_ics, name="event_ics"),
    path("events/<int:pk>/register/", public.register, name="register"),
    path("events/<int:pk>/register/thanks/", public.registered_spam, name="registered_spam"),
    path("events/registration/<str:token>/", public.registration, name="registration"),
    path("staff/events/<int:pk>/registrations/", staff.registrations, name="staff_registrations"),
    path(
        "staff/events/<int:pk>/registrations.<str:fmt>",
        staff.registrations_export,
        name="staff_registrations_export",
    ),
    path("staff/events/<int:pk>/attendance/", staff.attendance, name="staff_attendance"),
    path(
        "staff/events/<int:pk>/attendance/participation/",
        staff.attendance_to_participation,
        name="staff_attendance_to_participation",
    ),
    path("staff/events/<int:pk>/press/", staff.press_add, name="staff_press_add"),
    path("staff/events/<int:pk>/press/<int:coverage_pk>/delete/", staff.press_delete, name="staff_press_delete"),
]
