"""Briefings for a seminar: the article with the passages the cards quote, and a role brief
per seat (who they are, what they want, how they score, where they start).

Pure functions over the rules and a state, so the TUI only draws them and tests check them
without a screen. The fixed texts live here rather than in ``cards/*.yaml``: every YAML file in
the cards folder is read as cards or scenarios (a third kind would stop every game from
starting), and how a seat scores is written from ``game.rules.scoring``'s own numbers, so the brief
cannot drift from the rules as implemented.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from game.rules import scoring as S
from game.words.effect_words import describe_effect, op_effects
from game.words.log import offer_words, country_name
from game.rules.model import BORDERING, CENTRAL_ASIA, POWERS, SEAT_NAMES, SEATS, State
from game.play.observer import PUBLIC, observe
from game.rules.engine import SHELVE_VP
from game.rules.ops import OFFERS, PROJECT_NAMES, SEAT_OPS
from game.rules.primitives import COLLAPSE_PENALTY_CA, COLLAPSE_PENALTY_CSTO, HIGH_TENSION

# --- the article and the passages the cards quote -------------------------------------------

# Characters an author may have typed differently from the article: straight or curly quotes,
# hyphens or dashes.
_ALIKE = {c: group for group in ("\"“”„", "'‘’`", "-‐‑–—") for c in group}


def seeds_dir(cards_dir: Path) -> Path:
    """The article's folder: ``seeds`` beside the cards, else the one shipped with the game
    (where the card loader checks quotes)."""
    from game.rules.loader import SEEDS_DIR

    beside = Path(cards_dir).parent / "seeds"
    return beside if beside.is_dir() else SEEDS_DIR


def _pattern(quote: str, flags: int = 0) -> re.Pattern | None:
    words = quote.split()
    if not words:
        return None
    parts = []
    for word in words:
        parts.append("".join(f"[{re.escape(_ALIKE[ch])}]" if ch in _ALIKE else re.escape(ch) for ch in word))
    return re.compile(r"\s+".join(parts), flags)


def find_quote(article: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``article`` as (start, end), or None. Spaces and line breaks
    count as one another, and so do quote marks and dashes of any style; case matters unless
    only a case-blind search finds it."""
    for flags in (0, re.IGNORECASE):
        pattern = _pattern(quote, flags)
        if pattern is None:
            return None
        m = pattern.search(article)
        if m:
            return m.start(), m.end()
    return None


@attrs.frozen
class Passage:
    """A stretch of the article quoted by one or more cards (overlapping quotes merge)."""

    start: int
    end: int
    cards: tuple  # ids of the cards quoting it, in the order given


def quoted_passages(article: str, quotes: dict) -> tuple[list[Passage], list]:
    """(the passages quoted, in article order; the keys whose quote was not found).

    ``quotes`` maps a key (a card id) to its quote."""
    found: list[tuple[int, int, object]] = []
    missing = []
    for key, quote in quotes.items():
        span = find_quote(article, quote)
        if span is None:
            missing.append(key)
        else:
            found.append((span[0], span[1], key))
    found.sort(key=lambda f: (f[0], f[1]))
    passages: list[Passage] = []
    for start, end, key in found:
        if passages and start < passages[-1].end:
            last = passages[-1]
            passages[-1] = Passage(last.start, max(last.end, end), last.cards + (key,))
        else:
            passages.append(Passage(start, end, (key,)))
    return passages, missing


def segments(article: str, passages: list[Passage]) -> list[tuple[str, Passage | None]]:
    """The article cut into plain stretches (None) and quoted passages, in order."""
    out: list[tuple[str, Passage | None]] = []
    at = 0
    for p in passages:
        if p.start > at:
            out.append((article[at:p.start], None))
        out.append((article[p.start:p.end], p))
        at = p.end
    if at < len(article):
        out.append((article[at:], None))
    return out


def article_title(text: str) -> tuple[str, str]:
    """(title, body): the first line, and the rest without the title's repeats (the saved web
    page prints its headline three times)."""
    lines = text.strip("\n").splitlines()
    if not lines:
        return "", ""
    title = lines[0].strip()
    i = 1
    while i < len(lines) and lines[i].strip() in ("", title):
        i += 1
    return title, "\n".join(lines[i:])


def card_quotes(cards: dict) -> dict:
    """Card id -> quote for every card that cites the article."""
    return {cid: c.source.quote for cid, c in cards.items() if c.source and c.source.quote}


