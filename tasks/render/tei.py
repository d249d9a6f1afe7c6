"""TEI P5 edition: for archivists and scholarly editions.

Title blocks go to `front/docTitle`, an official document's masthead (the issuing authority's
mark) to `front/byline/docAuthor`, headings open nested `div`s by level,
clause numbers are `label`s and lead sentences `seg`s, a table of contents is a
`list type="contents"`, a PDF's footnote a `note place="foot"`, page breaks are `pb`s (inside a paragraph when
the page turned mid-paragraph), and a compilation is a `group` of `text`s.
When the raw file was a PDF, a `facsimile` holds one `surface` per page and a
`zone` per block and page, and each block points at its zones with `@facs`.
Where the script step converted traditional characters, the text holds both readings,
`<choice><orig>現代化</orig><reg>现代化</reg></choice>`, as the blocks' `originals` say, and the
header declares that normalisation as marked up (`normalization method="markup"`).
"""

from __future__ import annotations

from collections import Counter

from lxml import etree
from zhengli.tasks.model import Block, Document, Surface, Text

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_T = f"{{{TEI_NS}}}"

BLOCKS = "//t:text//*[@xml:id][not(self::t:text)]"
"""Where a TEI edition holds the document's blocks, in order: every block element, and nothing else
but an article's `text`, carries an `xml:id` (each is made by `_block_element`). The quality gate
reads the blocks back by it."""
_TITLE_PART = {"kicker": "kicker", "title": "main", "subtitle": "sub"}
_HEADLINE_TYPES = ("kicker", "title", "subtitle", "meta")

