"""Who speaks: the rules over verbs of speech, names, titles and earlier sentences (invented sentences)."""

from __future__ import annotations

import pytest

from api.extraction.rules.gazetteer import Gazetteer
from api.extraction.rules.sentence_facts import read_sentences
from api.extraction.rules.speakers import find_speaker
from api.extraction.text.sentences import split_sentences
from tests.unit.assembled import events_of


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # an appositive title between the name and the verb, with a day or an adverb before the verb
        ("Brigadier General Omar Haddad, the spokesman for the Joint Operations Command, on Sunday said the "
         "border was calm.", "Omar Haddad"),
        ("Karim Nasser, the envoy of the league, strongly said the talks would go on.", "Karim Nasser"),
        # a one-word scare quote before the verb does not make the sentence inverted ("…,” said X")
        ("Minister Leila Farouk on Monday ‘firmly’ rejected the claims about the convoy in Aden.", "Leila Farouk"),
        # a closing attribution names who reports the whole sentence
        ("While in Beirut, the ministry denied any role in the raid, spokesman Adel Mansour said on Friday.",
         "Adel Mansour"),
        # a day is not a name
        ("Early Thursday the Iraqi army said it had closed the crossing.", "Iraqi army"),
        # a double-barrelled surname is one name
        ("Ambassador Marta Lindqvist-Haddad called on all sides to stop firing.", "Marta Lindqvist-Haddad"),
        # a bare state is the subject through an auxiliary, not the group named after the verb
        ("Jordan has accused Hezbollah of smuggling arms across the border.", "Jordan"),
        # a service before a rank, and ranks on their own, stand before the name
        ('"We will support our partners," said Marine Corps Maj. Ted Rowe, a spokesman for the command.', "Ted Rowe"),
        ("Lt. Gen. Ali Rana said the strike killed two militants.", "Ali Rana"),
        ("Major Ali Rana told reporters the convoy was hit.", "Ali Rana"),
    ],
)
def test_find_speaker(gaz: Gazetteer, sentence: str, speaker: str) -> None:
    found = find_speaker(sentence, gaz)
    assert found is not None and found.text == speaker


def _speakers(text: str, gaz: Gazetteer) -> list[str | None]:
    return [f.who.canonical if f.who else None for f in read_sentences(split_sentences(text), gaz)]


def test_surname_with_adverbial_commas_is_the_person_named_earlier(gaz: Gazetteer) -> None:
    text = ("Colonel Samir Aziz said the base was hit twice. Minister Huda Karim said the talks would go on. "
            "“The attacks must stop,” spokesman Aziz, furthermore, added.")
    assert _speakers(text, gaz)[-1] == "Samir Aziz"


def test_title_of_an_organisation_points_to_its_spokesperson(gaz: Gazetteer) -> None:
    """"The SNSC spokesman added" is the spokesperson named before, not the council."""
    text = ("The spokesman of the Supreme National Security Council Kayvan Khosravi said the bases were illegal. "
            "The SNSC spokesman added that the region needed calm.")
    assert _speakers(text, gaz) == ["Kayvan Khosravi", "Kayvan Khosravi"]


def test_definite_description_takes_the_organisation_it_names(gaz: Gazetteer) -> None:
    """"the coalition said" is the coalition named earlier, not the last speaker."""
    text = ("The US-led coalition published a map of the attacks on Monday. "
            "Colonel Samir Aziz said the base was hit twice. "
            "Moreover, the coalition said in a post that the rockets came from the east.")
    who = _speakers(text, gaz)
    assert who[1] == "Samir Aziz" and who[2] is not None and who[2] != "Samir Aziz"


def test_called_with_a_quotation_is_speech(gaz: Gazetteer) -> None:
    text = "Colonel Samir Aziz spoke in Erbil. Central Command called the strikes a “measured response”."
    who = _speakers(text, gaz)
    assert who[1] is not None and "Central Command" in who[1]


