"""Working days: Monday to Friday; weekends are skipped, public holidays are not known here."""

from __future__ import annotations

from datetime import date, timedelta


def is_working_day(day: date) -> bool:
    return day.weekday() < 5


def nth_working_day(start: date, count: int) -> date:
    """The date of the `count`-th working day counting from `start` (start counts when a weekday)."""
    if count <= 0:
        return start
    day, seen = start, 0
    while True:
        if is_working_day(day):
            seen += 1
            if seen == count:
                return day
        day += timedelta(days=1)


def working_days_between(start: date, end: date) -> int:
    """Working days from `start` to `end`, both included (0 when end is before start)."""
    if end < start:
        return 0
    days = (end - start).days + 1
    full_weeks, rest = divmod(days, 7)
    count = full_weeks * 5
    for offset in range(rest):
        if is_working_day(start + timedelta(days=full_weeks * 7 + offset)):
            count += 1
    return count
