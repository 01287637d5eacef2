"""Normalise a found date to a period (start, end, precision): months and seasons to their days,
decades and centuries to their years, numeric dates read day-first or month-first."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
import datetime as dt
import re

from extractors.dates.find import DateCandidate, HOLIDAYS, MONTHS, ORDINAL_WORDS, PRECISION_ORDER, find_date_candidates


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _day(word: str) -> int:
    return int(re.match(r"\d+", word).group())


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _part_of_year(part: str | None, year: int) -> tuple[dt.date, dt.date]:
    """early = January-April, mid = May-August, late = September-December (GOLD_FORMAT)."""
    part = (part or "").lower().replace(" ", "")
    if part.startswith("early") or part.startswith("thebeginningof"):
        return dt.date(year, 1, 1), dt.date(year, 4, 30)
    if part.startswith("mid"):
        return dt.date(year, 5, 1), dt.date(year, 8, 31)
    if part.startswith("late") or part.startswith("theendof"):
        return dt.date(year, 9, 1), dt.date(year, 12, 31)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _part_of_span(part: str | None, first: int, last: int) -> tuple[int, int]:
    """early/mid/late of a decade or century: first, middle or last 30-40 percent."""
    part = (part or "").lower()
    size = last - first + 1
    if part.startswith("early"):
        return first, first + round(size * 0.4) - 1
    if part.startswith("mid"):
        return first + round(size * 0.4), first + round(size * 0.7) - 1
    if part.startswith("late"):
        return first + round(size * 0.7), last
    return first, last


SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (12, 2)}


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    precision: str
    approx: bool = False
    inferred_year: bool = False


def normalise(candidate: DateCandidate, narrative_year: int | None, day_first: bool) -> Period | None:
    """The period a candidate names, or None when it cannot be a real date."""
    g = candidate.groups
    rule = candidate.rule
    try:
        if rule in ("month_day_to_month_day_year", "month_day_to_day_year", "day_of_month_to_day_of_month"):
            y2 = int(g["y2"]) if "y2" in g else None
            y1 = int(g["y1"]) if "y1" in g else y2
            inferred = y2 is None
            if inferred:
                if narrative_year is None:
                    return None
                y1 = y2 = narrative_year
            m1 = _month(g["m1"])
            m2 = _month(g["m2"]) if "m2" in g else m1
            start = dt.date(y1, m1, _day(g["d1"]))
            end = dt.date(y2, m2, _day(g["d2"]))
            if end < start and "y1" not in g and y2 is not None and m2 < m1:
                start = dt.date(y2 - 1, m1, _day(g["d1"]))  # "December 28 to January 3, 1966"
            # "November 14 or 15": one of two days, kept as the span of both, approximate
            return Period(start, end, "day", approx="alternative" in g, inferred_year=inferred) \
                if end >= start else None
        if rule == "month_year_to_month_year":
            y1, y2 = int(g["y1"]), int(g["y2"])
            m1, m2 = _month(g["m1"]), _month(g["m2"])
            start, end = dt.date(y1, m1, 1), dt.date(y2, m2, _last_day(y2, m2))
            return Period(start, end, "month") if end >= start else None
        if rule == "year_to_year":
            y1, y2 = int(g["y1"]), int(g["y2"])
            if y2 < y1 or y2 - y1 > 300:
                return None
            start = _part_of_year(g.get("part1"), y1)[0]
            end = _part_of_year(g.get("part2"), y2)[1]
            return Period(start, end, "year", approx=bool(g.get("part1") or g.get("part2")))
        if rule == "year_to_short_year":
            y1 = int(g["y1"])
            y2 = y1 // 100 * 100 + int(g["yy"])
            if y2 <= y1:
                return None
            return Period(dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year")
        if rule in ("month_day_year", "day_month_year"):
            y, m, d = int(g["y1"]), _month(g["m1"]), _day(g["d1"])
            day = dt.date(y, m, d)
            return Period(day, day, "day")
        if rule == "edge_day_of_month":
            y = _given_or_narrative_year(g, narrative_year)
            if y is None:
                return None
            m = _month(g["m1"])
            day = dt.date(y, m, 1 if g["edge"].lower() == "first" else _last_day(y, m))
            return Period(day, day, "day", inferred_year=not g.get("y1"))
        if rule == "iso_date":
            day = dt.date(int(g["y1"]), int(g["mm"]), int(g["dd"]))
            return Period(day, day, "day")
        if rule == "numeric_date":
            return _numeric(int(g["a"]), int(g["b"]), int(g["y1"]), day_first)
        if rule == "month_year":
            y, m = int(g["y1"]), _month(g["m1"])
            part = (g.get("part1") or "").lower()
            if part.startswith("early") or part.startswith("thebeginning") or part.startswith("the beginning"):
                return Period(dt.date(y, m, 1), dt.date(y, m, 10), "month", approx=True)
            if part.startswith("late") or "end" in part:
                return Period(dt.date(y, m, 21), dt.date(y, m, _last_day(y, m)), "month", approx=True)
            if part.startswith("mid"):
                return Period(dt.date(y, m, 11), dt.date(y, m, 20), "month", approx=True)
            return Period(dt.date(y, m, 1), dt.date(y, m, _last_day(y, m)), "month")
        if rule == "season_year":
            return _season(g["season"], int(g["y1"]), inferred=False)
        if rule == "holiday":
            y = _given_or_narrative_year(g, narrative_year)
            if y is None:
                return None
            month, day_of_month = HOLIDAYS[re.sub(r"\s+", " ", g["holiday"].lower())]
            day = dt.date(y, month, day_of_month)
            return Period(day, day, "day", inferred_year=not g.get("y1"))
        if rule == "season_alone":
            return _season(g["season"], narrative_year, inferred=True) if narrative_year is not None else None
        if rule == "decade":
            decade = int(g["decade"])
            first, last = _part_of_span(g.get("part1"), decade, decade + 9)
            return Period(dt.date(first, 1, 1), dt.date(last, 12, 31), "decade", approx=bool(g.get("part1")))
        if rule == "century":
            word = g["century"].lower()
            number = ORDINAL_WORDS.get(word) or int(re.match(r"\d+", word).group())
            first, last = _part_of_span(g.get("part1"), (number - 1) * 100, (number - 1) * 100 + 99)
            if first < 1:
                return None
            return Period(dt.date(first, 1, 1), dt.date(last, 12, 31), "century", approx=bool(g.get("part1")))
        if rule == "decade_to_decade":
            first, last = int(g["decade"]), int(g["decade2"])
            if last < first:
                return None
            return Period(dt.date(first, 1, 1), dt.date(last + 9, 12, 31), "decade")
        if rule in ("month_day", "day_month"):
            if narrative_year is None:
                return None
            day = dt.date(narrative_year, _month(g["m1"]), _day(g["d1"]))
            return Period(day, day, "day", inferred_year=True)
        if rule == "month_alone":
            if narrative_year is None:
                return None
            m = _month(g["m1"])
            return Period(dt.date(narrative_year, m, 1), dt.date(narrative_year, m, _last_day(narrative_year, m)),
                          "month", inferred_year=True)
        if rule == "year":
            y = int(g["y1"])
            if g.get("part1"):
                start, end = _part_of_year(g["part1"], y)
                return Period(start, end, "year", approx=True)
            return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", approx=bool(g.get("q")))
    except (ValueError, KeyError):
        return None  # "February 30", an unknown month word
    return None


def _given_or_narrative_year(groups: dict, narrative_year: int | None) -> int | None:
    """The year the date gives, else the narrative's (None when there is neither)."""
    return int(groups["y1"]) if groups.get("y1") else narrative_year


