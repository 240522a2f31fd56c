"""Who may do what with registrations and press coverage. The public registers and cancels
with the secret link in their e-mail; no permission is involved there."""

import rules

from foundation.roles import is_admin, is_foundation_staff

staff = is_foundation_staff | is_admin

rules.add_perm("events.view_registration", staff)
rules.add_perm("events.change_registration", staff)
rules.add_perm("events.add_presscoverage", staff)
rules.add_perm("events.change_presscoverage", staff)
rules.add_perm("events.delete_presscoverage", staff)
