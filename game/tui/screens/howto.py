"""How to play: the turn, the seats' goals, the tracks; written for a first game."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import MarkdownViewer

from game.tui.screens.base import BaseScreen
from game.tui.widgets.footer import KeyFooter

RULES = """\
# How to play

**Summer 2021.** The Taliban are retaking Afghanistan's provinces; officials and troops flee
north. Russia, Turkey, China and the United States compete for influence over five Central
Asian states, which want security without being drawn into a Sino-American confrontation.
Every card is written from one news article and quotes the sentence it comes from.

## The seats and what they score for

| seat | wants |
| --- | --- |
| **R** Russia | lead the CSTO states (Tajikistan, Kyrgyzstan, Kazakhstan); a credible CSTO; Tajikistan's border held; no US base |
| **T** Turkey | a strong presence in the Turkic states (Uzbekistan, Kazakhstan, Kyrgyzstan, Turkmenistan); lead in two or more |
| **C** China | working Belt and Road corridors in stable states; trade leads; a trading partner across the region (5+ influence in three states); no US base |
| **U** United States | a base or access agreement; influence (3+) across the region; China kept from leading widely |
| **A** Central Asian states | stable states; no dominant power; low tension; no unwanted bases |

The Taliban are not a seat: they act on their own in a phase of every turn, and every step
they take is logged with its numbers.

## A turn (one month)

1. **News.** A world card is revealed (in the historical scenario, dated cards arrive in
   their month: the withdrawal in August, the ultimatum in September, …; the what-if keeps
   only the July opening and the withdrawal on their dates and shuffles the rest).
2. **Actions.** In initiative order (it rotates each turn) every seat plays a card, twice
   round. Play a card **for its event**, or **for its operations points** (ops). Playing
   another seat's card for ops fires its event for that seat first.
   Ops buy your own menu: influence (+1 a point; 1 op more from 6 influence, and where another
   power has a base), projects that pay when complete, your security action, an **offer** to
   the Central Asian states (a pact, a cooperation agreement, a corridor, a base), which they
   accept or reject (both answers have consequences), and a **contest**: 2 ops to take a
   rival's influence in a state with a d6 (+1 where you have a base, -1 where they do): 2 or
   less backfires (you lose 1 there and the state 1 stability), 5+ takes 2, otherwise 1; between
   China and the US it raises tension. No lead is safe, not even at the cap of 10. Russia can
   also hold **Moscow talks** (+1 pledge) and the Central Asian states can say **Not our
   confrontation** (-1 tension).
   **Shelve** a rival's card once a turn instead of playing it: its event does not happen, it
   gives no ops, and it costs you 1 VP.
3. **Taliban phase.** The offensive may advance (a d6 of 4+, 3+ once the US has gone);
   fighters may disobey the Moscow pledge. Then the Taliban choose **one operation**, the
   first of these that applies: *raid* the weakest border (security at most its pressure + 1:
   +2 pressure there); *recruit* where youth discontent is 6+ (discontent +1, more
   radicalise); *push refugees north* at momentum 6+; *press the Moscow pledge* at 5+ (-1);
   otherwise *regroup* (the offensive rolls again). Each border state then faces pressure (a
   third of the momentum, of the broken pledge and of the refugees, plus a die, plus a raid)
   against its border security: an incursion costs stability, and in a CSTO member 1 CSTO
   credibility. If every border holds, the offensive is checked (momentum -1). Refugees (6+)
   and jobless youth (5+) destabilise states.
4. **Upkeep.** Projects advance, every seat scores victory points, tension and CSTO
   credibility fall by 1 (they stay high only if fed), hands are refilled.

**Two periods.** When the US withdrawal completes, the late period's cards are shuffled into
the action deck and the world deck: the second half brings cards the first half lacked.

The game ends after the last turn, when the most victory points win. It ends at once if a
state's stability reaches 0: the state collapses, the Taliban have won, and **every seat
loses**. The powers compete, but share a stake in the region's stability.

## The tracks

- **Taliban momentum** (0–10): how strong the offensive is; it adds to the pressure on every
  border.
- **Moscow pledge** (0–10): the Taliban's promise not to cross north; a broken pledge adds
  pressure. Moscow talks rebuild it.
- **Fighters' discipline** (0–10): the higher, the less often fighters disobey.
- **Sino-American tension** (0–10): raising it to 7 or more costs the raiser a victory point
  with the Central Asian states, and high tension costs them their calm. It eases by 1 each
  month.
- **CSTO credibility** (0–10): Russia's alliance; Russia scores at 9 or more. It fades by 1
  each month and with each incursion into a member, and grows when Russia reinforces.
- **US withdrawal**: due in August 2021; once complete, the Taliban advance faster.

## On screen

- The **map** colours each state by the power that leads there and prints its letter too.
- The **Move** tab asks what the game is waiting for; every choice it lists is legal; confirm
  with Enter, step back with Escape, undo your own moves of this turn with `u`.
- `?` explains any screen; `ctrl+p` opens the command palette (themes, pace, saving, …).

## Teaching with it

Running a class? `g` opens the **facilitator's guide**: learning objectives, a 60- and a
90-minute plan, how to brief, when to inject, the debrief, and a note on the article the cards
come from.
"""


class HowToScreen(BaseScreen):
    GUIDE = ("The rules in brief. Arrows or Page Up/Down scroll; `g` opens the facilitator's guide (for a "
             "seminar); Escape goes back.")
    BINDINGS = [Binding("escape", "back", "Back"), Binding("g", "guide", "Facilitator's guide")]

    def body(self) -> ComposeResult:
        yield MarkdownViewer(RULES, show_table_of_contents=False, id="rules")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#rules").focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_guide(self) -> None:
        from game.tui.screens.guide import GuideScreen

        self.app.push_screen(GuideScreen())
