"""{% fragment %}: a rendered part kept in the cache by what it shows, never stale."""

import pytest
from django.core.cache import cache
from django.template import engines
from django.utils import translation

from consultations.models import Meeting
from foundation import cache as best_effort
from tests import factories

TEMPLATE = engines["django"].from_string(
    '{% load fragments %}{% fragment "test-part" name %}<b>{{ name }}</b> {{ counter }}{% endfragment %}'
)


class Counter:
    """Counts how often the part's body is rendered."""

    def __init__(self):
        self.renders = 0

    def __str__(self):
        self.renders += 1
        return str(self.renders)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def render(name, counter, language="kk"):
    with translation.override(language):
        return TEMPLATE.render({"name": name, "counter": counter})


def test_the_same_values_reuse_the_kept_part():
    counter = Counter()
    assert render("Астана", counter) == "<b>Астана</b> 1"
    assert render("Астана", counter) == "<b>Астана</b> 1"
    assert counter.renders == 1


def test_other_values_or_another_language_render_afresh():
    counter = Counter()
    render("Астана", counter)
    assert render("Алматы", counter) == "<b>Алматы</b> 2"
    assert render("Астана", counter, language="ru") == "<b>Астана</b> 3"


def test_a_missing_value_is_never_shared():
    template = engines["django"].from_string(
        '{% load fragments %}{% fragment "test-missing" nothing %}{{ counter }}{% endfragment %}'
    )
    counter = Counter()
    assert template.render({"counter": counter}) == "1"
    assert template.render({"counter": counter}) == "2"


def test_without_the_cache_the_part_is_rendered_every_time(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    counter = Counter()
    try:
        assert render("Астана", counter) == "<b>Астана</b> 1"
        assert render("Астана", counter) == "<b>Астана</b> 2"
    finally:
        best_effort._skip_until.clear()


@pytest.mark.django_db
def test_the_home_map_shows_a_meeting_held_at_once(client, tour, astana):
    meeting = factories.MeetingFactory(tour=tour, region=astana, status=Meeting.Status.PLANNED)
    tile = 'data-testid="tile-KZ-71"'
    assert "tile-planned" in _tile(client.get("/kk/").content.decode(), tile)
    meeting.status = Meeting.Status.HELD
    meeting.save()
    assert "tile-held" in _tile(client.get("/kk/").content.decode(), tile)


def _tile(html: str, marker: str) -> str:
    start = html.index(marker)
    return html[html.rindex("<a ", 0, start) : start]