def test_an_unnamed_source_is_nobody(gaz: Gazetteer) -> None:
    s = "A drone strike killed a senior commander of the militia and two other people, two security sources said."
    assert find_speaker(s, gaz) is None
    facts = read_sentences(split_sentences(s), gaz)
    assert facts[0].anonymous and facts[0].who is None
    # officials of a state and nothing more are as unnamed as "a US official" (every fresh annotation of real pages
    # codes them so); officials of a body that speaks are that body
    assert find_speaker("Three soldiers were killed in the attack, US officials said.", gaz) is None
    found = find_speaker("Three soldiers were killed in the attack, Pentagon officials said.", gaz)
    assert found is not None and found.canonical == "United States Department of Defense"


def test_an_organisation_in_apposition_is_the_speaker(gaz: Gazetteer) -> None:
    s = "The Islamic Resistance in Iraq, an umbrella group of Iran-backed militias, claimed attacks on three bases."
    found = find_speaker(s, gaz)
    assert found is not None and found.canonical == "Islamic Resistance in Iraq"


def test_a_transitive_verb_after_a_comma_does_not_invert(gaz: Gazetteer) -> None:
    s = "The SDF, which led the fight against Islamic State with US backing, accused Ankara of targeting civilians."
    found = find_speaker(s, gaz)
    assert found is not None and found.canonical == "Syrian Democratic Forces"


def test_a_quotation_inside_a_sentence_with_its_own_subject_is_not_the_last_speaker(gaz: Gazetteer) -> None:
    text = ("The minister said the strike was a blatant violation. "
            "Supporters gathered at the scene chanting “Death to America”. "
            "“We will respond,” the minister added.")
    assert _speakers(text, gaz)[1] is None


def test_a_state_speaks_through_its_mission_or_officials(gaz: Gazetteer) -> None:
    # (a state's mission to the UN is a body of its own, named as the guidelines name bodies)
    found = find_speaker("Iran's mission to the United Nations said the matter can be deemed concluded.", gaz)
    assert found is not None and found.canonical == "Permanent Mission of Iran to the United Nations"
    # (but one unnamed official is an anonymous source, the guidelines' convention: see below)
    assert find_speaker("A U.S. military official said the embassy was struck by rockets.", gaz) is None


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # "to the" after "according" is not a place: the body named is the source
        ("Two guards were killed, according to the Interior Ministry.", "Interior Ministry"),
        # the whole name of an institution, with its joining words
        ("Attacks in the north doubled, according to the Centre for Border and Security Studies.",
         "Centre for Border and Security Studies"),
        ("A driver was wounded, according to police.", "police"),
    ],
)
def test_according_to_names_the_source(gaz: Gazetteer, sentence: str, speaker: str) -> None:
    found = find_speaker(sentence, gaz)
    assert found is not None and found.text == speaker and not found.is_person


def test_according_to_a_titled_person_keeps_the_person(gaz: Gazetteer) -> None:
    found = find_speaker("The blast killed four, according to local police chief Farid Osman.", gaz)
    assert found is not None and found.text == "Farid Osman"


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # "…, it added": the organisation that spoke before
        ("The Interior Ministry said three guards died. Four were wounded, it added.",
         ["Interior Ministry", "Interior Ministry"]),
        # '…," the command said': the command named before, not a name inside the quotation
        ("US Central Command said it hit radar sites. \"These strikes curb the Houthis' ability to threaten "
         "ships,\" the command said.", ["United States Central Command", "United States Central Command"]),
        # a bare title in a relative clause: the army named before
        ("The Iraqi army said it closed the border. Hours later, jets struck a farm that the army said was used "
         "by smugglers.", ["Iraqi Armed Forces", "Iraqi Armed Forces"]),
        # "…, he added": the person who spoke before, not an organisation named in the sentence
        ("Colonel Samir Aziz said the base was hit. The Houthis fired two drones, he added.",
         ["Samir Aziz", "Samir Aziz"]),
    ],
)
def test_closing_attribution_points_back(gaz: Gazetteer, text: str, speakers: list[str]) -> None:
    assert _speakers(text, gaz) == speakers


