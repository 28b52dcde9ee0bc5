import pytest
from django.core.management import call_command


@pytest.fixture
def catalogue(db):
    """The real menukaart content from fixtures/menukaart, loaded the way `make run` does."""
    call_command("load_menukaart", verbosity=0)
