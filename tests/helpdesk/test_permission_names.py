"""The helpdesk's permission names are constants (core.permissions.HelpdeskPerm), and real ones."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission

from core.permissions import HelpdeskPerm

ROOT = Path(__file__).resolve().parents[2]
NAMES = {value for name, value in vars(HelpdeskPerm).items() if name.isupper()}


@pytest.mark.django_db
def test_every_constant_names_an_existing_permission():
    existing = {
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in Permission.objects.filter(content_type__app_label="helpdesk").select_related("content_type")
    }
    assert NAMES and NAMES <= existing


def test_no_app_spells_a_helpdesk_permission_out():
    alternatives = "|".join(re.escape(name) for name in NAMES)
    spelled = re.compile(rf"""["']({alternatives})["']""")
    apps = ("accounts", "communities", "core", "helpdesk", "impact", "menukaart", "portal", "reach")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for app in apps
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and path.name != "permissions.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if spelled.search(line)
    ]
    assert found == []
