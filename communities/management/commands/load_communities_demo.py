from django.core.management.base import BaseCommand

from communities.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo doe-netwerken (needs the demo users and the menukaart content). Development only."

    def handle(self, *args, **options):
        count = load_demo()
        if options["verbosity"]:
            self.stdout.write(f"{count} doe-netwerken geladen.")
