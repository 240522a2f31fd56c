# Memoranda drafting, akimat review and commitments (issue: memoranda of cooperation).
from django.urls import path

from consultations.views import akimat, memoranda

urlpatterns = [
    # Public, and documents any allowed reader may fetch (each view applies the region scoping).
    path("memoranda/<int:pk>/", memoranda.memorandum_public_detail, name="memorandum_detail"),
    path("memoranda/<int:pk>/pdf/", memoranda.memorandum_pdf, name="memorandum_pdf"),
    path("memoranda/<int:pk>/scan/", memoranda.memorandum_scan, name="memorandum_scan"),
    path("memoranda/<int:pk>/changes/", memoranda.memorandum_diff, name="memorandum_diff"),
    path("commitments/progress/<int:pk>/evidence/", memoranda.progress_evidence, name="progress_evidence"),
    # Staff.
    path("staff/memoranda/", memoranda.staff_memorandum_list, name="staff_memorandum_list"),
    path("staff/memoranda/new/", memoranda.staff_memorandum_create, name="staff_memorandum_create"),
    path("staff/memoranda/<int:pk>/", memoranda.staff_memorandum_detail, name="staff_memorandum_detail"),
    path("staff/memoranda/<int:pk>/edit/", memoranda.staff_memorandum_edit, name="staff_memorandum_edit"),
    path("staff/memoranda/<int:pk>/send/", memoranda.staff_memorandum_send, name="staff_memorandum_send"),
    path("staff/memoranda/<int:pk>/comment/", memoranda.staff_memorandum_comment, name="staff_memorandum_comment"),
    path("staff/memoranda/<int:pk>/sign/", memoranda.staff_memorandum_sign, name="staff_memorandum_sign"),
    path("staff/memoranda/<int:pk>/status/", memoranda.staff_memorandum_status, name="staff_memorandum_status"),
    path("staff/memoranda/<int:pk>/commitments.xlsx", memoranda.staff_commitments_xlsx, name="staff_commitments_xlsx"),
    path(
        "staff/memoranda/<int:pk>/commitments/import/",
        memoranda.staff_commitments_import,
        name="staff_commitments_import",
    ),
    path("staff/commitments/", memoranda.staff_commitment_list, name="staff_commitment_list"),
    path("staff/commitments/<int:pk>/", memoranda.staff_commitment_detail, name="staff_commitment_detail"),
    # Akimat officials.
    path("akimat/", akimat.akimat_home, name="akimat_home"),
    path("akimat/memoranda/<int:pk>/", akimat.akimat_memorandum_detail, name="akimat_memorandum_detail"),
    path("akimat/memoranda/<int:pk>/review/", akimat.akimat_memorandum_review, name="akimat_memorandum_review"),
    path("akimat/commitments/<int:pk>/", akimat.akimat_commitment_detail, name="akimat_commitment_detail"),
]
