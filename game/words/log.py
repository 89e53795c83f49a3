"""Turning the engine's structured log entries into sentences.

The engine appends small tuples (cheap, and only when asked to log); this module is the one
place that knows how to say them in words, for the replay command, reports and the TUI.
"""

from __future__ import annotations

from game.rules import moves as M
from game.rules.cards import Rules
from game.rules.model import (
    COUNTRIES,
    COUNTRY_NAMES,
    FIELD_NAMES,
    SEATS,
    TRACK_NAMES,
    TRACKS,
    date_of_turn,
)
from game.rules.engine import SHELVE_VP
from game.rules.ops import OPS_BY_NAME, PROJECT_NAMES, place_of
from game.rules.taliban import PLEDGE, RAID, RAID_PRESSURE, RECRUIT, REFUGEES
from game.play.observer import TEAM_PRIVATE_ENTRIES  # noqa: F401  (re-exported)

OFFER_NAMES = {
    "base": "a military base",
    "pact": "a security pact",
    "corridor": "a Belt and Road corridor",
    "cooperation": "a cooperation agreement",
    "aid": "an aid package",
}


# In sentences: singular subjects ("Central Asia rejects ...", not "Central Asian states rejects").
SEAT_SUBJECTS = {"russia": "Russia", "turkey": "Turkey", "china": "China", "usa": "the US",
                 "central_asia": "Central Asia"}


def offer_words(kind: str, name: str | None = None) -> str:
    """An offer in words: its card's own name if it has one, else its kind's."""
    return article(name) if name else OFFER_NAMES[kind]


def seat_name(seat: int | None) -> str:
    return "the world" if seat is None else SEAT_SUBJECTS[SEATS[seat]]


# Words that begin with a vowel letter but a consonant sound ("a Eurasian project", "a union").
_CONSONANT_SOUNDS = ("eu", "uni", "use", "usu", "one", "once")


def article(noun: str) -> str:
    low = noun.lower()
    vowel = low[:1] in ("a", "e", "i", "o", "u") and not low.startswith(_CONSONANT_SOUNDS)
    return ("an " if vowel else "a ") + noun


def _capitalised(text: str) -> str:
    """Capitalise the first letter of a sentence, keeping its indentation."""
    stripped = text.lstrip(" ")
    if not stripped:
        return text
    return text[: len(text) - len(stripped)] + stripped[0].upper() + stripped[1:]


def country_name(country: int) -> str:
    return COUNTRY_NAMES[COUNTRIES[country]]


def _where(country: int | None) -> str:
    """ in Kazakhstan", or nothing for an action on the whole region."""
    return "" if country is None else f" in {country_name(country)}"


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


def tension_penalties(log: list) -> dict[int, int]:
    """VP each seat lost for raising Sino-American tension too high, by seat. They are booked
    under diplomacy (the state's breakdown has no column of their own), so the end screen and
    the report say how much of that column they are."""
    out: dict[int, int] = {}
    for entry in log:
        if entry[0] == "tension_cost":
            out[entry[1]] = out.get(entry[1], 0) - 1
    return out


def describe(entry: tuple, rules: Rules) -> str:
    """One log entry in words."""
    return _capitalised(_describe(entry, rules))


