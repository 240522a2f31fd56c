from modeltranslation.translator import TranslationOptions, register

from programs.models import Program


@register(Program)
class ProgramTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "target_group")
    required_languages = ("kk",)
