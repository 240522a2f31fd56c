# Memoranda drafting, akimat review and commitments (issue: memoranda of cooperation).
from django.urls import path

from consultations.views import memoranda
from foundation.views import not_built_yet

urlpatterns = [
    path("memoranda/<int:pk>/", memoranda.memorandum_public_detail, name="memorandum_detail"),
    path("staff/memoranda/", not_built_yet, name="staff_memorandum_list"),
    path("staff/commitments/", not_built_yet, name="staff_commitment_list"),
    path("akimat/", not_built_yet, name="akimat_home"),
]
