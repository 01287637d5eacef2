"""Find first: every span that may be a date, by a table of named patterns (rule names say
which shape matched), with the spans that only look like years (page numbers, amounts) left out."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
import re

from extractors import rules
from extractors.rules.patterns import with_first_character_lookahead


MONTHS = rules.values("months")


# e.g. "July", "Sept.", "Dec.", and "Nov 2000", "Dec 5" (an abbreviation without its stop only
# before a number); "May" only in full (it is also a verb, handled by context)
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December" \
        r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?=\s+\d)))"


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


HOLIDAYS = rules.values("fixed_holidays")
HOLIDAY = "(?:" + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(HOLIDAYS, key=len, reverse=True)) + ")"


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
    # "from the 14th of June to the 3rd of July", "the 2nd of May to the 9th of June, 1701"
    ("day_of_month_to_day_of_month",
     rf"{RANGE_START}?(?:the\s+)?{_named('d1', DAY)}\s+of\s+{_named('m1', MONTH)}(?:,?\s*{_named('y1', YEAR)})?"
     rf"{RANGE_SEP}(?:the\s+)?{_named('d2', DAY)}\s+of\s+{_named('m2', MONTH)}(?:,?\s*{_named('y2', YEAR)})?(?![\d:])"),
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
    # "the last day of December, 1817", "first day of March": a day; the year may come from the narrative
    ("edge_day_of_month", rf"(?:[Tt]he\s+)?{_named('edge', '[Ff]irst|[Ll]ast')}\s+day\s+of\s+{_named('m1', MONTH)}"
                          rf"(?:,?\s+{_named('y1', YEAR)})?"),
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
    # "New Year's Day, 1863", "on Christmas Eve": a holiday on a fixed day, its year given or the narrative's
    ("holiday", rf"\b{_named('holiday', HOLIDAY)}(?:,?\s+{_named('y1', YEAR)})?"),
    # "By the summer, however, ...", "that winter": a season of the narrative's year
    ("season_alone", rf"\b(?:(?:[Ii]n|[Bb]y|[Dd]uring|[Uu]ntil|[Ss]ince|[Tt]hrough)\s+the|[Tt]hat|[Tt]his)\s+"
                     rf"{_named('season', SEASON)}\b(?!\s*(?:of\s+)?\d)"),
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
    ("month_alone", rf"\b(?:[Ii]n|[Bb]y|[Dd]uring|[Uu]ntil|[Ss]ince|[Oo]f|[Ff]rom|late|early|[Tt]hat|[Tt]his)\s+"
                    rf"{_named('m1', MONTH)}(?![\s,]*\d)"),
)


CASE_FREE_RULES = ("decade", "decade_to_decade", "century", "holiday")
COMPILED = tuple((name, with_first_character_lookahead(re.compile(pattern, re.I if name in CASE_FREE_RULES else 0)))
                 for name, pattern in RULES)

#: A piece every match of a rule contains, searched once per text: a rule whose piece is absent
#: cannot match and is not run (most sentences name no month, no season, no holiday).
#: (A holiday is looked for by the last word of its name, case-folded: a case-free alternation of
#: every name costs as much as all the other rules' pieces together.)
HOLIDAY_LAST_WORDS = tuple(sorted({name.casefold().split()[-1] for name in HOLIDAYS}))


def _names_a_holiday(text: str) -> bool:
    folded = text.casefold()
    return any(word in folded for word in HOLIDAY_LAST_WORDS)


def _first_then(hint: str, piece: str) -> Callable[[str], bool]:
    """A piece's search run only where a quicker search for a wider pattern found something."""
    wider, exact = re.compile(hint).search, re.compile(piece).search
    return lambda text: wider(text) is not None and exact(text) is not None


NEEDED_PIECES: dict[str, Callable[[str], bool]] = {
    "month": _first_then(r"J(?:an|u[nl])|Feb|Ma[ry]|A(?:pr|ug)|Sep|Oct|Nov|Dec", MONTH),
    "year": re.compile(YEAR_DIGITS).search, "digit": re.compile(r"\d").search,
    "season": _first_then("pring|ummer|all|utumn|inter", SEASON), "century": re.compile("century", re.I).search,
    "holiday": _names_a_holiday, "decade": re.compile(r"\d0'?s\b", re.I).search,
}
#: The first three letters of every month name the rules read ("Sept" too): a month is found
#: where one of them is.
MONTH_OPENING = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_YEAR_DIGITS_FOUND = re.compile(YEAR_DIGITS).findall
_MONTH_OPENINGS_FOUND = re.compile(MONTH_OPENING).findall

