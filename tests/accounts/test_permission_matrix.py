"""Every cell of the permissions matrix in docs/permissions.md, for every role."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

MATRIX = Path(settings.BASE_DIR) / "docs" / "permissions.md"


def read_matrix() -> list[tuple[str, str, str, bool]]:
    """(action label, check, role, allowed) for every cell between the matrix markers."""
    text = MATRIX.read_text(encoding="utf-8")
    block = text.split("<!-- matrix:start -->")[1].split("<!-- matrix:end -->")[0]
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in block.strip().splitlines()]
    header, body = rows[0], rows[2:]
    roles = header[2:]
    cells = []
    for row in body:
        label, check = row[0], row[1].strip("`")
        for role, value in zip(roles, row[2:], strict=True):
            assert value in {"ja", "nee"}, f"{label}/{role}: write ja or nee, not {value!r}"
            cells.append((label, check, role, value == "ja"))
    return cells


CELLS = read_matrix()


def test_matrix_covers_every_role():
    roles = {role for _label, _check, role, _allowed in CELLS}
    assert roles == {
        "anoniem",
        "werkgever",
        "partner-medewerker",
        "adviseur",
        "contentbeheerder",
        "community-coordinator",
        "superuser",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("label", "check", "role", "allowed"),
    CELLS,
    ids=[f"{role}:{label}" for label, _check, role, _allowed in CELLS],
)
def test_permission_matrix_cell(client, user_with_role, label, check, role, allowed):
    user = user_with_role(role)
    if check.startswith("url:"):
        if user is not None:
            client.force_login(user)
        response = client.get(reverse(check.removeprefix("url:")))
        if allowed:
            assert response.status_code == 200, f"{role} should be able to open {check}"
        else:
            assert response.status_code in {302, 403, 404}, f"{role} should not open {check}"
            if response.status_code == 302:
                assert "inloggen" in response["Location"] or "login" in response["Location"]
    else:
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", check), f"not a permission: {check}"
        has = user.has_perm(check) if user is not None else False
        assert has is allowed, f"{role} {'should' if allowed else 'should not'} have {check}"


@pytest.mark.django_db
def test_every_role_permission_exists():
    """A typo in accounts/roles.py would silently grant nothing: every listed permission must exist."""
    from django.contrib.auth.models import Permission

    from accounts.roles import ROLES

    for role in ROLES.values():
        for dotted in role.permissions:
            app_label, codename = dotted.split(".")
            assert Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists(), (
                f"{role.name}: unknown permission {dotted}"
            )
