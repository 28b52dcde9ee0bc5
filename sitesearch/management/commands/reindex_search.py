from django.core.management.base import BaseCommand

from menukaart.catalogue_version import catalogue_changed
from sitesearch.indexing import reindex_all


class Command(BaseCommand):
    help = (
        "Rebuild the portal's search index and vocabulary from all published items, and the catalogue's "
        "facet masks (safe to run any time)."
    )

    def handle(self, *args, **options):
        count = reindex_all()
        catalogue_changed()  # content changed outside the portal's code: what is kept from it is redone
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"Zoekindex opnieuw opgebouwd: {count} items."))
