"""The production files in deploy/ are consistent with the code and pass their tools' checks."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

DEPLOY = Path(settings.BASE_DIR) / "deploy"
ENV_EXAMPLE = DEPLOY / "tour.env.example"


def _env_file(path: Path) -> dict[str, str]:
    """The variables the file sets, read the way deploy/deploy.sh reads it (bash `set -a; .`)."""
    script = f'set -a; . "{path}"; python3 -c "import json, os; print(json.dumps(dict(os.environ)))"'
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env={"PATH": os.environ["PATH"]})
    assert result.returncode == 0, result.stderr
    names = set(re.findall(r"^([A-Z][A-Z_0-9]+)=", path.read_text(), re.M))
    return {k: v for k, v in json.loads(result.stdout).items() if k in names}


def _variables_read_by_the_code() -> set[str]:
    names = set()
    for source in [*Path(settings.BASE_DIR, "foundation").glob("*.py"), DEPLOY / "gunicorn.conf.py"]:
        names |= set(re.findall(r"""env\w*\(\s*["']([A-Z_0-9]+)["']""", source.read_text()))
        names |= set(re.findall(r"""environ\.get\(\s*["']([A-Z_0-9]+)["']""", source.read_text()))
    return names | {"PROMETHEUS_MULTIPROC_DIR"}  # read by prometheus_client itself


def test_every_variable_of_the_env_template_is_read_by_the_site():
    template = set(re.findall(r"^#? ?([A-Z][A-Z_0-9]+)=", ENV_EXAMPLE.read_text(), re.M))
    assert len(template) > 25
    assert template - _variables_read_by_the_code() == set()
    assert _env_file(ENV_EXAMPLE)["DEFAULT_FROM_EMAIL"] == "Қазақстан халқына <noreply@example.kz>"


def test_the_env_template_is_a_production_configuration_that_passes_the_deploy_check():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= _env_file(ENV_EXAMPLE) | {"SECRET_KEY": "k" * 10 + "-production-secret-key-with-enough-entropy-42"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_gunicorn_config_loads():
    result = subprocess.run(
        [
            Path(sys.executable).parent / "gunicorn",
            "--check-config",
            "--config",
            "deploy/gunicorn.conf.py",
            "foundation.wsgi",
        ],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_units_run_the_repositorys_entry_points():
    web = (DEPLOY / "systemd" / "tour-web.service").read_text()
    assert "--config deploy/gunicorn.conf.py foundation.wsgi" in web
    assert "ExecReload=/bin/kill -s HUP $MAINPID" in web  # the graceful reload deploy.sh relies on
    for unit in ("tour-web", "tour-worker", "tour-beat"):
        text = (DEPLOY / "systemd" / f"{unit}.service").read_text()
        assert "EnvironmentFile=/etc/tour/tour.env" in text
    assert "celery -A foundation worker" in (DEPLOY / "systemd" / "tour-worker.service").read_text()
    assert "celery -A foundation beat" in (DEPLOY / "systemd" / "tour-beat.service").read_text()
    assert "/etc/tour/tour.env" in (DEPLOY / "deploy.sh").read_text()


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed (.ci/run installs it)")
def test_the_nginx_site_passes_nginx_t(tmp_path):
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=tour.example.kz",
         "-keyout", tmp_path / "privkey.pem", "-out", tmp_path / "fullchain.pem"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    site = (DEPLOY / "nginx" / "tour.conf").read_text().replace("/etc/letsencrypt/live/tour.example.kz", str(tmp_path))
    (tmp_path / "tour.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\naccess_log off;\nclient_body_temp_path {tmp_path}/body;\nproxy_temp_path {tmp_path}/proxy;\n"
        f"include {tmp_path}/tour.conf;\n}}\n"
    )
    result = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr
