"""The New Great Game: a strategic scenario wargame of Central Asia, summer 2021.

The package splits into a headless rules engine (everything outside ``game.tui``) and the
clients that drive it. The engine never imports Textual.
"""

__version__ = "0.1.0"