NORMALISATIONS = (
    "Line breaks of the extraction removed and paragraphs rejoined; page numbers, running headers and "
    "continuation markers removed and page breaks kept as pb; spaces between Chinese characters and digits "
    "removed; half-width punctuation in Chinese text made full-width; pinyin annotations removed; look-alike "
    "radicals unified. Every change is listed with its source line in the JSON edition."
)
SCRIPT_NORMALISATION = (
    "Traditional passages converted to simplified characters (OpenCC tw2s): each conversion is marked in the "
    "text as choice, the source's characters in orig, the simplified reading in reg."
)
"""Declared, with `method="markup"`, where the document holds conversions; without them (`--script
keep`, or a text in simplified characters) the edition is in the source's script and says nothing of it."""
ORIGINAL_LANG = "zh-Hant"
"""The language of an `orig`: the traditional characters the source printed."""


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, _T + tag, {k.replace("_", ":") if k != "type" else k: v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


class _Facsimile:
    """The pages of a PDF as `surface`s (points, origin at the top left as TEI draws them), which
    take a `zone` for each region of a block."""

    def __init__(self, root: etree._Element, surfaces: list[Surface]) -> None:
        self.surfaces: dict[int, tuple[etree._Element, float]] = {}
        if surfaces:
            facsimile = _el(root, "facsimile")
            for surface in surfaces:
                element = _el(facsimile, "surface", n=str(surface.page), ulx="0", uly="0", lrx=_number(surface.width), lry=_number(surface.height))
                self.surfaces[surface.page] = (element, surface.height)

    def point(self, element: etree._Element, block: Block, xml_id: str) -> None:
        """Give `element` a `@facs` naming a new zone for each region of `block`."""
        zones = []
        for k, region in enumerate(block.regions, start=1):
            surface, height = self.surfaces[region.page]
            x0, y0, x1, y1 = region.bbox
            zone = _el(surface, "zone", ulx=_number(x0), uly=_number(height - y1), lrx=_number(x1), lry=_number(height - y0))
            zone.set(f"{{{XML_NS}}}id", f"{xml_id}-z{k}")
            zones.append(f"#{xml_id}-z{k}")
        if zones:
            element.set("facs", " ".join(zones))


def _number(value: float) -> str:
    return f"{round(value, 2):g}"


def tei_blocks(tree: etree._Element | etree._ElementTree) -> list[etree._Element]:
    """The elements holding the blocks of a TEI edition, in document order (see `BLOCKS`)."""
    return tree.xpath(BLOCKS, namespaces={"t": TEI_NS})


def block_text(element: etree._Element) -> str:
    """A block element's text as the edition reads it: a `choice`'s `reg`, not its `orig`."""
    return "".join(element.xpath(".//text()[not(ancestor::t:orig)]", namespaces={"t": TEI_NS}))


def _block_element(parent: etree._Element, tag: str, xml_id: str, **attrs: str) -> etree._Element:
    """The element of one block: every block is written by this, with its `xml:id`, which is how `tei_blocks` finds it."""
    element = _el(parent, tag, **attrs)
    element.set(f"{{{XML_NS}}}id", xml_id)
    return element


class _Reading:
    """A block's text as TEI writes it, piece by piece: `pb` milestones at its page breaks and
    a `choice` of `orig` and `reg` at each of its `originals`. A piece cuts a conversion where it
    reads character for character; one it cannot cut so is written as read, its original left to
    the repair record."""

    def __init__(self, block: Block) -> None:
        self.text = block.text
        self.breaks = block.offset_breaks
        self.spans = [(o.offset, o.offset + o.length, o.original) for o in block.originals]

    def write(self, element: etree._Element, start: int = 0, end: int | None = None, milestones: bool = True) -> None:
        """Append `text[start:end]` to `element`, after its last child; with `milestones`, a `pb`
        at each page break from `start` on (before `end`, or at it where the piece ends the text)."""
        end = len(self.text) if end is None else end
        cuts = [(at, n) for at, n in self.breaks if milestones and start <= at and (at < end or at == len(self.text))]
        position = start
        for at, n in cuts:
            self._plain(element, position, at)
            _el(element, "pb", **({"n": n} if n else {}))
            position = at
        self._plain(element, position, end)

    def _plain(self, element: etree._Element, start: int, end: int) -> None:
        """`text[start:end]` with the conversions inside it as `choice`s."""
        position = start
        for first, last, original in self._within(start, end):
            _append_text(element, element[-1] if len(element) else None, self.text[position:first])
            choice = _el(element, "choice")
            _el(choice, "orig", original).set(f"{{{XML_NS}}}lang", ORIGINAL_LANG)
            _el(choice, "reg", self.text[first:last])
            position = last
        _append_text(element, element[-1] if len(element) else None, self.text[position:end])

    def _within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The conversions inside `text[start:end]`: whole, or the part inside where a conversion
        reads character for character; a part that changed nothing is no conversion."""
        found = []
        for first, last, original in self.spans:
            if first >= start and last <= end and (first < last or original):
                found.append((first, last, original))
            elif first < end and last > start and last - first == len(original):
                cut_first, cut_last = max(first, start), min(last, end)
                part = original[cut_first - first:cut_last - first]
                if part != self.text[cut_first:cut_last]:
                    found.append((cut_first, cut_last, part))
        return found


def render_tei(document: Document) -> str:
    root = etree.Element(_T + "TEI", nsmap={None: TEI_NS})
    root.set(f"{{{XML_NS}}}lang", _language(document))
    _header(root, document)
    facsimile = _Facsimile(root, document.surfaces)
    outer = _el(root, "text")
    if len(document.texts) == 1:
        _text_content(outer, document.texts[0], "a1", facsimile)
    else:
        group = _el(outer, "group")
        for index, text in enumerate(document.texts, start=1):
            inner = _el(group, "text")
            inner.set(f"{{{XML_NS}}}id", f"a{index}")
            _text_content(inner, text, f"a{index}", facsimile)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")


def _language(document: Document) -> str:
    """The edition's script: simplified, unless the source's traditional script was kept (no conversion in it)."""
    converted = any(block.originals for block in document.blocks())
    return ORIGINAL_LANG if document.script == "traditional" and not converted else "zh-Hans"


def _header(root: etree._Element, document: Document) -> None:
    header = _el(root, "teiHeader")
    file_desc = _el(header, "fileDesc")
    _el(_el(file_desc, "titleStmt"), "title", document.title or document.source.path)
    _el(_el(file_desc, "publicationStmt"), "p", "Cleaned edition produced by zhengli from the raw file named in sourceDesc.")
    bibl = _el(_el(file_desc, "sourceDesc"), "bibl")
    _el(bibl, "idno", document.source.path, type="file")
    _el(bibl, "idno", document.source.sha256, type="sha256")
    _el(bibl, "note", f"{document.source.encoding} (confidence {document.source.confidence})", type="encoding")
    editorial = _el(_el(header, "encodingDesc"), "editorialDecl")
    _el(_el(editorial, "normalization", method="silent"), "p", NORMALISATIONS)
    if any(block.originals for block in document.blocks()):
        _el(_el(editorial, "normalization", method="markup"), "p", SCRIPT_NORMALISATION)
    steps = Counter(repair.step for repair in document.repairs)
    summary = ", ".join(f"{step} {count}" for step, count in sorted(steps.items())) or "none"
    _el(_el(header, "revisionDesc"), "change", f"Repairs made by zhengli: {summary}.")


def _text_content(text_el: etree._Element, text: Text, prefix: str, facsimile: _Facsimile) -> None:
    opening = next((i for i, b in enumerate(text.blocks) if b.type not in _HEADLINE_TYPES or b.kind == "footnote"), len(text.blocks))
    headline, body_blocks = text.blocks[:opening], text.blocks[opening:]
    if headline:
        front = _el(text_el, "front")
        doc_title = None
        for index, block in enumerate(headline, start=1):
            if block.type == "meta":
                # The masthead's byline gets an empty text: pretty-printing leaves mixed content unindented.
                byline = _block_element(front, "byline", f"{prefix}-f{index}")
                if block.kind == "masthead":
                    byline.text = ""
                    _Reading(block).write(_el(byline, "docAuthor"), milestones=False)
                else:
                    _Reading(block).write(byline, milestones=False)
                facsimile.point(byline, block, f"{prefix}-f{index}")
                doc_title = None
                continue
            if doc_title is None:
                doc_title = _el(front, "docTitle")
            title_part = _block_element(doc_title, "titlePart", f"{prefix}-f{index}", type=_TITLE_PART[block.type])
            _Reading(block).write(title_part, milestones=False)
            facsimile.point(title_part, block, f"{prefix}-f{index}")
    body = _el(text_el, "body")
    stack: list[tuple[int, etree._Element]] = [(1, body)]
    last_page = headline[-1].pages[-1] if headline and headline[-1].pages else 1
    contents: etree._Element | None = None
    closing: etree._Element | None = None
    for index, block in enumerate(body_blocks, start=1):
        if block.kind == "footnote":
            _footnote(closing if closing is not None else stack[-1][1], block, f"{prefix}-b{index}", facsimile)
            continue
        if block.type == "meta" or closing is not None:
            closing = _closing(stack[-1][1], closing, block, f"{prefix}-b{index}", facsimile)
            continue
        if block.type == "heading":
            level = block.level or 2
            while stack[-1][0] >= level:
                stack.pop()
            div = _el(stack[-1][1], "div", type=f"level{level}")
            if block.label and block.label.n is not None:
                div.set("n", str(block.label.n))
            stack.append((level, div))
        parent = stack[-1][1]
        if block.pages and block.pages[0] > last_page:
            _el(contents if block.type == "toc" and contents is not None else parent, "pb")
        last_page = block.pages[-1] if block.pages else last_page
        if block.type == "toc":
            contents = _contents_entry(parent, contents, block, f"{prefix}-b{index}", facsimile)
            continue
        contents = None
        _block(parent, block, f"{prefix}-b{index}", facsimile)
    if not body_blocks:
        _el(body, "p")


def _closing(parent: etree._Element, closing: etree._Element | None, block: Block, xml_id: str, facsimile: _Facsimile) -> etree._Element:
    """The signature that closes the text is a `closer`, the issuing body `signed` and the date a
    `dateline`; a note under it (`（此件公开发布）`) a `postscript`. Returns the element now open."""
    if block.type == "meta":
        closer = closing if closing is not None and closing.tag == _T + "closer" else _el(parent, "closer")
        element = _block_element(closer, "dateline" if block.kind == "dateline" else "signed", xml_id)
        _Reading(block).write(element, milestones=False)
        facsimile.point(element, block, xml_id)
        return closer
    postscript = closing if closing is not None and closing.tag == _T + "postscript" else _el(parent, "postscript")
    _block(postscript, block, xml_id, facsimile)
    return postscript


def _footnote(parent: etree._Element, block: Block, xml_id: str, facsimile: _Facsimile) -> None:
    """A footnote is a `note place="foot"` where it is printed, `@n` its marker (`①`, `1`, `注`)."""
    element = _block_element(parent, "note", xml_id, place="foot", n=block.label.text if block.label else "")
    _Reading(block).write(element, milestones=False)
    facsimile.point(element, block, xml_id)


def _contents_entry(parent: etree._Element, contents: etree._Element | None, block: Block, xml_id: str,
                    facsimile: _Facsimile) -> etree._Element:
    """A table of contents is a `list type="contents"`: its `目录` line the head, each entry an item."""
    if contents is None:
        contents = _el(parent, "list", type="contents")
    is_title = block.kind == "contents-title" and not len(contents)
    element = _block_element(contents, "head" if is_title else "item", xml_id)
    _Reading(block).write(element, milestones=False)
    facsimile.point(element, block, xml_id)
    return contents


def _block(parent: etree._Element, block: Block, xml_id: str, facsimile: _Facsimile) -> None:
    """`head` or `p`; a clause's number becomes `label` and its lead sentence `seg type="lead"`."""
    element = _block_element(parent, "head" if block.type == "heading" else "p", xml_id)
    facsimile.point(element, block, xml_id)
    reading = _Reading(block)
    if block.type == "table-text":
        _table(element, block, reading)
        return
    offset = 0
    if block.label and block.type != "heading":
        if block.label.n is not None:
            element.set("n", str(block.label.n))
        offset = len(block.label.text)
        reading.write(_el(element, "label"), 0, offset, milestones=False)
    if block.lead and block.type != "heading" and block.text.startswith(block.lead, offset):
        cut = offset + len(block.lead)
        reading.write(_el(element, "seg", type="lead"), offset, cut)
        offset = cut
    reading.write(element, offset)


def _table(element: etree._Element, block: Block, reading: _Reading) -> None:
    """A table is a `table` of `row`s and `cell`s (an empty one where a row has none in a column)
    inside its `p`, a header row `role="label"`, a merged cell with the `rows` and `cols` it spans
    (the cells it covers left out), a `pb` before the row a page begins with; the
    spaces (or, for a PDF's table, tabs) between cells and the line ends between rows stay as
    they are in the block's text, so the paragraph's text is the block's. Empty texts keep pretty-printing from indenting inside it."""
    rows = block.rows or []
    element.text = ""
    table = _el(element, "table", "", rows=str(len(rows)), cols=str(max(map(len, rows), default=0)))
    lines = block.text.split("\n")
    starts = [sum(len(line) + 1 for line in lines[:number]) for number in range(len(lines))]
    breaks = dict(block.offset_breaks)
    merged = {(span.row, span.column): span for span in block.spans}
    covered = {(span.row + r, span.column + c) for span in block.spans for r in range(span.rows) for c in range(span.cols)} - set(merged)
    for number, (line, cells) in enumerate(zip(lines, rows, strict=True)):
        if starts[number] in breaks:
            _el(table, "pb", **({"n": breaks[starts[number]]} if breaks[starts[number]] else {})).tail = ""
        row = _el(table, "row", "", **({"role": "label"} if number == 0 and block.header else {}))
        row.tail = "\n" if number + 1 < len(rows) else ""
        position = 0
        for column, text in enumerate(cells):
            if (number, column) in covered:
                continue
            start = line.index(text, position) if text else position
            reading.write(row, starts[number] + position, starts[number] + start, milestones=False)
            span = merged.get((number, column))
            spanned = {"rows": str(span.rows), "cols": str(span.cols)} if span else {}
            reading.write(_el(row, "cell", **spanned), starts[number] + start, starts[number] + start + len(text), milestones=False)
            position = start + len(text)
        reading.write(row, starts[number] + position, starts[number] + len(line), milestones=False)


def _append_text(element: etree._Element, holder: etree._Element | None, text: str) -> None:
    if holder is None:
        element.text = (element.text or "") + text
    else:
        holder.tail = (holder.tail or "") + text
