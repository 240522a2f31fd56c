from modeltranslation.translator import TranslationOptions, register

from consultations.models import Region, Tour


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name", "center")
    required_languages = {"kk": ("name",), "ru": ("name",), "en": ("name",)}


@register(Tour)
class TourTranslation(TranslationOptions):
    fields = ("name", "goal")
    required_languages = ("kk",)
