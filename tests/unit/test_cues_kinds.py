"""Lexical cues: quotations, weapons, attribution and statement kinds."""

from __future__ import annotations

import datetime as dt

import pytest

from api.extraction.rules.event_dates import event_date
from api.extraction.rules.speech import sentence_cues, speech_verb
from api.extraction.rules.statement_kinds import contrast_at, statement_kind
from api.extraction.rules.weapons import attack_weapon, attribution, strike_weapon
from api.extraction.text.quotes import find_quote


def test_open_quote_continues_into_next_sentence() -> None:
    """Inside a quotation opened earlier, the sentence up to the closing mark is the quote."""
    cues = sentence_cues("We will not stop.” the commander added.", in_open_quote=True)
    assert cues.quote == (0, 17)
    # a later opening mark does not pair with the closing one
    sentence = 'We will answer this act," he said, adding that the blame would "rest with them."'
    assert sentence_cues(sentence, in_open_quote=True).quote == (0, 24)


@pytest.mark.parametrize(
    ("sentence", "weapon"),
    [
        ("US warplanes struck depots.", "airstrike"),
        ("A drone strike hit a car.", "drone"),
        ("Artillery shelled the village.", "artillery"),
        ("The ministry said talks continue.", None),
        # "launched" is not "launchers": the drone is the weapon
        ("A drone launched from the coast struck a radar post.", "drone"),
        ("Jets hit missile launchers near the coast.", "airstrike"),
    ],
)
def test_strike_weapon(sentence: str, weapon: str | None) -> None:
    """Strike weapons come from a closed keyword map; no keyword, no weapon."""
    assert strike_weapon(sentence) == weapon


def test_attack_weapon_and_attribution() -> None:
    """Roadside bombs are IEDs; 'allegedly' marks an alleged attribution, a claim marks claimed."""
    assert attack_weapon("A roadside bomb hit the convoy.") == "ied"
    assert attribution("Drones allegedly launched by militias hit the base.", True) == "alleged"
    assert attribution("The group claimed responsibility for the attack.", True) == "claimed"
    assert attribution("Rockets hit the base.", False) == "unknown"
    assert attribution("Militias attacked the base.", True) == "confirmed"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The ministry strongly condemned the strikes.", "condemnation"),
        ("He denied any involvement in the attack.", "denial"),
        ("She called on foreign troops to leave the country.", "demand"),
        ("The group warned of a harsh reply.", "threat"),
        ("The strikes were necessary to protect our personnel, he said.", "justification"),
        ("The monitor said the convoy carried weapons.", "claim"),
        # a denial left open or an infinitive "to deny" is no denial
        ("The army did not confirm or deny its role, a spokesman said.", "claim"),
        ("The ministry neither confirmed nor denied the report, officials said.", "claim"),
        ("He said the troops fought to deny the rebels a foothold.", "claim"),
        # vows, protests and sympathy written without the verb of their kind
        ("The president said whoever did this will face our answer soon.", "threat"),
        ("The minister said further military options remain on the table.", "threat"),
        # an act to come announced
        ("The president said Estavia will not leave any attack on its soil unanswered.", "threat"),
        ("The president said the army plans to carry out another military operation in the north.", "threat"),
        ('"The time has come to clear these hills of the gangs," the president said.', "threat"),
        ("The ministry said it had summoned the Estavian ambassador over the raid.", "condemnation"),
        ("The governor said the city sends its sympathies to the bereaved families.", "other"),
        ("The spokeswoman said the government is closely following developments.", "other"),
        # "thanks to" is a cause, not thanks
        ("The general said that thanks to our pilots the depot is destroyed.", "claim"),
        # a witness telling what they lived through; civil-defence and hospital procedure
        ("A resident said I felt so afraid when the windows shattered.", "other"),
        ("She said now we have to flee again but we do not know where to go.", "other"),
        ("The command said there are no changes in the defensive guidelines.", "other"),
        ("The officer said the wounded were being transferred to the district hospital.", "other"),
        # someone else's danger to all, and words of contempt
        ("The minister said the militia threatens regional security.", "condemnation"),
        ("He said the rebels are part of an axis of evil.", "condemnation"),
        # vows in other words: force promised in quotation marks, holding someone accountable, a mission to eradicate
        ('The president said he ordered the raids, promising to use "overwhelming force" until the attacks stop.',
         "threat"),
        ('He said Estavia would be held "fully accountable", promising to hold its leaders accountable.', "threat"),
        ("The army reiterated that its forces remain resolute in their mission to eradicate the militants.", "threat"),
        # a physical breach is no protest; the purpose of one's own acts and the cause one acts for justify them
        ("The army said five assailants attempted to breach the perimeter of the base.", "claim"),
        ("The command said it continues to act to degrade the group's ability to plan attacks.", "justification"),
        ("The group said it is acting in solidarity with the people of the valley.", "justification"),
    ],
)
def test_statement_kind(sentence: str, kind: str) -> None:
    """Statement kinds follow a closed verb lexicon, falling back to 'claim'."""
    assert statement_kind(sentence) == kind


