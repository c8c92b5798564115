"""Non-governmental bodies named after a state, unknown officials titled without a country word, and offices held
between others, on our own sentences."""

from __future__ import annotations

from datetime import date

from actors_support import run_real
from coding_support import nlp  # noqa: F401  (fixture: the whole pipeline, once per module)
from foedus.nlp.pipeline import make_doc

DAY = date(2024, 3, 2)


def actors(text: str, on: date = DAY) -> dict[str, str | None]:
    return {m.text: m.code for m in run_real(text, on)._.actors}


def sources(nlp, text: str, on: date = DAY) -> set[str | None]:
    return {e.source.code for e in nlp(make_doc(nlp, text, on))._.events}


def test_a_state_adjective_opening_a_civil_body_name_is_not_the_state():
    got = actors("The Iraqi Observatory for Civil Liberties said Turkish drones struck a village near Dohuk.")
    assert "Iraqi" not in got
    assert got.get("The Iraqi Observatory for Civil Liberties") is None  # left unresolved: the registry lacks it
    assert got["Turkish drones"] == "TURMIL"


def test_a_state_adjective_before_a_civil_body_noun_is_not_the_state():
    got = actors("A Syrian war monitor said Turkish drones struck a village near Qamishli.")
    assert got.get("Syrian") is None


def test_a_state_organ_keeps_its_state():
    # negative: an army, a ministry, troops are the state's, whatever follows
    assert actors("The Syrian army said Turkish drones struck a village near Qamishli.")["Syrian army"] == "SYRMIL"
    got = actors("The Egyptian Foreign Ministry said Israeli jets bombed a depot.")
    assert got["Egyptian Foreign Ministry"] == "EGYGOV"
    assert actors("Syrian troops said Turkish drones struck a village near Qamishli.")["Syrian troops"] == "SYRMIL"


def test_a_civil_body_does_not_speak_for_its_state(nlp):  # noqa: F811
    got = sources(nlp, "The Iraqi Observatory for Civil Liberties accused Turkish forces of shelling a village.")
    assert "IRQ" not in got and "IRQGOV" not in got
    got = sources(nlp, "The Iraqi foreign ministry accused Turkish forces of shelling a village.")
    assert "IRQGOV" in got


def test_a_vice_president_holds_a_government_office_between_other_offices():
    # Lai Ching-te: premier, then vice president (2020-2024), then president
    assert actors("Vice President Lai Ching-te flew to Asuncion.", date(2022, 3, 1))[
        "Vice President Lai Ching-te"] == "TWNGOV"
    # Delcy Rodriguez: vice president from 2018, between her foreign ministry and her acting presidency
    assert actors("Delcy Rodriguez spoke to reporters in Caracas.", date(2021, 5, 4))["Delcy Rodriguez"] == "VENGOV"
    # negative: out of office in the gap between her two earlier posts she is an elite of her state
    assert actors("Delcy Rodriguez spoke to reporters in Caracas.", date(2017, 12, 1))["Delcy Rodriguez"] == "VENELI"


NORWAY = ("Norway protested to Russia over the jamming of GPS signals. Norway summoned the Russian envoy, and "
          "Norwegian officials said more steps could follow. ")


def test_an_unknown_titled_person_is_an_official_of_the_story_state():
    got = actors(NORWAY + "Deputy Prime Minister Ola Haugvik said the jamming endangered civilian flights. "
                 "Haugvik added that Oslo would raise it at NATO.", date(2019, 4, 2))
    assert got["Deputy Prime Minister Ola Haugvik"] == "NORGOV"  # the longest title, not "Prime Minister" alone
    assert got["Haugvik"] == "NORGOV"  # the surname alone later


def test_a_titled_person_after_another_state_in_the_sentence_is_left_alone():
    got = actors(NORWAY + "In Moscow, Russia rejected the note, and Deputy Prime Minister Ivan Sorokov said the "
                 "claims were baseless.", date(2019, 4, 2))
    assert got.get("Ivan Sorokov") is None and not any("Sorokov" in k and v for k, v in got.items())


def test_a_titled_person_in_a_story_no_state_leads_is_left_alone():
    got = actors("Norway protested to Russia over the jamming of GPS signals. Russia summoned the Norwegian envoy, "
                 "and Russian officials said Norway was lying. Deputy Prime Minister Ola Haugvik said the jamming "
                 "endangered civilian flights.", date(2019, 4, 2))
    assert got.get("Ola Haugvik") is None and "Deputy Prime Minister Ola Haugvik" not in got


def test_a_titled_person_gives_the_story_state_its_statement(nlp):  # noqa: F811
    got = sources(nlp, NORWAY + "Deputy Prime Minister Ola Haugvik condemned the jamming as "
                  "reckless.", date(2019, 4, 2))
    assert "NORGOV" in got
