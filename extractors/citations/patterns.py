


"""The patterns of a reference's parts (pages, volume, issue, URL, access date, editor and
translator marks, imprint) shared by the note parser and the reference-list parser."""
from __future__ import annotations

import re

from extractors import rules


# "ibid.", "Ibid., p. 56", "id.", "ibidem"
IBID = re.compile(r"^\s*(?:ibid(?:em)?|id)\b\.?", re.I)


# "p. 381", "pp.27-36", "pp. 514-517", Russian "с. 98, с.481", German "S. 12", a manuscript's "fol. 12"
PAGES = re.compile(
    r"(?<![\w])(?:pp?|с|S|fols?)\.\s*(?P<pages>\d+[a-z]?(?:\s*[-–—]\s*\d+)?(?:\s*,\s*(?:(?:pp?|с|S)\.\s*)?\d+(?:\s*[-–—]\s*\d+)?)*)")


# An editor's note that opens with the page of the text it annotates: "(p. 11).--", "P. 24.—",
# "Page 5, line 3:". That page is the note's anchor, not a pinpoint of what the note cites.
NOTE_LOCATOR = re.compile(r"\s*\(?(?:[Pp]\.|[Pp]age)\s*\d{1,4}[a-z]?(?:,\s*(?:l\.|line)\s*\d{1,3})?\)?\.?\s*(?:--|[–—:])\s*")


# "Vol. 31", "vol. 73", "Volume 105", "Vol.13", and in Roman numerals "vol. iv.", "Vol. II."
VOLUME = re.compile(r"\b(?:[Vv]ol(?:ume)?s?\.?|[Tt]ập|[Tt]ap\.|Bd\.|[Tt]om)\s*"
                    r"(?P<volume>\d+[A-Za-z]?|[IVXLC]{1,7}\b|[ivxlc]{1,7}\b)")


# A page printed right after its volume without "p.": "Vol. II. 254", "vol. iv, 31-33"
VOLUME_THEN_PAGES = re.compile(r"\b(?:[Vv]ol(?:ume)?\.?)\s*(?:\d+|[IVXLC]{1,7}|[ivxlc]{1,7})[.,]?\s+"
                               r"(?P<pages>\d{1,4}(?:\s*[-–—−]\s*\d{1,4})?)(?![\d:/])")


# A Chicago journal volume: the number after the journal's name, before the issue or the
# parenthesised date: "Review 19, no. 73 (1894): 112-38", "Quarterly 1 (July 1844): 386"
VOLUME_BEFORE_DATE = re.compile(r"(?<![\w.:/-])(?P<volume>\d{1,4}|[IVXLC]{1,7})"
                                r"(?=(?:,?\s*(?:[Nn]o|[Nn]os|[Ii]ssue)\.?\s*\d+[A-Za-z]?)?\s*\([^()]{0,40}\d{4}\))")


# A pinpoint with its volume closing a reference: "2:207-211", "1:152."
VOLUME_PINPOINT = re.compile(r"(?<![\w:.])(?P<volume>\d{1,3}|[ivxlc]{1,7}|[IVXLC]{1,7}):\s?"
                             r"(?P<pages>\d{1,4}(?:\s*[-–—−]\s*\d{1,4})?)\s*[.;]?\s*$")


# "No. 1", "No.10", "Issue 1", "#2", "no. 4", "№ 3"
ISSUE = re.compile(r"(?:\b(?:[Nn]o|[Nn]r|[Ii]ssue)\.?\s*|#\s*|№\s*)(?P<issue>\d+)")


# "4(1)": volume 4, issue 1 (a journal's compact form)
VOLUME_ISSUE = re.compile(r"(?<![\w(])(?P<volume>\d{1,4})\s*\((?P<issue>\d{1,4})\)")


# "<http://example.org/a>", "https://example.org", "www.example.org/x"
URL = re.compile(r"<?(?P<url>(?:https?://|www\.)[^\s<]+)")


# "(Accessed on December 10, 2012)", "accessed 3 March 2024", "Retrieved May 1, 2020"
ACCESSED = re.compile(r"\(?\s*(?:[Aa]ccessed|[Rr]etrieved|[Vv]iewed|[Cc]onsulted)(?:\s+on)?:?\s*(?P<date>[^()]*?\d{4})\s*\)?")


# editor marks after or around names: "ed.", "eds.", "(ed.)", "(eds)"
EDITOR = re.compile(r"\s*\(?\b[Ee]ds?\.?\)?\s*$")


# "translated by A and B", "trans. A"
TRANSLATED = re.compile(r"\b(?:translated\s+by|trans\.|tr\.)\s+(?P<names>[^(),;]+)")


# words that make a medium a film
FILM_WORDS = re.compile(rf"\b{rules.alternation('film_words')}\b", re.I)


TIMECODE = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")


# containers that are collections of one author's or many authors' texts (chapters live in them)
COLLECTED_WORKS = re.compile(rf"\b{rules.alternation('collected_works_words')}\b")


