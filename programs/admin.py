from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from programs.models import Program


@admin.register(Program)
class ProgramAdmin(TranslationAdmin):
    list_display = ("title", "direction", "status", "beneficiaries", "featured", "order")
    list_filter = ("direction", "status", "featured")
    search_fields = ("title_kk", "title_ru", "title_en", "slug")
    prepopulated_fields = {"slug": ("title_en",)}
