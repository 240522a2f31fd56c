from django.urls import path

from opendata import feeds, views

app_name = "opendata"
urlpatterns = [
    path("open-data/", views.index, name="index"),
    path("open-data/package.zip", views.download, name="download"),
    path("open-data/feeds/answered.atom", feeds.AnsweredProposalsFeed(), name="feed_answered"),
    path("open-data/feeds/answered/<slug:slug>.atom", feeds.AnsweredProposalsFeed(), name="feed_answered_region"),
    path("open-data/feeds/minutes.atom", feeds.PublishedMinutesFeed(), name="feed_minutes"),
    path("open-data/feeds/minutes/<slug:slug>.atom", feeds.PublishedMinutesFeed(), name="feed_minutes_region"),
    path("staff/open-data/", views.staff_packages, name="staff"),
]
