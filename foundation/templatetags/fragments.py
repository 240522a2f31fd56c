"""`{% fragment name value ... %}…{% endfragment %}`: keep a rendered part of a page in the cache.

The key is the part's name, the language and everything the part shows, passed as values
(a form field stands for its value and its choices). The key changes whenever what the part
shows changes, so a kept part is never stale and needs no invalidation; parts nobody asks for
again expire after FRAGMENT_SECONDS. The cache is best-effort (foundation/cache.py): without
it the part is rendered every time.

For the parts that are the same on many requests and costly to render: the tile map and the
region list (twenty regions), the filter forms (a select of twenty regions renders slowly).
"""

import hashlib

from django import forms, template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from foundation import cache as best_effort

register = template.Library()

FRAGMENT_SECONDS = 3600


def signature(value):
    """A plain, repr-stable picture of `value` for the cache key."""
    if isinstance(value, forms.BoundField):
        choices = ()
        if hasattr(value.field, "choices"):
            # Read a model field's choices once: the field renders from this list on a miss.
            value.field.choices = choices = list(iter(value.field.choices))  # iter: no COUNT query
        return (value.html_name, signature(value.value()), tuple((str(v), str(label)) for v, label in choices))
    if isinstance(value, list | tuple):
        return tuple(signature(item) for item in value)
    return str(value)


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        resolved = [value.resolve(context, ignore_failures=True) for value in self.vary_on]
        if any(value is None for value in resolved):  # a value is missing: never share the part
            return self.nodelist.render(context)
        values = signature(resolved)
        digest = hashlib.sha256(repr((get_language(), values)).encode()).hexdigest()[:40]
        key = f"fragment:{self.name}:{digest}"
        html = best_effort.get(key)
        if html is None:
            html = self.nodelist.render(context)
            best_effort.set(key, str(html), FRAGMENT_SECONDS)
        return mark_safe(html)  # noqa: S308 - rendered (and escaped) by the template itself


@register.tag("fragment")
def do_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name: {% fragment 'tile-map' value ... %}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return FragmentNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])
