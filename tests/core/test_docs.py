"""The operations and architecture documents stay true to the settings."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def environment_variables_read_by_settings() -> set[str]:
    names = set()
    for path in (ROOT / "portal" / "settings").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"env_(?:str|bool|int|list)\(\s*\"([A-Z0-9_]+)\"", text))
        names |= set(re.findall(r"os\.environ\.get\(\s*\"([A-Z0-9_]+)\"", text))
        for required in re.findall(r"for required in \(([^)]*)\)", text):
            names |= set(re.findall(r"\"([A-Z0-9_]+)\"", required))
    return names


def test_every_environment_variable_is_documented():
    names = environment_variables_read_by_settings()
    assert {"SECRET_KEY", "DATABASE_URL", "EMAIL_HOST", "CELERY_WORKER_TEST_MODE"} <= names  # the scan works
    operations = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    missing = sorted(name for name in names if f"`{name}`" not in operations)
    assert not missing, f"document these in docs/operations.md: {missing}"


def test_every_middleware_is_in_the_request_flow():
    architecture = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    positions = [architecture.find(f"`{dotted}`") for dotted in settings.MIDDLEWARE]
    assert -1 not in positions, "a middleware is missing from docs/architecture.md"
    assert positions == sorted(positions), "docs/architecture.md lists the middleware out of order"


def test_every_beat_entry_is_documented():
    architecture = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert f"`{name}`" in architecture and f"`{entry['task']}`" in architecture
