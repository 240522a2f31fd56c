"""Who may do what with regions, meetings, memoranda and commitments.

Views name the permission they need; this file is the only place that decides.
"""

import rules

from accounts.predicates import is_admin, is_akimat_official, is_foundation_staff, is_official_of_region


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
    return memorandum is not None and memorandum.status != memorandum.Status.DRAFT


@rules.predicate
def commitment_memorandum_was_sent(user, commitment) -> bool:
    return commitment is not None and memorandum_was_sent(user, commitment.memorandum)


staff = is_foundation_staff | is_admin

# Staff area: meetings, minutes, participants, attachments.
rules.add_perm("consultations.access_staff_area", staff)
rules.add_perm("consultations.view_meeting_admin", staff)
rules.add_perm("consultations.add_meeting", staff)
rules.add_perm("consultations.change_meeting", staff)
rules.add_perm("consultations.delete_meeting", is_admin)

# Memoranda: staff draft; officials of the memorandum's region review; the public reads signed ones.
rules.add_perm("consultations.access_akimat_area", is_akimat_official)
rules.add_perm("consultations.add_memorandum", staff)
rules.add_perm("consultations.change_memorandum", staff)
rules.add_perm(
    "consultations.view_memorandum", staff | (is_official_of_region & memorandum_was_sent) | memorandum_is_public
)
rules.add_perm("consultations.review_memorandum", is_official_of_region & memorandum_is_in_review)
rules.add_perm("consultations.comment_memorandum", staff | (is_official_of_region & memorandum_was_sent))
rules.add_perm("consultations.delete_memorandum", is_admin)

# Commitments: officials update the akimat's (and joint) ones of their region, staff the foundation's.
rules.add_perm(
    "consultations.update_commitment_progress",
    (staff & commitment_is_foundations) | (is_official_of_region & commitment_is_akimats) | is_admin,
)
rules.add_perm("consultations.view_commitment", staff | (is_official_of_region & commitment_memorandum_was_sent))
rules.add_perm("consultations.import_commitments", staff)
