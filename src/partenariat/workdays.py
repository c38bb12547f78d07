"""Working days: a computed date never falls on a weekend or a public holiday (the ``holidays``
library). Meetings move to the next working day, deadlines to the previous one.
"""

from __future__ import annotations

import datetime as dt
from functools import cache


@cache
def _holidays(year: int, country: str = "FR") -> frozenset[dt.date]:
    from partenariat.cache import public_holidays  # the holidays package's dates, kept as JSON

    return public_holidays(country, year)


def is_working_day(day: dt.date, country: str = "FR") -> bool:
    """Monday to Friday, and not a public holiday of ``country``."""
    return day.weekday() < 5 and day not in _holidays(day.year, country)


def next_working_day(day: dt.date, country: str = "FR") -> dt.date:
    while not is_working_day(day, country):
        day += dt.timedelta(days=1)
    return day


def previous_working_day(day: dt.date, country: str = "FR") -> dt.date:
    while not is_working_day(day, country):
        day -= dt.timedelta(days=1)
    return day


def nth_working_day_after(day: dt.date, n: int, country: str = "FR") -> dt.date:
    """The ``n``-th working day strictly after ``day`` (« le deuxième jour ouvré suivant le 1er mai »)."""
    count = 0
    while count < n:
        day += dt.timedelta(days=1)
        if is_working_day(day, country):
            count += 1
    return day


def shift(day: dt.date, how: str, country: str = "FR") -> dt.date:
    if how == "suivant":
        return next_working_day(day, country)
    if how == "precedent":
        return previous_working_day(day, country)
    return day
