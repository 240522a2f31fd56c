from django import template

from events import selectors

register = template.Library()


@register.inclusion_tag("events/_event_panel.html", takes_context=True)
def event_panel(context, meeting):
    """Online access, registration, "add to calendar" and press coverage of one event."""
    return {**selectors.event_panel(meeting), "request": context.get("request")}
