"""The extractor on phrases written after real news pages, in simplified and traditional script
(tests/extract_cases/news_cases.csv: each case is a sentence and the rows a careful reader expects
of it, in the order of the text; a case with an empty surface expects no row). ``make bench``
prints the precision and recall of the same cases per script."""

from pathlib import Path

import pytest

from jjj.extract import found_rows, read_cases, score

NEWS = Path(__file__).parent / "extract_cases" / "news_cases.csv"
CASES = read_cases(NEWS)
# cases that the extractor does not read as a reader would (kept, so that the scores say so)
KNOWN_MISSES: dict[str, str] = {}


@pytest.mark.parametrize("case", list(CASES))
def test_a_news_sentence_gives_the_rows_a_reader_expects(case):
    if case in KNOWN_MISSES:
        pytest.xfail(KNOWN_MISSES[case])
    _, text, expected = CASES[case]
    assert found_rows(text) == expected


def test_both_scripts_are_covered_and_scored():
    scores = score(NEWS)
    assert set(scores) == {"simplified", "traditional"}
    for right, found, expected in scores.values():
        assert expected >= 100 and right <= min(found, expected)


def test_every_simplified_case_has_a_traditional_twin():
    simplified = {case[1:] for case, (script, _, _) in CASES.items() if script == "simplified"}
    traditional = {case[1:] for case, (script, _, _) in CASES.items() if script == "traditional"}
    assert simplified and simplified < traditional  # and a few forms of traditional script only
