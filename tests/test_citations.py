"""Citations: each rule pinned on invented references (one row per phenomenon)."""
from __future__ import annotations

import pytest

from extractors.citations import extract_references, split_authors
from extractors.document import build_document
from extractors.document.text import split_paragraphs
from extractors.citations.resolve import resolve_references, title_matches

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def parse_notes(*notes: str):
    """References of footnotes 1..n written in the sample conventions (*italics*)."""
    body = "Body text." + "".join(str(n).translate(SUPERSCRIPT) for n in range(1, len(notes) + 1))
    text = body + "\n\n" + "\n\n".join(f"{str(n).translate(SUPERSCRIPT)} {note}" for n, note in enumerate(notes, 1))
    document = build_document(split_paragraphs(text), "t.txt", "text")
    references, kinds = extract_references(document)
    return resolve_references(references), kinds


def fields(ref, names):
    return {name: getattr(ref, name) for name in names}


# (case id, footnote text, expected fields of its single reference)
SINGLE = [
    ("book_with_imprint_and_language",
     "Ana Ruiz, *Salt and Power*, (Madrid: Editorial Sal, 1999), p. 42 (Spanish).",
     dict(kind="book", authors=("Ana Ruiz",), title="Salt and Power", place="Madrid", publisher="Editorial Sal",
          pub_date="1999", pages="42", language="Spanish")),
    ("original_title_in_parentheses_inside_italics",
     "PARK Ji-ho, *River Towns (강변 마을)*, (Seoul: Hanul, 2004), pp. 10-12 (Korean).",
     dict(title="River Towns", title_original="강변 마을", pages="10-12", language="Korean")),
    ("original_title_after_italics",
     "Ivan Petrov, *Northern Roads* (Северные дороги), (Moscow: Nauka, 1987), с. 55, с.60 (Russian).",
     dict(title="Northern Roads", title_original="Северные дороги", pages="55, 60", place="Moscow")),
    ("journal_article_with_volume_issue_month",
     "Mary Lee, \"Tolls and Trade,\" *Journal of Roads*, Vol. 12, No. 3 (March 2004), pp. 58-67.",
     dict(kind="article", title="Tolls and Trade", container="Journal of Roads", volume="12", issue="3",
          pub_date="2004-03", pages="58-67")),
    ("season_date_gives_the_year",
     "Tom Hale, \"Bridges,\" *Engineering Past*, Vol. 4, No. 2 (Fall 2011), pp. 1-9.",
     dict(pub_date="2011", issue="2")),
    ("newspaper_with_full_date",
     "*The Daily Ledger*, March 4, 1961 (French).",
     dict(kind="newspaper", container="The Daily Ledger", title=None, pub_date="1961-03-04", language="French")),
    ("plain_newspaper_name_and_date",
     "Morning Post, June 2, 1950.",
     dict(kind="newspaper", container="Morning Post", pub_date="1950-06-02", language="English")),
    ("web_page_with_url_and_access_date",
     "Rui Costa, \"Old Harbours,\" *Port Heritage Project*, May 5, 2017, <https://example.org/old-harbours> "
     "(Accessed on June 1, 2020).",
     dict(kind="web", url="https://example.org/old-harbours", accessed="2020-06-01", pub_date="2017-05-05")),
    ("chapter_in_collected_works",
     "Jan Novak, \"Speech at the Congress,\" *Collected Works of Jan Novak*, Vol. 9 (Prague: Svoboda, 1970), "
     "pp. 3-8 (Czech).",
     dict(kind="chapter", container="Collected Works of Jan Novak", volume="9", publisher="Svoboda", place="Prague")),
    ("editor_is_recorded",
     "Lena Berg ed., *Harbour Letters*, (Oslo: Fjord, 2001).",
     dict(authors=("Lena Berg",), editors=True, title="Harbour Letters")),
    ("commentary_names_the_work_by_a_possessive",
     "This account is given in Lind's *Harbour Book*, pp. 29, 30.",
     dict(authors=("Lind",), title="Harbour Book", pages="29, 30")),
    ("commentary_names_the_author_before_a_parenthesis",
     "Berg says (*Quay Notes*, pp. 113, 114) that the gate was new.",
     dict(authors=("Berg",), title="Quay Notes", pages="113, 114")),
    ("commentary_names_the_work_by_a_pronoun",
     "Moss thought so in 1830 at Bergen, and mentions it in his *Letters from the North*.",
     dict(authors=("Moss",), title="Letters from the North")),
    ("a_quoted_passage_is_not_a_title",
     "Lind, in his *Harbour Book*, relates: \"the clerks wrote every cargo down and kept the books with care the clerks wrote every cargo down and kept the books with care the clerks wrote every cargo down and kept the books with care the clerks wrote every cargo down and kept the books with care the clerks wrote every cargo down and kept the books with care the clerks wrote every cargo down and kept the books with care.\"",
     dict(authors=("Lind",), title="Harbour Book")),
    ("two_authors_joined_by_and",
     "KIM Ho-jin and LEE Mi-ra, *Border Markets*, (Seoul: Minum, 2010).",
     dict(authors=("KIM Ho-jin", "LEE Mi-ra"))),
    ("surname_first_author_is_one_name",
     "Tanaka, Hiro (田中), *Paper Roads*, (Kyoto: Koto, 1995) (Japanese).",
     dict(authors=("Tanaka, Hiro",), language="Japanese")),
    ("translators_recorded",
     "Eva Lind, *Cold Seas*, translated by Ole Dahl and Siri Moe (Bergen: Bok, 2012).",
     dict(translators=("Ole Dahl", "Siri Moe"), publisher="Bok")),
    ("url_broken_by_extractor_bracket",
     "\"Dock Ledger,\" *City Archive*, <https://example.org/dock-led>ger-1901.html (Accessed on May 1, 2021).",
     dict(url="https://example.org/dock-ledger-1901.html")),
    ("film_with_timecode",
     "*Harbour Lights* (항구), Film Studio North, 1988, 10:02 to 11:40, <https://www.youtube.com/watch?v=x1> "
     "(Korean).",
     dict(kind="film", title="Harbour Lights", title_original="항구")),
    ("vietnamese_original_title_in_quotes",
     "Trần Văn Nam, \"Village memories (Ký ức làng quê),\" *Tạp chí Sử học*, 02/03/2019 (Vietnamese).",
     dict(title="Village memories", title_original="Ký ức làng quê", pub_date="2019-03-02")),
    ("chicago_journal_volume_before_issue_and_date",
     "Ann Welsh, \"Harbour Rights,\" *Northern Quarterly Review* 19, no. 73 (1894): 112−138.",
     dict(kind="article", container="Northern Quarterly Review", volume="19", issue="73", pages="112-138")),
    ("plain_journal_name_keeps_its_volume_apart",
     "Tom Gray, \"Old Mills,\" Western Historical Quarterly 7, no. 2 (1950): 4.",
     dict(container="Western Historical Quarterly", volume="7", issue="2", pages="4")),
    ("volume_colon_pinpoint",
     "Peter Lamb, ed., *The Creeds of Rivers* (Boston, MA: Baker House, 1983), 2:207−211.",
     dict(kind="book", volume="2", pages="207-211", pub_date="1983")),
    ("short_title_with_volume_colon_pinpoint",
     "River Chronicles, 1:152.",
     dict(title="River Chronicles", authors=(), volume="1", pages="152")),
    ("signal_word_and_et_al_are_not_names",
     "See Hugh Cole et al., eds., *The Ruin of Salt* (Oxford: Oxford University Press, 1985).",
     dict(authors=("Hugh Cole",), editors=True, title="The Ruin of Salt")),
    ("signal_after_commentary",
     "For more on the mills, see Ana Ruiz, *Salt and Power* (Madrid: Editorial Sal, 1999).",
     dict(authors=("Ana Ruiz",), title="Salt and Power")),
    ("thesis_in_parentheses",
     "Mark Holt, \"Mills of the Lower Valley\" (PhD thesis, University of Oregon, 1945), 196, 291.",
     dict(kind="thesis", publisher="University of Oregon", pub_date="1945", pages="196, 291")),
    ("roman_volume_of_a_book",
     "Fenwick's *Voyages*, vol. i., pp. 142, 143.",
     dict(kind="book", authors=("Fenwick",), title="Voyages", volume="i", pages="142, 143")),
    ("page_right_after_a_roman_volume",
     "Hart, in his *Biography* (Vol. II. 254), states that the concert failed.",
     dict(kind="book", authors=("Hart",), title="Biography", volume="II", pages="254")),
    ("editors_note_opens_with_the_page_it_annotates",
     "(p. 11).--This document is given in Martin's *Bressani*, pp. 295, 296. It states that the offer came first.",
     dict(authors=("Martin",), title="Bressani", pages="295, 296")),
    ("folio_is_a_pinpoint",
     "Lamont, *Brief Account*, fol. 12.",
     dict(title="Brief Account", pages="12")),
    ("letter_sender_to_recipient_in_a_collection",
     "Robert Lee Hale, Jr., to Maggie Hale, October 29, 1865, Hale-Pugh Collection, State Special Collections, A-17-B.",
     dict(kind="archival", authors=("Robert Lee Hale, Jr.",), title="Robert Lee Hale, Jr., to Maggie Hale",
          container="Hale-Pugh Collection", pub_date="1865-10-29")),
    ("town_before_an_italic_newspaper",
     "Austin *Tri-Weekly State Gazette*, October 9, 1863.",
     dict(kind="newspaper", container="Tri-Weekly State Gazette", place="Austin", authors=(), title=None)),
    ("reprint_imprint_dates_the_edition",
     "Bell Wiley, ed., *Fourteen Days in the Army* (1876; Jackson, Tenn.: Mercer Press, 1953), 12.",
     dict(place="Jackson, Tenn", publisher="Mercer Press", pub_date="1953", pages="12")),
    ("imprint_without_parentheses_after_a_sentence_end",
     "Ana Ruiz, *Salt and Power*. New York: Knopf, 1990.",
     dict(place="New York", publisher="Knopf", pub_date="1990")),
    ("alternative_title_after_a_semicolon",
     "Czerny, *The Piano Teacher; or, a new and easy method*. Vienna: Haslinger.",
     dict(title="The Piano Teacher; or, a new and easy method", place="Vienna", publisher="Haslinger")),
    ("page_and_its_note_number",
     "See Oakes, *Freedom Roads*, 543n65.",
     dict(authors=("Oakes",), pages="543")),
    ("periodical_named_after_its_town",
     "Carl Holm relates in the Vienna *Musik Zeitung* of 1845, No. 113, as follows:--",
     dict(authors=("Carl Holm",), container="Musik Zeitung", issue="113", pub_date="1845")),
    ("an_abbreviated_given_name_does_not_end_a_sentence",
     "In Dr. Fr. Holm's pamphlet, \"*The Harbour Society in Bergen*,\" he says:--",
     dict(authors=("Fr. Holm",), title="The Harbour Society in Bergen")),
    ("an_italic_newspaper_name", "The *Elegante Zeitung* of 1858, No. 73, relates the following:--",
     dict(kind="newspaper", authors=(), container="Elegante Zeitung", issue="73", pub_date="1858")),
    ("an_italic_periodical_name", "Zellner, in his *Blätter für Häfen*, relates what follows.",
     dict(kind="article", authors=("Zellner",), container="Blätter für Häfen", title=None)),
    ("a_title_read_with_the_and_a_pinpoint_in_commentary", "His text, however, is given in the *Harbour Tales*, 23-54.",
     dict(kind="article", container="Harbour Tales", title=None, pages="23-54")),
    ("a_signal_and_an_article_are_not_authors", "See the *Daily Ledger*, March 4, 1961.",
     dict(kind="newspaper", authors=(), container="Daily Ledger", pub_date="1961-03-04")),
    ("the_year_of_a_place_and_year_imprint_is_the_books",
     "Henry Dale's *First Conquest of the North* (London, 1871), which covers the years after 1660.",
     dict(place="London", pub_date="1871")),
    ("place_and_year_after_a_title",
     "Henry Dale's *First Conquest of the North* (London, 1871).",
     dict(authors=("Henry Dale",), place="London", pub_date="1871")),
]