# --- role briefs ----------------------------------------------------------------------------

RIVAL_NAMES = {"russia": "Russia", "turkey": "Turkey", "china": "China", "usa": "US"}


def team_name(team: str) -> str:
    """'Team Moscow' for 'Moscow'; a name that already says 'Team ...' is not given a second."""
    return team if team.lower().startswith("team ") or team.lower() == "team" else f"Team {team}"


def team_label(team: str | None, seat: str) -> str:
    """'Team Moscow (Russia)' for a seminar team, else the seat's name."""
    if not team:
        return SEAT_NAMES[seat]
    return f"{team_name(team)} ({SEAT_NAMES[seat]})"



@attrs.frozen
class Role:
    """The fixed part of a seat's brief."""

    who: str  # who the team plays
    wants: tuple  # what the seat wants, as short lines
    quote: str  # the article's words about this seat (verbatim)
    advice: tuple  # a few hints for a first game


ROLES = {
    "russia": Role(
        who=("You are Moscow. Russia leads the Collective Security Treaty Organization (the CSTO; "
             "the article calls it the ODKB), whose members here are Tajikistan, Kyrgyzstan and "
             "Kazakhstan, and keeps military bases in Tajikistan and Kyrgyzstan. The Taliban came to "
             "Moscow to promise they would stay inside Afghanistan: whether that pledge holds is "
             "partly your problem."),
        wants=("Lead in the CSTO states: Tajikistan, Kyrgyzstan, Kazakhstan.",
               "Keep Tajikistan's Afghan border shut: no incursion.",
               "A credible CSTO.",
               "No American base in the region."),
        quote="There is only one country that can protect Tajikistan's borders from being impregnable "
              "and that is the Russian Federation",
        advice=("Reinforce (your security action) raises border security in a CSTO state and the "
                "CSTO's credibility together.",
                "Uzbekistan and Turkmenistan are outside the CSTO: a security pact is how you reach "
                "them."),
    ),
    "turkey": Role(
        who=("You are Ankara. Fresh from helping Azerbaijan win in Karabakh, Turkey builds influence "
             "in the Turkic states (Uzbekistan, Kazakhstan, Kyrgyzstan, Turkmenistan) through trade, "
             "culture and military cooperation."),
        wants=("A real presence in every Turkic state.",
               "The lead in two of them or more.",
               "Cooperation agreements and projects that pay."),
        quote="Ankara is also urgently consolidating its influence in Central Asia.",
        advice=("Presence counts from 5 influence: spread out before you try to lead.",
                "An accepted cooperation agreement pays at once."),
    ),
    "china": Role(
        who=("You are Beijing. China has geography and money on its side: it wants the trade, energy "
             "and transport routes of the region and builds them as Belt and Road corridors."),
        wants=("Corridors completed, in states stable enough to use them.",
               "The lead in as many states as you can hold.",
               "No American base in the region."),
        quote="Beijing is primarily interested in the trade, energy and transportation of the "
              "Central Asia-Kaspian region.",
        advice=("A completed corridor pays every turn while its state stays stable: keep the region "
                "calm.",
                "Corridors and security cooperation raise Sino-American tension; at 7 it costs you."),
    ),
    "usa": Role(
        who=("You are Washington. American troops are leaving Afghanistan (the withdrawal is due by "
             "August 31, 2021), but the United States still wants a foothold in the region and a "
             "check on China's reach."),
        wants=("A military base, or several.",
               "Influence (3 or more) in as many states as possible.",
               "China kept from leading in more than one state."),
        quote="despite withdrawing troops from Afghanistan, the US still wants to join the game",
        advice=("A base is worth the most, but Tajikistan and Uzbekistan have given no positive "
                "signal: build influence before you ask.",
                "A rejected base proposal costs you influence there and gives the Central Asian "
                "states a point."),
    ),
    "central_asia": Role(
        who=("You are the five governments of Central Asia together: Tajikistan, Uzbekistan and "
             "Turkmenistan on the Afghan border, Kyrgyzstan and Kazakhstan behind them. Every power "
             "courts you, and you answer their offers: accepting and rejecting both have "
             "consequences."),
        wants=("Stable states, and borders that hold against the Taliban.",
               "No single power dominant; no Sino-American confrontation on your soil.",
               "Jobs for a young, unemployed generation.",
               "No base you did not want."),
        quote="Neither country wants to be drawn into a Sino-American confrontation.",
        advice=("A state at stability 0 collapses: the game ends at once and everybody loses, you "
                "most of all.",
                "Your own ops stabilise states, fund jobs, guard borders and trim the leading "
                "power."),
    ),
}


