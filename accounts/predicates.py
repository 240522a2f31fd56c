"""Role predicates shared by every app's rules.py: the one place that says who is who."""

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


@rules.predicate
def is_official_of_region(user, obj) -> bool:
    """True when the user is an akimat official of the region the object belongs to.

    The object is a Region, or anything with a `region_id`, or a commitment (through its
    memorandum).
    """
    if not is_akimat_official(user) or obj is None:
        return False
    region_id = getattr(obj, "region_id", None)
    if region_id is None and hasattr(obj, "memorandum"):
        region_id = obj.memorandum.region_id
    if region_id is None and obj.__class__.__name__ == "Region":
        region_id = obj.pk
    return region_id == user.region_id
