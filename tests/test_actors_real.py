"""The actor stage with the packaged registry: the names of the reference case, and the seed articles."""

from datetime import date

import pytest

from actors_support import SHARED, nlp, packaged_data_present, run_real

pytestmark = pytest.mark.skipif(not packaged_data_present(), reason="packaged actor data not present yet")

SEPT = date(2022, 9, 15)

MUST = [
    ("Nikol Pashinyan", "ARM", "GOV"),
    ("Alen Simonyan", "ARM", "LEG"),
    ("Suren Papikyan", "ARM", None),
    ("Ilham Aliyev", "AZE", "GOV"),
    ("Vladimir Putin", "RUS", "GOV"),
    ("Sergei Shoigu", "RUS", None),
    ("Stanislav Zas", None, None),
    ("Nancy Pelosi", "USA", "LEG"),
    ("Antony Blinken", "USA", "GOV"),
    ("Colin Kahl", "USA", None),
    ("Alexei Overchuk", "RUS", "GOV"),
    ("Zakir Hasanov", "AZE", None),
    ("Recep Tayyip Erdogan", "TUR", "GOV"),
]


@pytest.mark.parametrize("name,country,role", MUST)
def test_people_of_the_reference_case(name, country, role):
    surname = name.split()[-1]
    doc = run_real(f"On Thursday {surname} spoke about the border.", SEPT)
    m = next(m for m in doc._.actors if m.text == surname)
    assert m.code is not None and m.person and m.how == "registry"
    assert m.country == country
    if role:
        assert m.role == role
    if country is None:  # Zas: an organisation office
        assert m.org == "CSTO" and m.code == "IGOCSTO"


@pytest.mark.parametrize("text,code", [
    ("CSTO", "IGOCSTO"),
    ("Yerevan", "ARMGOV"),
    ("Baku", "AZEGOV"),
    ("Moscow", "RUSGOV"),
    ("Washington", "USAGOV"),
    ("the Kremlin", "RUSGOV"),
])
def test_organisations_and_capitals(text, code):
    doc = run_real(f"Officials said {text} had rejected the proposal.", SEPT)
    m = next(m for m in doc._.actors if m.text == text)
    assert m.code == code


def test_minsk_group_is_one_mention():
    doc = run_real("The OSCE Minsk Group failed to stop the war.", SEPT)
    m = next(m for m in doc._.actors if "Minsk" in m.text)
    assert m.text == "OSCE Minsk Group" and m.org and m.code


def test_membership_questions_other_stages_ask():
    from foedus.actors.registry import load_registry

    reg = load_registry()
    members = reg.members("CSTO", on=date(2022, 9, 13))
    assert {"ARM", "RUS"} <= set(members) and "AZE" not in members
    assert reg.state("ARM").name == "Armenia"


def test_seed_articles():
    import csv

    seeds = SHARED / "seeds"
    if not (seeds / "manifest.csv").exists():
        pytest.skip("seed articles are not available here")
    rows = list(csv.DictReader((seeds / "manifest.csv").open(encoding="utf-8")))
    found: dict[str, set[str]] = {}
    for row in rows:
        text = (seeds / row["file"]).read_text(encoding="utf-8")
        doc = nlp().make_doc(text)
        doc._.published = date.fromisoformat(row["published"])
        doc = nlp()(doc)
        for m in doc._.actors:
            if m.code:
                found.setdefault(m.person or m.org or m.text, set()).add(m.code)
        # Country names the small model mislabels never come out unresolved.
        assert not any(m.code is None and m.text in ("Armenia", "Azerbaijan", "Russia") for m in doc._.actors)
    assert found["Nikol Pashinyan"] == {"ARMGOV"}
    assert found["Antony Blinken"] == {"USAGOV"}
    assert found["Nancy Pelosi"] == {"USALEG"}
    assert "IGOCSTO" in found["CSTO"]
    assert found["Vladimir Putin"] == {"RUSGOV"}
