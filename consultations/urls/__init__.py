"""URLs of the consultations app, one module per area so each can change alone."""

from consultations.urls import memoranda, public, staff

app_name = "consultations"
urlpatterns = public.urlpatterns + staff.urlpatterns + memoranda.urlpatterns
