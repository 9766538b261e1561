"""Read one source document: check it, find its title, author and sections, drop filler.

Cleaning follows general rules, never the literal text of a given file:

- the document's title repeated inside its own paragraphs (search-engine filler) is blanked;
- sections whose heading says they are about the author hold no medical facts and are
  dropped from the passages (the author's name is taken from them);
- blank lines, trailing or not, separate nothing.

Blanking replaces characters with spaces one for one, so every passage keeps character
offsets into the original source text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from bot.lexicon import Lexicon
from bot.nlp import fold_text, get_nlp

MIN_TITLE_WORDS_TO_BLANK = 3
_BY_LINE = re.compile(r"^\s*(?:by|written by|author:)\s+(?P<name>[^\n]{2,80}?)\s*$", re.IGNORECASE)
_NAME = re.compile(r"\b([A-Z][a-z]+(?:\s[A-Z]\.)?\s([A-Z][a-z]+(?:-[A-Z][a-z]+)?))\b")


class DocumentError(ValueError):
    """A file that cannot be ingested (empty, binary, too large, unreadable)."""


@dataclass(frozen=True)
class Paragraph:
    index: int
    section: str | None
    section_kind: str | None
    start: int  # offset of the paragraph's first character in the source text
    text: str  # the source line with filler blanked, same length as the source line


@dataclass(frozen=True)
class Passage:
    ordinal: int
    paragraph: int
    section: str | None
    section_kind: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class SourceDocument:
    slug: str
    path: Path
    title: str
    author: str | None
    text: str
    sha256: str
    paragraphs: tuple[Paragraph, ...]

    def passages(self) -> list[Passage]:
        """One passage per sentence, with offsets into ``self.text``."""
        nlp = get_nlp()
        out: list[Passage] = []
        for para in self.paragraphs:
            doc = nlp(fold_text(para.text))
            for sent in doc.sents:
                raw = sent.text
                stripped = raw.strip()
                if not any(ch.isalpha() for ch in stripped):
                    continue
                lead = len(raw) - len(raw.lstrip())
                start = para.start + sent.start_char + lead
                end = start + len(stripped)
                out.append(Passage(len(out), para.index, para.section, para.section_kind,
                                   " ".join(stripped.split()), start, end))
        return out


def read_document(path: Path, lexicon: Lexicon, max_bytes: int) -> SourceDocument:
    """Read and clean one document, or raise DocumentError saying why it was skipped."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentError(f"cannot read: {exc.strerror}") from exc
    if size > max_bytes:
        raise DocumentError(f"too large: {size:,} bytes (the limit is {max_bytes:,})")
    data = path.read_bytes()
    if not data.strip():
        raise DocumentError("empty file")
    if b"\x00" in data:
        raise DocumentError("binary file (NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"not UTF-8 text (byte {exc.start})") from exc
    if text.startswith("\ufeff"):
        text = " " + text[1:]
    return parse_document(path, text, lexicon)


def parse_document(path: Path, text: str, lexicon: Lexicon) -> SourceDocument:
    lines = _lines(text)
    content = [(start, line) for start, line in lines if line.strip()]
    if not content:
        raise DocumentError("no text")
    title = " ".join(content[0][1].split())
    author = None
    paragraphs: list[Paragraph] = []
    section: str | None = None
    kind: str | None = None
    about_author: list[str] = []
    blank_before = True
    for number, (start, line) in enumerate(lines):
        if not line.strip():
            blank_before = True
            continue
        if (start, line) == content[0]:
            blank_before = False
            continue
        by_line = _BY_LINE.match(line)
        if by_line and author is None and not paragraphs:
            author = by_line.group("name").strip().rstrip(".")
            continue
        if _is_heading(line, lines, number, blank_before):
            section = " ".join(line.split())
            kind = lexicon.section_kind(section)
            blank_before = False
            continue
        blank_before = False
        if kind == "about_author":
            about_author.append(line)
            continue
        paragraphs.append(Paragraph(len(paragraphs), section, kind, start, _blank_title(line, title)))
    if not paragraphs:
        raise DocumentError("no body text after cleaning")
    if author is None and about_author:
        author = _name_in_bio(" ".join(about_author))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return SourceDocument(path.stem, path, title, author, text, digest, tuple(paragraphs))


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        out.append((pos, line.rstrip("\r\n")))
        pos += len(line)
    return out


def _is_heading(line: str, lines: list[tuple[int, str]], number: int, blank_before: bool) -> bool:
    """A short line without closing punctuation, set apart by a blank line."""
    words = line.split()
    if not 1 <= len(words) <= 8 or len(line.strip()) > 60:
        return False
    if line.rstrip()[-1] in ".!?,;:\"'\u201d\u2019":
        return False
    blank_after = number + 1 < len(lines) and not lines[number + 1][1].strip()
    return blank_before or blank_after


def _blank_title(line: str, title: str) -> str:
    """Replace the title repeated inside a paragraph with spaces (same length)."""
    if len(title.split()) < MIN_TITLE_WORDS_TO_BLANK:
        return line
    pattern = re.compile(r"\s+".join(re.escape(w) for w in title.split()), re.IGNORECASE)
    return pattern.sub(lambda m: " " * len(m.group(0)), line)


def _name_in_bio(bio: str) -> str | None:
    """The person a biography is about: a "First Last" whose surname recurs alone.

    "A writer for 25 years, Ann Lee writes ... Lee holds a degree" -> "Ann Lee".
    """
    for match in _NAME.finditer(bio):
        full, surname = match.group(1), match.group(2)
        rest = bio[match.end():]
        if re.search(rf"\b{re.escape(surname)}\b", rest):
            return full
    return None
