"""Gazetteer: the actors of Sudan, the Sahel, Ethiopia, DR Congo, Mozambique and Kenya (invented sentences)."""

from __future__ import annotations

import pytest

from api.extraction.rules.acts import Name
from api.extraction.rules.agents import attack_actor, strike_actor
from api.extraction.rules.gazetteer import Gazetteer


def _canonical(n: Name | None) -> str | None:
    return n.canonical if n else None


@pytest.mark.parametrize(("sentence", "attacker"), [
    ("The paramilitary RSF shelled a market in Omdurman on Monday.", "Rapid Support Forces"),
    ("JNIM fighters attacked a military post in central Mali on Tuesday, killing several soldiers.",
     "Jama'at Nusrat al-Islam wal-Muslimin"),
    ("M23 rebels attacked an army position near Goma in eastern DR Congo.", "March 23 Movement"),
    ("ADF rebels attacked a village in North Kivu, killing at least ten civilians.", "Allied Democratic Forces"),
    ("Fighters of the Islamic State Mozambique Province attacked a village in Cabo Delgado.",
     "Islamic State Mozambique Province"),
    ("Gunmen from Ansaru attacked a police station in the northwest on Monday.", "Ansaru"),
])
def test_armed_group_is_the_attacker(gaz: Gazetteer, sentence: str, attacker: str) -> None:
    """An African armed group written as the subject of an attack is its attacker, by its canonical name."""
    who, _ = attack_actor(sentence, gaz)
    assert _canonical(who) == attacker


def test_armed_group_attacks_a_state_force(gaz: Gazetteer) -> None:
    """An ambush on a state's army convoy has that army as its target."""
    sentence = "Islamic State Sahel Province militants ambushed a Nigerien army convoy near the Malian border."
    who, whom = attack_actor(sentence, gaz)
    assert (_canonical(who), _canonical(whom)) == ("Islamic State Sahel Province", "Niger Armed Forces")


@pytest.mark.parametrize(("sentence", "actor", "target"), [
    ("The Sudanese army carried out airstrikes on RSF positions near Khartoum.", "Sudan", "Rapid Support Forces"),
    ("The Sudanese Armed Forces launched drone strikes on RSF fighters in Darfur.", "Sudan", "Rapid Support Forces"),
    ("Malian army drones struck a JNIM camp near the border on Sunday.", "Mali",
     "Jama'at Nusrat al-Islam wal-Muslimin"),
    ("Congolese troops shelled M23 positions north of Goma on Friday.", "Democratic Republic of the Congo",
     "March 23 Movement"),
    ("Ethiopian army jets carried out airstrikes on Fano positions in the Amhara region.", "Ethiopia", "Fano"),
    ("Kenyan troops struck al-Shabaab positions near the border on Wednesday.", "Kenya", "al-Shabaab"),
])
def test_state_army_strikes_for_its_state(gaz: Gazetteer, sentence: str, actor: str, target: str) -> None:
    """A state's own army striking a group is reported as the state (``_as_state``), the group as the target."""
    who, whom = strike_actor(sentence, gaz)
    assert (_canonical(who), _canonical(whom)) == (actor, target)


@pytest.mark.parametrize(("name", "canonical"), [
    ("RSF", "Rapid Support Forces"), ("SAF", "Sudanese Armed Forces"), ("Sudan", "Sudan"),
    ("Sudanese government", "Sudan"), ("Port Sudan government", "Sudan"), ("FAMa", "Malian Armed Forces"),
    ("GSIM", "Jama'at Nusrat al-Islam wal-Muslimin"), ("ISGS", "Islamic State Sahel Province"),
    ("AQIM", "al-Qaeda in the Islamic Maghreb"), ("Burkinabe army", "Burkina Faso Armed Forces"),
    ("Chadian army", "Chadian Armed Forces"), ("ENDF", "Ethiopian National Defense Forces"),
    ("TPLF", "Tigray People's Liberation Front"), ("OLA", "Oromo Liberation Army"),
    ("FARDC", "Armed Forces of the Democratic Republic of the Congo"), ("M23", "March 23 Movement"),
    ("ADF", "Allied Democratic Forces"), ("KDF", "Kenya Defence Forces"), ("Wagner Group", "Wagner Group"),
    ("Nigerian Air Force", "Nigerian Armed Forces"),
])
def test_names_resolve_to_the_african_actor(gaz: Gazetteer, name: str, canonical: str) -> None:
    """Acronyms and common names of the new actors resolve to their entries (Sudan is not Iraq's al-Sudani)."""
    actor = gaz.actor(name)
    assert actor is not None and actor.name == canonical


