from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import Organisation, User
from accounts.roles import ROLES

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def _upsert_organisations(rows: list[dict]) -> int:
    for row in rows:
        Organisation.objects.update_or_create(slug=row["slug"], defaults={k: v for k, v in row.items() if k != "slug"})
    return len(rows)


@transaction.atomic
def load_organisations(*, path: Path = FIXTURES / "organisations.yaml") -> int:
    """Create or update the Werkagenda partner organisations from the fixture file."""
    return _upsert_organisations(yaml.safe_load(path.read_text(encoding="utf-8")))


def assign_role(*, user: User, role: str) -> None:
    """Give a user exactly one portal role (or superuser rights) and the matching staff flag."""
    if role == "superuser":
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
        user.groups.clear()
        return
    definition = ROLES[role]
    user.is_staff = definition.is_staff
    user.is_superuser = False
    user.save(update_fields=["is_staff", "is_superuser"])
    user.groups.set([Group.objects.get(name=role)])


@transaction.atomic
def load_demo_users(*, password: str, path: Path = FIXTURES / "demo_users.yaml") -> list[User]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    _upsert_organisations(data["organisations"])
    users = []
    for row in data["users"]:
        user, _created = User.objects.update_or_create(
            username=row["username"],
            defaults={
                "first_name": row["first_name"],
                "last_name": row["last_name"],
                "email": row["email"],
                "organisation": Organisation.objects.get(slug=row["organisation"]),
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        assign_role(user=user, role=row["role"])
        users.append(user)
    return users
