"""Report periods: dates inclusive, boundaries at midnight Europe/Amsterdam.

A question asked at 23:30 on 30 June (Amsterdam time, 21:30 UTC) belongs to January-June.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _add_months(day: date, months: int) -> date:
    """The same day-of-month `months` later (only called with day 1)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, day.day)


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=AMSTERDAM)

    @property
    def ends_before(self) -> datetime:
        """The first moment after the period (exclusive upper bound)."""
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=AMSTERDAM)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def whole_months(self) -> int:
        """The number of calendar months it spans when it runs from a 1st to a month's last day, else 0."""
        after = self.end + timedelta(days=1)
        if self.start.day != 1 or after.day != 1:
            return 0
        return (after.year - self.start.year) * 12 + after.month - self.start.month

    @property
    def is_half_year(self) -> bool:
        return self.whole_months == 6 and self.start.month in (1, 7)

    @property
    def code(self) -> str:
        """Short and stable: 2026-H1, 2026-H2 or 2026-03-01_2026-05-31."""
        if self.is_half_year:
            return f"{self.start.year}-H{1 if self.start.month == 1 else 2}"
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    @property
    def label(self) -> str:
        if self.is_half_year:
            if self.start.month == 1:
                return _("januari-juni %(year)s") % {"year": self.start.year}
            return _("juli-december %(year)s") % {"year": self.start.year}
        return _("%(start)s t/m %(end)s") % {
            "start": self.start.strftime("%d-%m-%Y"),
            "end": self.end.strftime("%d-%m-%Y"),
        }

    def previous(self) -> "Period":
        """The period of the same length just before: whole months shift by months, else by days."""
        months = self.whole_months
        if months:
            start = _add_months(self.start, -months)
            return Period(start, self.start - timedelta(days=1))
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def contains(self, moment: datetime) -> bool:
        return self.starts_at <= moment < self.ends_before


def half_year_of(day: date) -> Period:
    if day.month <= 6:
        return Period(date(day.year, 1, 1), date(day.year, 6, 30))
    return Period(date(day.year, 7, 1), date(day.year, 12, 31))


def last_complete_half_year(today: date) -> Period:
    return half_year_of(today).previous()


def trend_periods(period: Period, *, earliest: date | None, maximum: int) -> list[Period]:
    """This period and the earlier ones of the same length (oldest first), back to the one that
    holds `earliest` (the first data), and never more than `maximum`; at least this and the previous one."""
    periods = [period, period.previous()]
    while len(periods) < maximum and earliest is not None and periods[-1].start > earliest:
        periods.append(periods[-1].previous())
    return list(reversed(periods))
