import rules

from accounts.predicates import is_admin, is_foundation_staff

rules.add_perm("programs.view_program", rules.always_allow)
rules.add_perm("programs.change_program", is_foundation_staff | is_admin)
rules.add_perm("programs.add_program", is_foundation_staff | is_admin)
rules.add_perm("programs.delete_program", is_admin)
