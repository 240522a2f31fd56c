"""Staff enter a public text in Kazakh, Russian and English side by side.

The models keep one column per language (django-modeltranslation: `title_kk`, `title_ru`,
`title_en`); a form names the base field once in `translated_fields` and gets the three, labelled
with their language, marked with `lang` so spell checkers and screen readers use the right one,
and grouped for the template (`form.translated_groups`, rendered by
templates/includes/side_by_side.html).
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

CONTENT_LANGUAGES = ("kk", "ru", "en")
# The languages a public text must have at least one of (English is optional).
MAIN_LANGUAGES = ("kk", "ru")
LANGUAGE_LABELS = {
    "kk": pgettext_lazy("text language", "Kazakh"),
    "ru": pgettext_lazy("text language", "Russian"),
    "en": pgettext_lazy("text language", "English"),
}


def translated_names(*names: str, languages=CONTENT_LANGUAGES) -> list[str]:
    """["title"] -> ["title_kk", "title_ru", "title_en"], for a ModelForm's Meta.fields."""
    return [f"{name}_{lang}" for name in names for lang in languages]


def field_label(model, name: str) -> str:
    """A field's label, with its language for a translated column: "Title (Kazakh)"."""
    field = model._meta.get_field(name)
    original = getattr(field, "translated_field", None)  # set on modeltranslation's columns
    label = str((original or field).verbose_name)
    label = label[:1].upper() + label[1:]
    if original is not None:
        language = LANGUAGE_LABELS[field.language]
        return _("%(field)s (%(language)s)") % {"field": label, "language": language}
    return label


class TranslatedFieldsMixin:
    """For a ModelForm over a translated model. Set `translated_fields` (base names) and
    `required_translated` (base names that need a text in Kazakh or Russian)."""

    translated_fields: tuple[str, ...] = ()
    required_translated: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.translated_groups = {}
        for name in self.translated_fields:
            group = []
            for lang in CONTENT_LANGUAGES:
                field = self.fields.get(f"{name}_{lang}")
                if field is None:
                    continue
                field.label = field_label(self._meta.model, f"{name}_{lang}")
                field.widget.attrs["lang"] = lang
                field.required = False
                group.append(self[f"{name}_{lang}"])
            self.translated_groups[name] = group

    def _any_language(self, name: str, languages=CONTENT_LANGUAGES) -> bool:
        """Whether the text `name` was given in at least one of `languages`."""
        return any((self.cleaned_data.get(f"{name}_{lang}") or "").strip() for lang in languages)

    def clean(self):
        data = super().clean()
        for name in self.required_translated:
            if not self._any_language(name, MAIN_LANGUAGES):
                self.add_error(f"{name}_kk", _("Give this text in Kazakh or in Russian (or both)."))
        return data


def side_by_side_layout(form):
    """A crispy Layout of the form's fields in their order, each translated group in one row
    (the languages side by side on a wide screen, stacked on a phone)."""
    from crispy_forms.layout import Column, Layout, Row

    grouped = {}
    for name, group in getattr(form, "translated_groups", {}).items():
        for bound in group:
            grouped[bound.name] = name
    items, done = [], set()
    for field_name in form.fields:
        base = grouped.get(field_name)
        if base is None:
            items.append(field_name)
        elif base not in done:
            done.add(base)
            items.append(Row(*(Column(b.name, css_class="col-lg") for b in form.translated_groups[base])))
    return Layout(*items)