@pytest.mark.parametrize("case, note, expected", SINGLE, ids=[c[0] for c in SINGLE])
def test_single_reference_fields(case, note, expected):
    references, kinds = parse_notes(note)
    assert len(references) == 1, [r.raw_text for r in references]
    assert fields(references[0], expected) == expected
    assert kinds == {1: "citation"}


def test_semicolons_split_references_but_not_inside_quotes_or_parentheses():
    references, _ = parse_notes("*Morning Post*, June 2, 1950; A. Bell, \"Ships; and Sails,\" *Sea Review*, "
                                "No. 4 (May 1960), p. 3; *Evening Star*, June 3, 1950 (Dutch).")
    assert [(r.position, r.container) for r in references] == [(1, "Morning Post"), (2, "Sea Review"),
                                                               (3, "Evening Star")]
    assert references[1].title == "Ships; and Sails"


def test_a_commentary_sentence_naming_two_works_gives_two_references():
    refs, _ = parse_notes("(p. 19).--Lamont (*Brief Account*, fol. 12) describes \"a fish as large as a boat.\" "
                          "Packer, in *Coast Notes* (N. Y., 1891), p. 443, mentions the whale as \"seen in summer.\"")
    assert [(r.authors, r.title, r.pages) for r in refs] == [
        (("Lamont",), "Brief Account", "12"), (("Packer",), "Coast Notes", "443")]
    assert refs[1].place == "N. Y"


