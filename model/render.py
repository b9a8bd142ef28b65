"""Human views of results: a terminal table and an HTML page that highlights entities beside the records."""
from __future__ import annotations

import html

from .display import display_name
from .results import ArticleResult

LABEL_COLOURS = {"PARTY": "#cfe8ff", "OFFICIAL": "#ffe1c4", "TITLE": "#fff3b0", "DATE": "#d6f5d6",
                 "AMOUNT": "#f5d0f0", "AGREEMENT": "#e0d7ff"}


def render_table(result: ArticleResult) -> str:
    # the source on one line: a file name with a newline split the header and looked like two articles
    lines = [f"== {display_name(result.source) if result.source else '<text>'}  published={result.published or '?'}  title={result.title or ''}"]
    if not result.agreements:
        lines.append("   (no agreement signed)")
    for i, ag in enumerate(result.agreements, 1):
        said = f" ({ag.date_text})" if ag.date_text else ""
        lines.append(f"[{i}] {ag.title or '(untitled agreement)'}   date={ag.date or '?'}{said}  "
                     f"confidence={ag.confidence:.2f}")
        for p in ag.parties:
            alias = f"  aka {', '.join(p.aliases)}" if p.aliases else ""
            lines.append(f"    party     {p.name} [{p.kind}]{alias}")
        for o in ag.officials:
            lines.append(f"    {o.role:<9} {o.name}  {o.title or ''}  ({o.party or '?'})")
        for a in ag.amounts:
            value = f"{a.value:,.0f}" if a.value is not None else "?"
            upper = f"–{a.value_max:,.0f}" if a.value_max else ""
            lines.append(f"    amount    {a.text} = {value}{upper} {a.currency or ''} {a.purpose or ''}")
    return "\n".join(lines)


def _highlight(result: ArticleResult) -> str:
    out, pos = [], 0
    for e in sorted(result.entities, key=lambda e: e.start):
        if e.start < pos:
            continue
        out.append(html.escape(result.text[pos:e.start]))
        out.append(f'<mark class="{e.label}" title="{e.label} {e.score:.2f}">{html.escape(result.text[e.start:e.end])}'
                   f'<sub>{e.label}</sub></mark>')
        pos = e.end
    out.append(html.escape(result.text[pos:]))
    return "".join(out).replace("\n", "<br>\n")


def _records_html(result: ArticleResult) -> str:
    if not result.agreements:
        return "<p><em>No agreement signed.</em></p>"
    parts = []
    for ag in result.agreements:
        rows = "".join(f"<li><b>{html.escape(p.name)}</b> <small>{p.kind}</small>"
                       f"{' — ' + html.escape('、'.join(p.aliases)) if p.aliases else ''}</li>" for p in ag.parties)
        people = "".join(f"<li>{o.role}: <b>{html.escape(o.name)}</b> {html.escape(o.title or '')} "
                         f"<small>{html.escape(o.party or '')}</small></li>" for o in ag.officials)
        # an amount without a value (若干亿元) is still shown, as the table shows it: a reviewer must see it
        money = "".join(f"<li>{html.escape(a.text)} = {'?' if a.value is None else f'{a.value:,.0f}'} "
                        f"{a.currency or ''} {html.escape(a.purpose or '')}</li>" for a in ag.amounts)
        said = f" <small>({html.escape(ag.date_text)})</small>" if ag.date_text else ""
        parts.append(f"<div class='rec'><h3>{html.escape(ag.title or '(untitled agreement)')}</h3>"
                     f"<p>date: {ag.date or '?'}{said} · "
                     f"confidence {ag.confidence:.2f}</p><ul>{rows}</ul><ul>{people}</ul><ul>{money}</ul></div>")
    return "".join(parts)


def render_html(results: list[ArticleResult]) -> str:
    css = "".join(f"mark.{k}{{background:{v}}}" for k, v in LABEL_COLOURS.items())
    legend = " ".join(f"<mark class='{k}'>{k}</mark>" for k in LABEL_COLOURS)
    body = "".join(
        f"<section><h2>{html.escape(r.title or r.source or '')}</h2><p><small>{html.escape(r.source or '')} · "
        f"published {r.published or '?'}</small></p><div class='grid'><div class='text'>{_highlight(r)}</div>"
        f"<div class='records'>{_records_html(r)}</div></div></section>" for r in results)
    return f"""<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>qianyue results</title><style>
body{{font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei","WenQuanYi Micro Hei","Droid Sans Fallback",sans-serif;margin:1.5em;}} .grid{{display:grid;grid-template-columns:3fr 2fr;gap:1.5em}}
.text{{line-height:1.9}} mark{{padding:0 2px;border-radius:3px}} mark sub{{font-size:60%;color:#555}}
.rec{{border:1px solid #ccc;border-radius:6px;padding:.5em 1em;margin-bottom:1em}} section{{border-bottom:2px solid #eee}}
{css}</style></head><body><h1>qianyue results</h1><p>{legend}</p>{body}</body></html>
"""
