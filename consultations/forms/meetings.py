"""Staff forms for planning meetings and logging minutes, participants and attachments."""

import django_filters
from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from consultations.models import Meeting, Memorandum, Participation, Region, Tour
from consultations.services.meetings import sniff_upload
from foundation import uploads
from foundation.collation import NameOrderedModelChoiceField, NameOrderedModelMultipleChoiceField
from foundation.params import ModelIdsField
from foundation.translated_forms import TranslatedFieldsMixin, side_by_side_layout, translated_names

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def _helper() -> FormHelper:
    # The templates own the <form> tag: one form can hold a model form and formsets.
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class VersionedForm(forms.ModelForm):
    """Carries the meeting version the user started from, for optimistic locking."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        if not self.instance.pk:
            self.fields["version"].required = False
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        # Browsers send a textarea's line breaks as CRLF: store LF, so an untouched text
        # compares equal to the saved one and is not recorded as edited.
        for name, value in data.items():
            if isinstance(value, str):
                data[name] = value.replace("\r\n", "\n")
        return data


def _link_field(name: str) -> forms.URLField:
    field = Meeting._meta.get_field(name)
    return forms.URLField(
        label=field.verbose_name,
        required=False,
        assume_scheme="https",
        max_length=field.max_length,
        validators=field.validators,
        help_text=_("https:// only, to an allowed host."),
    )


class MeetingForm(TranslatedFieldsMixin, VersionedForm):
    translated_fields = ("title", "venue", "chair", "hosts", "agenda")
    required_translated = ("title",)

    online_url = _link_field("online_url")
    recording_url = _link_field("recording_url")

    class Meta:
        model = Meeting
        fields = [
            "tour",
            "region",
            "regions",
            "kind",
            "attendance",
            *translated_names("title"),
            "starts_at",
            "ends_at",
            *translated_names("venue"),
            "online_url",
            "online_is_public",
            "join_opens_minutes",
            "recording_url",
            "registration_open",
            "capacity",
            *translated_names("chair", "hosts", "agenda"),
        ]
        # Ids are checked before any query: SQLite cannot bind a 20-digit number.
        field_classes = {"regions": ModelIdsField}
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
            "regions": forms.CheckboxSelectMultiple,
            **{name: forms.Textarea(attrs={"rows": 3}) for name in translated_names("hosts")},
            **{name: forms.Textarea(attrs={"rows": 6}) for name in translated_names("agenda")},
        }
        # Regions in the page language's alphabet.
        field_classes = {"region": NameOrderedModelChoiceField, "regions": NameOrderedModelMultipleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tour"].queryset = Tour.objects.order_by("-is_current", "-starts_on")
        self.fields["region"].empty_label = _("— none: a national or thematic event —")
        # Left out, they take the event's kind's usual value (older forms and scripts post neither).
        self.fields["attendance"].required = False
        self.fields["join_opens_minutes"].required = False
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("tour", Tour.objects.current())
        self.helper.layout = side_by_side_layout(self)

    def clean_attendance(self):
        attendance = self.cleaned_data.get("attendance")
        if attendance:
            return attendance
        if self.cleaned_data.get("kind") == Meeting.Kind.ONLINE_CONFERENCE:
            return Meeting.Attendance.ONLINE
        return self.instance.attendance if self.instance.pk else Meeting.Attendance.IN_PERSON

    def clean_join_opens_minutes(self):
        value = self.cleaned_data.get("join_opens_minutes")
        return Meeting._meta.get_field("join_opens_minutes").default if value is None else value

    def clean(self):
        data = super().clean()
        attendance, kind = data.get("attendance"), data.get("kind")
        online = attendance in (Meeting.Attendance.ONLINE, Meeting.Attendance.HYBRID)
        if kind == Meeting.Kind.ONLINE_CONFERENCE and attendance == Meeting.Attendance.IN_PERSON:
            self.add_error("attendance", _("An online conference is held online or in person and online."))
        if online and not data.get("online_url") and "online_url" not in self.errors:
            if kind == Meeting.Kind.ONLINE_CONFERENCE:
                self.add_error("online_url", _("An online conference needs its link."))
            else:
                self.add_error("online_url", _("An event held online needs its link."))
        if attendance and attendance != Meeting.Attendance.ONLINE and not self._any_language("venue"):
            self.add_error("venue_kk", _("Give the venue of an event held in person."))
        if data.get("online_is_public") and not online:
            self.add_error("online_is_public", _("Only an event held online can have public online access."))
        if data.get("capacity") is not None and data["capacity"] < 1:
            self.add_error("capacity", _("Give at least one place, or leave it empty for no limit."))
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The end must come after the start."))
        if data.get("region") and data.get("regions"):
            # The host region is listed once, as the host.
            data["regions"] = data["regions"].exclude(pk=data["region"].pk)
        tour, starts_at = data.get("tour"), data.get("starts_at")
        if tour and starts_at and not (tour.starts_on <= starts_at.date() <= tour.ends_on):
            self.add_error(
                "starts_at",
                _("The tour runs from %(start)s to %(end)s; this date is outside it.")
                % {"start": tour.starts_on, "end": tour.ends_on},
            )
        return data


class MinutesForm(TranslatedFieldsMixin, VersionedForm):
    translated_fields = ("summary", "outcomes")

    memorandum = forms.ModelChoiceField(
        queryset=Memorandum.objects.none(),
        required=False,
        label=_("Memorandum signed at this meeting"),
        help_text=_("Only memoranda of the meeting's region are listed."),
    )

    class Meta:
        model = Meeting
        fields = ["minutes_language", "minutes", *translated_names("summary", "outcomes")]
        widgets = {
            "minutes": forms.Textarea(attrs={"rows": 14}),
            **{name: forms.Textarea(attrs={"rows": 4}) for name in translated_names("summary")},
            **{name: forms.Textarea(attrs={"rows": 6}) for name in translated_names("outcomes")},
        }

    def __init__(self, *args, memoranda=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["memorandum"].queryset = (
            memoranda if memoranda is not None else Memorandum.objects.filter(region_id=self.instance.region_id)
        )
        if not self.is_bound:
            signed_here = [m for m in self.fields["memorandum"].queryset if m.meeting_id == self.instance.pk]
            if signed_here:
                self.initial["memorandum"] = signed_here[0].pk


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = Participation
        fields = ["group", "count", "organisations"]
        widgets = {"organisations": forms.Textarea(attrs={"rows": 2})}


class BaseParticipationFormSet(forms.BaseInlineFormSet):
    def clean(self):
        # Before Django's own unique check, so the message sits on the field it concerns and
        # the error summary can link to it.
        seen = set()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form) or not hasattr(form, "cleaned_data"):
                continue
            group = form.cleaned_data.get("group")
            if group in seen:
                form.add_error("group", _("This group already has a row above; add the numbers there."))
            seen.add(group)
        super().clean()


# No upper limit beyond Django's safety cap: one row per group, and there are nine groups.
ParticipationFormSet = forms.inlineformset_factory(
    Meeting,
    Participation,
    form=ParticipationForm,
    formset=BaseParticipationFormSet,
    extra=2,
    can_delete=True,
    # One row per group at most: a forged TOTAL_FORMS cannot make the server build thousands.
    max_num=len(Participation.Group.choices),
    absolute_max=len(Participation.Group.choices) + 2,
    validate_max=True,
)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Photo or scanned document"))
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    is_public = forms.BooleanField(label=_("Show on the public page"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        uploads.check_size(uploaded)
        self.kind, self.content_type = sniff_upload(uploaded)
        return uploaded


class RegionFilter(django_filters.ModelChoiceFilter):
    field_class = NameOrderedModelChoiceField  # regions in the page language's alphabet


class MeetingFilter(django_filters.FilterSet):
    tour = django_filters.ModelChoiceFilter(queryset=Tour.objects.all(), label=_("Tour"))
    region = RegionFilter(queryset=Region.objects.all(), label=_("Region"))
    kind = django_filters.ChoiceFilter(choices=Meeting.Kind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=Meeting.Status.choices, label=_("Status"))
    date_from = django_filters.DateFilter(
        field_name="starts_at",
        lookup_expr="date__gte",
        label=pgettext_lazy("start of a date range", "From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="starts_at",
        lookup_expr="date__lte",
        label=pgettext_lazy("end of a date range", "To"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Meeting
        fields = ["tour", "region", "kind", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.helper = _helper()


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Meeting.Status.choices)
    version = forms.IntegerField(min_value=1)
