from django import template
from django.urls import translate_url

from foundation.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return render_markdown(text)


@register.simple_tag(takes_context=True)
def url_in_language(context, lang_code):
    """The current page's URL in another language (for the switcher and hreflang links)."""
    request = context["request"]
    return translate_url(request.get_full_path(), lang_code)