# containers and titles that are archives, online projects or institutions, not periodicals
ARCHIVE_WORDS = re.compile(rf"\b{rules.alternation('archive_words')}\b")


DOCUMENT_WORDS = re.compile(rf"\b{rules.alternation('document_words')}\b", re.I)


# Prose: four lower-case words in a row outside titles ("have been changed by the author")
PROSE_RUN = re.compile(r"(?:\b[a-z][a-z']+\b[\s,]+){3}\b[a-z][a-z']+\b")


# Abbreviations after which ". X" does not end a sentence
ABBREVIATIONS = re.compile(r"(?:\b(?:p|pp|Vol|vol|No|no|ed|eds|trans|tr|Jr|Sr|Dr|Mr|Mrs|Ms|St|Inc|Co|Ltd|cf|ca|c|Fr|Rev|"
                           r"Prof|Hon|Gen|Col|Capt|Lt|Mme|Mlle|Messrs|Esq|Bp|Abp|Ven|Mgr|[A-Z])|\.[A-Z])$")


QUOTES = {'"': '"', "“": "”", "«": "»", "„": "“"}


IMPRINT = re.compile(r"\((?P<inner>[^()]*?(?:\([^()]*\)[^()]*?)*)\)")


# A pinpoint printed without "p.": ", 31." or ": 112-138" closing a reference (Chicago), a page's
# note "543n65", a page's part "222A"
BARE_PINPOINT = re.compile(r"(?:,|:)\s*(?P<pages>\d{1,4}(?:n\.?\s?\d{1,3}|[A-Za-z])?(?:\s*[-–—−]\s*\d{1,4}[A-Za-z]?)?"
                           r"(?:\s*,\s*\d{1,4}(?:\s*[-–—−]\s*\d{1,4})?)*)\s*[.;]?\s*$")


# The last signal before a reference's names: "See", "For more on X, see", "Cf.", "Quoted in"
SIGNAL = re.compile(rf"(?:^|(?<=[\s,;.(]))(?i:{rules.alternation('citation_signals')})\s+(?=[A-Z])")


# "(PhD thesis, University of Leeds, 1990)", "(Ph.D. dissertation, Duke University, 1970)"
THESIS = re.compile(rf"\((?P<genre>[^(),]{{0,30}}\b{rules.alternation('thesis_words')}\b[^(),]{{0,20}}),\s*"
                    rf"(?P<school>[^()]{{2,120}}?),\s*(?:[^(),]*\s)?(?P<year>\d{{4}})\s*\)", re.I)


# An imprint without parentheses closing a reference: "*Title*. Vienna: Haslinger.", ". New York: Knopf, 1990."
PLAIN_IMPRINT = re.compile(r"[.,]\s*(?P<place>[A-Z][\w.'’-]*(?:[\s,]+[A-Z][\w.'’-]*){0,3}):\s*"
                           r"(?P<publisher>[A-Z][^.;:()]{1,60}?)(?:,\s*(?P<year>\d{4}))?(?:\s*[.;]\s+(?=[A-Z])|\s*[.;]?\s*$)")


# "(London, 1871)", "(N. Y., 1891)": a place and a year after a title, no publisher
PLACE_YEAR = re.compile(r"\s*\((?P<place>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}),\s*(?P<year>\d{4})\)")


# Correspondence: "Ann Lee, Jr., to Tom Hale, October 29, 1865, Hale Papers, ..." (sender, recipient, a date)
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|du|la)){0,4}(?:,\s*(?:Jr|Sr)\.?(?=,))?"
LETTER = re.compile(rf"(?P<sender>{_NAME}),?\s+to\s+(?P<recipient>{_NAME}),\s*"
                    r"(?=[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\.?,?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{4}"
                    r"|\d{4}|n\.\s?d\.|[Uu]ndated)(?P<rest>.*)", re.S)


# A short title a note declares for later notes: "(hereafter, Mission Chronicles)",
# "(hereafter cited as *MC*)", "(hereinafter MC)"
HEREAFTER = re.compile(r"\((?:here(?:after|inafter))(?:\s+cited\s+as)?[,:]?\s+[\"“*_]?(?P<alias>[^()\"”*_]{2,80}?)[\"”*_]?\)",
                       re.I)


ET_AL = re.compile(r",?\s*\bet\.?\s+al\b\.?,?", re.I)


# An initials-only piece: "A.", "A. B.", "J.-M.", "R K", "M"
INITIALS = re.compile(r"^(?:[A-Z]\.?[\s-]*){1,4}$")


NEWSPAPER_TITLE = re.compile(rf"\b{rules.alternation('newspaper_words')}\b")
PERIODICAL_TITLE = re.compile(rf"\b{rules.alternation('periodical_words')}\b")


CONFERENCE = re.compile(rf"\b{rules.alternation('conference_words')}(?!\w)", re.I)
