"""Demo self-scans for `make run`: the demo employer has two scans months apart and a plan with statuses.

Run by `manage.py load_demo` after the demo users and the menukaart content exist. Idempotent: the
demo employer's scans, plan and key figures are replaced each time.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from menukaart import selfscan
from menukaart.models import KeyFigure, Measure, Plan, PlanItem, Scan
from menukaart.services import complete_scan, save_scan_answers, set_item_progress

DEMO_USER = "werkgever"
# Five months ago: commitment talked about, little else. Last week: a lead, a plan, fair recruitment.
FIRST = {key: 0 for key in selfscan.QUESTIONS_BY_KEY} | {
    "top-doel": 1,
    "top-voorbeeld": 1,
    "ondernemingsraad": 1,
    "inwerken": 1,
    "veiligheid": 1,
}
SECOND = FIRST | {
    "top-doel": 2,
    "ondernemingsraad": 2,
    "eigenaar": 2,
    "projectgroep": 1,
    "beginsituatie": 2,
    "plan": 2,
    "werving": 2,
    "inwerken": 2,
    "kerncijfers": 1,
}
PLAN = [
    ("stel-een-hoofdverantwoordelijke-aan", PlanItem.Progress.DONE, "Directeur", 140, 100),
    ("breng-de-beginsituatie-in-kaart", PlanItem.Progress.DONE, "HR-adviseur", 120, 60),
    ("werf-en-selecteer-objectief", PlanItem.Progress.STARTED, "HR-adviseur", 60, None),
    ("meet-diversiteit-en-inclusie", PlanItem.Progress.STARTED, "HR-adviseur", 30, None),
    ("zet-ambassadeurs-in", PlanItem.Progress.PLANNED, "Projectgroep", None, None),
]


class Command(BaseCommand):
    help = "Load demo self-scans, a plan with statuses and key figures for the demo employer. Idempotent."

    @transaction.atomic
    def handle(self, *args, **options):
        user = User.objects.filter(username=DEMO_USER).first()
        if user is None:
            return
        today = timezone.localdate()
        now = timezone.now()
        user.scans.all().delete()
        user.key_figures.all().delete()
        for answers, days_ago in ((FIRST, 150), (SECOND, 7)):
            scan = Scan.objects.create(user=user, size_band="50-249", sector="F")
            save_scan_answers(scan=scan, answers=answers)
            complete_scan(scan=scan)
            Scan.objects.filter(pk=scan.pk).update(
                created_at=now - timedelta(days=days_ago), completed_at=now - timedelta(days=days_ago)
            )
        Plan.objects.filter(user=user).delete()
        plan = Plan.objects.create(user=user)
        measures = Measure.objects.published().in_bulk([row[0] for row in PLAN], field_name="slug")
        for position, (slug, progress, owner, started, done) in enumerate(PLAN, start=1):
            if slug not in measures:
                continue
            item = PlanItem.objects.create(
                plan=plan,
                measure=measures[slug],
                position=position,
                owner=owner,
                start_month=(today - timedelta(days=started or -30)).replace(day=1),
            )
            if progress == PlanItem.Progress.STARTED:
                set_item_progress(item=item, progress=progress, on=today - timedelta(days=started))
            elif progress == PlanItem.Progress.DONE:
                set_item_progress(item=item, progress=PlanItem.Progress.STARTED, on=today - timedelta(days=started))
                set_item_progress(item=item, progress=progress, on=today - timedelta(days=done))
        for year, inflow, throughflow, outflow in ((today.year - 1, 14, 3, 11), (today.year, 18, 5, 8)):
            KeyFigure.objects.create(
                user=user, year=year, group="Alle medewerkers", headcount=120,
                inflow=inflow, throughflow=throughflow, outflow=outflow,
            )  # fmt: skip
