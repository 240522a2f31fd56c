"""Who may do what with proposals, and which workflow actor a user is."""

import rules

from foundation.roles import is_admin, is_foundation_staff
from foundation.workflow import Actor

staff = is_foundation_staff | is_admin

rules.add_perm("proposals.add_proposal", rules.always_allow)  # the public form needs no account
rules.add_perm("proposals.triage_proposal", staff)
rules.add_perm("proposals.change_proposal", staff)
rules.add_perm("proposals.answer_proposal", staff)
rules.add_perm("proposals.moderate_proposal", staff)
rules.add_perm("proposals.import_proposals", staff)
rules.add_perm("proposals.export_proposals", staff)


def proposal_actor(user, proposal=None) -> str | None:
    """The workflow actor (Proposal.TRANSITIONS) this user is for a proposal, or None."""
    return Actor.STAFF if staff.test(user) else None
