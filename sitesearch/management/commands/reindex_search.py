from django.core.management.base import BaseCommand

from sitesearch.indexing import reindex_all


class Command(BaseCommand):
    help = "Rebuild the portal's search index and vocabulary from all published items (safe to run any time)."

    def handle(self, *args, **options):
        count = reindex_all()
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"Zoekindex opnieuw opgebouwd: {count} items."))