#: Shapes a rule's match must hold, searched only for the rules whose pieces are present (each
#: at most once per text): a range of days, a day before a month, two years, ... Each is what a
#: match of the rule shows (the rules' test checks every match for them).
NEEDED_SHAPES: dict[str, Callable[[str], bool]] = {
    "day_range": re.compile(r"\d(?:st|nd|rd|th|d)?\s*(?:-|–|to|and|until|through|or)\s*\d").search,
    "day_before_month": re.compile(rf"\d(?:st|nd|rd|th|d)?\s+(?:of\s+)?{MONTH_OPENING}").search,
    "short_year_range": re.compile(r"\d\s*[-–]\s*\d\d").search,
    "iso_shape": re.compile(r"\d-[01]\d-[0-3]\d").search,
    "numeric_shape": re.compile(r"[/.]\d{1,2}[/.]\d{4}").search,
    "day_of": re.compile(r"day\s+of").search,
    # two of a fixed length: the leftmost scan finds two wherever two stand apart
    "two_years": lambda text: len(_YEAR_DIGITS_FOUND(text)) >= 2,
    "two_months": lambda text: len(_MONTH_OPENINGS_FOUND(text)) >= 2,
}
RULE_NEEDS: dict[str, tuple[str, ...]] = {
    "month_day_to_month_day_year": ("month", "digit", "two_months"),
    "day_of_month_to_day_of_month": ("month", "digit", "day_before_month"),
    "month_day_to_day_year": ("month", "digit", "day_range"),
    "month_year_to_month_year": ("month", "year", "two_years", "two_months"),
    "year_to_year": ("year", "two_years"), "year_to_short_year": ("year", "short_year_range"),
    "month_day_year": ("month", "year"), "edge_day_of_month": ("month", "day_of"),
    "day_month_year": ("month", "year", "day_before_month"), "iso_date": ("year", "iso_shape"),
    "numeric_date": ("year", "numeric_shape"), "month_year": ("month", "year"), "decade_to_decade": ("decade",),
    "season_year": ("season", "year"), "holiday": ("holiday",), "season_alone": ("season",),
    "decade": ("decade",), "century": ("century",), "month_day": ("month", "digit"),
    "day_month": ("month", "digit", "day_before_month"), "year": ("year",), "month_alone": ("month",),
}

#: (priority, name, compiled rule, the pieces it needs, the shapes it needs), in priority order.
_RULES_WITH_NEEDS = tuple((priority, name, regex, frozenset(n for n in RULE_NEEDS[name] if n in NEEDED_PIECES),
                           tuple(n for n in RULE_NEEDS[name] if n in NEEDED_SHAPES))
                          for priority, (name, regex) in enumerate(COMPILED))


def needed(name: str) -> Callable[[str], bool]:
    """The search for one piece or shape a rule needs (by its name in :data:`RULE_NEEDS`)."""
    return NEEDED_PIECES.get(name) or NEEDED_SHAPES[name]


# Words right before a number that make it an identifier, not a year:
# "No. 1874", "Resolution 2397", "Vol. 1999", "p. 1965", "Unit 1966", "Decree 1950"
NOT_A_YEAR_BEFORE = re.compile(
    r"(?:\b(?:No|Nos|Vol|Vols|p|pp|с|Art|Sec|ch|fig|Fig)\.|\b(?:[Rr]esolution|[Uu]nit|[Dd]ecree|[Nn]umber|[Aa]rticle|"
    r"[Ss]ection|[Pp]age|[Pp]ages|[Rr]oom|[Rr]oute|[Hh]ighway|[Ff]light|[Mm]odel|[Dd]ivision|[Rr]egiment|[Cc]ode"
    r"|[Ll]aw|[Aa]ct|[Ii]ssue|[Vv]olume|[Nn]o)|[#№§])\s*$")


# Words right after a number that make it a count or measure: "2000 troops", "1500 km"
NOT_A_YEAR_AFTER = re.compile(r"^\s*(?:%|percent|per\s+cent|km|kilomet|miles?|m\b|kg|tons?|tonnes?|"
                              r"people|persons|men|women|soldiers|troops|times|years\s+old|hours|won|yen|dollars|rubles)", re.I)


