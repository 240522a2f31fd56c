from django.urls import path

from proposals import quick_entry
from proposals.views import imports, public, staff, statistics, submit, templates, triage

app_name = "proposals"
urlpatterns = [
    # Staff: quick entry at a meeting (owned by the meetings work).
    path("staff/meetings/<int:meeting_pk>/", quick_entry.quick_entry, name="quick_entry"),
    # Staff: triage, import, export.
    path("staff/", triage.triage, name="triage"),
    path("staff/bulk/", triage.bulk_action, name="bulk_action"),
    path("staff/export.<str:fmt>", triage.export, name="export"),
    path("staff/<int:pk>/", staff.proposal_staff_detail, name="staff_detail"),
    path("staff/<int:pk>/merge/", staff.merge, name="merge"),
    path("staff/<int:pk>/unmerge/", staff.unmerge, name="unmerge"),
    path("staff/<int:pk>/visibility/", staff.set_visibility, name="set_visibility"),
    path("staff/answer-templates/", templates.template_list, name="answer_templates"),
    path("staff/answer-templates/<int:pk>/", templates.template_list, name="answer_template_edit"),
    path("staff/import/", imports.import_upload, name="import"),
    path("staff/import/template.<str:fmt>", imports.import_template, name="import_template"),
    path("staff/import/<int:pk>/", imports.import_preview, name="import_preview"),
    path("staff/import/<int:pk>/confirm/", imports.import_confirm, name="import_confirm"),
    path("staff/import/<int:pk>/progress.json", imports.import_progress, name="import_progress"),
    # Public
    path("submit/", submit.submit, name="submit"),
    path("submit/thanks/<str:code>/", submit.submitted, name="submitted"),
    path("open-data.csv", public.open_data, name="open_data"),
    path("statistics/", statistics.statistics, name="statistics"),
    path("", public.proposal_list, name="list"),
    path("<str:code>/", public.proposal_detail, name="detail"),
]