def test_a_title_whose_asterisk_lost_its_pair_is_still_read():
    refs, _ = parse_notes("Ana Ruiz, *Salt and power in the northern mills of the coast, (Madrid: Sal, 1999) (Spanish); "
                          "Ana Ruiz, Salt and help from the southern ports in the years 1950 - 1960, (Madrid: Sal, 2001) "
                          "(Spanish).",
                          "Ana Ruiz, Salt and help, pp.149-150.")
    assert [(r.authors, r.title, r.kind, r.pub_date) for r in refs[:2]] == [
        (("Ana Ruiz",), "Salt and power in the northern mills of the coast", "book", "1999"),
        (("Ana Ruiz",), "Salt and help from the southern ports in the years 1950 - 1960", "book", "2001")]
    assert (refs[2].short_form, refs[2].resolves_to, refs[2].pages) == (True, 1, "149-150")


def test_a_short_title_declared_with_hereafter_resolves_to_its_full_reference():
    refs, _ = parse_notes("*Chronicle of the Harbour Missions*, six manuscript volumes (hereafter, Quay Mission "
                          "Chronicles), Office of Quay History and Archives, Bergen.",
                          "Quay Mission Chronicles, 1:152.")
    assert (refs[0].kind, refs[0].title, refs[0].publisher) == (
        "archival", "Chronicle of the Harbour Missions", "Office of Quay History and Archives")
    assert (refs[1].short_form, refs[1].resolves_to, refs[1].kind, refs[1].volume, refs[1].pages) == (
        True, 1, "archival", "1", "152")