def _kind(sentence: str) -> str:
    """The kind as the builder asks for it: with the verb of speech and the quotation the rules find."""
    verb = speech_verb(sentence)
    return statement_kind(sentence, verb.span() if verb else None, find_quote(sentence))


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # the verb of speech names the kind, whatever else the sentence holds
        ("The minister called on the troops to withdraw, denying any role in the raid.", "demand"),
        ("The envoy denied the charges and called for calm.", "denial"),
        # …save "claimed", which gives way to what the claimed words do
        ("The militia claimed it shelled the post in response to raids on its villages.", "justification"),
        ("The militia claimed the shelling of the post.", "claim"),
        # a preamble before the speaker is not what the speaker said
        ("After the army's aggression on the town, the governor said the roads were open.", "claim"),
        # the quoted words come first, and their leading cue wins
        ("“We urge the council to stop these violations,” the envoy said.", "demand"),
        ("The spokesman added that “the raid was a crime against our people.”", "condemnation"),
        # a contrasting clause about someone else does not colour the statement
        ("The army confirmed that it hit a depot, while the group denied any losses.", "claim"),
        # …but a leading "While" inside the quotation is the speaker's own clause
        ("“While talks went on, these acts were undermining every agreement,” she said.", "condemnation"),
        # a justification word in the future is a threat
        ("The army said it was determined to defend the border and retaliate against any attack.", "threat"),
        ("“The raids will go on as long as necessary,” the spokesman said.", "threat"),
        ("“We will strike with an iron fist anyone who crosses the line,” the army said.", "threat"),
        ("“Our country reserves the right to respond to this illegal act,” the minister said.", "threat"),
        # reported in the past: "would not allow"
        ("The spokesman said the kingdom would not allow its border to become a corridor for arms.", "threat"),
        # the enemy's threat is what the act answers, not a threat by the speaker
        ("“The raids are intended to degrade the militia's ability to threaten shipping,” the command said.",
         "justification"),
        # a negated assertion of what the other side says happened is a denial
        ("The ministry insisted that no foreign nationals had been targeted.", "denial"),
        # a call renewed is a demand
        ("The spokesman repeated his calls for residents to leave the area.", "demand"),
        # acts to be stepped up, an enemy to be hunted: threats; what was hit was the enemy's: a justification
        ("“We will deepen our strikes on the group from tonight,” the general said.", "threat"),
        ("“We will pursue them until the last one is caught,” the minister said.", "threat"),
        ("“The depot was operating under civilian cover for hostile activity,” the army said.", "justification"),
        ("The command said the boats presented an imminent threat to shipping.", "justification"),
        ("“There was no militant presence in the village,” the mayor said.", "denial"),
    ],
)
def test_statement_kind_reads_the_verb_then_the_reported_words(sentence: str, kind: str) -> None:
    assert _kind(sentence) == kind


def test_punishment_is_a_threat() -> None:
    assert _kind('The supreme leader said Israel "will be punished" for the attack.') == "threat"


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister said: “We appreciate Russia’s support in this difficult time.”",
        "The president said the United States does not seek conflict with Iran.",
        "The ministry welcomed the ceasefire announced on Friday.",
    ],
)
def test_thanks_welcome_and_de_escalation_are_other(sentence: str) -> None:
    assert _kind(sentence) == "other"


