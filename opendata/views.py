"""The open-data page, the package download and the staff page that rebuilds the package."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from consultations.models import Region
from foundation.decorators import perm_required
from foundation.files import FILE_CSP
from opendata import package as packages
from opendata.models import Package

STAFF_LISTED = 10


@require_GET
def index(request):
    context = {"package": Package.objects.latest_ready(), "regions": Region.objects.order_by("name")}
    return render(request, "opendata/index.html", context)


@require_GET
def download(request):
    latest = Package.objects.latest_ready()
    if latest is None:
        raise Http404
    try:
        handle = latest.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    # Built by the site itself (opendata.package), never uploaded: its type is known, not sniffed
    # (foundation.files.file_response serves uploads, and serves a ZIP as an anonymous .bin).
    response = FileResponse(
        handle, content_type="application/zip", as_attachment=True, filename=packages.download_name(latest)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    return response


@perm_required("opendata.build_package")
@require_http_methods(["GET", "POST"])
def staff_packages(request):
    if request.method == "POST":
        packages.request_package(requested_by=request.user)
        messages.success(request, _("The open-data package is being rebuilt."))
        return redirect("opendata:staff")
    context = {"packages": Package.objects.select_related("requested_by")[:STAFF_LISTED]}
    return render(request, "opendata/staff.html", context)
