"""Backup and restore round trip: database + media into an empty database and an empty bucket."""

import json
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from consultations.models import Memorandum
from consultations.services.meetings import attachment_add
from foundation import backups
from tests import factories, s3
from tests.consultations.conftest_memoranda import make_memorandum
from tests.consultations.staff_data import PDF_BYTES, png_bytes, upload


@pytest.fixture
def empty_database(tmp_path):
    """An empty target database of the same engine: a new PostgreSQL database, or a new SQLite file."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg2

    db = connection.settings_dict
    name = f"ops_restore_{uuid.uuid4().hex[:10]}"
    params = {"user": db["USER"], "password": db["PASSWORD"] or None, "host": db["HOST"], "port": db["PORT"] or None}
    admin = psycopg2.connect(dbname="postgres", **params)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _site_with_files(staff_user):
    tour = factories.TourFactory(is_current=True)
    astana = factories.region("KZ-71")
    meeting = factories.MeetingFactory(tour=tour, region=astana, title="Астана: әкіммен кездесу")
    attachment_add(meeting=meeting, uploaded=upload("кездесу.png", png_bytes()), caption="Зал", user=staff_user)
    attachment_add(meeting=meeting, uploaded=upload("хаттама.pdf", PDF_BYTES), caption="Хаттама", user=staff_user)
    make_memorandum(astana, Memorandum.Status.SIGNED)
    for text in ("Инклюзивті мектеп", "Оңалту орталығы", "Спорт секциясы"):
        factories.ProposalFactory(tour=tour, region=astana, text=text)


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_and_bucket(s3_media, s3_endpoint, settings, tmp_path, empty_database):
    staff_user = factories.StaffFactory(username="staff")
    _site_with_files(staff_user)
    source_files = {name: s3_media.read(name) for name in s3_media.names()}
    assert len(source_files) == 4  # photo, its thumbnail, the PDF document, the signed scan

    call_command("backup", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["tables"]["proposals_proposal"] == 3
    assert manifest["tables"]["consultations_meetingattachment"] == 2
    assert manifest["tables"]["consultations_memorandum"] == 1
    assert manifest["tables"]["consultations_region"] == 20
    assert sorted(manifest["files"]) == sorted(source_files)

    target = s3.new_bucket(s3_endpoint)
    settings.STORAGES = {**settings.STORAGES, "default": target.storage_settings()}
    call_command("restore", str(tmp_path / "backup"), database_url=empty_database)

    restored_counts = backups.table_counts(backups._database_config(empty_database))
    assert restored_counts == manifest["tables"]
    assert restored_counts["proposals_proposal"] == 3
    assert {name: target.read(name) for name in target.names()} == source_files

    # A second restore onto what now holds data is refused, and changes nothing.
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path / "backup"), database_url=empty_database)


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_before_anything_is_written(
    s3_media, s3_endpoint, settings, tmp_path, empty_database
):
    staff_user = factories.StaffFactory(username="staff")
    _site_with_files(staff_user)
    call_command("backup", str(tmp_path / "backup"))
    photo = next((tmp_path / "backup" / "media").rglob("кездесу.png"))
    photo.write_bytes(photo.read_bytes()[:-1] + b"\x00")

    target = s3.new_bucket(s3_endpoint)
    settings.STORAGES = {**settings.STORAGES, "default": target.storage_settings()}
    with pytest.raises(CommandError, match="кездесу.png is damaged"):
        call_command("restore", str(tmp_path / "backup"), database_url=empty_database)
    assert target.names() == []
    assert backups.table_counts(backups._database_config(empty_database)) == {}


@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_restore_into_a_bucket_holding_files(s3_media, tmp_path, empty_database):
    factories.TourFactory(is_current=True)
    call_command("backup", str(tmp_path / "backup"))
    s3_media.client.put_object(Bucket=s3_media.name, Key="stray.txt", Body=b"x")
    with pytest.raises(CommandError, match="media storage is not empty"):
        call_command("restore", str(tmp_path / "backup"), database_url=empty_database)


def test_it_refuses_to_write_into_a_folder_holding_files(tmp_path):
    (tmp_path / "old").write_text("x")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("backup", str(tmp_path))