def scoring_lines(state: State, seat: int) -> list[str]:
    """How ``seat`` scores, in words, with the numbers of ``game.rules.scoring`` and this scenario."""
    rules = state.rules
    names = lambda idx: ", ".join(country_name(i) for i in idx)  # noqa: E731
    s = SEATS[seat]
    lines: list[str] = []
    if s == "russia":
        held = [i for i in rules.csto if i in BORDERING]
        if held:
            lines.append(f"+{S.BORDER_HELD_VP} for each CSTO state on the Afghan border ({names(held)}) "
                         "with no incursion this turn")
        lines += [f"+1 when CSTO credibility is {S.CSTO_CREDIBLE} or more",
                  f"+{S.CSTO_LEAD_VP} for each CSTO state you lead ({names(rules.csto)})",
                  "+1 while there is no US base in the region; -1 for each US base once there is one"]
    elif s == "turkey":
        lines += [f"+1 for each Turkic state ({names(rules.turkic)}) where your influence is "
                  f"{S.TURKIC_PRESENCE} or more",
                  "+1 when you lead in two Turkic states or more"]
    elif s == "china":
        lines += [f"+1 for each of your completed projects (corridors) whose state has stability "
                  f"{S.CORRIDOR_STABILITY} or more",
                  "+1 for each state you lead",
                  f"+{S.TRADE_PARTNER_VP} when your influence is {S.TRADE_PARTNER_INFLUENCE} or more in "
                  f"{S.TRADE_PARTNER_STATES} states or more (the region's trading partner)",
                  "-1 for each US base"]
    elif s == "usa":
        lines += ["+2 for each US base",
                  "+1 for each state where your influence is 3 or more",
                  "+1 while China leads in one state or none"]
    else:
        lines += [f"+1 for each state at stability {S.STABLE} or more",
                  "+1 while no power leads in three states or more",
                  f"+1 while Sino-American tension is {S.CALM_TENSION} or less",
                  "-1 for each foreign base that was not there at the start"]
    head = "At every upkeep (the end of each turn):"
    out = [head] + ["  " + line for line in lines]
    if s != "central_asia":
        out.append(f"A project of yours pays {S.PROJECT_VP} VP the turn it is completed.")
        out.append(f"Raising Sino-American tension to {HIGH_TENSION} or more costs you 1 VP.")
    else:
        out.append("A base proposal you reject gives you 1 VP.")
    out.append("Some events give or take VP too.")
    collapse = "If a state's stability reaches 0 it collapses: the game ends at once and every seat loses"
    if s == "central_asia":
        collapse += f" (you also lose {COLLAPSE_PENALTY_CA} VP)"
    elif s == "russia":
        collapse += f" (a CSTO state's collapse also costs you {COLLAPSE_PENALTY_CSTO} VP)"
    out.append(collapse + ".")
    out.append("Otherwise the most VP after the last turn wins; a tie shares the win.")
    return out


def _there(text: str) -> str:
    return text.replace(" in —", " there")


def means_lines(seat: int) -> list[str]:
    """What the seat's operations points buy, and what its offer does if accepted or rejected."""
    out = [f"{op.label}: {_there(op_effects(None, seat, op, None))}" for op in SEAT_OPS[seat]]
    if seat in OFFERS:
        offer = OFFERS[seat]
        yes = "; ".join(_there(describe_effect(None, e, seat, None)) for e in offer.accept)
        no = "; ".join(_there(describe_effect(None, e, seat, None)) for e in offer.reject)
        out.append(f"Your offer is {offer_words(offer.kind, offer.name)}. If accepted: {yes}. If rejected: {no}.")
    if seat < len(POWERS):
        out.append(f"Your projects are {PROJECT_NAMES[seat]}s.")
    out.append(f"Once a turn you may shelve a rival's card instead of playing it: its event does not happen, "
               f"it gives no ops, and it costs you {SHELVE_VP} VP.")
    out.append("When the US withdrawal completes, the late period's cards join the decks: expect new events "
               "in the second half.")
    out.append("The Taliban choose one operation a turn, the first that applies: raid the weakest border, "
               "recruit among jobless youth, push refugees north, press the Moscow pledge, or regroup. "
               "Strong borders check their offensive.")
    return out


