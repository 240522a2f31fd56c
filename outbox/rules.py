"""Who may see the outbox: foundation staff and administrators."""

import rules

from foundation.roles import is_admin, is_foundation_staff

rules.add_perm("outbox.view_outboxitem", is_foundation_staff | is_admin)
rules.add_perm("outbox.retry_outboxitem", is_foundation_staff | is_admin)
