from django.urls import path

from foundation.views import not_built_yet
from proposals import quick_entry
from proposals.views import public

app_name = "proposals"
urlpatterns = [
    # Staff: quick entry at a meeting (owned by the meetings work).
    path("staff/meetings/<int:meeting_pk>/", quick_entry.quick_entry, name="quick_entry"),
    # Staff: triage, import, export (owned by the proposals work).
    path("staff/", not_built_yet, name="triage"),
    path("staff/import/", not_built_yet, name="import"),
    # Public
    path("submit/", not_built_yet, name="submit"),
    path("open-data.csv", not_built_yet, name="open_data"),
    path("statistics/", not_built_yet, name="statistics"),
    path("", public.proposal_list, name="list"),
    path("<str:code>/", public.proposal_detail, name="detail"),
]
