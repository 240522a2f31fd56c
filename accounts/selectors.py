"""Who is who, for other apps: the e-mail addresses of each role (no app needs the User model)."""

from accounts.models import User


def staff_emails():
    return User.objects.filter(role=User.Role.STAFF, is_active=True, email__gt="").values_list("email", flat=True)


def official_emails(region_id):
    """The active akimat officials of one region."""
    return User.objects.filter(role=User.Role.AKIMAT, region_id=region_id, is_active=True, email__gt="").values_list(
        "email", flat=True
    )