def test_a_plain_title_with_words_no_name_holds_is_not_an_author():
    refs, _ = parse_notes("Chronicle of the Missions Given by the Brothers of the Quay, held in Bergen.")
    assert (refs[0].authors, refs[0].title) == ((), "Chronicle of the Missions Given by the Brothers of the Quay")


def test_a_quoted_title_before_a_parenthesised_periodical_signed_after_it():
    refs, _ = parse_notes("(p. 71).--The old nation lived there, as the sites show. A full account is in \"Historical "
                          "Sketch of the Quays, or Piers, now called Wharves,\" (*Harb. Mag.*, vol. v., p. 262), J. G. Moe.")
    assert [(r.kind, r.authors, r.title, r.container, r.volume, r.pages) for r in refs] == [
        ("article", ("J. G. Moe",), "Historical Sketch of the Quays, or Piers, now called Wharves", "Harb. Mag", "v",
         "262")]


def test_an_imprint_without_parentheses_before_a_cross_reference():
    refs, _ = parse_notes("Czerny, *The Quay Teacher; or, a new and easy method*. Vienna: Haslinger. See No. 455.")
    assert (refs[0].place, refs[0].publisher) == ("Vienna", "Haslinger")


def test_a_quoted_title_with_a_day_and_a_url_in_commentary_is_a_web_reference():
    refs, _ = parse_notes("On the numbers, see Ana Ruiz, *Salt* (Madrid: Sal, 1999), 83-103; and my summary of different "
                          "estimates at \"How Many Boats Sailed North?,\" June 25, 2013, <http://example.org/boats.html>.")
    assert [(r.kind, r.title, r.pub_date, r.url) for r in refs[1:]] == [
        ("web", "How Many Boats Sailed North?", "2013-06-25", "http://example.org/boats.html")]


def test_commentary_after_a_reference_is_not_a_reference():
    references, kinds = parse_notes("*Morning Post*, June 2, 1950. The report was later withdrawn by the editors "
                                    "of the paper.")
    assert len(references) == 1 and kinds[1] == "citation"


def test_prose_only_footnote_is_a_note():
    references, kinds = parse_notes("The author visited the harbour on May 4, 2018.")
    assert references == [] and kinds == {1: "note"}


