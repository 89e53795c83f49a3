"""The game's themes. Each power has a colour variable ($power-russia, ...), used for the map
and the scores; the letters R T C U A always stand beside the colour, so colour is never the
only way to tell the powers apart. The colour-blind-safe theme uses the Okabe-Ito palette,
which stays distinct under the common forms of colour blindness."""

from __future__ import annotations

from textual.theme import Theme

# Defaults for any theme (Textual's own themes too, chosen from the command palette).
POWER_DEFAULTS = {
    "power-russia": "#d0453a",
    "power-turkey": "#1aa58a",
    "power-china": "#d9a916",
    "power-usa": "#3d7fd6",
    "power-central_asia": "#9b59b6",
    "power-none": "#7a7a7a",
    "danger": "#ff5f5f",
}

GREAT_GAME = Theme(
    name="great-game",
    primary="#c8963e",
    secondary="#5f8fb0",
    accent="#d9a916",
    warning="#e0a030",
    error="#e05050",
    success="#5fae6e",
    foreground="#e8e2d0",
    background="#15181c",
    surface="#1e2329",
    panel="#27303a",
    dark=True,
    variables=dict(POWER_DEFAULTS),
)

GREAT_GAME_LIGHT = Theme(
    name="great-game-light",
    primary="#8a5a14",
    secondary="#2f6690",
    accent="#a0760a",
    warning="#b06b00",
    error="#b3261e",
    success="#2e7d32",
    foreground="#1f1f1f",
    background="#f4efe4",
    surface="#ebe4d4",
    panel="#dcd3bf",
    dark=False,
    variables={**POWER_DEFAULTS, "power-russia": "#b3261e", "power-turkey": "#0b7a66",
               "power-china": "#a87d00", "power-usa": "#1f5fb0", "power-central_asia": "#7b3f9e",
               "danger": "#b3261e"},
)

# Okabe & Ito (2008): vermillion, bluish green, yellow, blue, reddish purple; grey for none.
COLOUR_BLIND = Theme(
    name="great-game-colour-blind",
    primary="#e69f00",
    secondary="#56b4e9",
    accent="#f0e442",
    warning="#e69f00",
    error="#d55e00",
    success="#009e73",
    foreground="#f0f0f0",
    background="#101010",
    surface="#1b1b1b",
    panel="#2a2a2a",
    dark=True,
    variables={**POWER_DEFAULTS, "power-russia": "#d55e00", "power-turkey": "#009e73",
               "power-china": "#f0e442", "power-usa": "#0072b2", "power-central_asia": "#cc79a7",
               "power-none": "#8c8c8c", "danger": "#d55e00"},
)

THEMES = (GREAT_GAME, GREAT_GAME_LIGHT, COLOUR_BLIND)
THEME_LABELS = {
    "great-game": "Great Game (dark)",
    "great-game-light": "Great Game (light)",
    "great-game-colour-blind": "Colour-blind safe",
}


def next_theme(name: str) -> str:
    """The theme after ``name`` in THEMES (the first after an unknown one), for F2."""
    names = [t.name for t in THEMES]
    i = names.index(name) if name in names else -1
    return names[(i + 1) % len(names)]


def theme_label(name: str) -> str:
    return THEME_LABELS.get(name, name)
