"""Compose text documents laid out like text extracted from a PDF: per page the body,
then that page's footnotes, the next page opening with a running header."""
from __future__ import annotations


def compose(pages: list[dict], front: list[str] | None = None) -> str:
    """pages: dicts with 'body' (paragraphs), 'notes' (footnote paragraphs), 'header' (str)."""
    chunks: list[str] = list(front or [])
    for page in pages:
        if page.get("header"):
            chunks.append(page["header"])
        chunks.extend(page.get("body", []))
        chunks.extend(page.get("notes", []))
    return "\n\n".join(chunks) + "\n"


HEADER = "7. The Salt Roads of the Northern Marches"

#: A three-page article with every layout phenomenon the text reader handles.
SALT_ROADS = compose(
    front=["The Salt Roads of the Northern Marches", "Jane Q. Author", "1. Introduction"],
    pages=[
        {"body": ["The salt trade grew quickly after 1820.¹ Merchants from Varna carried it north "
                  "across the *Great Salt Road* to the river towns.",
                  "Caravans crossed the high pass in spring and"],
         "notes": ["¹ A. Smith, *Salt and Empire*, (London: Harbor Press, 1999), p. 12.",
                   "² B. Jones, \"Roads of Salt,\" *Journal of Trade*, Vol. 3, No. 2 (1988), "
                   "<https://example.org/articles/roads-of-salt-and->"]},
        {"header": HEADER,
         "body": ["returned in autumn.² Their profits were large, and the towns grew rich on the tolls.",
                  "2. The Toll Houses",
                  "The toll houses kept ledgers for forty years.³ The ledgers covered an area of 10⁵ acres.",
                  "Figure 1. A toll house on the northern road (author's photo, 2015)",
                  "tolls.html (Accessed on May 1, 2020)."],
         "notes": ["³ *ibid.*, p. 14."]},
        {"header": HEADER,
         "body": ["The last caravan left in 1911.⁴"],
         "notes": ["⁴ C. Brown, *The End of the Road*, (Oslo: Fjord, 2005), pp. 3-9."]},
    ],
)
