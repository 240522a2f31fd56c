"""Staff: the ready answers used by the bulk action "answer with a template"."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from proposals.forms import AnswerTemplateForm
from proposals.models import AnswerTemplate
from proposals.views.access import perm_required


@perm_required("proposals.answer_proposal")
def template_list(request, pk=None):
    """The list of templates and the form to add one (or edit the one given by pk)."""
    template = get_object_or_404(AnswerTemplate, pk=pk) if pk else None
    form = AnswerTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The answer template is saved."))
        return redirect("proposals:answer_templates")
    return render(
        request,
        "proposals/staff/answer_templates.html",
        {"form": form, "template": template, "templates": AnswerTemplate.objects.select_related("program")},
        status=400 if form.errors else 200,
    )
