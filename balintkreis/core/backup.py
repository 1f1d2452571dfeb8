"""Backup and restore of the embedded mode (SQLite, keys, media).

``backup`` copies the database with SQLite's online backup API (consistent
while the server runs), the generated keys from ``var/`` and the media files
into a directory or a ``.tar.gz`` archive, with ``manifest.json`` (row counts
per table, checksums). ``restore`` refuses to write over a database that has
a ``-wal`` file (a server still holds it, or it was not shut down cleanly),
checks the copy, and holds back the mail that was pending or being sent when
the backup was taken: it may have gone out since, so those rows get the
status "review" and go out only after ``manage.py outbox_review --send``.

PostgreSQL: use ``pg_dump``/``pg_restore`` (docs/deployment.md).
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings

DB_NAME = "balintkreis.sqlite3"
KEY_FILES = ("secret_key", "field_key")
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore that must not go ahead; the message says why."""


def database_path() -> Path:
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        raise BackupError(
            "Die Datenbank ist PostgreSQL: Sicherung mit pg_dump, "
            "Wiederherstellung mit pg_restore (docs/deployment.md)."
        )
    return Path(database["NAME"])


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def table_counts(db: Path) -> dict[str, int]:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {
            table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            for table in tables
        }
    finally:
        connection.close()


def backup(destination: Path) -> Path:
    """Write a backup to ``destination`` (a new directory, or ``*.tar.gz``)."""
    source = database_path()
    if not source.exists():
        raise BackupError(f"Keine Datenbank unter {source}.")
    archive = destination.name.endswith((".tar.gz", ".tgz"))
    if destination.exists() and (archive or any(destination.iterdir())):
        raise BackupError(f"{destination} existiert schon und ist nicht leer.")
    with tempfile.TemporaryDirectory(prefix="balintkreis-backup-") as scratch:
        folder = Path(scratch) / "backup" if archive else destination
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / DB_NAME
        reader = sqlite3.connect(str(source), timeout=30)
        writer = sqlite3.connect(str(target))
        try:
            with writer:
                reader.backup(writer)
        finally:
            writer.close()
            reader.close()
        files = {DB_NAME: _sha256(target)}
        keys = []
        for name in KEY_FILES:
            key = settings.VAR_DIR / name
            if key.exists():
                shutil.copy2(key, folder / name)
                os.chmod(folder / name, 0o600)
                files[name] = _sha256(folder / name)
                keys.append(name)
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.copytree(media, folder / "media")
            for path in sorted((folder / "media").rglob("*")):
                if path.is_file():
                    files[str(path.relative_to(folder))] = _sha256(path)
        manifest = {
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "database": str(source),
            "keys": keys,
            "counts": table_counts(target),
            "files": files,
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2))
        if archive:
            destination.parent.mkdir(parents=True, exist_ok=True)
            with tarfile.open(destination, "w:gz") as tar:
                tar.add(folder, arcname="backup")
            os.chmod(destination, 0o600)
    return destination


def _unpack(source: Path, scratch: Path) -> Path:
    if source.is_dir():
        return source
    with tarfile.open(source, "r:gz") as tar:
        tar.extractall(scratch, filter="data")
    return scratch / "backup"


def check_not_in_use(db: Path) -> None:
    for suffix in ("-wal", "-journal"):
        leftover = Path(f"{db}{suffix}")
        if leftover.exists():
            raise BackupError(
                f"{leftover} existiert: Ein Server hält die Datenbank noch offen "
                "oder wurde nicht sauber beendet. Erst alle Prozesse beenden "
                "(make run mit Strg+C), dann erneut wiederherstellen."
            )


def restore(source: Path, *, replace: bool = False) -> dict:
    """Put a backup back; return its manifest.

    Replaces the database, the generated keys and the media of this
    installation (the previous files are kept as ``*.before-restore``).
    """
    target = database_path()
    check_not_in_use(target)
    if target.exists() and not replace:
        raise BackupError(
            f"{target} existiert schon. Mit --replace wird sie ersetzt "
            "(die alte Datei bleibt als .before-restore erhalten)."
        )
    with tempfile.TemporaryDirectory(prefix="balintkreis-restore-") as scratch:
        folder = _unpack(source, Path(scratch))
        manifest = json.loads((folder / MANIFEST).read_text())
        for name, digest in manifest["files"].items():
            if _sha256(folder / name) != digest:
                raise BackupError(
                    f"Prüfsumme von {name} stimmt nicht: Sicherung defekt."
                )
        check = sqlite3.connect(f"file:{folder / DB_NAME}?mode=ro", uri=True)
        try:
            if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError("Die gesicherte Datenbank ist beschädigt.")
        finally:
            check.close()
        if table_counts(folder / DB_NAME) != manifest["counts"]:
            raise BackupError("Die Zeilenzahlen passen nicht zum Manifest.")
        stamp = datetime.datetime.now().strftime("%Y%m%d%H%M%S")
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            target.rename(f"{target}.before-restore-{stamp}")
        for suffix in ("-shm",):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        partial = Path(f"{target}.restoring")
        shutil.copy2(folder / DB_NAME, partial)
        partial.rename(target)
        for name in manifest["keys"]:
            key = settings.VAR_DIR / name
            if key.exists():
                if key.read_bytes() == (folder / name).read_bytes():
                    continue
                key.rename(f"{key}.before-restore-{stamp}")
            shutil.copy2(folder / name, key)
            os.chmod(key, 0o600)
        if (folder / "media").exists():
            shutil.copytree(folder / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)
    return manifest