def test_a_time_phrase_before_a_bare_title_keeps_it_the_subject(gaz: Gazetteer) -> None:
    """"Hours later, the military said …" is the military named before."""
    text = ("The Pakistani military said its troops were on alert. "
            "Hours later, the military said security forces had raided a hideout.")
    assert _speakers(text, gaz) == ["Pakistan Armed Forces", "Pakistan Armed Forces"]


def test_a_body_is_not_the_person_quoted_last(gaz: Gazetteer) -> None:
    """"the military said" with no military named before is not the minister who spoke last."""
    text = "Minister Huda Karim said the talks would go on. Hours later, the military said it had raided a hideout."
    assert _speakers(text, gaz)[-1] != "Huda Karim"


def test_a_group_calling_itself_speaks_under_that_name(gaz: Gazetteer) -> None:
    """The whole name after "calling itself", not a state inside it."""
    found = find_speaker("A group calling itself Jaish Lebanon Front said its men planted the bomb.", gaz)
    assert found is not None and found.text == "Jaish Lebanon Front"


def test_according_to_a_channel_of_a_body_is_that_body(gaz: Gazetteer) -> None:
    """"According to a press release from X": X speaks, not a name in the reported words."""
    who = find_speaker("According to a press release from AFRICOM, al-Shabaab \"remains a threat to the region.\"",
                       gaz)
    assert who is not None and who.canonical == "United States Africa Command"


def test_unnamed_sources_are_nobodys_speech(gaz: Gazetteer) -> None:
    """A source that asks not to be named, or an unnamed source as the subject, speaks for nobody."""
    from api.extraction.rules.anonymous_sources import anonymous_phrase, anonymous_source

    assert anonymous_source("Two officials, speaking on condition of anonymity, said the convoy turned back.", gaz)
    assert anonymous_source("In a statement, a military source said the enemy fired missiles.", gaz)
    assert not anonymous_source("Pentagon officials said two drones were downed.", gaz)
    # officials of a state and nothing more are as unnamed as "a US official"; so is one who chose to remain so
    assert anonymous_source("Palestinian health officials said eight people were killed in the raid.", gaz)
    assert anonymous_source("Five rockets were fired at the base, US officials told reporters.", gaz)
    assert anonymous_source("A military official, who chose to remain anonymous, said alarms had sounded.", gaz)
    text = "Two soldiers were killed, security officials said."
    at = anonymous_phrase(text)
    assert at is not None and text[at[0] : at[1]] == "security officials"
    # activists and media the gazetteer does not list are nobody's speech
    assert anonymous_source("Some of the villagers may have been kidnapped, opposition activists said.", gaz)
    assert anonymous_source("Explosions were heard in the city, which local media say were interceptions.", gaz)
    text = "A drone killed a fighter near the border, Lebanese security and official sources said."
    at = anonymous_phrase(text)
    assert at is not None and text[at[0] : at[1]] == "Lebanese security and official sources"


def test_according_to_unnamed_sources_is_anonymous(gaz: Gazetteer) -> None:
    """"According to security sources, …" names nobody; "according to officials of the Interior Ministry" does."""
    from api.extraction.rules.anonymous_sources import anonymous_source

    assert anonymous_source("According to the security sources, the camps were destroyed.", gaz)
    assert not anonymous_source("According to officials of the Interior Ministry, the camps were destroyed.", gaz)


@pytest.mark.parametrize("sentence", [
    "Residents said Israeli jets struck the farm before dawn.",
    "Local officials said Turkish drones hit a checkpoint near the river.",
    "Security sources said Iranian missiles landed near the port.",
    "Doctors at the hospital said Israeli shelling wounded nine people.",
    "“The road is closed,” the state agency quoted police sources as saying.",
])
def test_someone_unnamed_speaking_of_an_actor_does_not_make_the_actor_the_speaker(gaz: Gazetteer,
                                                                                   sentence: str) -> None:
    """The name after "said" is the subject of what is reported, not who reports it, when someone unnamed stands
    before the verb; a name after the verb speaks only when a quotation or a clause precedes it."""
    facts = read_sentences(split_sentences(sentence), gaz)[0]
    assert facts.who is None and facts.anonymous


