from django.contrib import admin

from outbox.models import OutboxItem


@admin.register(OutboxItem)
class OutboxItemAdmin(admin.ModelAdmin):
    """Read-only: items are written by the code that makes the change and sent by the workers."""

    list_display = ("description", "kind", "status", "attempts", "next_attempt_at", "created_at", "finished_at")
    list_filter = ("status", "kind")
    search_fields = ("description", "subject", "task")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
