"""Backup and restore of the embedded mode (issue 16 item 5).

Back up a running installation, restore into a fresh directory (its own
freshly generated keys are replaced by the backed-up ones), check the counts,
that EFNs decrypt, that the media came along and that mail pending or being
sent at backup time is held for review, not sent again blindly. A restore
over a database with a ``-wal`` file is refused.
"""

import json
import subprocess
import sys

from tests.embedded import ROOT, env_for, manage, migrated_var_dir

EFN = "276010000123456"

SETUP = f"""
from balintkreis.accounts.models import User
from balintkreis.notifications.models import OutboxEmail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
for n in range(3):
    User.objects.create_user(email=f"u{{n}}@example.org", password="x" * 12, efn="{EFN}")
for n, status in enumerate(["sent", "sent", "pending", "sending", "failed"]):
    OutboxEmail.objects.create(key=f"k{{n}}", to="a@example.org", subject="S",
                               body_text="T", status=status)
default_storage.save("uploads/plan.txt", ContentFile(b"Raumplan"))
"""

REPORT = """
import json
from django.core.files.storage import default_storage
from balintkreis.accounts.models import User
from balintkreis.notifications.models import OutboxEmail
print(json.dumps({
    "users": User.objects.count(),
    "efns": sorted(set(User.objects.values_list("efn", flat=True))),
    "outbox": sorted(OutboxEmail.objects.values_list("status", flat=True)),
    "media": default_storage.open("uploads/plan.txt").read().decode(),
}))
"""


def _report(env):
    return json.loads(manage(env, "shell", "-c", REPORT).strip().splitlines()[-1])


def test_backup_restores_into_a_fresh_directory(tmp_path):
    source = env_for(migrated_var_dir(tmp_path / "source"))
    manage(source, "shell", "-c", SETUP)
    # An open connection in WAL mode, as while make run serves.
    holder = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.db import connection; connection.ensure_connection();"
            "import time; time.sleep(60)",
        ],
        cwd=ROOT,
        env=source,
    )
    try:
        archive = tmp_path / "backups" / "bk.tar.gz"
        manage(source, "backup", str(archive))
    finally:
        holder.kill()
        holder.wait()
    assert archive.exists()
    (tmp_path / "source" / "field_key").write_text("lost-key")  # the old machine burns

    fresh = tmp_path / "fresh"
    target = env_for(fresh)
    out = manage(target, "restore", str(archive))
    assert "2 E-Mail(s)" in out
    report = _report(target)
    assert report["users"] == 3
    assert report["efns"] == [EFN]  # readable with the restored key
    assert report["media"] == "Raumplan"
    assert report["outbox"] == ["failed", "review", "review", "sent", "sent"]
    # Nothing pending: the worker would send nothing until someone decides.
    listing = manage(target, "outbox_review")
    assert "2 E-Mail(s) zurückgehalten" in listing
    manage(target, "outbox_review", "--send-all")
    assert _report(target)["outbox"] == ["failed", "pending", "pending", "sent", "sent"]


def test_restore_refuses_a_database_with_a_wal_file(tmp_path):
    source = env_for(migrated_var_dir(tmp_path / "source"))
    backup_dir = tmp_path / "bk"
    manage(source, "backup", str(backup_dir))
    assert json.loads((backup_dir / "manifest.json").read_text())["counts"]
    target_dir = migrated_var_dir(tmp_path / "target")
    (target_dir / "balintkreis.sqlite3-wal").write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(backup_dir), "--replace"],
        cwd=ROOT,
        env=env_for(target_dir),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "-wal existiert" in result.stderr
    # Without --replace an existing database is never overwritten either.
    (target_dir / "balintkreis.sqlite3-wal").unlink()
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(backup_dir)],
        cwd=ROOT,
        env=env_for(target_dir),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "--replace" in result.stderr
