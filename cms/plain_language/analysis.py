"""Klarspråk measures of a text: sentences, words, LIX and what makes it hard.

A leaf: plain functions of strings, nothing of Django. Both the editor's checks
(cms.plain_language.preview marks the previewed page) and the report
(cms.plain_language.measures) use these, so they agree.

Written by hand: no maintained Python package does Swedish readability checks
(LIX is one line; the rest are Klarspråk's own rules of thumb).
"""

import re
from dataclasses import dataclass, field

# Rules of thumb from Språkrådet's Klarspråk advice and Wagtail's own metrics.
LONG_SENTENCE_WORDS = 25
LONG_PARAGRAPH_WORDS = 100
LONG_WORD_LETTERS = 6  # LIX counts words of more than six letters as long

WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
# A sentence ends at ., ! or ? (or a colon before a new line) followed by a space
# and what may start a sentence; "t.ex. något" and "kl. 13.51" do not end one.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”»)]*\s+(?=[\"“”«–—-]?[A-ZÅÄÖÉ0-9])")
ABBREVIATION = re.compile(
    r"\b(?:t\.ex|bl\.a|m\.m|o\.s\.v|dvs|s\.k|kl|nr|ca|jfr|e\.g|i\.e|etc|Mr|Dr)\.$",
    re.IGNORECASE,
)

VAGUE_LINK_TEXTS = {
    "sv": {"här", "klicka här", "läs mer", "läs mer här", "mer", "länk", "denna länk"},
    "en": {"here", "click here", "read more", "more", "link", "this link"},
}

# The s-passive ("beslutades", "genomförs", "har skickats"): Swedish verbs in
# -s. Only a hint ("kanske passiv form"): deponent verbs and some nouns end the
# same way, so the common ones are left out and capitalised words are skipped.
SWEDISH_PASSIVE = re.compile(r"\b[a-zåäöé]{2,}(?:ades|ddes|des|tes|ats|as|es|rs)\b")
NOT_PASSIVE = {
    "finns", "hoppas", "lyckas", "trivs", "minns", "andas", "låtsas", "fattas",
    "kräks", "brås", "svettas", "brottas", "kämpas", "skämtas", "våras",
    "hades", "lyckades", "hoppades", "fanns", "tycktes", "syntes",
    "mindes", "andades", "kallas", "gas", "glas", "ras", "bas", "fas", "kurs",
    "vers", "pers", "mars", "tvärs", "kors", "hos", "oss", "dess", "ens", "vars",
    "alls", "sedermera", "process", "texas", "kollegas", "finnas", "minnas",
    "trivas", "lyckats", "hoppats",
}  # fmt: skip
ENGLISH_PASSIVE = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?(\w+(?:ed|en))\b",
    re.IGNORECASE,
)


def words(text: str) -> list[str]:
    return WORD.findall(text)


def sentences(text: str) -> list[str]:
    """The text's sentences (at least one if it has words)."""
    parts: list[str] = []
    for piece in SENTENCE_END.split(text.strip()):
        if parts and ABBREVIATION.search(parts[-1]):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return [part for part in parts if words(part)]


def lix(text: str) -> int | None:
    """LIX (läsbarhetsindex): words per sentence plus the percentage of long
    words. Below 30 very easy, 40 like a newspaper, over 50 hard. Long Swedish
    compounds ("smartspecialiseringsstrategi") raise it without making a text
    harder, so it guides and never blocks."""
    found = words(text)
    if not found:
        return None
    count = len(sentences(text)) or 1
    long = sum(1 for word in found if len(word) > LONG_WORD_LETTERS)
    return round(len(found) / count + 100 * long / len(found))


@dataclass(frozen=True)
class Phrase:
    """A word of the bureaucratic word list, with its plainer replacement."""

    key: str
    text: str
    replacement: str

    @property
    def pattern(self) -> re.Pattern:
        # A single word matches its inflections: "inkomma" finds "inkommit" and
        # "inkommer" (a final vowel is dropped when six letters are left); a
        # phrase matches as written.
        text = self.text.strip()
        if " " in text:
            return re.compile(r"(?<!\w)" + re.escape(text) + r"(?!\w)", re.I)
        stem = text[:-1] if len(text) > 6 and text[-1] in "aeiouyåäö" else text
        return re.compile(r"(?<!\w)" + re.escape(stem) + r"\w*", re.I)


@dataclass
class Findings:
    """What one paragraph, list item or link shows."""

    flags: set[str] = field(default_factory=set)
    phrases: set[str] = field(default_factory=set)  # keys of Phrase


def paragraph_findings(
    text: str, language: str, phrases: list[Phrase] = ()
) -> Findings:
    found = Findings()
    if any(len(words(s)) > LONG_SENTENCE_WORDS for s in sentences(text)):
        found.flags.add("long-sentence")
    if len(words(text)) > LONG_PARAGRAPH_WORDS:
        found.flags.add("long-paragraph")
    if passive_forms(text, language):
        found.flags.add("passive")
    for phrase in phrases:
        if phrase.pattern.search(text):
            found.phrases.add(phrase.key)
    if found.phrases:
        found.flags.add("word")
    return found


def passive_forms(text: str, language: str) -> list[str]:
    if language == "en":
        return [match.group(0) for match in ENGLISH_PASSIVE.finditer(text)]
    return [
        word
        for word in SWEDISH_PASSIVE.findall(text)
        if word not in NOT_PASSIVE and len(word) > 4
    ]


def is_vague_link(text: str, language: str) -> bool:
    cleaned = " ".join(words(text)).lower()
    return cleaned in VAGUE_LINK_TEXTS.get(language, VAGUE_LINK_TEXTS["en"])
