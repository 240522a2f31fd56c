from django.urls import path

from outbox import views

app_name = "outbox"
urlpatterns = [
    path("", views.outbox_list, name="list"),
    path("<int:pk>/retry/", views.outbox_retry, name="retry"),
]
