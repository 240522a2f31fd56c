from django.contrib import admin

from events.models import PressCoverage, Registration


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("name", "meeting", "status", "attended", "created_at")
    list_filter = ("status", "attended")
    search_fields = ("name", "email", "organisation")
    list_select_related = ("meeting",)
    raw_id_fields = ("meeting",)
    readonly_fields = ("token", "consent_version", "consent_text", "consented_at", "created_at", "cancelled_at")


@admin.register(PressCoverage)
class PressCoverageAdmin(admin.ModelAdmin):
    list_display = ("title", "outlet", "published_on", "meeting")
    search_fields = ("title", "outlet")
    list_select_related = ("meeting",)
    raw_id_fields = ("meeting",)
