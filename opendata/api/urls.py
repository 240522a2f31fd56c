from django.urls import path

from opendata.api import views

app_name = "api"
urlpatterns = [
    path("", views.RootView.as_view(), name="root"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    path("regions/", views.RegionList.as_view(), name="regions"),
    path("regions/<slug:slug>/", views.RegionDetail.as_view(), name="region"),
    path("tours/", views.TourList.as_view(), name="tours"),
    path("directions/", views.DirectionList.as_view(), name="directions"),
    path("meetings/", views.MeetingList.as_view(), name="meetings"),
    path("meetings/<int:pk>/", views.MeetingDetail.as_view(), name="meeting"),
    path("memoranda/", views.MemorandumList.as_view(), name="memoranda"),
    path("memoranda/<int:pk>/", views.MemorandumDetail.as_view(), name="memorandum"),
    path("commitments/", views.CommitmentList.as_view(), name="commitments"),
    path("programs/", views.ProgramList.as_view(), name="programs"),
    path("programs/<slug:slug>/", views.ProgramDetail.as_view(), name="program"),
    path("proposals/", views.ProposalList.as_view(), name="proposals"),
    path("proposals/<str:code>/", views.ProposalDetail.as_view(), name="proposal"),
]
