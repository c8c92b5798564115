"""The cleaner on our own cluttered pages (golden outputs) and on edge cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from foedus.ingest.clean import CleaningError, CleanResult, clean_html, clean_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "cleaning"
CASES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html") and ".expected" not in p.name)


def _clean(path: Path) -> CleanResult:
    raw = path.read_text(encoding="utf-8")
    return clean_html(raw) if path.suffix == ".html" else clean_text(raw)


def test_there_are_enough_fixtures() -> None:
    assert len([p for p in CASES if p.suffix == ".txt"]) >= 3
    assert len([p for p in CASES if p.suffix == ".html"]) >= 3


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_fixture_matches_golden_output(path: Path) -> None:
    expected = path.with_name(path.stem + ".expected.txt").read_text(encoding="utf-8").strip()
    assert _clean(path).text == expected


def test_removed_lines_say_why() -> None:
    result = clean_text((FIXTURES / "harbour_talks.txt").read_text(encoding="utf-8"))
    reasons = dict(result.removed)
    assert reasons["Accept all cookies"] == "cookie or consent notice"
    assert reasons["• Home"] == "navigation menu"
    assert reasons["Related stories"] == "related list heading"
    assert reasons["Opposition vows to block patrol deal"].startswith("after the article's end")
    assert "photo caption" in reasons["Navy vessels at anchor outside the harbour on Saturday. (Photo by Ilya Petrov / AFP)"]
    assert result.title_guess == "Coastal states agree to share patrols of the disputed harbour"


def test_cues_keep_the_values_of_removed_furniture() -> None:
    result = clean_text((FIXTURES / "harbour_talks.txt").read_text(encoding="utf-8"))
    assert result.cues["copyright"] == "© 2024 The Coastal Ledger. All rights reserved."
    assert result.cues["site_name"] == "The Coastal Ledger"
    assert result.cues["published"].startswith("By Marta Kowalczyk Published 3 March 2024")
    river = clean_text((FIXTURES / "river_accord.txt").read_text(encoding="utf-8"))
    assert river.cues["dateline"] == "KARSHI, Uzbekistan (Basin Monitor)"
    assert river.cues["author_bio"].startswith("Dilnoza Rakhimova is a freelance journalist")
    summit = clean_text((FIXTURES / "summit_teasers.txt").read_text(encoding="utf-8"))
    assert summit.cues["signoff"] == "Petra Lindqvist"


def test_html_metadata_is_returned() -> None:
    result = clean_html((FIXTURES / "grain_corridor.html").read_text(encoding="utf-8"))
    assert result.html_meta["sitename"] == "The Northern Courier"
    assert result.html_meta["author"] == "Oskar Brandt"
    assert result.html_meta["date"] == "2023-07-14"


def test_repeated_paragraphs_are_kept_once_even_with_other_quotes_and_spacing() -> None:
    para = "The ministers agreed to meet again in Vienna next month to discuss the “final text” of the accord."
    variant = para.replace("“", '"').replace("”", '"').replace(" next", "   next")
    result = clean_text(f"{para}\n\n{variant}\n\nA second paragraph follows here with enough words to count as prose.")
    assert result.text.count("Vienna") == 1
    assert ("duplicate paragraph" in dict(result.removed).values())


def test_article_sentences_that_share_words_with_pleas_are_kept() -> None:
    text = (
        "Russia will contribute troops to the force.\n\n"
        "By December the troops had left the valley, officials said on Monday.\n\n"
        "The EU pledged money to support independent media in the region, the statement said.\n\n"
        "Officials said the mission would subscribe to the common rules of engagement agreed in 2019."
    )
    result = clean_text(text)
    assert result.text.split("\n\n") == text.split("\n\n")


def test_mid_article_related_box_does_not_end_the_article() -> None:
    long = "The delegates met for a third day of talks in the capital and said progress was slow but real, with {} still open."
    text = "\n\n".join(
        [long.format("one issue"), long.format("two issues"), "Read more", "Border talks stall again", "Envoy resigns",
         long.format("three issues"), long.format("four issues"), long.format("five issues")]
    )
    result = clean_text(text)
    assert "five issues" in result.text and "Envoy resigns" not in result.text


def test_hard_wrapped_lines_are_joined_into_paragraphs() -> None:
    result = clean_text((FIXTURES / "river_accord.txt").read_text(encoding="utf-8"))
    assert all("\n" not in p for p in result.text.split("\n\n"))


def test_whitespace_is_normalised_but_punctuation_kept() -> None:
    result = clean_text("She said\u00a0“no” — twice…\u200b and   left the room quickly after the vote.\r\n")
    assert result.text == "She said “no” — twice… and left the room quickly after the vote."


def test_deep_markup_is_rejected_without_recursion() -> None:
    with pytest.raises(CleaningError) as err:
        clean_html("<html><body>" + "<div>" * 10_000 + "text" + "</div>" * 10_000 + "</body></html>")
    assert "deep" in err.value.reason


def test_depth_limit_is_a_parameter() -> None:
    html = (FIXTURES / "grain_corridor.html").read_text(encoding="utf-8")
    with pytest.raises(CleaningError):
        clean_html(html, max_depth=3)


def test_unclosed_paragraphs_do_not_count_as_depth() -> None:
    para = "<p>The council met again on Friday and agreed a statement on the ceasefire line and the monitors."
    result = clean_html("<html><body><article>" + para * 600 + "</article></body></html>", max_depth=50)
    assert "ceasefire line" in result.text


def test_empty_and_furniture_only_pages_raise() -> None:
    with pytest.raises(CleaningError):
        clean_html("   ")
    with pytest.raises(CleaningError):
        clean_html("<html><body><nav><a>Home</a> <a>World</a></nav></body></html>")


def test_text_with_no_article_is_empty_not_an_error() -> None:
    result = clean_text("Home\nWorld\nPolitics\nSign in\nSubscribe")
    assert result.text == "" and len(result.removed) == 5


@pytest.mark.parametrize("lead, dateline", [
    ("OSLO, March 3 (Nordic Wire) -- The two ministers met in the capital and agreed a plan for the fjord.", "OSLO, March 3 (Nordic Wire)"),
    ("Valletta, Malta - The island's prime minister on Monday opened a new harbour for the coast guard.", "Valletta, Malta"),
    ("TALLINN: Estonia's government on Friday asked its allies to send more air defence to the border.", "TALLINN"),
    ("RIGA, May 2, 2024 — Latvia's parliament on Thursday voted to extend the border fence to the south.", "RIGA, May 2, 2024"),
    ("VILNIUS, (Baltic Desk / Wire - 3rd May, 2024) Lithuania's defence minister said the brigade would grow.",
     "VILNIUS, (Baltic Desk / Wire - 3rd May, 2024)"),
    ("Bergen, June 4 (Fjord Agency): Norway has asked its neighbours for talks on the fishing quota next week.",
     "Bergen, June 4 (Fjord Agency)"),
])
def test_dateline_is_a_cue_not_part_of_the_first_sentence(lead, dateline):
    body = (" A second paragraph follows with more words about the meeting, so that the page has an article body"
            " and the cleaner keeps it as text.")
    result = clean_text(lead + "\n\n" + body.strip())
    assert result.cues.get("dateline") == dateline
    assert result.text.startswith(lead[len(dateline):].lstrip(" -:—–"))


def test_a_sentence_opening_with_a_dash_is_no_dateline():
    text = ("Russia - Ukraine talks ended on Friday without a deal after the two delegations failed to agree.\n\n"
            "A second paragraph follows with more words about the talks, so that the page has an article body.")
    result = clean_text(text)
    assert result.text.startswith("Russia - Ukraine talks") and "dateline" not in result.cues


def test_a_last_paragraph_closing_with_the_agency_s_tag_is_kept():
    text = ("The talks in the capital ended on Monday without a deal after the two delegations failed to agree on a "
            "text, officials from both sides said.\n\nA further attack, claimed by the rebels, targeted the police "
            "near the border and was carried out overnight. (Nordic Wire)")
    result = clean_text(text)
    assert "claimed by the rebels" in result.text and not result.removed
