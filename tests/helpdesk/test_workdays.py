from datetime import date

import pytest

from helpdesk.workdays import add_working_days, dutch_public_holidays, easter_sunday, is_working_day, kings_day


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)), (2038, date(2038, 4, 25))],
)
def test_easter_sunday(year, expected):
    assert easter_sunday(year) == expected


def test_kings_day_moves_to_saturday_when_27_april_is_a_sunday():
    assert kings_day(2025) == date(2025, 4, 26)  # 27 April 2025 is a Sunday
    assert kings_day(2026) == date(2026, 4, 27)


def test_dutch_public_holidays_2026():
    holidays = dutch_public_holidays(2026)
    for day in [
        date(2026, 1, 1),
        date(2026, 4, 6),  # Tweede Paasdag
        date(2026, 4, 27),
        date(2026, 5, 5),
        date(2026, 5, 14),  # Hemelvaartsdag
        date(2026, 5, 25),  # Tweede Pinksterdag
        date(2026, 12, 25),
        date(2026, 12, 26),
    ]:
        assert day in holidays
    assert date(2026, 4, 3) not in holidays  # Goede Vrijdag is not a general day off


def test_working_days_skip_weekends_and_holidays():
    assert not is_working_day(date(2026, 5, 14))
    assert not is_working_day(date(2026, 5, 16))
    # Wednesday 13 May 2026 + 2 working days: Thu 14 (Hemelvaart) and the weekend are skipped.
    assert add_working_days(date(2026, 5, 13), 2) == date(2026, 5, 18)
    # Christmas 2026 (Fri 25, Sat 26) and the weekend: Thu 24 Dec + 1 = Mon 28 Dec.
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 28)
