"""Temporal expressions: find candidate spans by rules, then normalise each to a period.

Why not ``dateparser.search_dates``: it returns points, fills missing parts
from today, and reads "No. 4" as a date. Here detection is ours (regexes built
from named pieces, longest match first, never overlapping) and each match is
normalised to a *period*: a start day, an end day and a precision. Pieces
that are not English month-day-year shapes (numeric dates, other languages)
are handed to dateparser with explicit settings (fixed RELATIVE_BASE, no
filling from today, DATE_ORDER decided by context).

What is left out on purpose: ordinals ("the 17th parallel"), identifiers and
volume/issue/page numbers, clock times, ages, durations ("six weeks"),
anniversaries, and relative expressions ("the next day") - an analyst's
timeline is better without guesses.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from extractors import rules
from extractors.rules.patterns import LANGUAGE_TAG, MONTH_FIRST_LANGUAGES
from extractors.records import DateRecord, Document, Sentence, SpanSet

# ---------------------------------------------------------------- pieces

MONTHS = rules.values("months")
# e.g. "July", "Sept.", "Dec."; "May" only in full (it is also a verb, handled by context)
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December" \
        r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)"
# e.g. "8", "08", "8th", "21st"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|d)?"  # "22d": the older ordinal
# e.g. "1957", "2019": four digits 1000-2099, not part of a larger number ("1,100", "10.1957")
YEAR_DIGITS = r"(?:1\d{3}|20\d{2})"
YEAR = rf"(?<![\d,.$£€¥#/]){YEAR_DIGITS}(?![\d]|,\d|\.\d|/\d)"
# e.g. " to ", "-", "–", " and ", " until ", " through "
RANGE_SEP = r"\s*(?:-|–|—|−|to|until|till|through|and)\s*"
# e.g. "early", "mid-", "late"
PART_OF = r"(?:early|mid-?|late|the\s+end\s+of|the\s+beginning\s+of)"
# e.g. "around", "about", "circa", "c."
APPROX = r"(?i:around|about|approximately|circa|c\.|ca\.|roughly)"
# e.g. "between", "From"
RANGE_START = r"(?:[Bb]etween\s+|[Ff]rom\s+)"
TWO_DIGITS = r"\d{2}"
ISO_MONTH = r"[01]\d"
ISO_DAY = r"[0-3]\d"
NUMERIC_DAY = r"[0-3]?\d"
NUMERIC_MONTH = r"[01]?\d"
DECADE = r"(?:1\d|20)\d0"
SEASON = r"(?:[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter)"
ORDINAL_WORDS = rules.values("ordinal_words")

CENTURY = r"(?:1\d|20|21|[1-9])(?:st|nd|rd|th)|" + "|".join(ORDINAL_WORDS)


def _named(name: str, piece: str) -> str:
    return f"(?P<{name}>{piece})"


def _space(piece: str) -> str:
    """Allow any run of spaces where the pattern has one."""
    return piece.replace(" ", r"\s+")


# Each rule: (name, pattern). Order is priority among equally long matches.
# Groups: m1/d1/y1 start, m2/d2/y2 end, q = qualifier word, part1/part2 = early/mid/late.
RULES: tuple[tuple[str, str], ...] = (
    # "between October 22 and November 2, 1965", "November 28 to December 2, 1958"
    ("month_day_to_month_day_year",
     rf"{RANGE_START}?{_named('m1', MONTH)}\s+{_named('d1', DAY)}(?:,?\s*{_named('y1', YEAR)})?,?"
     rf"{RANGE_SEP}{_named('m2', MONTH)}\s+{_named('d2', DAY)}(?:,?\s*{_named('y2', YEAR)})?(?![\d:])"),
    # "July 8 to 12, 1957", "October 16-18, 2007", "September 21-23"
    ("month_day_to_day_year",
     rf"{RANGE_START}?{_named('m1', MONTH)}\s+{_named('d1', DAY)}\s*(?:-|–|to|and|until|through|{_named('alternative', 'or')})\s*"
     rf"{_named('d2', DAY)}(?![\d:])(?:,?\s*{_named('y2', YEAR)})?"),
    # "June 1965 to July 1970", "between May 1972 and August 1973"
    ("month_year_to_month_year",
     rf"{RANGE_START}?{_named('m1', MONTH)},?\s+{_named('y1', YEAR)}{RANGE_SEP}"
     rf"{_named('m2', MONTH)},?\s+{_named('y2', YEAR)}"),
    # "1964 to 1969", "1962-1970", "between 1959 and 1965", "1966 to early 1969"
    ("year_to_year",
     rf"{RANGE_START}?(?:{_named('part1', PART_OF)}\s*)?{_named('y1', YEAR)}{RANGE_SEP}"
     rf"(?:{_named('part2', PART_OF)}\s*)?{_named('y2', YEAR)}"),
    # "1965-68": a range whose second year keeps only its last two digits
    ("year_to_short_year", rf"{_named('y1', YEAR)}\s*[-–]\s*{_named('yy', TWO_DIGITS)}(?![\d\w])"),
    # "July 11, 1965", "Sept. 6, 1988", "December 23 1966"
    ("month_day_year", rf"{_named('m1', MONTH)}\s+{_named('d1', DAY)},?\s+{_named('y1', YEAR)}"),
    # "31 March 2000", "4th of July 1776"
    ("day_month_year", rf"(?<![\d.]){_named('d1', DAY)}\s+(?:of\s+)?{_named('m1', MONTH)},?\s+{_named('y1', YEAR)}"),
    # "2019-03-02" (ISO)
    ("iso_date", rf"(?<![\d-]){_named('y1', YEAR)}-{_named('mm', ISO_MONTH)}-{_named('dd', ISO_DAY)}(?![\d-])"),
    # "02/03/2019", "2.3.2019": day or month first, decided by context
    ("numeric_date", rf"(?<![\d/.]){_named('a', NUMERIC_DAY)}[/.]{_named('b', NUMERIC_MONTH)}[/.]{_named('y1', YEAR_DIGITS)}(?![\d/])"),
    # "October 1966", "the end of December 1968"
    ("month_year", rf"(?:{_named('part1', PART_OF)}\s+)?{_named('m1', MONTH)},?\s+(?:of\s+)?{_named('y1', YEAR)}"),
    # "the 1920s through 1940s", "1710s-1750s", "from the 1950s to the 1970s"
    ("decade_to_decade", rf"(?:{RANGE_START})?(?:the\s+)?{_named('decade', DECADE)}'?s{RANGE_SEP}(?:the\s+)?"
                         rf"{_named('decade2', DECADE)}'?s\b"),
    # "Fall 2012", "the summer of 1969"
    ("season_year", rf"{_named('season', SEASON)}\s+(?:of\s+)?{_named('y1', YEAR)}"),
    # "the early 2000s", "mid-1980s", "the 1950s"
    ("decade", rf"(?:the\s+)?(?:{_named('part1', PART_OF)}\s*)?{_named('decade', DECADE)}'?s\b"),
    # "the 20th century", "the early nineteenth century"
    ("century",
     rf"(?:the\s+)?(?:{_named('part1', PART_OF)}\s*)?{_named('century', CENTURY)}"
     r"[\s-]+century\b"),
    # "July 31", "Sept. 6": the year comes from the narrative
    ("month_day", rf"{_named('m1', MONTH)}\s+{_named('d1', DAY)}(?![\d:]|\s*(?:st|nd|rd|th)\b)"),
    # "the 14th of March", "3 May": the year comes from the narrative
    ("day_month", rf"(?<![\d.]){_named('d1', DAY)}\s+(?:of\s+)?{_named('m1', MONTH)}(?![\s,]*\d)"),
    # "early 1969", "around 1960", "1975"
    ("year", rf"(?:{_named('q', APPROX)}\s+|{_named('part1', PART_OF)}\s*)?{_named('y1', YEAR)}"),
    # "In November," "by July": a bare month after a preposition; year from the narrative
    # (the span is the month alone, not the preposition)
    ("month_alone", rf"\b(?:[Ii]n|[Bb]y|[Dd]uring|[Uu]ntil|[Ss]ince|[Oo]f|[Ff]rom|late|early)\s+{_named('m1', MONTH)}(?![\s,]*\d)"),
)

COMPILED = tuple((name, re.compile(pattern, re.I if name in ("decade", "decade_to_decade", "century") else 0))
                 for name, pattern in RULES)

# Words right before a number that make it an identifier, not a year:
# "No. 1874", "Resolution 2397", "Vol. 1999", "p. 1965", "Unit 1966", "Decree 1950"
NOT_A_YEAR_BEFORE = re.compile(
    r"(?:\b(?:No|Nos|Vol|Vols|p|pp|с|Art|Sec|ch|fig|Fig)\.|\b(?:[Rr]esolution|[Uu]nit|[Dd]ecree|[Nn]umber|[Aa]rticle|"
    r"[Ss]ection|[Pp]age|[Pp]ages|[Rr]oom|[Rr]oute|[Hh]ighway|[Ff]light|[Mm]odel|[Dd]ivision|[Rr]egiment|[Cc]ode"
    r"|[Ll]aw|[Aa]ct|[Ii]ssue|[Vv]olume|[Nn]o)|[#№§])\s*$")
# Words right after a number that make it a count or measure: "2000 troops", "1500 km"
NOT_A_YEAR_AFTER = re.compile(r"^\s*(?:%|percent|per\s+cent|km|kilomet|miles?|m\b|kg|tons?|tonnes?|"
                              r"people|persons|men|women|soldiers|troops|times|years\s+old|hours|won|yen|dollars|rubles)", re.I)


@dataclass(frozen=True)
class DateCandidate:
    """A span that looks like a date, before it is normalised (find first, resolve later)."""

    start: int
    end: int
    rule: str
    groups: dict


PRECISION_ORDER = ("day", "month", "season", "year", "decade", "century")


# Every rule needs a digit, a month name or the word "century": text without them is skipped at once
DATE_HINT = re.compile(r"\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|century", re.I)


def find_date_candidates(text: str) -> list[DateCandidate]:
    """Every date-like span in ``text``: longest first, no overlaps, negatives filtered."""
    if not DATE_HINT.search(text):
        return []
    found: list[DateCandidate] = []
    for priority, (name, regex) in enumerate(COMPILED):
        for match in regex.finditer(text):
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            start = match.start("m1") if name == "month_alone" else match.start()
            found.append(DateCandidate(start, match.end(), name, groups | {"_priority": priority}))
    found.sort(key=lambda c: (-(c.end - c.start), c.groups["_priority"], c.start))
    taken: list[DateCandidate] = []
    for candidate in found:
        if any(candidate.start < t.end and t.start < candidate.end for t in taken):
            continue
        if _is_negative(text, candidate):
            continue
        taken.append(candidate)
    return sorted(taken, key=lambda c: c.start)


def _is_negative(text: str, candidate: DateCandidate) -> bool:
    before = text[max(0, candidate.start - 14):candidate.start]
    after = text[candidate.end:candidate.end + 16]
    if candidate.rule in ("year", "year_to_year", "year_to_short_year", "decade"):
        if NOT_A_YEAR_BEFORE.search(before):
            return True  # "Resolution 2397", "pp. 1962-1970"
        if candidate.rule != "decade" and NOT_A_YEAR_AFTER.match(after):
            return True  # "2000 troops"
        if re.match(r"^\s*[-–]\s*\d", after) or re.search(r"\d\s*[-–]\s*$", before):
            return True  # part of a longer number range we did not take ("p. 12-1965")
        if re.match(r"^(?:st|nd|rd|th)\b", after):
            return True
    if candidate.rule in ("month_day", "month_alone", "month_year", "month_day_year") and \
            candidate.groups.get("m1") == "May" and candidate.rule == "month_alone":
        return True  # "in May" is fine elsewhere, but a bare "May" is usually the verb
    if candidate.rule == "month_day" and re.match(r"^\s*(?:st|nd|rd|th)?\s*(?:anniversary|birthday)", after):
        return True
    if re.match(r"^(?:st|nd|rd|th)?\s*anniversary", after):
        return True
    return False


# ---------------------------------------------------------------- normalising


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
        if rule in ("month_day_to_month_day_year", "month_day_to_day_year"):
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
            y = int(g["y1"])
            first, last = SEASONS[g["season"].lower()]
            if first > last:  # winter runs into the next year
                return Period(dt.date(y, first, 1), dt.date(y + 1, last, _last_day(y + 1, last)), "season")
            return Period(dt.date(y, first, 1), dt.date(y, last, _last_day(y, last)), "season")
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


# ---------------------------------------------------------------- context

# "had occurred", "had already left": the past perfect, which puts an event before the time in focus
PAST_PERFECT = re.compile(r"\bhad\s+(?:\w+ly\s+|not\s+|never\s+|been\s+)?\w+(?:ed|en|wn|un|ft|ld|ne|de)\b")



def numeric_dates_day_first(document: Document) -> bool:
    """The document's own unambiguous numeric dates decide; else day-first unless it reads US-English."""
    votes = 0
    for match in re.finditer(r"(?<![\d/.])([0-3]?\d)[/.]([01]?\d)[/.](?:1\d{3}|20\d{2})", document.text):
        a, b = int(match.group(1)), int(match.group(2))
        if a > 12 >= b:
            votes += 1
        elif b > 12 >= a:
            votes -= 1
    return votes >= 0


