"""Dutch analysis in Python: the same terms on PostgreSQL and SQLite, no server dictionaries."""

import pytest

from sitesearch.analysis import analyse, split_compound, stem, words


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("taaleisen", ("taal", "eisen")),
        ("diversiteitsbeleid", ("diversiteit", "beleid")),
        ("statushouders", ("status", "houders")),
        ("loonkloof", ("loon", "kloof")),
        ("vertrouwenspersoon", ("vertrouwen", "persoon")),
        ("uitzendbureau", ("uitzend", "bureau")),
    ],
)
def test_compounds_are_split_into_their_parts(word, parts):
    assert split_compound(word) == parts


def test_short_and_unknown_words_are_not_split():
    assert split_compound("beleid") == ()
    assert split_compound("qwertyuiop") == ()


def test_a_compound_is_indexed_with_its_parts_and_itself():
    terms = analyse("Diversiteitsbeleid")
    assert {stem("diversiteitsbeleid"), stem("diversiteit"), stem("beleid")} <= set(terms)


def test_stop_words_and_question_filler_are_dropped():
    terms = analyse("Hoe pakken we dat aan? Onze mensen willen vaak maar")
    assert terms == [stem("mensen")]


def test_abbreviations_and_accents_are_normalised():
    assert words("RI&E, D&I en Carrière, collega's") == ["rie", "di", "en", "carriere", "collegas"]
    assert "or" in analyse("de OR")
