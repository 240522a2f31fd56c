from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from consultations.models import (
    Commitment,
    CommitmentProgress,
    Meeting,
    MeetingAttachment,
    Memorandum,
    MemorandumVersion,
    Notification,
    Participation,
    Region,
    ReviewComment,
    Tour,
)


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ("name", "code_iso", "kato", "kind", "center")
    list_filter = ("kind",)
    search_fields = ("name_kk", "name_ru", "name_en", "code_iso", "kato")
    filter_horizontal = ("programs",)


@admin.register(Tour)
class TourAdmin(TranslationAdmin):
    list_display = ("name", "starts_on", "ends_on", "is_current")


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = MeetingAttachment
    extra = 0
    fields = ("kind", "file", "caption", "is_public")


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("title", "region", "kind", "starts_at", "status")
    list_filter = ("tour", "kind", "status", "region")
    search_fields = ("title", "venue", "chair")
    date_hierarchy = "starts_at"
    list_select_related = ("region",)
    inlines = [ParticipationInline, AttachmentInline]


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0
    fields = ("order", "party", "description", "due_on", "status", "program")


class ReviewCommentInline(admin.TabularInline):
    model = ReviewComment
    extra = 0
    readonly_fields = ("author", "decision", "revision", "body", "created_at")


@admin.register(Memorandum)
class MemorandumAdmin(SimpleHistoryAdmin):
    list_display = ("title", "number", "region", "status", "signed_on")
    list_filter = ("status", "region")
    search_fields = ("title", "number")
    list_select_related = ("region",)
    inlines = [CommitmentInline, ReviewCommentInline]


@admin.register(MemorandumVersion)
class MemorandumVersionAdmin(admin.ModelAdmin):
    list_display = ("memorandum", "revision", "created_by", "created_at")


class ProgressInline(admin.TabularInline):
    model = CommitmentProgress
    extra = 0


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "memorandum", "party", "due_on", "status")
    list_filter = ("party", "status", "memorandum__region")
    list_select_related = ("memorandum",)
    inlines = [ProgressInline]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """What e-mail went out for which event: read-only, the record that nothing is sent twice."""

    list_display = ("kind", "subject", "key", "created_at", "sent_at", "recipients")
    list_filter = ("kind",)
    search_fields = ("subject", "key")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
