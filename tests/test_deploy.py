"""Production settings pass `manage.py check --deploy` with no warnings."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; production
    # never has it, and check --deploy rightly refuses it.
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_production_environment(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SITE_URL="https://balintkreis.example",
        ALLOWED_HOSTS="balintkreis.example",
        SECRET_KEY="x" * 20 + "production-like-secret-key-with-enough-entropy-1234",
        FIELD_ENCRYPTION_KEY="another-production-like-key",
        CME_ORGANISER="Beispiel-Institut für Balintarbeit",
        BALINTKREIS_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 20 + "production-like-secret-key-with-enough-entropy-1234",
    "FIELD_ENCRYPTION_KEY": "another-production-like-key",
    "CME_ORGANISER": "Beispiel-Institut für Balintarbeit",
}


def test_site_url_outside_allowed_hosts_is_an_error(tmp_path):
    """Issue 12 item 8: a certificate never carries a wrong verification address."""
    result = run_manage(
        "check",
        **PRODUCTION,
        SITE_URL="http://127.0.0.1:8000",
        ALLOWED_HOSTS="balintkreis.example",
        BALINTKREIS_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "core.E002" in result.stderr
    assert "127.0.0.1" in result.stderr


def test_site_url_with_port_and_matching_host_passes(tmp_path):
    result = run_manage(
        "check",
        **PRODUCTION,
        SITE_URL="https://Balintkreis.example:8443",
        ALLOWED_HOSTS=".balintkreis.example",
        BALINTKREIS_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr


def test_placeholder_organiser_warns_in_deploy_check(tmp_path):
    env = {**PRODUCTION, "CME_ORGANISER": ""}
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **env,
        SITE_URL="https://balintkreis.example",
        ALLOWED_HOSTS="balintkreis.example",
        BALINTKREIS_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "core.W002" in result.stderr + result.stdout


def test_make_run_derives_site_url_from_host_and_port():
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8101"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "SITE_URL"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    serve = [line for line in result.stdout.splitlines() if "manage.py serve" in line]
    assert serve, result.stdout + result.stderr
    assert 'SITE_URL="${SITE_URL:-http://127.0.0.1:8101}"' in serve[0]
    assert "--port 8101" in serve[0]


def test_debug_is_off_unless_set(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django.conf as c, django; django.setup(); print(c.settings.DEBUG)",
        ],
        cwd=ROOT,
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "balintkreis.settings",
            "BALINTKREIS_VAR_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == "False", result.stderr


def test_malformed_environment_value_is_refused_clearly(tmp_path):
    result = run_manage("check", DEBUG="vielleicht", BALINTKREIS_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_secret_key_is_generated_once_with_private_mode(tmp_path):
    env = {"BALINTKREIS_VAR_DIR": str(tmp_path)}
    os_env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY",)}
    for _ in range(2):
        subprocess.run(
            [sys.executable, "manage.py", "check"],
            cwd=ROOT,
            env={**os_env, **env},
            capture_output=True,
            timeout=60,
            check=True,
        )
    key_file = tmp_path / "secret_key"
    assert key_file.exists()
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
