"""`make bench` (bench/run.py): the floor views exist only under the bench settings, and the runner
measures our pages and their floors and builds its table on a tiny dataset."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve

from bench import floor, run
from tests.helpdesk.factories import TicketFactory
from tests.menukaart.factories import LevelFactory, MeasureFactory, ThemeFactory

FLOOR_URLS = ["/bench-floor/menukaart/", "/bench-floor/helpdesk/wachtrij/", "/bench-floor/api/maatregelen/"]


def test_the_floor_is_only_in_the_bench_urlconf():
    assert settings.ROOT_URLCONF == "portal.urls"
    for url in FLOOR_URLS:
        with pytest.raises(Resolver404):
            resolve(url)
    assert resolve("/bench-floor/helpdesk/wachtrij/", urlconf="bench.urls").func.__wrapped__  # login_required
    assert resolve("/bench-floor/menukaart/", urlconf="bench.urls").func.__name__ == floor.catalogue.__name__
    assert resolve("/menukaart/", urlconf="bench.urls").url_name == "index"  # the portal itself, unchanged
    import bench.settings

    assert bench.settings.ROOT_URLCONF == "bench.urls"


@pytest.mark.django_db
def test_the_runner_measures_both_sides_and_writes_its_table(settings, adviseur, tmp_path):
    settings.ROOT_URLCONF = "bench.urls"
    theme = ThemeFactory()
    LevelFactory()
    for n in range(3):
        MeasureFactory(title=f"Werving en selectie {n}").themes.add(theme)
    ticket = TicketFactory(assigned_to=adviseur)
    staff = Client()
    staff.force_login(adviseur)
    pages = run.catalogue_pages(Client(), measures=3) + run.helpdesk_pages(staff, ticket.reference)
    results = run.measure_pages(pages, runs=2, warmup=1, log=lambda *args: None)
    assert set(results) == {page.name for page in pages}
    for sides in results.values():
        assert sides["ours"]["samples"] == sides["floor"]["samples"] == 2
        assert sides["floor"]["queries"] >= 1
    theirs = {"queue default": {"p50_ms": 1000.0, "p95_ms": 2000.0, "queries": 85}}
    rows = run.table_rows(results, theirs)
    assert [row[0] for row in rows][:4] == ["catalogue list", "catalogue filtered", "catalogue search", "measure page"]
    queue = next(row for row in rows if row[0] == "queue default")
    assert queue[7].endswith("x") and queue[10] == "85" and queue[11].endswith("x")
    assert "ours / floor" in run.format_text(rows)

    document = tmp_path / "benchmarks.md"
    document.write_text("# Benchmarks\n\nBefore.\n\n" + run.BEGIN_MARK + "\nold\n" + run.END_MARK + "\n\nAfter.\n")
    info = {"nproc": 2, "cpu": "cpu", "ram": "1 GB", "python": "3", "django": "6", "postgresql": "15"}
    section = run.document(
        rows=rows, info=info, sizes=run.QUICK, quick=True, load_before="1", load_after="2", fill={}, seconds=60
    )
    run.write_document(document, section)
    text = document.read_text()
    assert text.startswith("# Benchmarks\n\nBefore.") and text.rstrip().endswith("After.")
    assert "old" not in text and "Quick run" in text and "| queue default |" in text
