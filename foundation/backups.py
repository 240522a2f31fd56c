"""Consistent backups (database + media) and their restore into an empty database and storage.

A backup is a folder:
    manifest.json        engine, row count of every table, name/size/SHA-256 of every media file
    database.pgdump      PostgreSQL: pg_dump custom format   (or database.sqlite3 for SQLite)
    media/<name>         every file of the media storage (local disk or bucket), by its storage name

PostgreSQL: the row counts and pg_dump read one exported snapshot, so the dump and the manifest
describe the same instant while the site keeps running. Media files are never changed in place
(new uploads get new names), so copying them after the snapshot catches every file the dump
refers to; a file removed in the seconds between the two is the one gap, and restore reports it.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction

from foundation.storage import walk

MANIFEST = "manifest.json"
FORMAT = 1
DUMPS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


def _sha256_of(handle) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _pg_command(program: str, db: dict, *args: str) -> tuple[list[str], dict]:
    command = [program, "--no-password"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command += [flag, str(db[key])]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return [*command, *args], env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


# Backup --------------------------------------------------------------------------------------


def backup(dest: Path, storage=None) -> dict:
    """Write a backup folder at dest (which must not exist or be empty); returns the manifest."""
    storage = storage or default_storage
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(f"{dest} is not empty")
    dest.mkdir(parents=True, exist_ok=True)
    engine = connection.vendor
    if engine not in DUMPS:
        raise BackupError(f"backups support PostgreSQL and SQLite, not {engine}")
    tables = _dump_postgresql(dest / DUMPS[engine]) if engine == "postgresql" else _dump_sqlite(dest / DUMPS[engine])
    files = _copy_media_out(storage, dest / "media")
    manifest = {
        "format": FORMAT,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "engine": engine,
        "database": DUMPS[engine],
        "tables": tables,
        "files": files,
    }
    (dest / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False, sort_keys=True))
    return manifest


def _dump_postgresql(path: Path) -> dict[str, int]:
    if connection.in_atomic_block:
        raise BackupError("run the backup outside a transaction")
    with transaction.atomic(), connection.cursor() as cursor:
        # One snapshot for the row counts and for pg_dump: both see the same committed state.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        command, env = _pg_command(
            "pg_dump",
            connection.settings_dict,
            "--format=custom",
            "--no-owner",
            "--no-acl",
            f"--snapshot={snapshot}",
            f"--file={path}",
            connection.settings_dict["NAME"],
        )
        _run(command, env)
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        return _count_rows(cursor, [row[0] for row in cursor.fetchall()], connection.ops.quote_name)


def _dump_sqlite(path: Path) -> dict[str, int]:
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)  # SQLite's online backup: a consistent copy
    finally:
        target.close()
    return _sqlite_counts(path)


def _sqlite_counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(path)
    try:
        cursor = db.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        return _count_rows(cursor, [row[0] for row in cursor.fetchall()], lambda n: '"' + n.replace('"', '""') + '"')
    finally:
        db.close()


def _count_rows(cursor, tables: list[str], quote) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT count(*) FROM {quote(table)}")  # noqa: S608 (names from the catalogue)
        counts[table] = cursor.fetchone()[0]
    return counts


def _copy_media_out(storage, folder: Path) -> dict[str, dict]:
    files = {}
    for name in _storage_names(storage):
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, open(target, "wb") as out:
            shutil.copyfileobj(source, out, CHUNK)
        with open(target, "rb") as copied:
            digest, size = _sha256_of(copied)
        files[name] = {"sha256": digest, "size": size}
    return files


def _storage_names(storage) -> list[str]:
    try:
        return list(walk(storage))
    except FileNotFoundError:  # a local media folder not created yet holds nothing
        return []


# Restore -------------------------------------------------------------------------------------


def restore(source: Path, *, database_url: str | None = None, storage=None) -> dict:
    """Restore a backup folder into an empty database and an empty media storage.

    database_url: the target (postgres://... or sqlite:///path); the site's own database when None.
    Checks the backup's files before touching anything, refuses a target that holds data, and
    afterwards checks every table's row count and every file's hash against the manifest.
    """
    storage = storage or default_storage
    source = Path(source)
    manifest = json.loads((source / MANIFEST).read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    for name, meta in manifest["files"].items():
        with open(source / "media" / name, "rb") as handle:
            if _sha256_of(handle)[0] != meta["sha256"]:
                raise BackupError(f"the backup's copy of {name} is damaged (hash differs)")
    target = _database_config(database_url)
    engine = "postgresql" if target["ENGINE"].endswith("postgresql") else "sqlite"
    if engine != manifest["engine"]:
        raise BackupError(f"the backup is of a {manifest['engine']} database, the target is {engine}")
    if _storage_names(storage):
        raise BackupError("the media storage is not empty")
    if engine == "postgresql":
        _restore_postgresql(source / manifest["database"], target)
    else:
        _restore_sqlite(source / manifest["database"], target)
    _copy_media_in(storage, source / "media", manifest["files"])
    counts = table_counts(target)
    if counts != manifest["tables"]:
        differ = sorted(t for t in set(counts) | set(manifest["tables"]) if counts.get(t) != manifest["tables"].get(t))
        raise BackupError(f"row counts differ after restore in: {', '.join(differ)}")
    return {"tables": len(counts), "rows": sum(counts.values()), "files": len(manifest["files"])}


def _database_config(database_url: str | None) -> dict:
    if not database_url:
        return connection.settings_dict
    import environ

    try:
        return environ.Env.db_url_config(database_url)
    except Exception as exc:
        raise ImproperlyConfigured(f"not a database URL: {database_url!r} ({exc})") from None


def _pg_connect(db: dict):
    import psycopg2

    return psycopg2.connect(
        dbname=db["NAME"], user=db.get("USER") or None, password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None, port=db.get("PORT") or None,
    )  # fmt: skip


def table_counts(db: dict) -> dict[str, int]:
    """Rows in every table of a database (PostgreSQL public schema, or a SQLite file)."""
    if not db["ENGINE"].endswith("postgresql"):
        return _sqlite_counts(Path(db["NAME"]))
    with _pg_connect(db) as pg, pg.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [row[0] for row in cursor.fetchall()]
        counts = _count_rows(cursor, tables, lambda n: '"' + n.replace('"', '""') + '"')
    pg.close()
    return counts


def _restore_postgresql(dump: Path, db: dict) -> None:
    if table_counts(db):
        raise BackupError(f"the database {db['NAME']} is not empty")
    command, env = _pg_command(
        "pg_restore", db, "--no-owner", "--no-acl", "--exit-on-error", "--single-transaction",
        f"--dbname={db['NAME']}", str(dump),
    )  # fmt: skip
    _run(command, env)


def _restore_sqlite(dump: Path, db: dict) -> None:
    path = Path(db["NAME"])
    if path.exists() and path.stat().st_size and _sqlite_counts(path):
        raise BackupError(f"the database {path} is not empty")
    shutil.copyfile(dump, path)


def _copy_media_in(storage, folder: Path, files: dict[str, dict]) -> None:
    for name, meta in files.items():
        with open(folder / name, "rb") as handle:
            saved = storage.save(name, File(handle, name=name))
        if saved != name:
            raise BackupError(f"{name} was stored as {saved}")
        with storage.open(name, "rb") as stored:
            if _sha256_of(stored)[0] != meta["sha256"]:
                raise BackupError(f"{name} differs after restore")
