"""Working days in the Netherlands, for service-level due dates.

Public holidays follow the Algemene termijnenwet (art. 3): Nieuwjaarsdag, Tweede Paasdag,
Hemelvaartsdag, Tweede Pinksterdag, Koningsdag, 5 mei (Bevrijdingsdag) and both Christmas days.
Easter Sunday and Whit Sunday fall on Sundays and are not working days anyway. Computed here
rather than with a dependency: it is twenty lines and the rules are stable.
"""

from datetime import date, timedelta
from functools import cache


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def kings_day(year: int) -> date:
    """27 April; when that is a Sunday, the Saturday before (26 April)."""
    day = date(year, 4, 27)
    return day - timedelta(days=1) if day.weekday() == 6 else day


@cache
def dutch_public_holidays(year: int) -> frozenset[date]:
    easter = easter_sunday(year)
    return frozenset(
        {
            date(year, 1, 1),  # Nieuwjaarsdag
            easter,  # Eerste Paasdag
            easter + timedelta(days=1),  # Tweede Paasdag
            kings_day(year),  # Koningsdag
            date(year, 5, 5),  # Bevrijdingsdag
            easter + timedelta(days=39),  # Hemelvaartsdag
            easter + timedelta(days=49),  # Eerste Pinksterdag
            easter + timedelta(days=50),  # Tweede Pinksterdag
            date(year, 12, 25),  # Eerste Kerstdag
            date(year, 12, 26),  # Tweede Kerstdag
        }
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in dutch_public_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself does not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current
