"""The deployment files (Docker cannot run in CI): parse them and check what must hold."""

import re
import runpy
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)
SERVICES = ("web", "worker", "beat", "postgres", "redis")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def env_example() -> dict[str, str]:
    values = {}
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def command_text(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def test_the_five_services_exist_with_health_checks(compose):
    services = compose["services"]
    for name in SERVICES:
        assert name in services, f"service {name} is missing"
        healthcheck = services[name].get("healthcheck")
        assert healthcheck and healthcheck.get("test"), f"service {name} has no health check"
        assert healthcheck["test"][0] in {"CMD", "CMD-SHELL"}


def test_postgres_keeps_its_data_in_a_named_volume(compose):
    postgres = compose["services"]["postgres"]
    assert postgres["image"].startswith("postgres:16")
    mounts = dict(volume.split(":", 1) for volume in postgres["volumes"])
    volume = next(name for name, target in mounts.items() if target == "/var/lib/postgresql/data")
    assert volume in compose["volumes"]
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])


def test_redis_health_check_pings(compose):
    redis = compose["services"]["redis"]
    assert redis["image"].startswith("redis:7")
    assert "redis-cli" in redis["healthcheck"]["test"] and "ping" in redis["healthcheck"]["test"]


def test_web_health_check_calls_the_health_endpoint(compose):
    web = compose["services"]["web"]
    assert web["healthcheck"]["test"] == ["CMD", "python", "deploy/healthcheck.py"]
    script = runpy.run_path(str(ROOT / "deploy" / "healthcheck.py"))
    assert urlsplit(script["DEFAULT_URL"]).path == reverse("health") == "/gezondheid/"


def test_app_services_run_the_right_processes_from_one_image(compose):
    services = compose["services"]
    assert "command" not in services["web"]  # the image's CMD: gunicorn
    assert "celery -A portal worker" in command_text(services["worker"])
    assert "celery -A portal beat" in command_text(services["beat"])
    assert "--schedule /var/lib/celery/beat-schedule" in command_text(services["beat"])
    assert "manage.py migrate" in command_text(services["migrate"])
    for name in ("web", "worker", "beat", "migrate"):
        service = services[name]
        assert service["env_file"] == ".env"
        assert service["environment"]["DJANGO_SETTINGS_MODULE"] == "portal.settings.production"
        assert service["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["beat"]["volumes"] == ["celery-beat:/var/lib/celery"]


def test_required_compose_variables_are_in_env_example(compose):
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    required = set(re.findall(r"\$\{(\w+):\?", text))
    assert required, "expected at least POSTGRES_PASSWORD to be required"
    assert required <= set(env_example())


def test_env_example_database_url_matches_the_postgres_service():
    values = env_example()
    url = urlsplit(values["DATABASE_URL"])
    assert url.hostname == "postgres"
    assert url.username == values.get("POSTGRES_USER", "portal")
    assert url.password == values["POSTGRES_PASSWORD"]
    assert url.path.lstrip("/") == values.get("POSTGRES_DB", "portal")
    assert urlsplit(values["REDIS_URL"]).hostname == "redis"
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "CLIENT_IP_HEADER", "TRUSTED_PROXIES"):
        assert values.get(name), f"{name} missing from .env.example"


def test_dockerfile_builds_a_non_root_image_with_static_files_and_messages():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.12-slim$", dockerfile, re.MULTILINE)
    users = re.findall(r"^USER (\S+)$", dockerfile, re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert "pip install ." in dockerfile
    assert "pybabel compile --domain django --directory locale" in dockerfile
    collectstatic = dockerfile[dockerfile.index("SECRET_KEY=") : dockerfile.index("collectstatic")]
    assert "ENV" not in collectstatic  # the throwaway key is for that one RUN step, not the image
    assert "DJANGO_SETTINGS_MODULE=portal.settings.production" in dockerfile
    assert re.search(r'^CMD \["gunicorn", "portal\.wsgi:application"', dockerfile, re.MULTILINE)


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    ignored = set((ROOT / ".dockerignore").read_text(encoding="utf-8").split())
    assert {".env", ".git", ".venv", "db.sqlite3", "private-media"} <= ignored


@pytest.mark.django_db(transaction=True)
def test_healthcheck_script_reports_healthy_and_unhealthy(live_server, monkeypatch):
    script = runpy.run_path(str(ROOT / "deploy" / "healthcheck.py"))
    monkeypatch.setenv("ALLOWED_HOSTS", "localhost")
    monkeypatch.setenv("HEALTHCHECK_URL", live_server.url + reverse("health"))
    assert script["main"]() == 0
    monkeypatch.setenv("HEALTHCHECK_URL", live_server.url + "/bestaat-niet/")
    assert script["main"]() == 1
    monkeypatch.setenv("HEALTHCHECK_URL", "http://127.0.0.1:9/gezondheid/")  # nothing listens there
    assert script["main"]() == 1


def test_gunicorn_caps_the_request_line_and_headers():
    """gunicorn has no body limit (Django's RequestBodyLimitMiddleware has); it caps the rest."""
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    command = dockerfile[dockerfile.index("CMD [") :]
    for option in ("--limit-request-line", "--limit-request-fields", "--limit-request-field_size"):
        assert f'"{option}"' in command
