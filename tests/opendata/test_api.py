"""The read API: fields, filters, pagination, language, conditional GET, CORS, throttling."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse

from proposals.models import Proposal
from tests import factories

REFUSING_REDIS = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


def test_a_proposal_has_its_public_fields_and_no_others(client, planted):
    data = client.get(reverse("api:proposal", kwargs={"code": planted.answered.code}), {"lang": "en"}).json()
    assert data == {
        "code": planted.answered.code,
        "tour": planted.tour.slug,
        "region": "astana",
        "meeting": None,
        "direction": "rehabilitation",
        "direction_label": "Rehabilitation and inclusion",
        "channel": "meeting",
        "channel_label": "Meeting",
        "status": "accepted",
        "status_label": "Accepted",
        "text": "Инклюзивті мектептер керек",
        "author_name": "",
        "author_organisation": "",
        "duplicate_of": None,
        "answer": "Accepted",
        "answered_at": data["answered_at"],
        "program": "screening",
        "received_at": data["received_at"],
        "url": f"http://127.0.0.1:8000/en/proposals/{planted.answered.code}/",
        "history": [
            {"from_status": "received", "to_status": "accepted", "changed_at": data["history"][0]["changed_at"]}
        ],
    }


def test_language_comes_from_lang_then_accept_language_then_kazakh(client, planted):
    url = reverse("api:proposal", kwargs={"code": planted.answered.code})
    assert client.get(url, {"lang": "ru"}).json()["answer"] == "Предложение принято"
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.5")
    assert response.json()["status_label"] == "Принято"
    assert response["Content-Language"] == "ru"
    assert "Accept-Language" in response["Vary"]
    response = client.get(url, {"lang": "xx"}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.json()["answer"] == "Ұсыныс қабылданды"
    assert response["Content-Language"] == "kk"


def test_a_meeting_shows_minutes_only_once_published(client, planted):
    published = client.get(reverse("api:meeting", kwargs={"pk": planted.meeting.pk})).json()
    assert published["minutes"] == "## Хаттама\n\nИнклюзия туралы"
    assert published["summary"] == "Әкіммен кездесу өтті"
    assert published["participation"] == [
        {"group": "ngos", "group_label": "ҮЕҰ және қоғамдық ұйымдар", "count": 12, "organisations": "«Үміт»"}
    ]
    assert published["participants_total"] == 12
    held = client.get(reverse("api:meeting", kwargs={"pk": planted.held_meeting.pk})).json()
    assert held["status"] == "held"
    assert held["minutes"] is None


def test_memoranda_carry_their_commitments_with_overdue_derived(client, planted):
    data = client.get(reverse("api:memoranda"), {"lang": "en"}).json()
    assert [m["id"] for m in data["results"]] == [planted.memorandum.pk]
    states = sorted(c["state"] for c in data["results"][0]["commitments"])
    assert states == ["in_progress", "overdue"]
    detail = client.get(reverse("api:memorandum", kwargs={"pk": planted.memorandum.pk})).json()
    assert detail["text_kk"] == "Тараптар әлеуметтік жобаларды бірлесіп кеңейтеді."
    overdue = client.get(reverse("api:commitments"), {"overdue": "true"}).json()["results"]
    assert [c["description"] for c in overdue] == ["Мерзімі өткен"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": "almaty"}, {"unconsented"}),
        ({"status": "accepted"}, {"answered"}),
        ({"status": "duplicate"}, {"duplicate_of_hidden"}),
        ({"q": "мектептер"}, {"answered"}),
        ({"program": "screening"}, {"answered"}),
        ({"region": "astana", "direction": "sport"}, set()),
    ],
)
def test_proposal_filters_work_as_on_the_tracker(client, planted, params, expected):
    names = {"public", "answered", "unconsented", "duplicate_of_hidden"}
    codes = {getattr(planted, name).code: name for name in names}
    results = client.get(reverse("api:proposals"), params).json()["results"]
    assert {codes[r["code"]] for r in results} == expected


@pytest.mark.parametrize(
    "params",
    [
        {"region": "nowhere"},
        {"status": "bogus"},
        {"meeting": "abc"},
        {"q": "x" * 201},
        {"region": "²"},
        {"tour": "\x00"},
    ],
)
def test_garbage_filters_answer_400_not_500(client, planted, params):
    response = client.get(reverse("api:proposals"), params)
    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_garbage_cursor_and_page_size_do_not_break(client, planted):
    assert client.get(reverse("api:proposals"), {"cursor": "%%%garbage"}).status_code == 404
    response = client.get(reverse("api:proposals"), {"page_size": "-3"})
    assert response.status_code == 200
    assert client.get(reverse("api:meetings"), {"starts_from": "9999-99-99"}).status_code == 400


def test_cursor_pagination_walks_every_proposal_once_newest_first(client, db, tour, astana):
    created = [factories.ProposalFactory(tour=tour, region=astana) for _ in range(7)]
    seen = []
    url = reverse("api:proposals") + "?page_size=3"
    pages = 0
    while url:
        data = client.get(url).json()
        assert "count" not in data  # no COUNT(*) over the whole table
        seen += [row["code"] for row in data["results"]]
        url = data["next"]
        pages += 1
    assert pages == 3
    assert seen == [p.code for p in reversed(created)]


def test_lists_take_a_fixed_number_of_queries(client, db, tour, astana, django_assert_max_num_queries):
    program = factories.ProgramFactory()
    meeting = factories.MeetingFactory(tour=tour, region=astana)
    for _ in range(30):
        factories.ProposalFactory(tour=tour, region=astana, program=program, meeting=meeting)
    memorandum = factories.MemorandumFactory(
        region=astana, tour=tour, status="signed", signed_on=datetime.date(2026, 9, 1)
    )
    for _ in range(5):
        factories.CommitmentFactory(memorandum=memorandum, program=program)
    for name, most in [("proposals", 1), ("meetings", 2), ("memoranda", 2), ("commitments", 1), ("programs", 2)]:
        with django_assert_max_num_queries(most):
            response = client.get(reverse(f"api:{name}"), {"page_size": 100})
        assert response.status_code == 200


def test_a_repeated_request_with_its_etag_gets_304(client, planted):
    url = reverse("api:proposals")
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    # Another language is another representation.
    assert client.get(url, {"lang": "en"}, HTTP_IF_NONE_MATCH=etag).status_code == 200
    # A change to public content makes the old ETag stale.
    Proposal.objects.filter(pk=planted.public.pk).first().save()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_with_the_cache_down_etags_come_from_the_body(client, planted):
    url = reverse("api:regions")
    with override_settings(CACHES=REFUSING_REDIS):
        first = client.get(url)
        assert first.status_code == 200
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_anonymous_clients_are_throttled_with_retry_after(client, planted, settings):
    settings.API_THROTTLE_RATE = "3/minute"
    url = reverse("api:regions")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(url)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    # Another client address has its own allowance.
    assert client.get(url, REMOTE_ADDR="10.0.0.9").status_code == 200


def test_throttling_still_limits_when_redis_is_down(client, planted, settings):
    settings.API_THROTTLE_RATE = "2/minute"
    url = reverse("api:tours")
    with override_settings(CACHES=REFUSING_REDIS):
        statuses = [client.get(url, REMOTE_ADDR="10.1.2.3").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_cors_allows_reading_from_anywhere_and_nothing_else(client, planted):
    response = client.get(reverse("api:regions"), HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        reverse("api:regions"), HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    refused = client.options(
        reverse("api:regions"), HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert "Access-Control-Allow-Origin" not in refused
    post = client.post(reverse("api:proposals"), {"text": "x"}, HTTP_ORIGIN="https://example.org")
    assert post.status_code == 405
    assert "Access-Control-Allow-Origin" not in post
    assert Proposal.objects.count() == 5


def test_signed_in_staff_see_the_same_public_data(client, planted, staff_user):
    client.force_login(staff_user)
    codes = {r["code"] for r in client.get(reverse("api:proposals")).json()["results"]}
    assert planted.hidden.code not in codes
    assert "sessionid" not in client.get(reverse("api:proposals")).cookies


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_hand_built_proposal_equals_drfs_own_representation(planted, lang):
    from django.utils import translation

    from opendata import selectors
    from opendata.api.serializers import ProposalDetailSerializer, ProposalSerializer

    with translation.override(lang):
        for proposal in selectors.proposals():
            fast = ProposalSerializer().to_representation(proposal)
            assert fast == dict(ProposalSerializer().generic_representation(proposal))
            assert list(fast) == ProposalSerializer.Meta.fields
            detail = ProposalDetailSerializer().to_representation(proposal)
            assert detail == dict(ProposalDetailSerializer().generic_representation(proposal))


def test_a_repeated_request_is_answered_from_the_cache_until_content_changes(
    client, planted, django_assert_num_queries
):
    url = reverse("api:proposals")
    first = client.get(url, {"lang": "en"})
    with django_assert_num_queries(0):
        again = client.get(url, {"lang": "en"})
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Content-Type"] == "application/json"
    assert again["Access-Control-Allow-Origin"] == "*"
    planted.public.text = "Жаңартылған мәтін"
    planted.public.save()
    fresh = client.get(url, {"lang": "en"})
    assert "Жаңартылған мәтін" in fresh.content.decode()
    assert fresh["ETag"] != first["ETag"]
