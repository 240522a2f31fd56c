from django.shortcuts import get_object_or_404, render

from programs.models import Program


def program_list(request):
    programs = Program.objects.all()
    return render(request, "programs/program_list.html", {"programs": programs})


def program_detail(request, slug):
    program = get_object_or_404(Program, slug=slug)
    return render(request, "programs/program_detail.html", {"program": program})
