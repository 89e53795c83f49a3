"""Line charts as SVG text, written by hand: every seat's VP over the turns and the tracks over
the turns, for the after-action report (inline in its HTML, as files beside its Markdown).

No plotting library: a chart is a few dozen elements. Each line carries its numbers in
``data-values`` and the chart its scale (``data-ymin``, ``data-ymax``, ``data-top``,
``data-bottom``), so a test can read the points back and check them against the game. Colours
are the Okabe–Ito palette (safe for colour-blind readers) and each line has its own dash
pattern and marker, so a black-and-white print still tells them apart.
"""

from __future__ import annotations

from html import escape

from game.rules.model import SEAT_NAMES, SEATS, TRACK_MAX, TRACK_MIN, TRACKS
from game.rules.primitives import HIGH_TENSION

SEAT_COLOURS = {"russia": "#d55e00", "turkey": "#009e73", "china": "#a8780a", "usa": "#0072b2",
                "central_asia": "#cc79a7"}
TRACK_COLOURS = {"momentum": "#3b3b3b", "pledge": "#6a3d9a", "discipline": "#009e73", "tension": "#d55e00",
                 "csto": "#0072b2"}
TRACK_LABELS = {"momentum": "Taliban momentum", "pledge": "Moscow pledge", "discipline": "Fighters' discipline",
                "tension": "Sino-American tension", "csto": "CSTO credibility"}
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2")
MARKERS = ("circle", "square", "diamond", "triangle", "cross")

WIDTH, HEIGHT = 680, 300
LEFT, RIGHT, TOP, BOTTOM = 44, 190, 34, 40


