"""Who may do what with meetings, memoranda and commitments, and which workflow actor a user is.

Views and services name the permission they need; this file is the only place that decides.
"""

import rules

from foundation.roles import is_admin, is_akimat_official, is_foundation_staff, is_official_of
from foundation.workflow import Actor


@rules.predicate
def is_official_of_memorandum_region(user, memorandum) -> bool:
    return memorandum is not None and is_official_of(user, memorandum.region_id)


@rules.predicate
def is_official_of_commitment_region(user, commitment) -> bool:
    return commitment is not None and is_official_of(user, commitment.memorandum.region_id)


@rules.predicate
def memorandum_is_public(user, memorandum) -> bool:
    return memorandum is not None and memorandum.is_public


@rules.predicate
def memorandum_is_in_review(user, memorandum) -> bool:
    return memorandum is not None and memorandum.status == memorandum.Status.IN_REVIEW


@rules.predicate
def commitment_is_akimats(user, commitment) -> bool:
    return commitment is not None and commitment.party in (commitment.Party.AKIMAT, commitment.Party.JOINT)


@rules.predicate
def commitment_is_foundations(user, commitment) -> bool:
    return commitment is not None and commitment.party in (commitment.Party.FOUNDATION, commitment.Party.JOINT)


@rules.predicate
def memorandum_was_sent(user, memorandum) -> bool:
    """Officials see a memorandum from the moment staff first send it for review."""
    return memorandum is not None and memorandum.was_sent


@rules.predicate
def commitment_memorandum_was_sent(user, commitment) -> bool:
    return commitment is not None and memorandum_was_sent(user, commitment.memorandum)


staff = is_foundation_staff | is_admin
official_of_sent_memorandum = is_official_of_memorandum_region & memorandum_was_sent
memorandum_party = staff | official_of_sent_memorandum

# Staff area: meetings, minutes, participants, attachments.
rules.add_perm("consultations.access_staff_area", staff)
rules.add_perm("consultations.view_meeting_admin", staff)
rules.add_perm("consultations.add_meeting", staff)
rules.add_perm("consultations.change_meeting", staff)

# Memoranda: staff draft; officials of the memorandum's region review; the public reads signed ones.
rules.add_perm("consultations.access_akimat_area", is_akimat_official)
rules.add_perm("consultations.change_memorandum", staff)
rules.add_perm("consultations.view_memorandum", memorandum_party | memorandum_is_public)
# The review history (comments, revisions and their diff) is for the parties, not the public.
rules.add_perm("consultations.view_memorandum_review", memorandum_party)
rules.add_perm("consultations.review_memorandum", is_official_of_memorandum_region & memorandum_is_in_review)
rules.add_perm("consultations.comment_memorandum", memorandum_party)
# The akimat's pages of a memorandum: its region's officials, once it was sent to them.
rules.add_perm("consultations.view_memorandum_as_official", official_of_sent_memorandum)

# Commitments: officials update the akimat's (and joint) ones of their region, staff the foundation's.
rules.add_perm(
    "consultations.update_commitment_progress",
    (staff & commitment_is_foundations) | (is_official_of_commitment_region & commitment_is_akimats) | is_admin,
)
rules.add_perm(
    "consultations.view_commitment", staff | (is_official_of_commitment_region & commitment_memorandum_was_sent)
)
rules.add_perm("consultations.import_commitments", staff)


def meeting_actor(user, meeting=None) -> str | None:
    """The workflow actor (Meeting.TRANSITIONS) this user is for a meeting, or None."""
    return Actor.STAFF if staff.test(user) else None


def memorandum_actor(user, memorandum) -> str | None:
    """The workflow actor (Memorandum.TRANSITIONS): staff, an official of its region, or None."""
    if staff.test(user):
        return Actor.STAFF
    if is_official_of_memorandum_region.test(user, memorandum):
        return Actor.OFFICIAL
    return None
