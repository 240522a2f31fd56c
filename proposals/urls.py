from django.urls import path

from proposals.views import public

app_name = "proposals"
urlpatterns = [
    path("", public.proposal_list, name="list"),
    path("<str:code>/", public.proposal_detail, name="detail"),
]
