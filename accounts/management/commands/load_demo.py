from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from accounts.services import load_demo_users, load_organisations

DEMO_PASSWORD = "demo-wachtwoord-2026"  # noqa: S105 (demo accounts only, refused when DEBUG is off)  # nosec B105


class Command(BaseCommand):
    help = "Load the demo content and the demo users (one per role and partner). Development only."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Also when DEBUG is off (e.g. a demo server).")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Demo users have a known password: refusing while DEBUG is off (use --force).")
        load_organisations()
        # Users first: some apps' demo content (helpdesk tickets) is made by the demo users.
        users = load_demo_users(password=DEMO_PASSWORD)
        # Other apps contribute their demo content through their own load_* commands.
        commands = (
            "load_menukaart",
            "load_editorial_demo",
            "load_helpdesk_demo",
            "load_examples_demo",
            "load_communities_demo",
            "load_impact_demo",
            "load_selfscan_demo",
        )
        for command in commands:
            try:
                call_command(command, verbosity=0)
            except CommandError as error:
                if "Unknown command" not in str(error):
                    raise
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo log-ins (password for all: {DEMO_PASSWORD}):"))
        for user in users:
            role = "superuser" if user.is_superuser else ", ".join(user.role_names)
            self.stdout.write(f"  {user.username:<18} {role:<22} {user.organisation}")
        self.stdout.write("")
