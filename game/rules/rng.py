"""Chance as a pure function of (seed, counter).

We hash with SplitMix64 instead of using ``random``: the sequence is defined by this file alone,
so a save replays identically on any Python version, and drawing needs no generator object in
the state (a state copy is just the counter).
"""

_MASK = (1 << 64) - 1


def draw(seed: int, counter: int, sides: int) -> int:
    """A uniform integer in ``range(sides)`` for the ``counter``-th draw of game ``seed``."""
    z = (seed + (counter + 1) * 0x9E3779B97F4A7C15) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    z ^= z >> 31
    return ((z >> 11) * sides) >> 53
