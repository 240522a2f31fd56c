from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.models import Meeting, Region, Tour
from foundation.collation import NameOrderedModelChoiceField
from foundation.params import ModelIdsField
from foundation.texts import ANSWER_MAX, TextField
from programs.models import Direction, Program
from proposals.models import AnswerTemplate, Proposal
from proposals.selectors import AWAITING_ANSWER

BLANK = [("", _("All"))]

MAX_UPLOAD = 10 * 1024 * 1024


class PublicFilterForm(forms.Form):
    """Filters of the public tracker (GET; every field optional)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    region = NameOrderedModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), required=False, empty_label=_("All")
    )
    direction = forms.ChoiceField(label=_("Direction"), choices=BLANK + Direction.choices, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=BLANK + Proposal.Status.choices, required=False)
    # Set by the links of a meeting's page ("see all its proposals"); shown as a removable filter.
    meeting = forms.ModelChoiceField(queryset=Meeting.objects.all(), required=False, widget=forms.HiddenInput)


class TriageFilterForm(PublicFilterForm):
    tour = forms.ModelChoiceField(label=_("Tour"), queryset=Tour.objects.all(), required=False, empty_label=_("All"))
    channel = forms.ChoiceField(label=_("Channel"), choices=BLANK + Proposal.Channel.choices, required=False)
    has_answer = forms.ChoiceField(
        label=_("Answer"),
        choices=BLANK + [("yes", _("Has an answer")), ("no", _("No answer yet"))],
        required=False,
    )

    field_order = ["q", "tour", "region", "direction", "channel", "status", "has_answer", "meeting"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Staff also filter by the set the dashboard counts (received or under review).
        self.fields["status"].choices = [
            *BLANK,
            (AWAITING_ANSWER, _("Awaiting an answer (received or under review)")),
            *Proposal.Status.choices,
        ]


class SubmitForm(forms.ModelForm):
    # A field people never see; bots fill every field they find.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        model = Proposal
        fields = [
            "text",
            "direction",
            "region",
            "author_name",
            "author_organisation",
            "publish_name",
            "contact_email",
            "contact_phone",
            "notify_by_email",
        ]
        labels = {
            "text": _("Your proposal"),
            "author_name": _("Your name (optional)"),
            "author_organisation": _("Organisation (optional)"),
            "publish_name": _("Publish my name and organisation with the proposal"),
            "contact_email": _("E-mail (optional, never published)"),
            "contact_phone": _("Phone (optional, never published)"),
            "notify_by_email": _("Send me the official answer by e-mail"),
        }
        help_texts = {
            "text": _("What should the foundation do, where, and for whom?"),
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
        field_classes = {"region": NameOrderedModelChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].empty_label = _("Choose a region")
        self.fields["direction"].choices = [("", _("Choose a direction"))] + Direction.choices
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < 10:
            raise forms.ValidationError(_("Describe your proposal in a few words at least (10 characters)."))
        return text

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("notify_by_email") and not cleaned.get("contact_email"):
            self.add_error("contact_email", _("Give an e-mail address to receive the answer by e-mail."))
        return cleaned

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[c for c in Proposal.Status.choices if c[0] != Proposal.Status.DUPLICATE]
    )
    answer_kk = TextField(
        limit=ANSWER_MAX, label=_("Official answer (Kazakh)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    answer_ru = TextField(
        limit=ANSWER_MAX, label=_("Official answer (Russian)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    answer_en = TextField(
        limit=ANSWER_MAX, label=_("Official answer (English)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    program = forms.ModelChoiceField(
        label=_("Program it was taken into"), queryset=Program.objects.all(), required=False, empty_label=_("None")
    )

    def clean(self):
        cleaned = super().clean()
        answered = cleaned.get("status") in Proposal.ANSWERED
        if answered and not any(cleaned.get(f"answer_{lang}", "").strip() for lang in ("kk", "ru", "en")):
            self.add_error("answer_kk", _("Write the answer in at least one language before giving a decision."))
        return cleaned


class VisibilityForm(forms.Form):
    """Hide a proposal from the public, or show it again; the reason goes into its history."""

    is_public = forms.TypedChoiceField(
        choices=[("0", _("Hide from the public")), ("1", _("Show to the public again"))],
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=_("Reason (kept in the proposal's history)"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: spam, abusive language, personal data of someone else."),
    )


class BulkActionForm(forms.Form):
    class Action:
        SET_STATUS = "set_status"
        ASSIGN_PROGRAM = "assign_program"
        SET_DIRECTION = "set_direction"
        SET_REGION = "set_region"
        ANSWER = "answer"

    ACTIONS = [
        (Action.SET_STATUS, _("Set status")),
        (Action.SET_DIRECTION, _("Set direction")),
        (Action.SET_REGION, _("Set region")),
        (Action.ASSIGN_PROGRAM, _("Assign a program")),
        (Action.ANSWER, _("Answer with a template")),
    ]

    ids = ModelIdsField(
        queryset=Proposal.objects.all(), error_messages={"required": _("Select at least one proposal.")}
    )
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", "—")] + [c for c in Proposal.Status.choices if c[0] != Proposal.Status.DUPLICATE],
        required=False,
    )
    direction = forms.ChoiceField(label=_("Direction"), choices=[("", "—")] + Direction.choices, required=False)
    region = NameOrderedModelChoiceField(label=_("Region"), queryset=Region.objects.all(), required=False)
    program = NameOrderedModelChoiceField(label=_("Program"), queryset=Program.objects.all(), required=False)
    template = forms.ModelChoiceField(label=_("Answer template"), queryset=AnswerTemplate.objects.all(), required=False)

    def clean(self):
        cleaned = super().clean()
        needed = {
            self.Action.SET_STATUS: "status",
            self.Action.SET_DIRECTION: "direction",
            self.Action.SET_REGION: "region",
            self.Action.ASSIGN_PROGRAM: "program",
            self.Action.ANSWER: "template",
        }.get(cleaned.get("action"))
        if needed and not cleaned.get(needed):
            self.add_error(needed, _("Choose a value for this action."))
        return cleaned


class MergeForm(forms.Form):
    original = forms.ModelChoiceField(queryset=Proposal.objects.all(), widget=forms.HiddenInput)


class ImportForm(forms.Form):
    CHANNELS = [
        (Proposal.Channel.ONLINE_CONFERENCE, Proposal.Channel.ONLINE_CONFERENCE.label),
        (Proposal.Channel.MEETING, Proposal.Channel.MEETING.label),
        (Proposal.Channel.IMPORT, _("Other source")),
    ]

    tour = forms.ModelChoiceField(label=_("Tour"), queryset=Tour.objects.all())
    channel = forms.ChoiceField(
        label=_("Where the proposals were collected"),
        choices=CHANNELS,
        help_text=_("When you choose a meeting below, its kind decides (an online conference or a meeting)."),
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting or conference (optional)"),
        queryset=Meeting.objects.select_related("region").order_by("-starts_at"),
        required=False,
    )
    file = forms.FileField(
        label=_("File (CSV in UTF-8 or XLSX)"),
        help_text=_("Columns: text and region are required; see the template."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tour"].initial = Tour.objects.current()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a CSV or XLSX file."))
        return upload

    def clean(self):
        cleaned = super().clean()
        meeting, tour = cleaned.get("meeting"), cleaned.get("tour")
        if meeting and tour and meeting.tour_id != tour.pk:
            self.add_error("meeting", _("This meeting belongs to another tour."))
        if meeting:
            cleaned["channel"] = Proposal.channel_for_meeting(meeting)
        return cleaned


class AnswerTemplateForm(forms.ModelForm):
    class Meta:
        model = AnswerTemplate
        fields = ["title", "status", "answer_kk", "answer_ru", "answer_en", "program"]
        widgets = {f"answer_{lang}": forms.Textarea(attrs={"rows": 3}) for lang in ("kk", "ru", "en")}

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"answer_{lang}", "").strip() for lang in ("kk", "ru", "en")):
            self.add_error("answer_kk", _("Write the answer in at least one language."))
        return cleaned