def _season(word: str, year: int, inferred: bool) -> Period:
    """A season of a year, meteorological; winter runs into the next year."""
    first, last = SEASONS[word.lower()]
    end_year = year + 1 if first > last else year
    return Period(dt.date(year, first, 1), dt.date(end_year, last, _last_day(end_year, last)), "season",
                  inferred_year=inferred)


def _numeric(a: int, b: int, year: int, day_first: bool) -> Period | None:
    """A numeric date via dateparser with an explicit order; unambiguous values win over the default."""
    import dateparser

    if a > 12 and b <= 12:
        order = "DMY"
    elif b > 12 and a <= 12:
        order = "MDY"
    else:
        order = "DMY" if day_first else "MDY"
    parsed = dateparser.parse(f"{a}/{b}/{year}", languages=["en"], settings={
        "DATE_ORDER": order, "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
        "RELATIVE_BASE": dt.datetime(1900, 1, 1), "PREFER_DATES_FROM": "past"})
    if parsed is None:
        return None
    day = parsed.date()
    return Period(day, day, "day")


def periods_in(text: str, day_first: bool = True) -> list[tuple[DateCandidate, Period]]:
    """Every explicitly dated period in a piece of text (no narrative: years must be given)."""
    out = []
    for candidate in find_date_candidates(text):
        period = normalise(candidate, None, day_first)
        if period is not None:
            out.append((candidate, period))
    return out


def iso_to_precision(period: Period) -> str:
    """ISO-8601 to the precision given: 1966-12-22, 2003-02, 2012 (seasons and coarser: the year)."""
    if period.precision == "day" and period.start == period.end:
        return period.start.isoformat()
    if period.precision == "month" and period.start.month == period.end.month and period.start.year == period.end.year:
        return period.start.strftime("%Y-%m")
    return str(period.start.year)


def most_precise(periods: list[tuple[DateCandidate, Period]]) -> tuple[DateCandidate, Period]:
    """The finest of the periods found ("2000, Nov 2000": the month), the first among equals."""
    return min(periods, key=lambda found: (PRECISION_ORDER.index(found[1].precision), found[0].start))
