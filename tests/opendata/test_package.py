"""The open-data package: its files, encoding, formula safety, data dictionary, licence and
snapshot date; built by the task (nightly) and on demand by staff; downloaded from the footer."""

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse

from opendata import package, tasks
from opendata.models import Package
from tests import factories

FILES = {
    "regions.csv",
    "tours.csv",
    "meetings.csv",
    "participation.csv",
    "memoranda.csv",
    "commitments.csv",
    "programs.csv",
    "proposals.csv",
    "proposal_status_changes.csv",
    "codes.csv",
    "README.kk.md",
    "README.ru.md",
    "README.en.md",
    "LICENSE.txt",
    "datapackage.json",
}


def open_zip(built: Package) -> zipfile.ZipFile:
    with built.file.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def rows(archive, name):
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))


def test_the_package_holds_every_dataset_with_its_dictionary_and_licence(planted):
    built = tasks.build_package()
    built = Package.objects.get(pk=built)
    assert built.status == Package.Status.DONE
    archive = open_zip(built)
    assert set(archive.namelist()) == FILES
    assert built.row_counts["proposals"] == 4  # the hidden one is left out
    assert built.row_counts["memoranda"] == 1  # the draft is left out
    assert built.row_counts["commitments"] == 2
    assert archive.read("proposals.csv").startswith(b"\xef\xbb\xbfcode,tour,region,")
    proposals = {row["code"]: row for row in rows(archive, "proposals.csv")}
    assert proposals[planted.public.code]["author_name"] == "Әлия Сәрсенова"
    assert proposals[planted.answered.code]["author_name"] == ""
    assert proposals[planted.answered.code]["answer_ru"] == "Предложение принято"
    assert "Attribution 4.0 International" in archive.read("LICENSE.txt").decode()
    snapshot = built.snapshot_at.astimezone().strftime("%Y-%m-%d")
    for lang, heading in [
        ("kk", "Өңірлік кездесулердің ашық деректері"),
        ("ru", "Открытые данные"),
        ("en", "Open data"),
    ]:
        readme = archive.read(f"README.{lang}.md").decode()
        assert heading in readme
        assert "`author_organisation`" in readme
        assert "CC BY 4.0" in readme
    descriptor = json.loads(archive.read("datapackage.json"))
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["created"].startswith(snapshot)
    assert [r["name"] for r in descriptor["resources"]][:2] == ["regions", "tours"]
    assert len(rows(archive, "regions.csv")) == 20


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","click")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"])
def test_cells_that_would_run_as_formulas_are_neutralised(db, tour, astana, text):
    factories.ProposalFactory(
        tour=tour, region=astana, text=text, publish_name=True, author_organisation="=cmd|' /C calc'!A0"
    )
    archive = open_zip(package.build())
    [row] = rows(archive, "proposals.csv")
    assert row["text"] == "'" + text
    assert row["author_organisation"] == "'=cmd|' /C calc'!A0"


def test_safe_cell_leaves_numbers_and_plain_text_alone():
    assert package.safe_cell(-5) == -5
    assert package.safe_cell("Мектеп - 5") == "Мектеп - 5"
    assert package.safe_cell(None) == ""
    assert package.safe_cell(True) == "true"


def test_a_build_is_claimed_once_and_old_packages_are_pruned(db, tour):
    first = package.build()
    assert package.build(first.pk) is None  # already built: not built again
    built = [package.build() for _ in range(4)]
    ready = Package.objects.filter(status=Package.Status.DONE)
    assert set(ready.values_list("pk", flat=True)) == {p.pk for p in built[-3:]}
    assert not first.file.storage.exists(first.file.name)
    assert Package.objects.latest_ready() == built[-1]


def test_a_failed_build_is_recorded_and_the_last_good_one_stays(db, tour, monkeypatch):
    good = package.build()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(package, "write_zip", broken)
    failed = package.build()
    assert failed.status == Package.Status.FAILED
    assert failed.error == "RuntimeError: disk full"
    assert Package.objects.latest_ready() == good


def test_download_serves_the_latest_package_as_an_attachment(client, planted):
    assert client.get(reverse("opendata:download")).status_code == 404
    built = package.build()
    response = client.get(reverse("opendata:download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="open-data-')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == open_zip_bytes(built)


def open_zip_bytes(built):
    with built.file.open("rb") as handle:
        return handle.read()


def test_the_footer_links_the_open_data_page_which_links_the_package(client, planted):
    home = client.get("/en/").content.decode()
    assert 'href="/en/open-data/"' in home
    assert b"open-data-package-missing" in client.get("/en/open-data/").content
    package.build()
    page = client.get("/en/open-data/").content.decode()
    assert 'href="/en/open-data/package.zip"' in page
    assert 'href="/api/v1/docs/"' in page
    assert 'href="/en/open-data/feeds/answered/astana.atom"' in page
    assert "http://testserver/kk/open-data/</loc>" in client.get("/sitemap-pages.xml").content.decode()


@pytest.mark.parametrize(
    ("persona", "get_status", "post_status"),
    [
        ("anonymous", 302, 302),
        ("public_user", 403, 403),
        ("official_astana", 403, 403),
        ("staff_user", 200, 302),
        ("admin_user", 200, 302),
    ],
)
def test_only_staff_rebuild_the_package(
    persona_client, tour, persona, get_status, post_status, django_capture_on_commit_callbacks
):
    user, client = persona_client(persona)
    url = reverse("opendata:staff")
    assert client.get(url).status_code == get_status
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == post_status
    if post_status == 302 and user is not None:
        assert response["Location"] == url
        latest = Package.objects.get()
        assert latest.requested_by == user
        assert latest.status == Package.Status.DONE  # tasks run eagerly in tests
    elif persona != "anonymous":
        assert not Package.objects.exists()


def test_the_staff_page_lists_builds(staff_client, tour):
    package.build()
    page = staff_client.get(reverse("opendata:staff")).content.decode()
    assert 'data-testid="packages"' in page
    assert staff_client.put(reverse("opendata:staff")).status_code == 405


def test_beat_builds_the_package_nightly_with_a_registered_task(settings):
    from foundation.celery import app

    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["open-data-nightly"]
    assert entry["task"] in app.tasks
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({2}, {30})
