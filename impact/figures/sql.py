"""Database expressions the figures share: working days and percentiles, on PostgreSQL and SQLite.

Working days between two moments are computed in SQL, not per row in Python:
    number(d) = weekdays from a fixed Monday up to and including d, minus weekday public holidays <= d
    working days from a to b = number(local date of b) - number(local date of a)
That is the count of working days after a's date up to and including b's date, the same rule as
helpdesk.workdays.add_working_days (a due date N working days after receipt is N working days away).
"""

from datetime import date

from django.db.models import Case, ExpressionWrapper, F, Func, IntegerField, Value, When
from django.db.models.functions import TruncDate
from django.db.models.lookups import LessThan

from helpdesk.workdays import dutch_public_holidays
from impact.periods import AMSTERDAM

EPOCH = date(2000, 1, 3)  # a Monday


class WeekdayNumber(Func):
    """Weekdays (Mon-Fri) from EPOCH up to and including the given date."""

    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        k = f"(({sql})::date - DATE '{EPOCH.isoformat()}')"
        return f"(5 * ({k} / 7) + LEAST(({k} %% 7) + 1, 5))", params * 2

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        k = f"CAST(julianday({sql}) - julianday('{EPOCH.isoformat()}') AS INTEGER)"
        return f"(5 * ({k} / 7) + MIN(({k} %% 7) + 1, 5))", params * 2


def _holidays_up_to(day_expression, holidays: list[date], offset: int = 0):
    """How many of the sorted `holidays` fall on or before the date: a balanced CASE tree (log n tests)."""
    if not holidays:
        return Value(offset)
    middle = len(holidays) // 2
    return Case(
        When(
            LessThan(day_expression, Value(holidays[middle])),
            then=_holidays_up_to(day_expression, holidays[:middle], offset),
        ),
        default=_holidays_up_to(day_expression, holidays[middle + 1 :], offset + middle + 1),
        output_field=IntegerField(),
    )


def weekday_holidays(first_year: int, last_year: int) -> list[date]:
    return sorted(
        day for year in range(first_year, last_year + 1) for day in dutch_public_holidays(year) if day.weekday() < 5
    )


def working_day_number(field_name: str, holidays: list[date]):
    day = TruncDate(field_name, tzinfo=AMSTERDAM)
    return ExpressionWrapper(WeekdayNumber(day) - _holidays_up_to(day, holidays), output_field=IntegerField())


def working_days_between(start_field: str, end_field: str, *, first_year: int, last_year: int):
    """Working days (Dutch public holidays excluded) from start_field's local date to end_field's."""
    holidays = weekday_holidays(first_year - 1, last_year + 1)
    return ExpressionWrapper(
        working_day_number(end_field, holidays) - working_day_number(start_field, holidays),
        output_field=IntegerField(),
    )


def nearest_rank(count_field: str, percent: int):
    """The rank of the p-th percentile (nearest-rank method): ceil(p/100 * n), in integer arithmetic."""
    return ExpressionWrapper((F(count_field) * percent + 99) / 100, output_field=IntegerField())