def _explicit_year(period: Period, rule: str) -> int | None:
    if period.inferred_year or rule in ("decade", "decade_to_decade", "century"):
        return None
    return period.end.year


# ---------------------------------------------------------------- public


def extract_dates(document: Document, sentences: list[Sentence], narrative_window: int = 25,
                  excluded: list[tuple[int, int]] = ()) -> list[DateRecord]:
    """Every temporal expression in body and footnote sentences, normalised.

    A date without a year takes the year most recently stated in the same part
    (body, or the same footnote) within ``narrative_window`` sentences; with no
    such anchor it is skipped rather than guessed. Numeric dates are read
    day-first or month-first from the document's other numeric dates and the
    language tag of the footnote they sit in.
    """
    day_first_default = numeric_dates_day_first(document)
    skipped = SpanSet(excluded)
    records: list[DateRecord] = []
    anchor: dict[object, tuple[int, int, dt.date]] = {}  # context -> (year, sentence index, anchor day)
    for index, sentence in enumerate(sentences):
        context = ("footnote", sentence.footnote_number) if sentence.part == "footnote" else sentence.part
        day_first = day_first_default
        if sentence.part == "footnote":
            tag = LANGUAGE_TAG.search(sentence.text)
            if tag:
                day_first = tag.group("language") not in MONTH_FIRST_LANGUAGES
        for candidate in find_date_candidates(sentence.text):
            if skipped.overlaps(sentence.start + candidate.start, sentence.start + candidate.end):
                continue  # a year in a citation call or a legal citation: the cited work's, not the narrative's
            known = anchor.get(context)
            recent = known if known and index - known[1] <= narrative_window else None
            period = normalise(candidate, recent[0] if recent else None, day_first)
            if period is None:
                continue
            if period.inferred_year and recent and period.start > recent[2] \
                    and PAST_PERFECT.search(sentence.text[:candidate.start]):
                # "a statement on January 18, 1966 ... the massacre that had occurred on
                # December 22": the past perfect puts the event before the anchor
                period = normalise(candidate, recent[0] - 1, day_first) or period
            start = sentence.start + candidate.start
            end = sentence.start + candidate.end
            records.append(DateRecord(start, end, document.text[start:end], sentence.sentence_id, sentence.part,
                                      sentence.page, period.start, period.end, period.precision, period.approx,
                                      period.inferred_year, candidate.rule))
            year = _explicit_year(period, candidate.rule)
            if year is not None:
                anchor[context] = (year, index, period.end)
    return records


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