def test_claiming_an_attack_is_a_claim_whatever_its_reasons() -> None:
    assert _kind("The spokesman claimed the attack, saying the crew had ignored warnings.") == "claim"
    assert _kind("Most missiles were intercepted by the base's air defense systems, the command said.") == "claim"


def test_a_charge_the_other_side_denies_is_a_contrasting_clause() -> None:
    sentence = "The minister says the gunmen train across the border, a charge the neighbour denies."
    at = contrast_at(sentence)
    assert at is not None and sentence[at:].startswith("the neighbour denies")
    assert _kind(sentence) == "claim"


@pytest.mark.parametrize("sentence", [
    "Hezbollah said its fighters had targeted an Israeli position with rockets.",
    "The group claimed in a message to journalists that its fighters had ambushed the convoy.",
    "The militia announced that its drones struck the base on Sunday.",
])
def test_a_group_saying_its_fighters_did_it_claims_the_attack(sentence: str) -> None:
    assert attribution(sentence, True) == "claimed"


def test_someone_saying_a_group_did_it_does_not_claim_it() -> None:
    assert attribution("Officials said militias fired the rockets.", True) == "confirmed"
    assert attribution("The army said its investigation was continuing.", True) == "confirmed"


def test_a_group_reporting_its_own_attack_claims_it() -> None:
    assert attribution("The Houthis said on Monday they had fired missiles at the ship.", True, True) == "claimed"
    assert attribution("Officials said the Houthis fired missiles at the ship.", True, True) == "alleged"


@pytest.mark.parametrize(("sentence", "kind"), [
    ("The prime minister lauded the soldiers for their courage.", "other"),
    ("“This is another reckless act,” the spokesman said.", "condemnation"),
])
def test_praise_and_recklessness(sentence: str, kind: str) -> None:
    verb = speech_verb(sentence)
    assert statement_kind(sentence, verb.span() if verb else None) == kind


@pytest.mark.parametrize(("sentence", "kind"), [
    # the noun "threat" of someone else, which the speaker's acts remove, is their purpose, not a vow
    ("The army is working to reduce the threat the militia poses to the region, the minister said.", "justification"),
    # the speaker's own acts still to come
    ("The enemy has never been weaker, and more strikes are on the way, the prime minister said.", "threat"),
    # the other side's act told as harm to civilians, closed by "according to" (what follows it is who said it)
    ("The militia's attack is targeting homes and families, according to army spokesman Col. Dan Orr.",
     "condemnation"),
    # first responders at work
    ("Police and bomb squads were responding to damaged areas in the city, police said.", "other"),
])
def test_kinds_of_unmarked_remarks(sentence: str, kind: str) -> None:
    verb = speech_verb(sentence)
    assert statement_kind(sentence, verb.span() if verb else None) == kind


@pytest.mark.parametrize(("sentence", "kind"), [
    # a warning addressed to the other side, revenge, a defence vowed, war declared on someone: threats
    ("The ministry warned Washington not to intervene in the conflict.", "threat"),
    ("The general warned the rebels against attacking the capital.", "threat"),
    ("The group has promised to take revenge for the killing of its commander.", "threat"),
    ("“We will always protect our people,” the minister added.", "threat"),
    ("The spokesman warned that the army would “respond firmly at the right time”.", "threat"),
    ("The president declared “all-out war” on the militants.", "threat"),
    # a warning of someone else's plan reports it
    ("The ministry warned that it had indications the rebels plan an offensive.", "claim"),
    # procedure after the act: other
    ("The army said it was assessing the damage to the depot.", "other"),
    ("Reinforcements were being sent to the town, he said.", "other"),
    ("The governor said an investigation into the blast had been opened.", "claim"),
    ("The governor said he had ordered an inquiry into the blast.", "other"),
    ("Police said they were investigating the cause of the fire.", "other"),
])
def test_warnings_to_the_other_side_revenge_and_procedure(sentence: str, kind: str) -> None:
    """The precedence's threat covers a warning addressed to the other side, revenge and a defence vowed; steps of
    procedure after the act (damage assessed, an inquiry ordered, reinforcements sent) are other."""
    verb = speech_verb(sentence)
    assert statement_kind(sentence, verb.span() if verb else None) == kind