def test_reference_in_parentheses_inside_commentary_is_found():
    references, _ = parse_notes(
        "Ana Ruiz, *Salt and Power*, (Madrid: Editorial Sal, 1999), p. 42.",
        "Ruiz also discusses the toll wars in detail (Ana Ruiz, *Salt and Power*, pp. 50-55).")
    second = [r for r in references if r.footnote_number == 2]
    assert [(r.short_form, r.resolves_to, r.pages) for r in second] == [(True, 1, "50-55")]


def test_ibid_points_to_previous_footnote_with_new_pages():
    references, _ = parse_notes("Ana Ruiz, *Salt and Power*, (Madrid: Editorial Sal, 1999), p. 42.",
                                "*ibid.*, p. 56.", "Ibid.")
    first, second, third = references
    assert (second.ibid, second.resolves_to, second.pages) == (True, 1, "56")
    assert (third.ibid, third.resolves_to) == (True, 2)
    assert first.work_id == second.work_id == third.work_id


def test_short_form_matched_by_author_and_title_not_position():
    references, _ = parse_notes(
        "Ana Ruiz, *Salt and Power in Castile*, (Madrid: Editorial Sal, 1999).",
        "Mary Lee, \"Tolls and Trade,\" *Journal of Roads*, Vol. 12, No. 3 (March 2004), pp. 58-67.",
        "Ruiz, *Salt and Power*, p. 7.")
    short = references[2]
    assert (short.short_form, short.resolves_to) == (True, 1)
    assert short.work_id == references[0].work_id != references[1].work_id


def test_unmatched_short_looking_reference_is_not_a_short_form():
    references, _ = parse_notes("Ana Ruiz, *Salt and Power*, p. 7.")
    assert references[0].short_form is False and references[0].resolves_to is None


def test_same_work_same_id_across_documents():
    a, _ = parse_notes("Ana Ruiz, *Salt and Power*, (Madrid: Editorial Sal, 1999), p. 42.")
    b, _ = parse_notes("Ana Ruiz, *Salt and Power*, (Madrid: Editorial Sal, 1999), p. 99.")
    assert a[0].work_id == b[0].work_id


AUTHOR_CASES = [
    # (case id, text before the title, expected names, editors)
    ("single", "Ana Ruiz,", ("Ana Ruiz",), False),
    ("institution", "The Institute of Harbour History,", ("The Institute of Harbour History",), False),
    ("two_with_comma", "Hà Văn Nam, Lê Thị Hoa,", ("Hà Văn Nam", "Lê Thị Hoa"), False),
    ("eds_in_parentheses", "A. Bell and C. Dunn (eds.),", ("A. Bell", "C. Dunn"), True),
    ("original_script_dropped", "Satoshi Ito(伊藤),", ("Satoshi Ito",), False),
]


@pytest.mark.parametrize("case, text, names, editors", AUTHOR_CASES, ids=[c[0] for c in AUTHOR_CASES])
def test_split_authors(case, text, names, editors):
    assert split_authors(text) == (names, editors)


@pytest.mark.parametrize("short, full, expected", [
    ("Salt and Power", "Salt and Power in Castile, 1500-1600", True),
    ("The Toll Wars", "Salt and Power in Castile", False),
    ("Power in Castile", "Salt and Power in Castile", True),
], ids=["prefix", "different_title", "most_words"])
def test_title_matches(short, full, expected):
    assert title_matches(short, full) is expected


def test_legal_citations_in_the_body_are_references_with_their_sentence(nlp):
    from extractors.document import build_document
    from extractors.document.text import split_paragraphs
    from extractors.citations.legal import BODY, extract_legal_citations
    from extractors.nlp import parse_blocks, sentences

    text = ("An Opinion\n\nThe claim fails. See Lund v. Harbour Ferry Co., 702 F.3d 211, 215 (9th Cir. 2012). "
            "Id. at 216. The statute, 42 U.S.C. § 1983, does not apply.\n")
    document = build_document(split_paragraphs(text), "opinion.txt", "text")
    sents = sentences(document, parse_blocks(document, nlp))
    found = extract_legal_citations(document, sents)
    assert [(r.kind, r.container, r.volume, r.pages, r.ibid) for r in found] == [
        ("case", "F.3d", "702", "211, 215", False), ("case", "F.3d", "702", "216", True),
        ("statute", "U.S.C.", "42", "1983", False)]
    case = found[0]
    assert case.title == "Lund v. Harbour Ferry Co." and case.pub_date == "2012" and case.footnote_number == BODY
    assert found[1].work_id == case.work_id
    assert {s.sentence_id for s in sents if s.start <= case.start < s.end} == {case.sentence_id}


