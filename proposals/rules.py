import rules

from accounts.predicates import is_admin, is_foundation_staff

staff = is_foundation_staff | is_admin

rules.add_perm("proposals.add_proposal", rules.always_allow)  # the public form needs no account
rules.add_perm("proposals.triage_proposal", staff)
rules.add_perm("proposals.change_proposal", staff)
rules.add_perm("proposals.answer_proposal", staff)
rules.add_perm("proposals.import_proposals", staff)
rules.add_perm("proposals.export_proposals", staff)
rules.add_perm("proposals.delete_proposal", is_admin)
