"""Atom feeds of answered proposals and published minutes, overall and per region."""

import feedparser
from django.urls import reverse

from tests import factories


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    return feed


def test_answered_proposals_feed_lists_answered_public_proposals(client, planted):
    feed = parse(client, "/ru/open-data/feeds/answered.atom")
    assert feed.feed.title == "Предложения с ответом"
    assert [entry.link for entry in feed.entries] == [f"http://testserver/ru/proposals/{planted.answered.code}/"]
    assert "Предложение принято" in feed.entries[0].summary


def test_regional_feeds_hold_their_region_only(client, planted):
    astana = parse(client, reverse("opendata:feed_answered_region", kwargs={"slug": "astana"}))
    almaty = parse(client, reverse("opendata:feed_answered_region", kwargs={"slug": "almaty"}))
    assert len(astana.entries) == 1
    assert almaty.entries == []
    minutes = parse(client, reverse("opendata:feed_minutes_region", kwargs={"slug": "astana"}))
    assert [entry.title for entry in minutes.entries] == ["Астанадағы кездесу"]
    assert parse(client, reverse("opendata:feed_minutes_region", kwargs={"slug": "almaty"})).entries == []


def test_published_minutes_feed_leaves_out_meetings_without_published_minutes(client, planted):
    feed = parse(client, "/en/open-data/feeds/minutes.atom")
    assert [entry.title for entry in feed.entries] == ["Астанадағы кездесу"]
    assert feed.feed.title == "Published minutes"


def test_an_unknown_region_is_404(client, planted):
    assert client.get("/kk/open-data/feeds/answered/nowhere.atom").status_code == 404


def test_typed_markup_is_escaped_not_run(client, tour, astana):
    factories.ProposalFactory(
        tour=tour, region=astana, status="declined", text="<script>alert(1)</script> мектеп", answer_kk="<b>жоқ</b>"
    )
    response = client.get("/kk/open-data/feeds/answered.atom")
    feed = feedparser.parse(response.content)
    assert "<script>" not in feed.entries[0].summary
    assert "&lt;script&gt;" in feed.entries[0].summary