def _describe(entry: tuple, rules: Rules) -> str:
    kind = entry[0]
    cards = rules.cards
    if kind == "turn":
        return f"== Turn {entry[1]}: {date_of_turn(rules.scenario.start, entry[1])} =="
    if kind == "news":
        card = cards[entry[1]]
        return f"News: {card.title}. {card.text}"
    if kind == "play":
        _, seat, cid, mode = entry
        if mode == M.SHELVE:
            return (f"{seat_name(seat)} shelves {cards[cid].title}: its event does not happen "
                    f"({SHELVE_VP} VP for talks that go nowhere).")
        how = "for its event" if mode == "event" else f"for {cards[cid].ops} ops"
        return f"{seat_name(seat)} plays {cards[cid].title} {how}."
    if kind == "event":
        _, cid, actor = entry
        card = cards[cid]
        if card.deck == "news":
            return f"Event: {card.title}."
        return f"Event: {card.title} ({seat_name(actor)})."
    if kind == "target":
        _, seat, cid, country = entry
        return f"{seat_name(seat)} targets {country_name(country)} with {cards[cid].title}."
    if kind == "option":
        return f"{seat_name(entry[1])} chooses: {entry[2]}."
    if kind == "op":
        _, seat, name, country, cost = entry
        op = OPS_BY_NAME[(seat, name)]
        return f"{seat_name(seat)}: {op.label}{_where(country)} ({cost} ops)."
    if kind == "contest":
        _, power, rival, country, die, modifier, outcome = entry
        roll = f"rolled {die}" + (f", {_signed(modifier)} for bases" if modifier else "")
        result = {"backfire": f"it backfires on {seat_name(power)}",
                  "one": f"{seat_name(rival)} loses ground",
                  "two": f"{seat_name(rival)} loses much ground"}[outcome]
        return f"  {seat_name(power)} contests {seat_name(rival)}'s influence in {country_name(country)} ({roll}): {result}."
    if kind == "period":
        return (f"  A new period: after the withdrawal, {entry[2]} new action cards and {entry[3]} new news cards "
                "are shuffled into the decks.")
    if kind == "tension_eases":
        return f"Tempers cool: Sino-American tension eases from {entry[1]}."
    if kind == "csto_fades":
        return f"A promise fades unless renewed: CSTO credibility slips from {entry[1]}."
    if kind == "ops_end":
        return f"{seat_name(entry[1])} ends its operations" + (f", leaving {entry[2]} ops unspent." if entry[2] else ".")
    if kind == "offer":
        _, power, offer_kind, country, name = entry
        return f"{seat_name(power)} offers {country_name(country)} {offer_words(offer_kind, name)}."
    if kind == "answer":
        _, power, offer_kind, country, accepted, name = entry
        verdict = "accepts" if accepted else "rejects"
        return f"{country_name(country)} {verdict} {offer_words(offer_kind, name)} from {seat_name(power)}."
    if kind == "field":
        _, country, field, old, new = entry
        return f"  {country_name(country)} {FIELD_NAMES[field]} {old} -> {new}."
    if kind == "track":
        _, track, old, new = entry
        name = TRACK_NAMES[TRACKS[track]]
        return f"  {name[0].upper()}{name[1:]} {old} -> {new}."
    if kind == "influence":
        _, power, country, old, new = entry
        return f"  {seat_name(power)} influence in {country_name(country)} {old} -> {new}."
    if kind == "vp":
        _, seat, by, category = entry
        return f"  {seat_name(seat)} {_signed(by)} VP ({category})."
    if kind == "base":
        _, power, country, is_open = entry
        verb = "opens" if is_open else "closes"
        return f"  {seat_name(power)} {verb} a base in {country_name(country)}."
    if kind == "tension_cost":
        return f"  Tension is high ({entry[2]}): Central Asia resents {seat_name(entry[1])} for raising it."
    if kind == "withdrawn":
        return "  The US withdrawal from Afghanistan is complete."
    if kind == "project_start":
        _, owner, country, turns = entry
        return f"  {seat_name(owner)} starts {article(PROJECT_NAMES[owner])} in {country_name(country)} ({turns} turns)."
    if kind == "project_dup":
        return f"  {seat_name(entry[1])} already has a project in {country_name(entry[2])}."
    if kind == "project_stalled":
        return f"  {seat_name(entry[1])}'s project in {country_name(entry[2])} stalls: the state is too unstable."
    if kind == "project_done":
        return f"  {seat_name(entry[1])} completes its {PROJECT_NAMES[entry[1]]} in {country_name(entry[2])}."
    if kind == "no_cards":
        return f"{seat_name(entry[1])} has no cards to play."
    if kind == "phase":
        return f"-- {entry[1].capitalize()} phase --"
    if kind == "collapse":
        return f"!! {country_name(entry[1])} collapses: its government falls."
    if kind == "end":
        _, reason, winners, vp = entry
        scores = ", ".join(f"{seat_name(s)} {v}" for s, v in enumerate(vp))
        if not winners:
            return f"Game over with a state's collapse: the Taliban have won, and every seat has lost. Scores: {scores}."
        names = " and ".join(seat_name(w) for w in winners)
        return f"Game over after the last turn. Winner: {names}. Scores: {scores}."
    if kind == "reason":
        return f"  Reason: {entry[2]}"
    if kind == M.PREDICT:
        from game.words.predictions import entry_words

        why = f" Rationale: {entry[5]}" if entry[5] else ""
        return entry_words(entry) + why
    if kind in FACILITATOR_ENTRIES:
        return _describe_facilitator(entry, rules)
    return _describe_taliban(entry)


