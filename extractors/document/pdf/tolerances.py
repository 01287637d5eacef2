"""Every tolerance the PDF reader uses, in one place, each relative to a glyph or body size where
the page allows: change one here and every stage that reads the page sees it."""
from __future__ import annotations


#: two glyphs stand on one baseline when their bottoms differ by less than this share of their size;
SAME_BASELINE = 0.35


#: a small glyph is raised (a superscript call) when its bottom is this share of the body size above the line;
RAISED = 0.15


#: two sizes (points) closer than this are the same type size;
SAME_SIZE = 0.3


#: a row is set smaller than the body below this share of the body size;
SMALLER_THAN_BODY = 0.95


#: a gap wider than this share of the glyph size is a space between words (PDFs that draw no space glyphs) ...
WORD_GAP = 0.2


#: ... though a justified row whose word gaps are narrow reads its spaces from its own gaps: wider
#: than this share of its median gap (italic corrections, "P(", are narrower than a row's spaces),
#: never narrower than the floor, and only where the row has enough gaps to tell;
ROW_WORD_GAP_SHARE = 0.5


ROW_WORD_GAP_FLOOR = 0.12


ROW_WORD_GAPS_NEEDED = 3


#: ... or, where the PDF draws space glyphs and other gaps are kerning, this share;
WORD_GAP_WITH_SPACE_GLYPHS = 0.6


#: a line spacing of this many typical line gaps starts a new paragraph (leading: size x this);
PARAGRAPH_GAP = 1.45


LEADING = 1.3


#: an entry's continuation lines are indented by at least this share of the type size (hanging indent);
HANGING_INDENT = 0.6


#: an unlabelled caption starts within this many body sizes of its picture; pictures are at least
#: this many points wide and high (smaller ones are ornaments).
CAPTION_REACH = 3.0


PICTURE_MIN_SIZE = 40.0


#: Glyphs smaller than this share of the body size are candidate superscripts.
SUPERSCRIPT_SIZE_RATIO = 0.75


#: A heading is set at least this much larger than the body.
HEADING_SIZE_RATIO = 1.1


#: Rows within this share of the page height from the top or bottom are edge rows.
EDGE_SHARE = 0.09


#: Small text at a page foot where more than this share of the tokens hold no word is a table.
TABLE_SHARE = 0.7


#: A footnote separator is a thin rule at least this wide (points) ...
RULE_MIN_WIDTH = 30.0


#: ... drawn below this share of the page height.
SEPARATOR_LOWEST = 0.4


#: Glyphs on one baseline further apart than this many glyph sizes are two printed rows
#: (a margin note beside a line of text, two columns sharing a baseline).
ROW_SPLIT_GAP = 2.5


#: A row ending this many body sizes before the text block (or starting after it) is in the margin.
MARGIN_CLEARANCE = 0.5


#: An edge of the text block is shared by at least this share of a page's longer rows.
MARGIN_EDGE_SHARE = 0.15


#: ... by rows at least this share of the printed width wide (a margin column's rows are narrow).
MARGIN_COLUMN_SHARE = 0.3


#: A gutter between two columns is at least this many body sizes wide ...
GUTTER_MIN_WIDTH = 0.8


#: ... lies in this middle share of the page width ...
GUTTER_BAND = (0.3, 0.7)


#: ... and at most this share of the page's rows print anything inside it.
GUTTER_MAX_CROSSING = 0.15


#: An accent belongs to a letter it overlaps by at least this share of its own width.
ACCENT_OVERLAP = 0.5


#: A row of a figure or a table has at most this many words when it is set in the body size
#: and does not end a sentence ("N-GRAMS", "Job queue") ...
FIGURE_FRAGMENT_WORDS = 3


#: ... or at least this share of its words are numbers (a table's cells).
FIGURE_NUMBER_SHARE = 0.5


#: A row of running prose is at least this many characters long.
PROSE_ROW_CHARS = 40