def test_a_company_that_is_a_party_to_a_cited_case_is_an_organisation(nlp):
    from extractors.citations.legal import case_parties, extract_legal_citations
    from extractors.document import build_document
    from extractors.document.text import split_paragraphs
    from extractors.entities import extract_entities
    from extractors.nlp import parse_blocks, sentences

    text = "An Opinion\n\nThe claim fails. See *Lund v. Harbour Ferry Co.*, 702 F.3d 211, 215 (9th Cir. 2012).\n"
    document = build_document(split_paragraphs(text), "opinion.txt", "text")
    parsed = parse_blocks(document, nlp)
    sents = sentences(document, parsed)
    parties = case_parties(document, extract_legal_citations(document, sents))
    assert [(document.text[a:b], label) for a, b, _, label in parties] == [("Harbour Ferry Co.", "ORG")]
    entities, _ = extract_entities(document, parsed, sents, known=parties)
    assert ("Harbour Ferry Co", "ORG") in {(e.name.rstrip("."), e.label) for e in entities}


@pytest.mark.parametrize("note, authors, title", [
    ("The harbour grew after the Great War (B. Lind, *Quays*, pp. 8-9).", ("B. Lind",), "Quays"),
    ("The gate is described by Berg (*Quay Notes*, fol. 12) as new.", ("Berg",), "Quay Notes"),
], ids=["a_parenthesis_with_its_own_author", "a_name_before_a_parenthesised_title"])
def test_a_reference_in_commentary_takes_its_author_from_the_right_place(note, authors, title):
    references, _ = parse_notes(note)
    assert [(r.authors, r.title) for r in references] == [(authors, title)]


def test_a_reference_in_editors_brackets_is_read_inside_them():
    references, _ = parse_notes("A. Lind, *Quays*, (Oslo: Fjord, 1990), p. 4. "
                                "[Reprinted from: B. Berg, *Old Quays*, (Bergen: Tide, 1931)]")
    assert [(r.authors, r.title, r.pub_date) for r in references] == [
        (("A. Lind",), "Quays", "1990"), (("B. Berg",), "Old Quays", "1931")]


@pytest.mark.parametrize("text, name", [
    ("We review de novo. See First Ferry Co. of Port Lund v. Berg, 783 S.W.2d 697, 701 (Tex. App. 1989).",
     "First Ferry Co. of Port Lund v. Berg"),
    ("The rule is settled; Vardo Hosp. North, L.P. v. Quay Mut. of Ga., Inc., 892 F.3d 719, 726 (5th Cir. 2018).",
     "Vardo Hosp. North, L.P. v. Quay Mut. of Ga., Inc."),
], ids=["lower_case_of_inside_a_party", "an_abbreviation_inside_the_first_party"])
def test_a_case_name_is_read_whole_from_the_text(text, name):
    from extractors.citations.legal import case_name

    assert case_name(text, text.index(", 7" if "783" in text else ", 8") + 2) == name


def test_codes_by_name_and_court_rules_and_citations_in_notes_are_legal_references(nlp):
    from extractors.citations import with_legal_citations
    from extractors.citations.legal import extract_legal_citations
    from extractors.nlp import parse_blocks, sentences

    text = ("An Opinion\n\nThe claim fails under TEX. HARB. CODE § 401.003(1)(B).¹\n\n"
            "¹ Pursuant to 5th Circuit Rule 47.5, this opinion is not published. See Lund v. Harbour Ferry Co., "
            "702 F.3d 211, 215 (9th Cir. 2012).\n")
    document = build_document(split_paragraphs(text), "opinion.txt", "text")
    sents = sentences(document, parse_blocks(document, nlp))
    references, kinds = extract_references(document)
    merged = with_legal_citations(references, extract_legal_citations(document, sents), kinds)
    assert [(r.footnote_number, r.position, r.kind, r.title) for r in merged] == [
        (0, 1, "statute", "TEX. HARB. CODE § 401.003(1)(B)"),
        (1, 1, "other", "5th Circuit Rule 47.5"),
        (1, 2, "case", "Lund v. Harbour Ferry Co.")]
    assert merged[0].container == "TEX. HARB. CODE" and merged[0].pages == "401.003(1)(B)"
    assert kinds[1] == "citation"