# A facilitator's move logs an entry of its own name; which of them the teams may read is
# game.play.observer's to say (TEAM_PRIVATE_ENTRIES, re-exported here for older callers).
FACILITATOR_ENTRIES = M.FACILITATOR_KINDS


def _describe_facilitator(entry: tuple, rules: Rules) -> str:
    from game.play.seminar import adjust_words  # the seminar module imports the engine; keep log light

    kind = entry[0]
    if kind == "inject":
        card = rules.cards[entry[1]]
        who = "" if card.deck == "news" or entry[2] is None else f" for {seat_name(entry[2])}"
        why = f" Reason: {entry[3]}" if entry[3] else ""
        return f"Facilitator injects {card.title}{who}.{why}"
    if kind == "adjust":
        _, what, old, new, reason = entry
        return f"Adjudication: {adjust_words(what)} {old} -> {new}. Reason: {reason}"
    if kind == "note":
        return f"Facilitator's note (turn {entry[1]}): {entry[2]}"
    title = rules.cards[entry[1]].title
    if kind == "hold":
        return f"Facilitator holds back the news card {title}."
    if kind == "release":
        return f"Facilitator releases the news card {title}."
    return f"Facilitator brings the news card {title} forward."


def _describe_taliban(entry: tuple) -> str:
    kind = entry[0]
    if kind == "t_momentum":
        return f"Taliban: the offensive takes more provinces (rolled {entry[1]}, needed {entry[2]}); momentum {entry[3]}."
    if kind == "t_momentum_stalls":
        return f"Taliban: the offensive stalls (rolled {entry[1]}, needed {entry[2]})."
    if kind == "t_disobey":
        return (f"Taliban: fighters disobey their command (rolled {entry[1]}, discipline {entry[2]}); "
                f"the Moscow pledge weakens to {entry[3]}.")
    if kind == "t_obey":
        return f"Taliban: the fighters keep to the Moscow pledge (rolled {entry[1]}, discipline {entry[2]})."
    if kind == "t_incursion":
        _, country, pressure, border, loss, parts = entry
        return (f"Taliban: incursion into {country_name(country)}: pressure {pressure} beats border security "
                f"{border} ({_parts(parts)}); stability -{loss}.")
    if kind == "t_border_holds":
        _, country, pressure, border, parts = entry
        return (f"Taliban: {country_name(country)}'s border holds: pressure {pressure} against border security "
                f"{border} ({_parts(parts)}).")
    if kind == "t_flight":  # older saves' logs
        return f"Taliban: with momentum at {entry[1]}, officials and troops flee north into the border states."
    if kind == "t_operation":
        return "Taliban operation: " + operation_words(entry[1], entry[2], entry[3]) + "."
    if kind == "t_checked":
        return f"Taliban: every border held, so the offensive is checked (momentum {entry[1]} falls)."
    if kind == "t_refugee_crisis":
        return f"Taliban: {entry[2]} refugees destabilise {country_name(entry[1])}."
    if kind == "t_radicalised":
        _, country, discontent, die, chance = entry
        return (f"Taliban: jobless youth in {country_name(country)} radicalise (discontent {discontent}: "
                f"rolled {die}, under {chance}).")
    if kind == "t_calm":
        _, country, discontent, die, chance = entry
        return f"Taliban: youth in {country_name(country)} stay calm (discontent {discontent}: rolled {die}, not under {chance})."
    return repr(entry)


