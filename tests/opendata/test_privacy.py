"""Nothing private leaves through the open data: every API endpoint (lists followed page by page,
every object's detail, in every language), the ZIP package and every feed are searched for a
planted contact e-mail and phone, an unconsented name and organisation, a hidden proposal, a
draft memorandum and its commitment, unpublished minutes and a staff note."""

import io
import zipfile

import pytest
from django.urls import reverse

from opendata import package
from tests.opendata.conftest import CONSENTED_NAME, HIDDEN_CODE, SECRETS

LANGS = ("kk", "ru", "en")
LISTS = ["regions", "tours", "directions", "meetings", "memoranda", "commitments", "programs", "proposals"]


def _leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


def _api_bodies(client):
    """Every API response body reachable from the lists, in every language."""
    bodies = {}
    for lang in LANGS:
        for url in [reverse("api:root"), reverse("api:schema"), reverse("api:docs") + "?script"]:
            response = client.get(url, {"lang": lang})
            assert response.status_code == 200, url
            bodies[f"{url}?lang={lang}"] = response.content.decode()
        for name in LISTS:
            url = reverse(f"api:{name}") + f"?lang={lang}&page_size=2"
            while url:
                response = client.get(url)
                assert response.status_code == 200, url
                bodies[url] = response.content.decode()
                data = response.json()
                rows = data["results"] if isinstance(data, dict) else data
                for row in rows:
                    detail = _detail_url(name, row)
                    if detail:
                        response = client.get(detail, {"lang": lang})
                        assert response.status_code == 200, detail
                        bodies[f"{detail}?lang={lang}"] = response.content.decode()
                url = data.get("next") if isinstance(data, dict) else None
    return bodies


def _detail_url(name, row):
    kwargs = {
        "regions": ("region", {"slug": row.get("slug")}),
        "meetings": ("meeting", {"pk": row.get("id")}),
        "memoranda": ("memorandum", {"pk": row.get("id")}),
        "programs": ("program", {"slug": row.get("slug")}),
        "proposals": ("proposal", {"code": row.get("code")}),
    }.get(name)
    return reverse(f"api:{kwargs[0]}", kwargs=kwargs[1]) if kwargs else None


def test_the_api_shows_no_secret_anywhere(client, planted):
    bodies = _api_bodies(client)
    everything = "\n".join(bodies.values())
    # The crawl saw the public data (so an empty API cannot pass)...
    assert planted.public.code in everything
    assert CONSENTED_NAME in everything
    assert planted.memorandum.title in everything
    assert "Хаттама" in everything  # the published minutes
    # ...and none of the secrets.
    leaks = {url: _leaks(body) for url, body in bodies.items() if _leaks(body)}
    assert leaks == {}


def test_hidden_and_draft_objects_are_not_found_by_address(client, planted):
    assert client.get(reverse("api:proposal", kwargs={"code": HIDDEN_CODE})).status_code == 404
    assert client.get(reverse("api:memorandum", kwargs={"pk": planted.draft.pk})).status_code == 404
    response = client.get(reverse("api:commitments"), {"memorandum": planted.draft.pk})
    assert response.json()["results"] == []
    response = client.get(reverse("api:proposals"), {"q": HIDDEN_CODE})
    assert response.json()["results"] == []


def test_a_duplicate_of_a_hidden_proposal_does_not_name_it(client, planted):
    data = client.get(reverse("api:proposal", kwargs={"code": planted.duplicate_of_hidden.code})).json()
    assert data["status"] == "duplicate"
    assert data["duplicate_of"] is None


def test_the_package_shows_no_secret_in_any_file(planted):
    built = package.build()
    with built.file.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        files = {name: archive.read(name).decode("utf-8-sig") for name in archive.namelist()}
    assert planted.public.code in files["proposals.csv"]
    assert CONSENTED_NAME in files["proposals.csv"]
    assert planted.memorandum.title in files["memoranda.csv"]
    assert {name: _leaks(text) for name, text in files.items() if _leaks(text)} == {}


@pytest.mark.parametrize("lang", LANGS)
def test_the_feeds_show_no_secret(client, planted, lang):
    urls = [f"/{lang}/open-data/feeds/answered.atom", f"/{lang}/open-data/feeds/minutes.atom"]
    for region in (planted.astana, planted.almaty):
        urls += [
            f"/{lang}/open-data/feeds/answered/{region.slug}.atom",
            f"/{lang}/open-data/feeds/minutes/{region.slug}.atom",
        ]
    bodies = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        bodies[url] = response.content.decode()
    assert planted.answered.code in bodies[f"/{lang}/open-data/feeds/answered.atom"]
    assert planted.meeting.title in bodies[f"/{lang}/open-data/feeds/minutes.atom"]
    assert {url: _leaks(body) for url, body in bodies.items() if _leaks(body)} == {}
