"""Reading and cleaning source documents by general rules."""

from pathlib import Path

import pytest

from bot.knowledge.documents import DocumentError, parse_document, read_document
from tests.conftest import DOCUMENTS

FILLER_DOC = """Why Knees Creak Loudly
Why Knees Creak Loudly Knees creak when gas bubbles pop in the joint. This is harmless.
Most creaking needs no treatment. Why Knees Creak Loudly


"""

BIO_DOC = """Heel Pain Basics

Causes

Heel pain is common in runners.

About the Author

A writer for 10 years, Ann Lee writes about feet. Lee holds a degree in biology.
"""


def test_title_repeated_inside_paragraphs_is_blanked(lexicon):
    doc = parse_document(Path("knees.txt"), FILLER_DOC, lexicon)
    texts = [p.text for p in doc.passages()]
    assert doc.title == "Why Knees Creak Loudly"
    assert texts == ["Knees creak when gas bubbles pop in the joint.", "This is harmless.",
                     "Most creaking needs no treatment."]


def test_passage_offsets_point_into_the_source(lexicon):
    for path in sorted(DOCUMENTS.glob("*.txt")):
        doc = read_document(path, lexicon, 1024 * 1024)
        for passage in doc.passages():
            assert " ".join(doc.text[passage.start:passage.end].split()) == passage.text


def test_author_section_is_dropped_and_names_the_author(lexicon):
    doc = parse_document(Path("heel.txt"), BIO_DOC, lexicon)
    assert doc.author == "Ann Lee"
    assert [p.text for p in doc.passages()] == ["Heel pain is common in runners."]
    assert doc.passages()[0].section == "Causes"


def test_real_documents_are_attributed(lexicon):
    cramps = read_document(DOCUMENTS / "leg-aches-and-cramps.txt", lexicon, 1024 * 1024)
    night = read_document(DOCUMENTS / "legs-ache-at-night-causes.txt", lexicon, 1024 * 1024)
    guidance = read_document(DOCUMENTS / "legbot-safety-guidance.txt", lexicon, 1024 * 1024)
    assert (cramps.title, cramps.author) == ("Leg Aches & Cramps", "Cheryl Jones")
    assert (night.title, night.author) == ("Legs Ache at Night Causes", None)
    assert guidance.author == "the Legbot project"
    assert not any("Glassboro" in p.text for p in cramps.passages())
    assert not any("Legs Ache at Night Causes" in p.text for p in night.passages())


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
    (b"caf\xe9 au lait leg pain", "not UTF-8"),
])
def test_unreadable_files_say_why(tmp_path, lexicon, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(DocumentError, match=reason):
        read_document(path, lexicon, 1024 * 1024)


def test_a_5_mb_file_is_refused(tmp_path, lexicon):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Leg cramps are common. " * (5 * 1024 * 1024 // 23 + 1))
    with pytest.raises(DocumentError, match="too large"):
        read_document(path, lexicon, 1024 * 1024)
