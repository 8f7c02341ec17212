from pathlib import Path

import pytest

from storyline.facts import event_type, event_types
from storyline.facts.lexicon import lexicon
from storyline.facts.vocabulary import dominant_type

PLOVER_TABLE = Path(__file__).resolve().parents[3] / "shared" / "resources" / "plover" / "CAMEO2PLOVER-2021.txt"
ACE_2005 = """Life:Be-Born Life:Marry Life:Divorce Life:Injure Life:Die Movement:Transport Transaction:Transfer-Ownership
Transaction:Transfer-Money Business:Start-Org Business:Merge-Org Business:Declare-Bankruptcy Business:End-Org
Conflict:Attack Conflict:Demonstrate Contact:Meet Contact:Phone-Write Personnel:Start-Position
Personnel:End-Position Personnel:Nominate Personnel:Elect Justice:Arrest-Jail Justice:Release-Parole
Justice:Trial-Hearing Justice:Charge-Indict Justice:Sue Justice:Convict Justice:Sentence Justice:Fine
Justice:Execute Justice:Extradite Justice:Acquit Justice:Appeal Justice:Pardon""".split()


def test_every_ace_2005_subtype_is_in_the_vocabulary():
    assert set(ACE_2005) <= set(event_types())


@pytest.mark.skipif(not PLOVER_TABLE.exists(), reason="../shared/resources is absent")
def test_plover_types_follow_the_cameo2plover_table():
    table = {}
    for line in PLOVER_TABLE.read_text(encoding="utf-8").splitlines():
        code, _, rest = line.partition(":")
        if code.strip().isdigit() and rest.strip():
            table.setdefault(code.strip(), rest.split("#")[0].split(",")[0].strip())
    for kind in event_types().values():
        if kind.plover and kind.cameo in table:
            assert kind.plover == table[kind.cameo], kind.name


def test_every_trigger_names_a_type_of_the_vocabulary():
    known = set(event_types())
    assert all(rule.event_type in known for rules in lexicon().rules.values() for rule in rules)


def test_a_happening_outweighs_the_statements_about_it():
    assert dominant_type({"Contact:Statement": 12.0, "Conflict:Attack": 1.0}) == "Conflict:Attack"
    assert dominant_type({"Life:Die": 2.0, "Conflict:Attack": 2.0}) == "Conflict:Attack"  # deaths follow the attack
    assert event_type("Personnel:Hold-Office").kind == "context"
