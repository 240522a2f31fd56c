from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "role", "region", "is_active", "is_superuser")
    list_filter = ("role", "region", "is_active", "is_superuser")
    fieldsets = BaseUserAdmin.fieldsets + ((_("Role in the tour"), {"fields": ("role", "region")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + ((_("Role in the tour"), {"fields": ("role", "region")}),)
