from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from proposals.models import AnswerTemplate, ImportJob, Proposal, ProposalModeration, ProposalStatusChange


class StatusChangeInline(admin.TabularInline):
    model = ProposalStatusChange
    extra = 0
    readonly_fields = ("from_status", "to_status", "changed_by", "changed_at", "note")


class ModerationInline(admin.TabularInline):
    """Read-only: staff hide and show proposals on the staff page, with a reason."""

    model = ProposalModeration
    extra = 0
    can_delete = False
    readonly_fields = ("is_public", "reason", "changed_by", "changed_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(TranslationAdmin):
    list_display = ("code", "region", "direction", "channel", "status", "created_at")
    list_filter = ("tour", "status", "direction", "channel", "region")
    search_fields = ("code", "text", "author_name", "author_organisation")
    raw_id_fields = ("meeting", "duplicate_of", "program")
    list_select_related = ("region",)
    readonly_fields = ("is_public",)
    inlines = [StatusChangeInline, ModerationInline]


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "program")


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("original_name", "tour", "channel", "status", "total", "created_count", "created_by", "created_at")
    list_filter = ("status", "channel")
    exclude = ("rows",)  # thousands of rows: the preview page shows them
    readonly_fields = (
        "file",
        "status",
        "total",
        "processed",
        "created_count",
        "skipped_count",
        "file_errors",
        "finished_at",
    )
