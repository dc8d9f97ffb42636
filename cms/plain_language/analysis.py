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
    r"(?:\b(?:t\.ex|bl\.a|m\.m|o\.s\.v|dvs|s\.k|kl|nr|ca|jfr|e\.g|i\.e|etc|Mr|Dr"
    r"|prof|doc|enl|s|sid|tel|resp|ang|fig|vol)|(?<![^\W\d_])[A-ZÅÄÖ])\.$",
    re.IGNORECASE,
)

VAGUE_LINK_TEXTS = {
    "sv": {"här", "klicka här", "läs mer", "läs mer här", "mer", "länk", "denna länk"},
    "en": {"here", "click here", "read more", "more", "link", "this link"},
}

# The s-passive ("beslutades", "finansieras", "ska skickas", "har genomförts"):
# Swedish verbs in -s. Only a hint ("kanske passiv form"). Past forms (-ades,
# -des, -tes) and -eras are flagged as they are; other -s forms only after an
# auxiliary, since nouns end the same way (plats, resurs, invånarnas). Common
# deponent verbs are left out and capitalised words are skipped.
SWEDISH_PAST_PASSIVE = re.compile(r"\b[a-zåäöé]{3,}(?:ades|ddes|des|tes|eras)\b")
SWEDISH_AUX_PASSIVE = re.compile(
    r"\b(?:ska|skall|kan|kunde|måste|bör|borde|får|fick|har|hade|behöver|"
    r"kommer att)\s+(?:(?:inte|också|även|redan|snart|nu|sedan)\s+)?"
    r"([a-zåäöé]{3,}(?:as|s|ts))\b"
)
NOT_PASSIVE = {
    "finns", "finnas", "hoppas", "lyckas", "trivs", "trivas", "minns", "minnas",
    "andas", "låtsas", "fattas", "svettas", "brottas", "kämpas", "hades",
    "lyckades", "hoppades", "tycktes", "syntes", "mindes", "andades", "samlades",
    "kallas", "lyckats", "hoppats", "vistas", "åldras", "träffas", "ses", "mötas",
    "alls", "inte", "också", "redan", "bara", "tillsammans", "annars", "gratis",
    "dels", "längs", "tvärs", "utomlands", "hemmas",
}  # fmt: skip
# English: "was decided", "are given"; "is often", "are interested" are not.
ENGLISH_PASSIVE = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?([a-z]+)\b",
    re.IGNORECASE,
)
ENGLISH_IRREGULAR_PARTICIPLES = {
    "given", "taken", "written", "chosen", "seen", "known", "shown", "held",
    "made", "done", "sent", "built", "paid", "found", "led", "told", "kept",
    "set", "put", "begun", "spoken", "driven", "drawn", "grown", "brought",
    "bought", "taught", "thought", "won", "met", "sold", "run", "funded",
}  # fmt: skip
NOT_ENGLISH_PASSIVE = {
    "interested", "concerned", "pleased", "delighted", "excited", "based",
    "located", "supposed", "used", "need", "red", "bed", "led",
}  # fmt: skip


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
    return lix_of(len(found), len(sentences(text)), long_words(found))


def long_words(found: list[str]) -> int:
    return sum(1 for word in found if len(word) > LONG_WORD_LETTERS)


def lix_of(word_count: int, sentence_count: int, long_count: int) -> int | None:
    """LIX from counts (a page adds up its paragraphs' counts)."""
    if not word_count:
        return None
    return round(word_count / (sentence_count or 1) + 100 * long_count / word_count)


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
        # Not the participle used as a title: "verkställande direktör".
        return re.compile(r"(?<!\w)" + re.escape(stem) + r"(?!ande\b)\w*", re.I)


@dataclass
class Findings:
    """What one paragraph, list item or link shows."""

    flags: set[str] = field(default_factory=set)
    phrases: set[str] = field(default_factory=set)  # keys of Phrase
    passive: list[str] = field(default_factory=list)  # the forms found


def paragraph_findings(
    text: str, language: str, phrases: list[Phrase] = ()
) -> Findings:
    found = Findings()
    if any(len(words(s)) > LONG_SENTENCE_WORDS for s in sentences(text)):
        found.flags.add("long-sentence")
    if len(words(text)) > LONG_PARAGRAPH_WORDS:
        found.flags.add("long-paragraph")
    found.passive = passive_forms(text, language)
    if found.passive:
        found.flags.add("passive")
    for phrase in phrases:
        if phrase.pattern.search(text):
            found.phrases.add(phrase.key)
    if found.phrases:
        found.flags.add("word")
    return found


def passive_forms(text: str, language: str) -> list[str]:
    if language == "en":
        return [
            match.group(0)
            for match in ENGLISH_PASSIVE.finditer(text)
            if _english_participle(match.group(1).lower())
        ]
    found = [w for w in SWEDISH_PAST_PASSIVE.findall(text) if w not in NOT_PASSIVE]
    found += [w for w in SWEDISH_AUX_PASSIVE.findall(text) if w not in NOT_PASSIVE]
    return found


def _english_participle(word: str) -> bool:
    if word in NOT_ENGLISH_PASSIVE:
        return False
    return word in ENGLISH_IRREGULAR_PARTICIPLES or (
        word.endswith("ed") and len(word) > 4
    )


def is_vague_link(text: str, language: str) -> bool:
    cleaned = " ".join(words(text)).lower()
    return cleaned in VAGUE_LINK_TEXTS.get(language, VAGUE_LINK_TEXTS["en"])
