from modeltranslation.translator import TranslationOptions, register

from proposals.models import Proposal


@register(Proposal)
class ProposalTranslation(TranslationOptions):
    fields = ("answer",)
    required_languages = ()