def _parts(parts: tuple) -> str:
    momentum, disobedience, refugees, die = parts[:4]
    raid = f" + raid {parts[4]}" if len(parts) > 4 else ""
    return f"momentum share {momentum} + broken pledge {disobedience} + refugees {refugees} + die {die}{raid}"


def operation_words(operation: str, country: int | None, numbers: tuple) -> str:
    """The Taliban's chosen operation and why, as the log and the turn summary say it."""
    if operation == RAID:
        border, pressure = numbers
        return (f"a raid across {country_name(country)}'s border, the weakest (security {border} against "
                f"pressure {pressure} before the die): +{RAID_PRESSURE} pressure there")
    if operation == RECRUIT:
        return (f"recruiting among jobless youth in {country_name(country)} (discontent {numbers[0]}): "
                "discontent +1 and more radicalise")
    if operation == REFUGEES:
        return f"pushing refugees north (momentum {numbers[0]}): +1 refugees in each border state"
    if operation == PLEDGE:
        return f"pressing the Moscow pledge (at {numbers[0]}): the pledge -1"
    return "regrouping: no target worth an operation, so the offensive rolls again"


def describe_pending(state) -> str:
    """What the seat to move is being asked, in words."""
    p = state.pending
    if p is None:
        return "The game is over."
    who = seat_name(p.seat)
    cards = state.rules.cards
    if p.kind == M.PENDING_PLAY:
        return f"{who}: play a card, for its event or for its operations points."
    if p.kind == M.PENDING_OPS:
        return f"{who}: spend {p.points} operations points (from {cards[p.card].title})."
    if p.kind == M.PENDING_TARGET:
        return f"{who}: choose the target of {cards[p.card].title}."
    if p.kind == M.PENDING_OPTION:
        return f"{who}: choose how to play the event."
    offer = p.offer
    return (f"{who}: {seat_name(p.actor)} offers {country_name(p.target)} {offer_words(offer.kind, offer.name)}. "
            "Accept or reject?")


def describe_choice(state, choice: tuple) -> str:
    """A legal choice in words, for menus."""
    cards = state.rules.cards
    kind = M.kind_of(choice)
    p = state.pending
    if kind == M.PLAY:
        card = cards[choice[1]]
        if choice[2] == M.EVENT:
            return f"{card.title}: play for its event. {card.text}"
        if choice[2] == M.SHELVE:
            return f"{card.title}: shelve it (no event, no ops, -{SHELVE_VP} VP; once a turn)"
        if card.seat is not None and card.seat != p.seat:
            return f"{card.title}: play for {card.ops} ops ({seat_name(card.seat)}'s event fires first)"
        return f"{card.title}: play for {card.ops} ops"
    if kind == M.OP:
        op = OPS_BY_NAME[(p.seat, choice[1])]
        country = place_of(choice)
        return f"{op.label}{_where(country)} ({op.cost(state, p.seat, country)} ops)"
    if kind == M.END:
        return f"End operations ({p.points} ops unspent)" if p.points else "End operations"
    if kind == M.TARGET:
        return country_name(COUNTRIES.index(choice[1]))
    if kind == M.OPTION:
        return p.options[int(choice[1])].label
    return "Accept the offer" if kind == M.ACCEPT else "Reject the offer"


def short_choice(state, choice: tuple) -> str:
    """A legal choice in a few words, for AI reasons and summaries."""
    kind = M.kind_of(choice)
    if kind == M.PLAY:
        card = state.rules.cards[choice[1]]
        if choice[2] == M.SHELVE:
            return f"shelve {card.title}"
        return f"{card.title} for its event" if choice[2] == M.EVENT else f"{card.title} for {card.ops} ops"
    if kind == M.OP:
        op = OPS_BY_NAME[(state.pending.seat, choice[1])]
        return f"{op.label}{_where(place_of(choice))}"
    if kind == M.END:
        return "end operations"
    if kind == M.TARGET:
        return f"target {country_name(COUNTRIES.index(choice[1]))}"
    if kind == M.OPTION:
        return f"'{state.pending.options[int(choice[1])].label}'"
    return "accept the offer" if kind == M.ACCEPT else "reject the offer"