def position_lines(state: State, seat: int, show_hand: bool) -> list[str]:
    """Where ``seat`` stands in ``state``: VP, each state, bases, projects, hand (its titles only
    when ``show_hand``: a hand is private to its team)."""
    rules = state.rules
    out = [f"Victory points: {state.vp[seat]}"]
    if state.order:
        place = state.order.index(seat) + 1 if seat in state.order else None
        if place:
            out.append(f"Initiative this turn: {place} of {len(state.order)}")
    out.append("")
    if seat == CENTRAL_ASIA:
        out.append(f"{'state':<13}{'stab':>5}{'border':>7}{'youth':>6}{'refug':>6}  leader")
        for i, c in enumerate(state.countries):
            lead = c.leader()
            border = "-" if c.border is None else str(c.border)
            out.append(f"{country_name(i):<13}{c.stability:>5}{border:>7}{c.discontent:>6}{c.refugees:>6}  "
                       + (SEAT_NAMES[SEATS[lead]] if lead is not None else "none"))
    else:
        out.append(f"{'state':<13}{'yours':>5} {'':<6}{'best rival':>11}{'stab':>6}  member of")
        for i, c in enumerate(state.countries):
            rivals = [(c.influence[p], p) for p in range(len(POWERS)) if p != seat]
            best, who = max(rivals)
            tag = "leads" if c.leader() == seat else ""
            member = [m for m, group in (("CSTO", rules.csto), ("Turkic", rules.turkic)) if i in group]
            rival = f"{RIVAL_NAMES[SEATS[who]]} {best}"
            out.append(f"{country_name(i):<13}{c.influence[seat]:>5} {tag:<6}{rival:>11}{c.stability:>6}  "
                       + ", ".join(member))
    bases = [f"{SEAT_NAMES[SEATS[p]]} in {country_name(i)}" for i, c in enumerate(state.countries)
             for p in range(len(POWERS)) if c.bases[p]]
    out.append("")
    out.append("Bases: " + ("; ".join(bases) if bases else "none"))
    projects = [f"{country_name(ci)} ({left} turns left)" for o, ci, left in state.projects if o == seat]
    if projects:
        out.append("Your projects under way: " + ", ".join(projects))
    # The hand as its team reads it, or as the room (a projected screen) does: its size only.
    seen = observe(state, seat if show_hand else PUBLIC)
    size = seen.hand_sizes[seat]
    if show_hand:
        titles = ", ".join(f"{rules.cards[c].title} ({rules.cards[c].ops})" for c in seen.hand)
        out.append(f"Your hand ({size} cards, ops in brackets): {titles}")
    else:
        out.append(f"Your hand: {size} cards (shown only to your team, when it has the keyboard)")
    now = sum(points for s, points, _ in S.turn_scores(state) if s == seat)
    out.append(f"On this board an upkeep would give you {now:+d} VP.")
    return out


@attrs.frozen
class Brief:
    seat: str
    title: str
    sections: tuple  # of (heading, tuple of lines)


def role_brief(state: State, seat: int, *, team: str | None = None, show_hand: bool = False) -> Brief:
    """The whole brief of ``seat`` on ``state`` (the starting position before the first move)."""
    s = SEATS[seat]
    role = ROLES[s]
    title = SEAT_NAMES[s] + (f": {team_name(team)}" if team else "")
    sections = (
        ("Who you are", (role.who, "", f"The article: “{role.quote}”")),
        ("What you want", tuple("• " + w for w in role.wants)),
        ("How you score", tuple(scoring_lines(state, seat))),
        ("What you can do", tuple("• " + m for m in means_lines(seat))
         + ("• Every turn: play a card from your hand for its event, or for its ops points "
            "to spend on the actions above.",)),
        ("Where you stand", tuple(position_lines(state, seat, show_hand))),
        ("Advice", tuple("• " + a for a in role.advice)),
    )
    return Brief(s, title, sections)


def brief_text(brief: Brief) -> str:
    """A brief as plain text (headings underlined), for tests and plain clients."""
    parts = [brief.title, "=" * len(brief.title)]
    for heading, lines in brief.sections:
        parts += ["", heading, "-" * len(heading), *lines]
    return "\n".join(parts)


def unmatched_role_quotes(article: str) -> list[str]:
    """Seats whose role quote is not in the article (for the tests and ``cards check``)."""
    return [s for s, r in ROLES.items() if find_quote(article, r.quote) is None]