def test_an_inverted_attribution_still_names_the_speaker(gaz: Gazetteer) -> None:
    who = find_speaker("“We will answer at a time of our choosing,” said Hezbollah.", gaz)
    assert who is not None and who.canonical == "Hezbollah"
    who = find_speaker("The Iraqi army said Turkish drones struck the farm.", gaz)
    assert who is not None and who.canonical == "Iraqi Armed Forces"


def test_a_pronoun_after_an_unnamed_source_is_that_source(gaz: Gazetteer) -> None:
    """"They added …" after "security sources said …" is the same unnamed source, not a body named earlier."""
    text = ("Army spokesman Ali Karimi said the raid was over. Two security sources said the convoy was hit near "
            "the border. They added that an operation was under way and would go on until the area was cleared.")
    facts = read_sentences(split_sentences(text), gaz)
    assert facts[0].who is not None and facts[0].who.canonical == "Ali Karimi"
    assert facts[2].who is None and facts[2].anonymous
    text = "Army spokesman Ali Karimi said the raid was over. He added that the army would continue the operation."
    facts = read_sentences(split_sentences(text), gaz)
    assert facts[1].who is not None and facts[1].who.canonical == "Ali Karimi"


def test_an_abbreviated_title_and_a_surname_are_the_person_named_earlier(gaz: Gazetteer) -> None:
    text = ("Station House Officer (SHO) Karim Baloch said five guards were killed in the blast. "
            "According to SHO Baloch, the attackers fled on motorbikes. Senior officer Omar Haddad said the area was "
            "sealed. Col. Haddad said the operation would go on.")
    facts = read_sentences(split_sentences(text), gaz)
    assert facts[1].who is not None and facts[1].who.canonical == "Karim Baloch" and facts[1].who.is_person
    assert facts[3].who is not None and facts[3].who.canonical == "Omar Haddad"



@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # a closing mark typed the wrong way round still closes the quotation
        ("“The ship was hit twice. The crew is safe,“ the navy said. Rebel attacks have raised insurance costs.",
         False),
        # a quotation never closed ends with its paragraph…
        ("“The ship was hit twice, the navy said.\n\nRebel attacks have raised insurance costs.", False),
        # …and runs on within it
        ("“The ship was hit twice, the navy said. Rebel attacks have raised insurance costs.", True),
    ],
)
def test_a_quotation_ends_at_a_wrong_way_mark_or_its_paragraph(text: str, quoted: bool, gaz: Gazetteer) -> None:
    assert read_sentences(split_sentences(text), gaz, text)[-1].has_speech_verb is quoted


@pytest.mark.parametrize(
    ("sentence", "canonical"),
    [
        ("The Afghan defence ministry said the strikes killed civilians.", "Ministry of Defense of Afghanistan"),
        ("Somalia's Ministry of Information said the raid was a success.", "Ministry of Information of Somalia"),
        ("The Yemeni health ministry said ten people were killed.", "Ministry of Health of Yemen"),
    ],
)
def test_a_ministry_the_gazetteer_does_not_list_is_named_through_its_state(sentence: str, canonical: str,
                                                                           gaz: Gazetteer) -> None:
    found = find_speaker(sentence, gaz)
    assert found is not None and found.canonical == canonical and found.text.endswith(("ministry", "Information"))


def test_an_aside_before_the_verb_does_not_invert_the_sentence(gaz: Gazetteer) -> None:
    found = find_speaker("Local officials in the south, meanwhile, said a new Israeli strike killed five.", gaz)
    assert found is None or found.canonical != "Israel"
    found = find_speaker("The base was hit twice on Monday, said the Israeli army.", gaz)
    assert found is not None and found.canonical == "Israel Defense Forces"


