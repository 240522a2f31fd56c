"""Who may do what with the open data. Reading it needs no permission: it is public."""

import rules

from foundation.roles import is_admin, is_foundation_staff

staff = is_foundation_staff | is_admin

rules.add_perm("opendata.build_package", staff)
