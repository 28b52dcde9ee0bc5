"""Where a key page spends its time: cProfile over N requests of our page (or its floor).

    REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/profile_page.py "ticket page" [--quick] \\
        [--floor] [--requests 50] [--sort cumulative] [--limit 40] [--templates]

Uses the databases that bench/run.py prepared (run that first, or with --quick its small ones).
Prints the functions with the most time (cProfile's own view of the whole request: middleware,
view, queries, template) and the SQL time as Django logs it. --templates adds the time spent per
template, including the templates it includes.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", help="a page name as in bench/run.py's table, e.g. 'queue default'")
    parser.add_argument("--quick", action="store_true", help="the small databases of bench/run.py --quick")
    parser.add_argument("--floor", action="store_true", help="profile the floor instead of our page")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--sort", default="cumulative", help="pstats sort key (cumulative, tottime, ...)")
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--templates", action="store_true", help="also the time per template")
    parser.add_argument("--no-cprofile", action="store_true", help="time only (with --templates: per template)")
    parser.add_argument("--callers", help="also who calls the functions matching this pattern (pstats)")
    ARGS = parser.parse_args()
    sys.path[0] = str(ROOT)
    from bench.run import FULL, QUICK, database_url

    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DATABASE_URL"] = database_url(f"{(QUICK if ARGS.quick else FULL).prefix}portal")
    import warnings

    import django

    # WhiteNoise serves from the finders here (bench/settings.py): no collected static folder needed.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def template_timer():
    """Wrap Template.render: inclusive wall time per template name."""
    from django.template.base import Template

    totals = defaultdict(float)
    original = Template.render

    def render(self, context):
        started = time.perf_counter()
        try:
            return original(self, context)
        finally:
            totals[self.origin.template_name if self.origin else "?"] += time.perf_counter() - started

    Template.render = render
    return totals


def main(args) -> None:
    from bench.helpdesk import advisor
    from bench.run import FULL, QUICK, catalogue_pages, helpdesk_pages
    from bench.run import bench_ticket as ticket
    from reach.api import ClientRateThrottle

    sizes = QUICK if args.quick else FULL
    ClientRateThrottle.THROTTLE_RATES = {**ClientRateThrottle.THROTTLE_RATES, "open_data": "1000000/min"}
    anonymous, staff = Client(), Client()
    staff.force_login(advisor())
    pages = {p.name: p for p in catalogue_pages(anonymous, sizes.measures) + helpdesk_pages(staff, ticket())}
    page = pages[args.page]
    url = page.floor if args.floor else page.ours
    for n in range(3):  # warm up
        page.client.get(url(n))
    totals = template_timer() if args.templates else None
    profiler = cProfile.Profile()
    sql = 0.0
    started = time.perf_counter()
    for n in range(args.requests):
        with CaptureQueriesContext(connection) as captured:
            if not args.no_cprofile:
                profiler.enable()
            response = page.client.get(url(n))
            if not args.no_cprofile:
                profiler.disable()
        assert response.status_code == 200, response.status_code
        sql += sum(float(q["time"]) for q in captured.captured_queries)
    wall = time.perf_counter() - started
    print(
        f"{args.page}{' (floor)' if args.floor else ''}: {args.requests} requests, "
        f"{wall / args.requests * 1000:.1f} ms each{'' if args.no_cprofile else ' (profiled)'}, "
        f"SQL {sql / args.requests * 1000:.1f} ms each, "
        f"{len(captured)} queries"
    )
    if not args.no_cprofile:
        stats = pstats.Stats(profiler).sort_stats(args.sort)
        stats.print_stats(args.limit)
        if args.callers:
            stats.print_callers(args.callers)
    if totals is not None:
        print("template (inclusive ms per request):")
        for name, seconds in sorted(totals.items(), key=lambda item: -item[1])[:30]:
            print(f"  {seconds / args.requests * 1000:8.2f}  {name}")


if __name__ == "__main__":
    main(ARGS)
