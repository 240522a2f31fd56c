"""Area-wide access decorators of the consultations views (object checks stay in each view module)."""

from foundation.decorators import perm_required

staff_required = perm_required("consultations.access_staff_area")
official_required = perm_required("consultations.access_akimat_area")
