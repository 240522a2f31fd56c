from django.urls import path

from consultations.views import public

urlpatterns = [
    path("regions/", public.region_list, name="region_list"),
    path("regions/<slug:slug>/", public.region_detail, name="region_detail"),
    path("meetings/<int:pk>/", public.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/photos/<int:attachment_pk>/", public.meeting_photo, name="meeting_photo"),
    path(
        "meetings/<int:pk>/photos/<int:attachment_pk>/thumbnail/",
        public.meeting_photo,
        {"thumbnail": True},
        name="meeting_photo_thumbnail",
    ),
]
