from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _index_existing_content(sender, using="default", **kwargs):
    """After the first migrate on a database that already has content (an upgrade): build the index once."""
    from menukaart.models import Measure
    from sitesearch.indexing import reindex_all
    from sitesearch.models import SearchDocument

    if not SearchDocument.objects.using(using).exists() and Measure.objects.using(using).published().exists():
        reindex_all()


class SitesearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sitesearch"
    verbose_name = _("Zoeken")

    def ready(self):
        from sitesearch import signals  # noqa: F401
        from sitesearch.indexing import register_communities, register_menukaart

        register_menukaart()
        register_communities()
        post_migrate.connect(_index_existing_content, sender=self, dispatch_uid="sitesearch_index_existing")
