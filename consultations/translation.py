import simple_history
from modeltranslation.translator import TranslationOptions, register

from consultations.models import Commitment, Meeting, Memorandum, Region, Tour


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name", "center")
    required_languages = {"kk": ("name",), "ru": ("name",), "en": ("name",)}


@register(Tour)
class TourTranslation(TranslationOptions):
    fields = ("name", "goal")
    required_languages = ("kk",)


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "venue", "chair", "hosts", "agenda", "summary", "outcomes")
    required_languages = ()


@register(Memorandum)
class MemorandumTranslation(TranslationOptions):
    fields = ("title", "foundation_signatory", "akimat_signatory", "signed_place")
    required_languages = ()


@register(Commitment)
class CommitmentTranslation(TranslationOptions):
    fields = ("description",)
    required_languages = ()


# History is registered here, after the translated fields exist: a HistoricalRecords() field
# declared on the model would build its history table without them and fail on save.
for _model in (Meeting, Memorandum, Commitment):
    simple_history.register(_model)
