from django.core.management.base import BaseCommand

from accounts.services import load_organisations


class Command(BaseCommand):
    help = "Create or update the Werkagenda VIA partner organisations (idempotent)."

    def handle(self, *args, **options):
        count = load_organisations()
        self.stdout.write(self.style.SUCCESS(f"{count} organisations up to date."))