@pytest.mark.parametrize(
    ("sentence", "unnamed"),
    [
        # one unnamed person of a body is an anonymous source, whoever's body it is
        ('"We are supporting Israel," a senior White House official said.', True),
        ("A US official said the strikes hit three depots.", True),
        ("A senior member of the party, an exiled Kurdish group, told Reuters its offices were hit.", True),
        # a named person's title and a spokesman speak for someone; officials of a state alone do not
        ("Ahmed Karimi, a senior official, said the strikes hit three depots.", False),
        ("US officials said the strikes hit three depots.", True),
        ("A military spokesman for the Houthis said the group fired a missile.", False),
    ],
)
def test_one_unnamed_official_is_an_anonymous_source(sentence: str, unnamed: bool, gaz: Gazetteer) -> None:
    from api.extraction.rules.anonymous_sources import anonymous_source

    assert anonymous_source(sentence, gaz) is unnamed


def test_a_named_person_in_a_bodys_role_speaks_not_the_body(gaz: Gazetteer) -> None:
    """"according to IDF spokesman Lt. Col. X" and "Major General X, spokesman for Defence Headquarters, said":
    the named person speaks (for the body), as the guidelines' "Iranian Foreign Ministry spokesperson X"."""
    found = find_speaker("The strikes hit homes, according to IDF spokesman Lt. Col. Dan Orr.", gaz)
    assert found is not None and (found.canonical, found.org) == ("Dan Orr", "Israel Defense Forces")
    found = find_speaker("Major General Ade Bello, spokesman for Defence Headquarters, confirmed the assault.", gaz)
    assert found is not None and found.canonical == "Ade Bello"
    found = find_speaker("The strikes hit 100 targets, according to the IDF.", gaz)
    assert found is not None and found.canonical == "Israel Defense Forces"


@pytest.mark.parametrize(("sentence", "unnamed"), [
    ("Clashes broke out again on Monday night near the border town, reported state media.", True),
    ("“The army responded with full force,” reported state broadcaster Pakistan Television, quoting security sources.",
     True),
    ("Another commander said the shells landed at around 9 pm.", True),
    ("A police officer said the gunmen fled on motorbikes.", True),
    ("A senior commander of the Quds Force, Brig. Gen. Ali Rezaei, said the strike was a crime.", False),
    ("Mohammed Ali, a local commander, said the rockets landed near the school.", False),
    ("The army said its jets struck the port on Monday.", False),
])
def test_outlets_and_unnamed_officers_are_no_speakers(gaz: Gazetteer, sentence: str, unnamed: bool) -> None:
    """An outlet named after its verb ("…, reported state media"), a quotation an outlet relays from unnamed
    sources, and one unnamed officer or commander are nobody a reader can name; a named person is."""
    from api.extraction.rules.anonymous_sources import anonymous_source

    assert anonymous_source(sentence, gaz) is unnamed


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("The Foreign Ministry of Qatar said its air defences intercepted the missiles.",
     "Qatari Ministry of Foreign Affairs"),
    ("The Ministry of Health of Lebanon said it would send more ambulances.", "Lebanese Health Ministry"),
    ("The army of Lebanon said it was ready to defend the south.", "Lebanese Armed Forces"),
])
def test_a_states_body_named_before_the_state_speaks(gaz: Gazetteer, sentence: str, speaker: str) -> None:
    text = "Jets struck a town in the south on Monday. " + sentence
    _, _, statements, _ = events_of(text, {0: "strike"}, gaz)
    assert [s.speaker.normalized for s in statements] == [speaker]
    assert statements[0].speaker.span is not None and statements[0].speaker.span.text.endswith(("Qatar", "Lebanon"))


def test_the_countrys_body_is_the_body_of_the_state_the_sentence_is_in(gaz: Gazetteer) -> None:
    """"according to the country's health ministry": the state the figures are in; a country's body the gazetteer
    does not list stays unnamed."""
    text = "At least 40 people were killed across Lebanon on Monday, according to the country's health ministry."
    _, _, _, casualties = events_of(text, {0: "strike"}, gaz)
    source = casualties[0].reported_by
    assert source is not None and source.normalized == "Lebanese Health Ministry"
    assert source.text == "the country's health ministry"
    text = "At least 40 people were killed on Monday, according to the country's health ministry."
    _, _, _, casualties = events_of(text, {0: "strike"}, gaz)
    assert casualties[0].reported_by is None
