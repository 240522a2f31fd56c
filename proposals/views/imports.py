"""Staff import of a CSV/XLSX file: upload, preview every row, confirm, watch the progress."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from foundation import spreadsheets
from programs.models import Direction
from proposals import imports
from proposals.forms import ImportForm
from proposals.models import ImportJob
from proposals.views.access import _get_import_job_for_user, perm_required

PREVIEW_PAGE = 100


@perm_required("proposals.import_proposals")
def import_upload(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        upload.seek(0)
        job = ImportJob(
            tour=form.cleaned_data["tour"],
            meeting=form.cleaned_data["meeting"],
            channel=form.cleaned_data["channel"],
            original_name=upload.name[:255],
            created_by=request.user,
        )
        job.file.save(imports.stored_name(upload.name, data), upload, save=False)
        imports.import_job_check(job=job, data=data)
        return redirect("proposals:import_preview", pk=job.pk)
    recent = ImportJob.objects.select_related("tour").defer("rows")[:10]
    return render(
        request,
        "proposals/staff/import_upload.html",
        {"form": form, "recent": recent, "columns": imports.COLUMNS},
        status=400 if form.errors else 200,
    )


@perm_required("proposals.import_proposals")
def import_preview(request, pk):
    job = _get_import_job_for_user(request, pk)
    rows = job.rows
    only_errors = request.GET.get("errors") == "1"
    if only_errors:
        rows = job.error_rows
    page = Paginator(rows, PREVIEW_PAGE).get_page(request.GET.get("page"))
    labels = dict(Direction.choices)
    page.object_list = [{**row, "direction_label": labels.get(row["direction"], row["direction"])} for row in page]
    return render(
        request,
        "proposals/staff/import_preview.html",
        {
            "job": job,
            "page_obj": page,
            "only_errors": only_errors,
            "error_count": len(job.error_rows),
            "existing_count": sum(1 for r in job.rows if r.get("exists")),
            "progress": (progress := imports.import_job_progress(job)),
            "progress_percent": int(100 * progress / job.total) if job.total else 0,
        },
    )


@require_POST
@perm_required("proposals.import_proposals")
def import_confirm(request, pk):
    job = _get_import_job_for_user(request, pk)
    imports.import_job_queue(job=job)
    return redirect("proposals:import_preview", pk=job.pk)


@never_cache
@perm_required("proposals.import_proposals")
def import_progress(request, pk):
    job = _get_import_job_for_user(request, pk)
    processed = imports.import_job_progress(job)
    return JsonResponse(
        {
            "status": job.status,
            "label": job.get_status_display(),
            "total": job.total,
            "processed": processed,
            "percent": int(100 * processed / job.total) if job.total else 0,
            "created": job.created_count,
            "skipped": job.skipped_count,
            "finished": job.status in (ImportJob.Status.DONE, ImportJob.Status.FAILED),
            "error": job.error_message,
        }
    )


@perm_required("proposals.import_proposals")
def import_template(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = imports.template_rows()
    if fmt == "xlsx":
        response = HttpResponse(
            spreadsheets.xlsx_bytes({"proposals": rows}), content_type=spreadsheets.XLSX_CONTENT_TYPE
        )
        response["Content-Disposition"] = 'attachment; filename="proposals-template.xlsx"'
        return response
    response = HttpResponse(spreadsheets.csv_bytes(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="proposals-template.csv"'
    return response
