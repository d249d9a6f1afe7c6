"""TEI P5 edition: for archivists and scholarly editions.

Title blocks go to `front/docTitle`, headings open nested `div`s by level,
clause numbers are `label`s and lead sentences `seg`s, a table of contents is a
`list type="contents"`, page breaks are `pb`s (inside a paragraph when
the page turned mid-paragraph), and a compilation is a `group` of `text`s.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from tasks.model import Block, Document, Text

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
    "removed; half-width punctuation in Chinese text made full-width; traditional passages converted to "
    "simplified characters; pinyin annotations removed; look-alike radicals unified. Every change is listed "
    "with its source line in the JSON edition."
)


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, _T + tag, {k.replace("_", ":") if k != "type" else k: v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def tei_blocks(tree: etree._Element | etree._ElementTree) -> list[etree._Element]:
    """The elements holding the blocks of a TEI edition, in document order (see `BLOCKS`)."""
    return tree.xpath(BLOCKS, namespaces={"t": TEI_NS})


def _block_element(parent: etree._Element, tag: str, xml_id: str, text: str | None = None, **attrs: str) -> etree._Element:
    """The element of one block: every block is written by this, with its `xml:id`, which is how `tei_blocks` finds it."""
    element = _el(parent, tag, text, **attrs)
    element.set(f"{{{XML_NS}}}id", xml_id)
    return element


def render_tei(document: Document) -> str:
    root = etree.Element(_T + "TEI", nsmap={None: TEI_NS})
    root.set(f"{{{XML_NS}}}lang", "zh-Hans")
    _header(root, document)
    outer = _el(root, "text")
    if len(document.texts) == 1:
        _text_content(outer, document.texts[0], "a1")
    else:
        group = _el(outer, "group")
        for index, text in enumerate(document.texts, start=1):
            inner = _el(group, "text")
            inner.set(f"{{{XML_NS}}}id", f"a{index}")
            _text_content(inner, text, f"a{index}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")


def _header(root: etree._Element, document: Document) -> None:
    header = _el(root, "teiHeader")
    file_desc = _el(header, "fileDesc")
    _el(_el(file_desc, "titleStmt"), "title", document.title or document.source.path)
    _el(_el(file_desc, "publicationStmt"), "p", "Cleaned edition produced by zhengli from the raw file named in sourceDesc.")
    bibl = _el(_el(file_desc, "sourceDesc"), "bibl")
    _el(bibl, "idno", document.source.path, type="file")
    _el(bibl, "idno", document.source.sha256, type="sha256")
    _el(bibl, "note", f"{document.source.encoding} (confidence {document.source.confidence})", type="encoding")
    normalization = _el(_el(_el(header, "encodingDesc"), "editorialDecl"), "normalization")
    _el(normalization, "p", NORMALISATIONS)
    steps = Counter(repair.step for repair in document.repairs)
    summary = ", ".join(f"{step} {count}" for step, count in sorted(steps.items())) or "none"
    _el(_el(header, "revisionDesc"), "change", f"Repairs made by zhengli: {summary}.")


def _text_content(text_el: etree._Element, text: Text, prefix: str) -> None:
    opening = next((i for i, b in enumerate(text.blocks) if b.type not in _HEADLINE_TYPES), len(text.blocks))
    headline, body_blocks = text.blocks[:opening], text.blocks[opening:]
    if headline:
        front = _el(text_el, "front")
        doc_title = None
        for index, block in enumerate(headline, start=1):
            if block.type == "meta":
                _block_element(front, "byline", f"{prefix}-f{index}", block.text)
                doc_title = None
                continue
            if doc_title is None:
                doc_title = _el(front, "docTitle")
            _block_element(doc_title, "titlePart", f"{prefix}-f{index}", block.text, type=_TITLE_PART[block.type])
    body = _el(text_el, "body")
    stack: list[tuple[int, etree._Element]] = [(1, body)]
    last_page = headline[-1].pages[-1] if headline and headline[-1].pages else 1
    contents: etree._Element | None = None
    closing: etree._Element | None = None
    for index, block in enumerate(body_blocks, start=1):
        if block.type == "meta" or closing is not None:
            closing = _closing(stack[-1][1], closing, block, f"{prefix}-b{index}")
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
            _el(parent, "pb")
        last_page = block.pages[-1] if block.pages else last_page
        if block.type == "toc":
            contents = _contents_entry(parent, contents, block, f"{prefix}-b{index}")
            continue
        contents = None
        _block(parent, block, f"{prefix}-b{index}")
    if not body_blocks:
        _el(body, "p")


def _closing(parent: etree._Element, closing: etree._Element | None, block: Block, xml_id: str) -> etree._Element:
    """The signature that closes the text is a `closer`, the issuing body `signed` and the date a
    `dateline`; a note under it (`（此件公开发布）`) a `postscript`. Returns the element now open."""
    if block.type == "meta":
        closer = closing if closing is not None and closing.tag == _T + "closer" else _el(parent, "closer")
        _block_element(closer, "dateline" if block.kind == "dateline" else "signed", xml_id, block.text)
        return closer
    postscript = closing if closing is not None and closing.tag == _T + "postscript" else _el(parent, "postscript")
    _block(postscript, block, xml_id)
    return postscript


def _contents_entry(parent: etree._Element, contents: etree._Element | None, block: Block, xml_id: str) -> etree._Element:
    """A table of contents is a `list type="contents"`: its `目录` line the head, each entry an item."""
    if contents is None:
        contents = _el(parent, "list", type="contents")
    is_title = block.kind == "contents-title" and not len(contents)
    _block_element(contents, "head" if is_title else "item", xml_id, block.text)
    return contents


def _block(parent: etree._Element, block: Block, xml_id: str) -> None:
    """`head` or `p`; a clause's number becomes `label` and its lead sentence `seg type="lead"`."""
    element = _block_element(parent, "head" if block.type == "heading" else "p", xml_id)
    offset = 0
    if block.label and block.type != "heading":
        if block.label.n is not None:
            element.set("n", str(block.label.n))
        _el(element, "label", block.label.text)
        offset = len(block.label.text)
    body = block.text[offset:]
    breaks = [(at - offset, n) for at, n in block.offset_breaks if at >= offset]
    if block.lead and block.type != "heading" and body.startswith(block.lead):
        cut = len(block.lead)
        _fill(_el(element, "seg", type="lead"), body[:cut], [(at, n) for at, n in breaks if at < cut])
        body, breaks = body[cut:], [(at - cut, n) for at, n in breaks if at >= cut]
    _fill(element, body, breaks)


def _fill(element: etree._Element, text: str, breaks: list[tuple[int, str | None]]) -> None:
    """Text with `pb` milestones at the given offsets."""
    position = 0
    tail_holder = element[-1] if len(element) else None
    for offset, n in breaks:
        _append_text(element, tail_holder, text[position:offset])
        tail_holder = _el(element, "pb", **({"n": n} if n else {}))
        position = offset
    _append_text(element, tail_holder, text[position:])


def _append_text(element: etree._Element, holder: etree._Element | None, text: str) -> None:
    if holder is None:
        element.text = (element.text or "") + text
    else:
        holder.tail = (holder.tail or "") + text
