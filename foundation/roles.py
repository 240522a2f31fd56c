"""Who is who: the role predicates every app's rules.py composes, and the addresses of each role.

They read only the user's attributes (`is_foundation_staff`, `is_akimat_official`, `region_id`,
set by the user model) and reach the user model through get_user_model(), so no app imports
the accounts app for them: accounts sits above the tour's apps (an official is bound to a
Region), and the tour's apps never import it back.
"""

import rules
from django.contrib.auth import get_user_model


@rules.predicate
def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


@rules.predicate
def is_foundation_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_foundation_staff)


@rules.predicate
def is_akimat_official(user) -> bool:
    return bool(user and user.is_authenticated and user.is_akimat_official)


def is_official_of(user, region_id) -> bool:
    """True when the user is an akimat official bound to the region with this id."""
    return region_id is not None and is_akimat_official(user) and user.region_id == region_id


def staff_emails():
    User = get_user_model()
    return User.objects.filter(role=User.Role.STAFF, is_active=True, email__gt="").values_list("email", flat=True)


def official_emails(region_id):
    """The addresses of the active akimat officials of one region."""
    User = get_user_model()
    return User.objects.filter(role=User.Role.AKIMAT, region_id=region_id, is_active=True, email__gt="").values_list(
        "email", flat=True
    )
