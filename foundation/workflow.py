"""The shape every workflow shares (meetings, memoranda, proposals).

Each model declares `TRANSITIONS = Transitions({from: {to: actor}})`: the status changes
allowed and who may make each. The app's service `<noun>_change_status` enforces it (and any
guard of its own) before writing, records who and when in the object's history, and the
save refreshes the public page cache. Which actor a user is for an object is decided in the
app's rules.py.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Actor(models.TextChoices):
    """Who makes a status change."""

    STAFF = "staff", _("Foundation staff")
    OFFICIAL = "official", _("Akimat official")


class TransitionNotAllowed(ValidationError):
    """The workflow does not allow this status change for this user, or a guard refuses it."""


class Transitions:
    """A workflow table: {from status: {to status: the actor who may make the move}}."""

    def __init__(self, table: dict):
        self.table = {source: dict(targets) for source, targets in table.items()}

    def allows(self, source: str, target: str, actor: str | None) -> bool:
        return actor is not None and self.table.get(source, {}).get(target) == actor

    def targets(self, source: str, actor: str | None) -> list[str]:
        """The statuses this actor may move to from `source`, in the table's order."""
        return [target for target, who in self.table.get(source, {}).items() if actor is not None and who == actor]

    def moves(self) -> set[tuple[str, str, str]]:
        """Every (from, to, actor) the table allows: what tests compare to their own table."""
        return {(source, target, who) for source, targets in self.table.items() for target, who in targets.items()}


class WorkflowMixin:
    """For models with a `status` field and a TRANSITIONS table."""

    TRANSITIONS: Transitions

    def can_change_status(self, target: str, actor: str | None) -> bool:
        return self.TRANSITIONS.allows(self.status, target, actor)

    def status_targets(self, actor: str | None) -> list[str]:
        return self.TRANSITIONS.targets(self.status, actor)

    def check_transition(self, target: str, actor: str | None) -> None:
        """Raise TransitionNotAllowed unless this actor may move the object to `target`."""
        if not self.can_change_status(target, actor):
            labels = dict(type(self)._meta.get_field("status").choices)
            raise TransitionNotAllowed(
                _("This change of status is not allowed: “%(current)s” → “%(target)s”.")
                % {"current": labels.get(self.status, self.status), "target": labels.get(target, target)},
                code="transition",
            )
