"""Small pieces for writing HTML by hand: escaping, tables, and one self-contained page with
its own style sheet (no external file, font or script), which prints cleanly.
"""

from __future__ import annotations

from html import escape


def esc(text) -> str:
    return escape(str(text), quote=True)


def table(headers: list[str], rows: list[list[str]], cls: str = "", raw: bool = False) -> str:
    """A table; cells are escaped unless ``raw`` (the caller built them as HTML)."""
    cell = (lambda c: str(c)) if raw else esc
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell(c)}</td>" for c in row) + "</tr>" for row in rows)
    klass = f' class="{esc(cls)}"' if cls else ""
    return f"<table{klass}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>\n"


CSS = """
:root { --ink: #1f1f1f; --muted: #5b5b5b; --rule: #d9d4c7; --paper: #ffffff; --tint: #f6f3ec;
        --met: #1b7a3a; --partly: #9a6a00; --missed: #b3261e; --accent: #2f6690; }
* { box-sizing: border-box; }
html { background: var(--paper); }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem 1.25rem 3rem; color: var(--ink);
       font: 15px/1.5 "Helvetica Neue", Helvetica, Arial, sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
p { margin: .4rem 0; }
.meta { color: var(--muted); }
.note { color: var(--muted); font-style: italic; }
.headline { font-size: 1.15rem; font-weight: bold; }
nav.toc { background: var(--tint); padding: .5rem 1rem; border-radius: 6px; margin: 1rem 0; }
nav.toc a { margin-right: 1rem; color: var(--accent); text-decoration: none; white-space: nowrap; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid var(--rule); padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--tint); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.wide { width: 100%; }
.board td { text-align: center; white-space: nowrap; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; border: 1px solid var(--rule); }
figcaption { color: var(--muted); font-size: .85rem; }
ol.points > li, ol.questions > li { margin-bottom: .7rem; }
.behind { margin: .2rem 0 0 1rem; padding-left: .6rem; border-left: 3px solid var(--rule); }
.changes { color: var(--muted); font-size: .88rem; }
.why { font-style: italic; }
.status { font-weight: bold; white-space: nowrap; }
.status.met { color: var(--met); } .status.partly { color: var(--partly); } .status.missed { color: var(--missed); }
.teams { display: grid; grid-template-columns: repeat(auto-fill, minmax(28rem, 1fr)); gap: 1rem; }
.team { border: 1px solid var(--rule); border-radius: 6px; padding: .6rem .9rem; }
.team h3 { margin-top: 0; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; vertical-align: -1px; margin-right: .3rem; }
blockquote { margin: .3rem 0 .6rem 1rem; padding-left: .7rem; border-left: 3px solid var(--rule); color: var(--muted); }
.turn { margin-top: 1.5rem; }
.turn ul { margin: .2rem 0 .6rem; padding-left: 1.3rem; }
.white-cell { background: var(--tint); }
@media print {
  @page { margin: 16mm 14mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav.toc { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure, .team, table, ol.points > li, ol.questions > li { break-inside: avoid; page-break-inside: avoid; }
  .turn { break-inside: auto; }
  a { color: inherit; text-decoration: none; }
  .teams { display: block; } .team { margin-bottom: .6rem; }
  .swatch, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def page(title: str, body: str, lang: str = "en") -> str:
    """One HTML document, everything inline."""
    return (f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n")
