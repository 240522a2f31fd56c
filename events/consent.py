"""The consent a person gives when registering for an event. Each registration records the
version it agreed to and the text as it was shown; change the text, change the version."""

from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "events-registration-2026-11"
CONSENT_TEXT = _(
    "I agree that the foundation processes my name, organisation and e-mail address to register me "
    "for this event, to send me its confirmation, a reminder and changes, and to count the participants. "
    "They are not published and are deleted one year after the event."
)
