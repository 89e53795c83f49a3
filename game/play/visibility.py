"""Who may read what, as a table: the viewers' words and the kinds of log entries each may read.
game.play.observer applies it (``observe``, ``entry_for``, ``readable_log``); nothing else does.

A seat reads the board, the played cards, its own hand and reasons, and what the others did;
not their hands, the order of the decks, the news the facilitator holds back or brings forward,
the facilitator's notes, another team's typed rationale or predictions, or the alternatives
another seat's computer weighed (those are the cards still in its hand). The facilitator reads everything; so
does everyone once the game is over. The public (a projected screen) reads what every seat may.

Viewers are a seat's index (0-4) or one of the words below. The TUI's log, the text client,
replays, reports and the computer players all ask game.play.observer, so no two of them can disagree.
"""

from __future__ import annotations

FACILITATOR, PUBLIC, AFTER = "facilitator", "public", "after"
VIEWER_WORDS = (FACILITATOR, PUBLIC, AFTER)

# A computer's reason is "what it did (its value); next best: the alternatives". What it did
# is public once done; the alternatives name cards still in its hand, so only its own seat (and
# the facilitator, and everyone after the game) reads past this mark.
ALTERNATIVES = "; next best: "

# What the facilitator does that the teams may not read while they play: which news was held
# back, released or brought forward (it tells what is coming) and the facilitator's own notes.
TEAM_PRIVATE_ENTRIES = ("hold", "release", "next", "note")

# A seat's own record, read by that seat (and the facilitator, and everyone after the game),
# never by another seat or the public: a team's predictions (entry[1] is the seat). Unlike a
# rationale, not even what was predicted is public: it would tell the others what a team expects.
SEAT_OWN_ENTRIES = ("predict",)


# Log kinds every seat reads: plays, events, offers, their consequences, the Taliban (``t_…``),
# scores, and the facilitator's open rulings (an injected card, an adjudication). A kind not
# named here (nor a reason, nor a team-private one) is hidden from the seats until it is
# classified, so a new private kind cannot leak by default.
PUBLIC_KINDS = frozenset({
    "turn", "news", "play", "event", "target", "option", "op", "ops_end", "offer", "answer",
    "field", "track", "influence", "vp", "base", "tension_cost", "withdrawn", "project_start",
    "project_dup", "project_stalled", "project_done", "no_cards", "phase", "collapse", "end",
    "inject", "adjust", "contest", "period", "tension_eases", "csto_fades",
})
TALIBAN_PREFIX = "t_"
