from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language

from foundation.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return render_markdown(text)


@register.simple_tag(takes_context=True)
def url_in_language(context, lang_code):
    """The current page's URL in another language (for the switcher and hreflang links).

    Worked out once per language and request: the layout asks for each one twice or more."""
    request = context["request"]
    known = request.__dict__.setdefault("_urls_in_language", {})
    if lang_code not in known:
        known[lang_code] = translate_url(request.get_full_path(), lang_code)
    return known[lang_code]


def _page_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


@register.simple_tag
def lang_of(obj, field: str):
    """` lang="xx"` when the text of a translated field that the page shows is in another
    language than the page (it fell back: no Russian version, say), else nothing. WCAG 3.1.2:
    screen readers then read it with the right voice.

        <h1{% lang_of meeting "title" %}>{{ meeting.title }}</h1>
    """
    page = _page_language()
    if getattr(obj, f"{field}_{page}", None):
        return ""
    for lang in settings.MODELTRANSLATION_FALLBACK_LANGUAGES:
        if lang != page and getattr(obj, f"{field}_{lang}", None):
            return format_html(' lang="{}"', lang)
    return ""


@register.simple_tag
def lang_attr(code):
    """` lang="xx"` for a text written in `code` (a proposal as its author wrote it) when that
    is not the page's language."""
    code = (code or "").split("-")[0]
    if not code or code == _page_language():
        return ""
    return format_html(' lang="{}"', code)


@register.simple_tag
def languages_in_themselves():
    """settings.LANGUAGES as written there: each language named in itself («Қазақша», «Русский»,
    «English»), never translated into the page's language."""
    return settings.LANGUAGES
