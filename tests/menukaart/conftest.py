import pytest
from django.core.management import call_command
from taggit.models import Tag

from menukaart import models
from sitesearch.models import SearchDocument, SearchTerm, Synonym


@pytest.fixture
def catalogue(db):
    """The real menukaart content from fixtures/menukaart, loaded the way `make run` does."""
    call_command("load_menukaart", verbosity=0)


def _delete_content() -> None:
    for model in (
        models.UsageEvent,
        models.Plan,
        models.Example,
        models.Measure,
        models.Material,
        models.Initiative,
        models.Source,
        models.Level,
        models.Theme,
        models.Phase,
        Tag,
    ):
        model.objects.all().delete()
    for model in (models.Measure, models.Material, models.Initiative, models.Example):
        model.history.all().delete()
    # The search index, its vocabulary and the synonyms load_menukaart seeded.
    for model in (SearchDocument, SearchTerm, Synonym):
        model.objects.all().delete()


@pytest.fixture(scope="module")
def shared_catalogue(django_db_setup, django_db_blocker):
    """The real content loaded once for a whole module of read-only tests, removed afterwards.

    Tests using it must also use `db` (each runs in a transaction that is rolled back) and must not
    rely on the content being absent elsewhere: it is deleted again when the module is done.
    """
    with django_db_blocker.unblock():
        call_command("load_menukaart", verbosity=0)
    yield
    with django_db_blocker.unblock():
        _delete_content()
