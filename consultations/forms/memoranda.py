"""Forms of the memoranda area: drafting, commitments, review, signing, progress, import."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from consultations.models import Commitment, Memorandum, ReviewComment
from foundation import uploads
from foundation.collation import NameOrderedModelChoiceField
from foundation.texts import NOTE_MAX, TextField
from foundation.translated_forms import (
    MAIN_LANGUAGES,
    TranslatedFieldsMixin,
    side_by_side_layout,
    translated_names,
)


def validate_pdf(upload):
    """By content, not by name: the first bytes of a PDF are `%PDF-`."""
    uploads.check_size(upload)
    if uploads.sniff(upload) != uploads.PDF:
        raise ValidationError(_("The file is not a PDF document."))


def validate_evidence(upload):
    uploads.check_size(upload)
    if uploads.sniff(upload) is None:
        raise ValidationError(_("Evidence must be a PDF document or an image (JPEG, PNG)."))


class MemorandumForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("title", "foundation_signatory", "akimat_signatory")
    required_translated = ("title",)

    # The version the form was opened at; a newer one in the database means someone else saved.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Memorandum
        fields = [
            "region",
            "tour",
            "meeting",
            "number",
            *translated_names("title"),
            "text_kk",
            "text_ru",
            *translated_names("foundation_signatory", "akimat_signatory"),
            "valid_from",
            "valid_until",
        ]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text_kk": forms.Textarea(attrs={"rows": 12, "lang": "kk"}),
            "text_ru": forms.Textarea(attrs={"rows": 12, "lang": "ru"}),
        }
        field_classes = {"region": NameOrderedModelChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = self.fields["meeting"].queryset.select_related("region")
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            # The region decides who reviews: it is fixed once the memorandum exists.
            self.fields["region"].disabled = True
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = side_by_side_layout(self)

    def clean(self):
        data = super().clean()
        valid_from, valid_until = data.get("valid_from"), data.get("valid_until")
        if valid_from and valid_until and valid_until < valid_from:
            self.add_error("valid_until", _("The end of validity must not be before its start."))
        meeting, region = data.get("meeting"), data.get("region")
        if meeting and region and meeting.region_id != region.pk:
            self.add_error("meeting", _("The meeting must be in the memorandum's region."))
        return data


class CommitmentForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("description",)
    required_translated = ("description",)

    class Meta:
        model = Commitment
        fields = ["party", *translated_names("description", languages=MAIN_LANGUAGES), "due_on", "program"]
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 2}) for name in translated_names("description")},
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


MAX_COMMITMENTS = 100  # bounds the forms a forged TOTAL_FORMS makes the server build

CommitmentFormSet = inlineformset_factory(
    Memorandum,
    Commitment,
    form=CommitmentForm,
    extra=2,
    can_delete=True,
    min_num=0,
    max_num=MAX_COMMITMENTS,
    absolute_max=MAX_COMMITMENTS,
    validate_max=True,
)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"), choices=ReviewComment.Decision.choices, widget=forms.RadioSelect
    )
    body = TextField(limit=NOTE_MAX, label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def clean(self):
        data = super().clean()
        if (
            data.get("decision") in (ReviewComment.Decision.REQUEST_CHANGES, ReviewComment.Decision.COMMENT)
            and not (data.get("body") or "").strip()
        ):
            self.add_error("body", _("Say what should change or what your comment is."))
        return data


class StaffCommentForm(forms.Form):
    body = TextField(limit=NOTE_MAX, label=_("Comment"))


class SignForm(forms.Form):
    signed_on = forms.DateField(label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"}))
    signed_place = forms.CharField(label=_("Place of signing"), max_length=300)
    signed_scan = forms.FileField(
        label=_("Signed scan (PDF)"),
        validators=[validate_pdf],
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Commitment.Status.choices)
    note = TextField(limit=NOTE_MAX, label=_("Progress note"))
    evidence = forms.FileField(
        label=_("Evidence (PDF or image, optional)"),
        required=False,
        validators=[validate_evidence],
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Commitments spreadsheet (XLSX, as exported)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        uploads.check_size(upload)
        return upload
