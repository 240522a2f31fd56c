from django import template
from django.urls import translate_url

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
