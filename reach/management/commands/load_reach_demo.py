from django.core.management.base import BaseCommand

from reach.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo landing pages and short links (needs the organisations). Development only."

    def handle(self, *args, **options):
        count = load_demo()
        if options["verbosity"]:
            self.stdout.write(f"{count} landingspagina's geladen.")