def _ticks(lo: int, hi: int) -> list[int]:
    span = hi - lo
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500) if span / s <= 8)
    first = -(-lo // step) * step
    return list(range(first, hi + 1, step))


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>'
    if kind == "square":
        return f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" fill="{colour}"/>'
    if kind == "diamond":
        return f'<path d="M{x:.1f},{y - 4:.1f} L{x + 4:.1f},{y:.1f} L{x:.1f},{y + 4:.1f} L{x - 4:.1f},{y:.1f} Z" fill="{colour}"/>'
    if kind == "triangle":
        return f'<path d="M{x:.1f},{y - 4:.1f} L{x + 4:.1f},{y + 3:.1f} L{x - 4:.1f},{y + 3:.1f} Z" fill="{colour}"/>'
    return (f'<path d="M{x - 3:.1f},{y - 3:.1f} L{x + 3:.1f},{y + 3:.1f} M{x - 3:.1f},{y + 3:.1f} L{x + 3:.1f},{y - 3:.1f}" '
            f'stroke="{colour}" stroke-width="2"/>')


def line_chart(chart_id: str, title: str, x_labels: list[str], series: list[tuple[str, str, str, list[int]]],
               y_range: tuple[int, int] | None = None, marks: tuple = (), y_label: str = "") -> str:
    """An SVG line chart. ``series``: (key, label, colour, values), one value per x label.
    ``marks``: (value, words) for dashed horizontal guide lines."""
    values = [v for _, _, _, vs in series for v in vs]
    lo, hi = y_range if y_range is not None else (min([0] + values), max([1] + values))
    if hi == lo:
        hi = lo + 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = max(1, len(x_labels) - 1)

    def x(i: int) -> float:
        return LEFT + plot_w * i / n

    def y(v: float) -> float:
        return TOP + plot_h * (hi - v) / (hi - lo)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{escape(chart_id)}" '
           f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
           f'aria-labelledby="{escape(chart_id)}-title" data-ymin="{lo}" data-ymax="{hi}" '
           f'data-top="{TOP}" data-bottom="{TOP + plot_h}" data-left="{LEFT}" data-right="{LEFT + plot_w}" '
           f'font-family="Helvetica, Arial, sans-serif" font-size="12">',
           f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
           f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
           f'<text x="{LEFT}" y="20" font-size="14" font-weight="bold" fill="#1f1f1f">{escape(title)}</text>']
    for t in _ticks(lo, hi):
        out.append(f'<line x1="{LEFT}" y1="{y(t):.1f}" x2="{LEFT + plot_w}" y2="{y(t):.1f}" stroke="#dddddd"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y(t) + 4:.1f}" text-anchor="end" fill="#555555">{t}</text>')
    for value, words in marks:
        out.append(f'<line x1="{LEFT}" y1="{y(value):.1f}" x2="{LEFT + plot_w}" y2="{y(value):.1f}" '
                   f'stroke="#999999" stroke-dasharray="4 4"/>')
        out.append(f'<text x="{LEFT + 4}" y="{y(value) - 4:.1f}" fill="#777777" font-size="10">{escape(words)}</text>')
    for i, label in enumerate(x_labels):
        out.append(f'<text x="{x(i):.1f}" y="{TOP + plot_h + 16}" text-anchor="middle" fill="#555555">{escape(label)}</text>')
    out.append(f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" stroke="#888888"/>')
    out.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#888888"/>')
    out.append(f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 6}" text-anchor="middle" fill="#555555">turn</text>')
    if y_label:
        out.append(f'<text x="12" y="{TOP + plot_h / 2:.1f}" text-anchor="middle" fill="#555555" '
                   f'transform="rotate(-90 12 {TOP + plot_h / 2:.1f})">{escape(y_label)}</text>')
    for k, (key, label, colour, vs) in enumerate(series):
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(vs))
        dash = f' stroke-dasharray="{DASHES[k % len(DASHES)]}"' if DASHES[k % len(DASHES)] else ""
        out.append(f'<g class="series" data-series="{escape(key)}" data-values="{",".join(map(str, vs))}">')
        out.append(f'<title>{escape(label)}: {", ".join(map(str, vs))}</title>')
        out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2.2"{dash} points="{points}"/>')
        out += [_marker(MARKERS[k % len(MARKERS)], x(i), y(v), colour) for i, v in enumerate(vs)]
        out.append("</g>")
        ly = TOP + 8 + k * 20
        lx = LEFT + plot_w + 14
        out.append(f'<line x1="{lx}" y1="{ly}" x2="{lx + 22}" y2="{ly}" stroke="{colour}" stroke-width="2.2"{dash}/>')
        out.append(_marker(MARKERS[k % len(MARKERS)], lx + 11, ly, colour))
        last = f" ({vs[-1]})" if vs else ""
        out.append(f'<text x="{lx + 28}" y="{ly + 4}" fill="#1f1f1f">{escape(label)}{last}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def x_labels(rows: list[dict]) -> list[str]:
    return ["start" if r["turn"] == 0 else str(r["turn"]) + ("" if r["complete"] else "*") for r in rows]


def vp_chart(data: dict) -> str:
    """Every seat's VP at the start and as each turn ended (the report's ``board`` rows)."""
    rows = data["board"]
    series = [(s, SEAT_NAMES[s], SEAT_COLOURS[s], [r["vp"][s] for r in rows]) for s in SEATS]
    return line_chart("vp-chart", "Victory points by seat, turn by turn", x_labels(rows), series, y_label="VP")


def tracks_chart(data: dict) -> str:
    """The five tracks at the start and as each turn ended."""
    rows = data["board"]
    series = [(t, TRACK_LABELS[t], TRACK_COLOURS[t], [r["tracks"][t] for r in rows]) for t in TRACKS]
    return line_chart("tracks-chart", "The tracks, turn by turn", x_labels(rows), series,
                      y_range=(TRACK_MIN, TRACK_MAX), marks=((HIGH_TENSION, f"tension {HIGH_TENSION}: high"),))


CHARTS = {"vp": vp_chart, "tracks": tracks_chart}  # name -> chart of report data
