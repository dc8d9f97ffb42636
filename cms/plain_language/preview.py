"""Marks a rendered page's main content with what the klarspråk checks found.

In a preview, each paragraph, list item and link that breaks a rule gets a
``data-plain-language`` attribute (and ``data-plain-language-words`` with the
word list's ids); Wagtail's checker then shows one warning per rule with a
button that points at the place (cms.plain_language.userbar). The same pass
gives the counts the report stores (cms.plain_language.measures).

Only ``<main>`` is read, and in it nothing inside a form, a navigation or an
element marked ``data-plain-language-skip`` (the feedback question, notices):
the checks are about what the editor wrote, not the header and footer.
"""

import re
from dataclasses import asdict, dataclass

from bs4 import BeautifulSoup

from .analysis import (
    Phrase,
    is_vague_link,
    lix_of,
    long_words,
    paragraph_findings,
    sentences,
    words,
)

# Set on the made-up request cms.plain_language.measures renders a page with.
MEASURE_ATTR = "plain_language_measure"
MAIN = re.compile(r"<main\b.*?</main>", re.DOTALL | re.IGNORECASE)
SKIP = ("form", "nav")


@dataclass
class Measures:
    words: int = 0
    lix: int | None = None
    lix_target: int | None = None
    long_sentences: int = 0
    long_paragraphs: int = 0
    bureaucratic_words: int = 0
    vague_links: int = 0
    passive: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def wanted(request) -> bool:
    """Marks are for the checker of someone editing (logged in to the admin) and
    for measuring; a journalist's embargoed preview is left as it is."""
    if getattr(request, MEASURE_ATTR, False):
        return True
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)


def _skipped(element) -> bool:
    for parent in element.parents:
        if parent.name == "main":
            return False
        if parent.name in SKIP or parent.has_attr("data-plain-language-skip"):
            return True
    return False


def _text(element) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


def mark(
    html: str, language: str, lix_target: int | None, phrases: list[Phrase]
) -> tuple[str, Measures]:
    """The page with its main content marked, and the measures of that content."""
    found = MAIN.search(html)
    measures = Measures(lix_target=lix_target)
    if not found:
        return html, measures
    soup = BeautifulSoup(found.group(0), "html.parser")
    main = soup.main
    total_words = total_sentences = long_count = 0
    for element in main.find_all(["p", "li", "dd", "figcaption"]):
        if _skipped(element) or element.find(["p", "li"]):
            continue
        text = _text(element)
        if not text:
            continue
        these_words = words(text)
        total_words += len(these_words)
        total_sentences += len(sentences(text)) or 1
        long_count += long_words(these_words)
        findings = paragraph_findings(text, language, phrases)
        measures.long_sentences += int("long-sentence" in findings.flags)
        measures.long_paragraphs += int("long-paragraph" in findings.flags)
        measures.passive += len(findings.passive)
        measures.bureaucratic_words += len(findings.phrases)
        if findings.flags:
            element["data-plain-language"] = " ".join(sorted(findings.flags))
        if findings.phrases:
            element["data-plain-language-words"] = " ".join(sorted(findings.phrases))
    for link in main.find_all("a"):
        if not _skipped(link) and is_vague_link(_text(link), language):
            measures.vague_links += 1
            link["data-plain-language"] = "vague-link"
    measures.words = total_words
    measures.lix = lix_of(total_words, total_sentences, long_count)
    if measures.lix and lix_target and measures.lix > lix_target:
        main["data-plain-language"] = "lix"
    return html[: found.start()] + str(soup) + html[found.end() :], measures