@pytest.mark.parametrize("sentence", [
    "The rebels also claimed attacks on an oil tanker and a container ship.",
    "The blast followed the group's claim of a rocket attack on the base.",
    "The drone strikes on the bases were claimed by a coalition of militias.",
    "They also reported launching drones toward a target in the port city.",
    "The rebels said, they fired missiles at two warships.",
])
def test_a_claim_in_other_words_is_claimed(sentence: str) -> None:
    """A group's claim told as "claimed attacks on", "claim of", "were claimed by", a gerund of its own act, or with a
    comma after "said" links the attack to it as "claimed"."""
    assert attribution(sentence, True) == "claimed"


@pytest.mark.parametrize(("sentence", "kind"), [
    ("“We locked ourselves in our offices,” said a broker.", "other"),
    ("He said he was on the ground floor when he heard gunfire and an explosion.", "other"),
    ("The chief minister expressed concern over the incident.", "other"),
    ("The officer said all the injured were moved to the district hospital.", "other"),
    ("The UN chief said he was appalled by the violence.", "condemnation"),
])
def test_witnesses_concern_and_dismay(sentence: str, kind: str) -> None:
    """A witness telling what they heard or where they hid, a concern expressed and the wounded moved to hospital are
    other; being appalled is a condemnation."""
    verb = speech_verb(sentence)
    assert statement_kind(sentence, verb.span() if verb else None) == kind


@pytest.mark.parametrize(("sentence", "kind"), [
    # the enemy to be driven off, force held ready, a refusal to tolerate in quotation marks: threats
    ('"Sooner or later, we will drive the rebels away from our border posts," the president said.', "threat"),
    ('The minister warned he would not "tolerate any threat to the villages in the north" from the militia.', "threat"),
    ('The premier told the troops that the country is "prepared for very intense action" in the east.', "threat"),
    # a demand backed by what follows if it is not met
    ("The ministry called on the neighbours not to repeat the raid, otherwise it will have grave consequences.",
     "threat"),
    # the speaker's own reasons and the target's part in the war: justifications
    ("The army said the strike targeted a man who it said was responsible for directing rocket fire.",
     "justification"),
    ("The guards said they fired missiles at spy centres, defending their borders and countering terrorism.",
     "justification"),
])
def test_threats_and_justifications_in_other_words(sentence: str, kind: str) -> None:
    assert _kind(sentence) == kind


@pytest.mark.parametrize(("sentence", "verb"), [
    ("In a statement, the presidency called the fighting between the militias unacceptable.", "called"),
    ("In a joint statement on Monday, the two ministries described the raid as a violation.", "described"),
    ("In a statement, the army confirmed the strike.", "confirmed"),  # (a verb of speech of its own comes first)
])
def test_in_a_statement_the_subjects_verb_is_its_speech(sentence: str, verb: str) -> None:
    found = speech_verb(sentence)
    assert found is not None and found.group(0) == verb


def test_a_statements_own_day_is_not_the_acts() -> None:
    published = dt.date(2024, 3, 13)
    assert event_date("In a statement on Monday, the group called the strikes on its bases a crime.", published) is None
    found = event_date("In a statement, the group said it fired rockets at the base on Monday.", published)
    assert found is not None and found.value == "2024-03-11"


@pytest.mark.parametrize(("sentence", "weapon"), [
    ("Iran launched more than 300 drones and missiles at Israel overnight.", None),
    ("The group fired rockets and mortars at the base.", None),
    ("The militia fired two drones at the base, and a third drone was shot down.", "drone"),
])
def test_several_kinds_of_weapon_for_one_act_give_none(sentence: str, weapon: str | None) -> None:
    assert strike_weapon(sentence) == weapon and attack_weapon(sentence) == weapon
