"""The static site of a release: an index of the editions and a page per edition.

Pages are rendered from the Markdown editions with markdown-it-py. The JSON
edition, whose blocks match the Markdown blocks one for one, supplies what
Markdown cannot say: stable anchors for every heading (`a2-h3`) and numbered
clause (`a5-c12`, clause 12 of the fifth article), and where pages began.
No JavaScript; one stylesheet inline.
"""

from __future__ import annotations

import html
from collections import Counter
from pathlib import PurePosixPath

from markdown_it import MarkdownIt
from markdown_it.token import Token

_STYLE = """
:root { color-scheme: light; --ink: #1d1d1f; --muted: #6e6e73; --rule: #d2d2d7; --accent: #9c1c1c; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fbfaf7; line-height: 1.9; font-size: 18px;
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", serif; }
header.site { border-bottom: 1px solid var(--rule); padding: .6em 1.2em; font-family: sans-serif; font-size: 15px; }
header.site a { color: var(--accent); text-decoration: none; }
.page { display: flex; gap: 2.5em; max-width: 70em; margin: 0 auto; padding: 1.5em 1.2em 4em; }
nav.toc { flex: 0 0 16em; font-size: 14px; line-height: 1.6; font-family: sans-serif; position: sticky; top: 1em;
  align-self: flex-start; max-height: 95vh; overflow: auto; }
nav.toc ol { list-style: none; padding-left: 0; margin: 0; }
nav.toc li { margin: .25em 0; }
nav.toc a { color: var(--ink); text-decoration: none; }
nav.toc a:hover { color: var(--accent); }
nav.toc .l3 { padding-left: 1em; } nav.toc .l4 { padding-left: 2em; } nav.toc .l5 { padding-left: 3em; }
article { flex: 1 1 auto; max-width: 42em; }
article h1 { font-size: 1.7em; line-height: 1.4; text-align: center; margin: 1.2em 0 .4em; }
article h2 { font-size: 1.3em; margin: 1.6em 0 .6em; } article h3 { font-size: 1.1em; margin: 1.2em 0 .5em; }
article p { margin: .5em 0; text-indent: 2em; text-align: justify; }
article p > em:only-child { display: block; text-indent: 0; text-align: center; font-style: normal; color: var(--muted); }
article hr { border: 0; border-top: 1px solid var(--rule); margin: 3em 0; }
:target { background: #fff4d6; }
.pb { text-indent: 0; font: 12px sans-serif; color: var(--muted); border-top: 1px dashed var(--rule); margin: 1em 0; padding-top: .2em; }
table { border-collapse: collapse; width: 100%; font-size: 15px; }
th, td { text-align: left; padding: .5em .6em; border-bottom: 1px solid var(--rule); vertical-align: top; }
td.files a { margin-right: .6em; font-family: sans-serif; }
.meta { color: var(--muted); font-size: 14px; }
@media (max-width: 50em) { .page { display: block; } nav.toc { position: static; max-height: none; } }
"""

_md = MarkdownIt("commonmark")


def _page(title: str, body: str, home: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f'<header class="site"><a href="{home}">zhengli 整理 · 全部文献</a></header>\n'
        f"{body}\n</body>\n</html>\n"
    )


def anchors(data: dict) -> list[str | None]:
    """The anchor of each block of a JSON edition, in block order: headings and numbered clauses only.

    >>> anchors({"texts": [{"blocks": [{"type": "title"}, {"type": "heading"},
    ...     {"type": "paragraph", "label": {"n": 3}}, {"type": "paragraph", "label": None}]}]})
    ['a1-title', 'a1-h1', 'a1-c3', None]
    """
    result: list[str | None] = []
    for article, text in enumerate(data["texts"], 1):
        headings, clauses = 0, Counter()
        for block in text["blocks"]:
            label = block.get("label") or {}
            if block["type"] == "title":
                result.append(f"a{article}-title")
            elif block["type"] == "heading":
                headings += 1
                result.append(f"a{article}-h{headings}")
            elif block["type"] == "paragraph" and label.get("n") is not None:
                clauses[label["n"]] += 1
                seen = clauses[label["n"]]
                result.append(f"a{article}-c{label['n']}" + (f"-{seen}" if seen > 1 else ""))
            else:
                result.append(None)
    return result


def render_edition(name: str, markdown: str, data: dict, downloads: dict[str, str]) -> str:
    """One edition's page: table of contents, text with anchors and page-break markers, downloads."""
    blocks = [b for text in data["texts"] for b in text["blocks"]]
    ids = anchors(data)
    tokens = _md.parse(markdown)
    out: list[Token] = []
    position, last_page = 0, 1
    toc = []
    for token in tokens:
        if token.nesting == 1 and token.level == 0 and token.type in ("heading_open", "paragraph_open"):
            block = blocks[position]
            if block["pages"] and block["pages"][0] > last_page:
                out.append(_page_break(block["pages"][0]))
            last_page = block["pages"][-1] if block["pages"] else last_page
            if ids[position]:
                token.attrSet("id", ids[position])
                if block["type"] in ("title", "heading"):
                    toc.append((block.get("level") or 1, ids[position], block["text"]))
            position += 1
        out.append(token)
    depth = "../" * (len(PurePosixPath(name).parts) - 1)
    links = " ".join(f'<a href="{html.escape(href)}">{label}</a>' for label, href in downloads.items())
    contents = "".join(f'<li class="l{level}"><a href="#{anchor}">{html.escape(text)}</a></li>' for level, anchor, text in toc)
    body = (
        '<div class="page">\n'
        f'<nav class="toc" aria-label="目录"><p class="meta">下载：{links}</p><ol>{contents}</ol></nav>\n'
        f"<article>\n{_md.renderer.render(out, _md.options, {})}</article>\n</div>"
    )
    title = next((b["text"] for b in blocks if b["type"] == "title"), name)
    return _page(title, body, f"{depth}index.html")


def _page_break(page: int) -> Token:
    token = Token("html_block", "", 0)
    token.content = f'<p class="pb" role="separator">第 {page} 页</p>\n'
    return token


def render_index(entries: list[dict]) -> str:
    """The list of editions: title, subtitle, date, source and the three downloads."""
    rows = []
    for entry in entries:
        files = " ".join(f'<a href="{html.escape(f["name"])}">{label}</a>' for label, f in entry["files"].items())
        subtitle = f'<div class="meta">{html.escape(entry["subtitle"])}</div>' if entry.get("subtitle") else ""
        rows.append(
            f'<tr><td><a href="{html.escape(entry["id"])}.html">{html.escape(entry["title"] or entry["id"])}</a>{subtitle}</td>'
            f'<td>{html.escape(entry.get("date") or "")}</td><td class="meta">{html.escape(entry["source"]["path"])}</td>'
            f'<td class="files">{files}</td></tr>'
        )
    table = ("<table><thead><tr><th>文献</th><th>日期</th><th>来源</th><th>下载</th></tr></thead>\n"
             f"<tbody>\n{chr(10).join(rows)}\n</tbody></table>")
    body = f'<div class="page"><article><h1>全部文献</h1>\n<p class="meta">{len(entries)} 篇</p>\n{table}</article></div>'
    return _page("zhengli 整理 · 全部文献", body, "index.html")