def test_short_acronyms_keep_their_case(gaz: Gazetteer) -> None:
    """RSF, SAF, ADF and OLA are found only written in capitals: "ola" or "Saf" in running text is no actor."""
    assert [f.entry.name for f in gaz.find_actors("Ola and Saf met the adf team.")] == []
    assert [f.entry.name for f in gaz.find_actors("The RSF and the SAF fought.")] == [
        "Rapid Support Forces", "Sudanese Armed Forces"]


def test_south_sudan_is_not_sudan(gaz: Gazetteer) -> None:
    """"South Sudanese troops" and "South Sudan" name South Sudan, never Sudan or its army."""
    found = gaz.find_actors("South Sudanese troops clashed with gunmen, South Sudan's government said.")
    assert [f.entry.name for f in found] == ["South Sudan People's Defence Forces", "South Sudan"]


def test_al_shabab_stays_somalia(gaz: Gazetteer) -> None:
    """"al-Shabab" is Somalia's al-Shabaab, not the Islamic State in Mozambique (no such alias there)."""
    actor = gaz.actor("al-Shabab")
    assert actor is not None and actor.name == "al-Shabaab"


@pytest.mark.parametrize(("state", "army", "code"), [
    ("Sudan", "Sudanese Armed Forces", "SD"), ("Mali", "Malian Armed Forces", "ML"),
    ("Burkina Faso", "Burkina Faso Armed Forces", "BF"), ("Niger", "Niger Armed Forces", "NE"),
    ("Chad", "Chadian Armed Forces", "TD"), ("Ethiopia", "Ethiopian National Defense Forces", "ET"),
    ("Democratic Republic of the Congo", "Armed Forces of the Democratic Republic of the Congo", "CD"),
    ("Mozambique", "Armed Defence Forces of Mozambique", "MZ"), ("Kenya", "Kenya Defence Forces", "KE"),
])
def test_each_state_has_its_army_and_country(gaz: Gazetteer, state: str, army: str, code: str) -> None:
    """Each new state is a places.yaml country with its ISO code, and its armed forces are its army."""
    forces = gaz.army_of(state)
    assert forces is not None and forces.name == army
    assert gaz.country_code(state) == code


@pytest.mark.parametrize("sentence", [
    "ISWAP fighters attacked a military base near Lake Chad on Monday.",
    "RSF drones struck Port Sudan on Sunday.",
])
def test_a_state_inside_a_places_name_is_the_place(gaz: Gazetteer, sentence: str) -> None:
    """"Lake Chad", "Port Sudan": a state's name inside a longer place's name names the place, not a target state."""
    from api.extraction.rules.agents import attack_actor

    assert attack_actor(sentence, gaz)[1] is None
    assert [f.entry.country for f in gaz.find_actors("Chad said its troops attacked the camp.")] == ["Chad"]


def test_a_body_qualified_as_another_ones_is_not_the_listed_one(gaz: Gazetteer) -> None:
    """"The regional security council" is not the UN Security Council; "the Security Council" still is."""
    assert gaz.find_actors("Four were killed, according to the regional security council.") == []
    assert [f.entry.name for f in gaz.find_actors("The Security Council met on Monday.")] == [
        "United Nations Security Council"]
    # (a name after such a qualifier is still the name)
    assert [f.entry.name for f in gaz.find_actors("A local Hezbollah commander was killed.")] == ["Hezbollah"]
