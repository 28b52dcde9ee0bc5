"""Every HELPDESK_* variable the settings read is in .env.example (commented out at its default or set)."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_every_helpdesk_environment_variable_is_in_env_example():
    read = set(re.findall(r'env_\w+\("(HELPDESK_\w+)"', (ROOT / "portal" / "settings" / "base.py").read_text()))
    assert read, "expected the settings to read HELPDESK_* variables"
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^#?\s*(HELPDESK_\w+)=", example, re.MULTILINE))
    assert read == listed, f"missing: {sorted(read - listed)}, unknown: {sorted(listed - read)}"