#: A plural noun right after a bare number: "2000 florins", "1500 sailors".
COUNTED_AFTER = re.compile(r"^\s+[a-z][a-z'’-]{2,}s\b")
#: Words before a year that make it one whatever follows: "in 1965 troops", "since 1870 ships".
TEMPORAL_BEFORE = re.compile(r"\b(?:[Ii]n|[Bb]y|[Ss]ince|[Uu]ntil|[Tt]ill|[Ff]rom|[Aa]fter|[Bb]efore|[Dd]uring|"
                             r"[Aa]round|[Aa]bout|[Cc]irca|c\.|year)\s*,?\s*$")


#: An editor's conjecture inside a date: "April [March?] 30, 1819", "May 3 [1820?]"; read past it.
EDITORIAL_GUESS = re.compile(r"\[[A-Za-z][^\[\]\n]{0,14}\?\]")


@dataclass(frozen=True)
class DateCandidate:
    """A span that looks like a date, before it is normalised (find first, resolve later)."""

    start: int
    end: int
    rule: str
    groups: dict


PRECISION_ORDER = ("day", "month", "season", "year", "decade", "century")


def find_date_candidates(text: str) -> list[DateCandidate]:
    """Every date-like span in ``text``: longest first, no overlaps, negatives filtered.

    A rule runs only where every piece it needs is present (:data:`RULE_NEEDS`), each piece
    searched once: most sentences have no digit, month, season, holiday or century and cost a
    handful of quick searches."""
    if "[" in text:
        text = EDITORIAL_GUESS.sub(lambda m: " " * len(m.group()), text)  # "April [March?] 30, 1819": offsets kept
    present = frozenset(piece for piece, search in NEEDED_PIECES.items() if search(text))
    if not present:
        return []
    shapes: dict[str, bool] = {}

    def has(shape: str) -> bool:  # each shape searched at most once
        if shape not in shapes:
            shapes[shape] = NEEDED_SHAPES[shape](text)
        return shapes[shape]

    found: list[DateCandidate] = []
    for priority, name, regex, needs, needed_shapes in _RULES_WITH_NEEDS:
        if not needs <= present or not all(map(has, needed_shapes)):
            continue
        for match in regex.finditer(text):
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            start = match.start("m1") if name == "month_alone" else \
                match.start("season") if name == "season_alone" else match.start()  # "by the summer": "summer"
            found.append(DateCandidate(start, match.end(), name, groups | {"_priority": priority}))
    found.sort(key=lambda c: (-(c.end - c.start), c.groups["_priority"], c.start))
    taken: list[DateCandidate] = []
    claimed = bytearray(len(text))  # characters of the candidates taken: a check costs a candidate's length
    for candidate in found:
        if any(claimed[candidate.start:candidate.end]):
            continue
        if _is_negative(text, candidate):
            continue
        taken.append(candidate)
        claimed[candidate.start:candidate.end] = b"\x01" * (candidate.end - candidate.start)
    return sorted(taken, key=lambda c: c.start)


def _is_negative(text: str, candidate: DateCandidate) -> bool:
    before = text[max(0, candidate.start - 14):candidate.start]
    after = text[candidate.end:candidate.end + 16]
    if candidate.rule in ("year", "year_to_year", "year_to_short_year", "decade"):
        if NOT_A_YEAR_BEFORE.search(before):
            return True  # "Resolution 2397", "pp. 1962-1970"
        counted = NOT_A_YEAR_AFTER.match(after) if candidate.rule != "decade" else None
        if candidate.rule == "year" and not counted:
            counted = COUNTED_AFTER.match(after)
        if counted and not TEMPORAL_BEFORE.search(before):
            return True  # "2000 troops", "owed him 2000 florins"; "in 1965 troops" keeps its year
        if candidate.rule == "year" and int(candidate.groups["y1"]) % 1000 == 0 and re.match(r"^\s*(?:[.,;:)]|$)", after) \
                and not TEMPORAL_BEFORE.search(before) and not candidate.groups.get("q") \
                and not candidate.groups.get("part1"):
            return True  # "... from here to you 1000.": a round count that lost its noun, not the year 1000
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
