"""Role predicates shared by every app's rules.py: the one place that says who is who.

They read only the user; what an object's region is, each app's rules.py says (this module
knows no other app's models).
"""

import rules


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
