"""Public forms: register for an event, filter the calendar. Staff: attendance."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.models import Meeting, Participation, Region
from events.consent import CONSENT_TEXT
from events.models import PressCoverage, Registration
from foundation.texts import validate_visible


class RegistrationForm(forms.ModelForm):
    consent = forms.BooleanField(label=CONSENT_TEXT, required=True)
    # A honeypot: hidden from people by CSS, filled by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        model = Registration
        fields = ["name", "organisation", "group", "email"]
        labels = {"name": _("Your name"), "email": _("E-mail"), "group": _("You represent")}
        help_texts = {
            "email": _("The confirmation, the calendar file and the link to cancel come to this address."),
            "organisation": _("Optional."),
            "group": _("Optional."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.update({"autocomplete": "name"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["organisation"].widget.attrs.update({"autocomplete": "organization"})
        self.fields["group"].choices = [("", _("— not given —")), *Participation.Group.choices]
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["consent"].error_messages["required"] = _("Registration needs your consent.")
        for name in ("name", "organisation"):
            self.fields[name].validators.append(validate_visible)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give your name."))
        return name

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class CalendarFilterForm(forms.Form):
    """The public calendar's filters. Garbage in a parameter is ignored, never an error page."""

    WHEN_UPCOMING, WHEN_PAST = "upcoming", "past"

    when = forms.ChoiceField(
        label=_("When"),
        choices=[(WHEN_UPCOMING, _("Upcoming")), (WHEN_PAST, _("Past"))],
        required=False,
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All regions"),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *Meeting.Kind.choices], required=False)
    online = forms.BooleanField(label=_("Can be joined online"), required=False)

    def values(self) -> dict:
        """The cleaned filters; a field with a bad value counts as not given."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "when": data.get("when") or self.WHEN_UPCOMING,
            "region": data.get("region"),
            "kind": data.get("kind") or "",
            "online": bool(data.get("online")),
        }


class PressCoverageForm(forms.ModelForm):
    class Meta:
        model = PressCoverage
        fields = ["title", "outlet", "published_on", "url"]
        widgets = {"published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title", "outlet"):
            self.fields[name].validators.append(validate_visible)
