"""Long table rows split at the page breaks of the PDF, the continuation marked "(vervolg)".

A printed row that runs over a page break reads as a new action on the next page unless it
says otherwise, and a row kept whole leaves half a page empty. So a long row may split, and
where it does, the part on the next page becomes a row of its own that starts with the
action's number and title followed by "(vervolg)", under the table header the engine
repeats on every page.

Where a row breaks is only known after layout, so the PDF is laid out to measure first:

1. every paragraph and list item (the *blocks*) of an action row gets an id;
2. the engine lays the document out and says on which page each block starts (Chromium:
   through the PDF's named destinations, which it writes for the targets of internal links,
   so the measuring print carries a hidden list of links to the blocks; WeasyPrint: the
   anchors of its own page boxes);
3. each row whose blocks start on more than one page is cut before the first block of each
   later page, into rows of the same class; the wrappers around a cut (a sub-measure, a list,
   the "Nieuw" box) are repeated on both sides;
4. measured again, because the label line may move what follows; at most a few rounds.

Blocks never split themselves (``break-inside: avoid`` on ``td p, td li``), so a block's
first page is its only page, and a cut before a block is a cut at the page break.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement  # type: ignore[import-untyped]

ROWS = "//table[contains(concat(' ', @class, ' '), ' actions ')]/tbody/tr"
BLOCKS = ".//p | .//li"
PREFIX = "pg-"
PROBES = "pg-probes"
SHELL = "data-pg-shell"
FRESH = "data-pg-fresh"
CONTINUED = "(vervolg)"
MAX_ROUNDS = 6

Measure = Callable[["HtmlElement"], dict[str, int]]
"""Lays out the document; gives the page (from 0) on which each block id starts."""


def _cells(row: HtmlElement) -> list[HtmlElement]:
    return [cell for cell in row if cell.tag in ("td", "th")]


def _blocks(cell: HtmlElement) -> list[HtmlElement]:
    return [b for b in cell.xpath(BLOCKS) if str(b.get("id", "")).startswith(PREFIX)]


def _shell(element: HtmlElement) -> HtmlElement:
    """The same element without its content and without an id (ids stay unique), marked as
    the second half of a cut wrapper, so that ``join_row`` can put the halves together."""
    shell = element.makeelement(element.tag, dict(element.attrib))
    shell.attrib.pop("id", None)
    shell.set(SHELL, "")
    return shell


def _opens(element: HtmlElement) -> bool:
    """Nothing comes before ``element`` inside its parent: no text, no earlier element."""
    parent = element.getparent()
    return parent is not None and element.getprevious() is None and not (parent.text or "").strip()


def split_off(cell: HtmlElement, first: HtmlElement) -> HtmlElement:
    """Move ``first`` and everything after it in ``cell`` into a new, empty copy of the cell.

    A wrapper that ``first`` opens moves whole; every other element between ``first`` and the
    cell is repeated around the moved part (a list that continues is a list on both sides).
    Text after a moved element moves with it."""
    while first.getparent() is not cell and _opens(first):
        parent = first.getparent()
        assert parent is not None
        first = parent
    carried: HtmlElement | None = None
    node = first
    while node is not cell:
        parent = node.getparent()
        assert parent is not None
        holder = _shell(parent) if parent is not cell else _shell(cell)
        if carried is None:
            moving = [node, *node.itersiblings()]
        else:
            holder.append(carried)
            moving = list(node.itersiblings())
        for element in moving:
            holder.append(element)  # lxml moves the element, with its tail
        carried = holder
        node = parent
    assert carried is not None
    carried.attrib.pop(SHELL, None)
    return carried


def _join(target: HtmlElement, source: HtmlElement) -> None:
    """Put ``source``'s content back at the end of ``target``: the undoing of ``split_off``."""
    children = list(source)
    if source.text:
        if len(target):
            target[-1].tail = (target[-1].tail or "") + source.text
        else:
            target.text = (target.text or "") + source.text
    if children and children[0].get(SHELL) is not None and len(target):
        half = children.pop(0)
        _join(target[-1], half)
        target[-1].tail = (target[-1].tail or "") + (half.tail or "")
    for child in children:
        target.append(child)


def join_row(row: HtmlElement, continuation: HtmlElement) -> None:
    """Undo a cut that no longer falls at a page break: the continuation goes back into ``row``."""
    for cell, part in zip(_cells(row), _cells(continuation), strict=True):
        for label in part.xpath("./p[contains(concat(' ', @class, ' '), ' continued-label ')]"):
            if label.tail:
                previous = label.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + label.tail
                else:
                    part.text = (part.text or "") + label.tail
            part.remove(label)
        _join(cell, part)
    row.tail = continuation.tail
    parent = continuation.getparent()
    assert parent is not None
    parent.remove(continuation)


def _label(row: HtmlElement) -> HtmlElement | None:
    """ "3. De titel (vervolg)": the row's title line, marked as a continuation."""
    found = row.xpath(".//p[contains(concat(' ', @class, ' '), ' action-title ')]")
    if not found:
        return None
    label = copy.deepcopy(found[0])
    label.set("class", "action-title continued-label")
    for element in label.iter():
        element.attrib.pop("id", None)
    marker = label.makeelement("span", {"class": "continued"})
    marker.text = CONTINUED
    if len(label):
        last = label[-1]
        last.tail = (last.tail or "").rstrip() + " "
    else:
        label.text = (label.text or "").rstrip() + " "
    label.append(marker)
    label.tail = None
    return label


def _first_page(row: HtmlElement, pages: dict[str, int]) -> int | None:
    found = [pages[b.get("id")] for c in _cells(row) for b in _blocks(c) if b.get("id") in pages]
    return min(found) if found else None


def cut_row(
    row: HtmlElement, pages: dict[str, int], title: HtmlElement | None, back: int = 0
) -> bool:
    """Cut ``row`` before the first block of its second page; the rest becomes the next row.

    ``back``: cut that many blocks earlier in each cell (for a cut that was undone because
    the first part, a row of its own, no longer fitted on its page). Returns whether a cut
    was made. The new row is cut again if it, too, runs over a page."""
    cells = _cells(row)
    placed = [[(pages[b.get("id")], b) for b in _blocks(c) if b.get("id") in pages] for c in cells]
    starts = [page for blocks in placed for page, _ in blocks]
    if not starts:
        return False
    first_page = min(starts)
    later = [page for page in starts if page > first_page]
    if not later:
        return False
    cut_page = min(later)
    cuts: list[HtmlElement | None] = []
    staying = False
    for blocks in placed:
        at = next((i for i, (page, _) in enumerate(blocks) if page >= cut_page), None)
        if at is not None:
            at = max(at - back, 0)
        cuts.append(blocks[at][1] if at is not None else None)
        staying = staying or bool(blocks) and (at is None or at > 0)
    if not staying:
        return False
    continuation = _shell(row)
    continuation.attrib.pop(SHELL, None)
    continuation.set("class", f"{row.get('class', '')} continued-row".strip())
    for index, (cell, cut) in enumerate(zip(cells, cuts, strict=True)):
        part = split_off(cell, cut) if cut is not None else _shell(cell)
        part.attrib.pop(SHELL, None)
        if index == 0 and title is not None:
            label = copy.deepcopy(title)
            label.tail = part.text
            part.text = None
            part.insert(0, label)
        continuation.append(part)
    continuation.tail = row.tail
    row.tail = None
    row.addnext(continuation)
    return True


def _is_continuation(row: HtmlElement) -> bool:
    return "continued-row" in str(row.get("class", "")).split()


def _key(row: HtmlElement) -> str:
    return next((str(b.get("id")) for c in _cells(row) for b in _blocks(c)), "")


def _repaginate(document: HtmlElement, pages: dict[str, int], backs: dict[str, int]) -> bool:
    """One round: join the cuts that no longer fall at a page break, then cut every row that
    runs over one; a row joined before is cut a block earlier each time (``backs``), so the
    rounds settle. Returns whether anything changed."""
    changed = False
    for row in document.xpath(ROWS):
        if _is_continuation(row):
            previous = row.getprevious()
            here, before = _first_page(row, pages), _first_page(previous, pages)
            if here is not None and before is not None and here <= before:
                backs[_key(previous)] = backs.get(_key(previous), 0) + 1
                join_row(previous, row)
                if backs[_key(previous)] >= 2:
                    # Cut twice and undone twice: the row starts on a new page instead
                    # (kept whole when it fits), where a cut does not move its first part.
                    previous.set("class", f"{previous.get('class', '')} keep".strip())
                    previous.set(FRESH, "")
                changed = True
    for row in document.xpath(ROWS):
        head = row
        while _is_continuation(head) and head.getprevious() is not None:
            head = head.getprevious()
        title = _label(head)
        if row.get(FRESH) is not None:  # moved this round: its pages are measured next round
            row.attrib.pop(FRESH)
            continue
        back = 0 if "keep" in str(row.get("class", "")).split() else backs.get(_key(row), 0)
        while row is not None and cut_row(row, pages, title, back):
            changed = True
            row = row.getnext()  # the continuation, cut again if it runs over a page too
    return changed


def mark_blocks(document: HtmlElement) -> int:
    """Give every block of every action row an id; returns how many rows there are."""
    rows = document.xpath(ROWS)
    number = 0
    for row in rows:
        for cell in _cells(row):
            for block in cell.xpath(BLOCKS):
                if block.get("id") is None:
                    number += 1
                    block.set("id", f"{PREFIX}{number}")
    return len(rows)


def serialize(document: HtmlElement) -> str:
    from lxml import html  # type: ignore[import-untyped]

    return "<!doctype html>\n" + html.tostring(document, encoding="unicode")


def _clean(document: HtmlElement) -> str:
    for block in document.xpath(f"//*[starts-with(@id, '{PREFIX}')]"):
        block.attrib.pop("id")
    for shell in document.xpath(f"//*[@{SHELL}]"):
        shell.attrib.pop(SHELL)
    return serialize(document)


def with_probes(document: HtmlElement) -> str:
    """The document with a hidden list of links to every block: Chromium writes a named
    destination (page and position) for each target of an internal link."""
    measured = copy.deepcopy(document)
    ids = [e.get("id") for e in measured.xpath(f"//*[starts-with(@id, '{PREFIX}')]")]
    probes = measured.makeelement(
        "div",
        {
            "id": PROBES,
            "aria-hidden": "true",
            "style": "position:absolute;top:0;left:0;width:1px;height:1px;overflow:hidden",
        },
    )
    for target in ids:
        link = probes.makeelement("a", {"href": f"#{target}"})
        link.text = "."
        probes.append(link)
    body = measured.find("body")
    assert body is not None
    body.insert(0, probes)
    return serialize(measured)


def paginate(html_text: str, measure: Measure) -> str:
    """The report's HTML with every action row that runs over a page cut at its page breaks.

    ``measure`` lays a document out and returns the first page of each block id (see the
    module docstring); with no action rows the HTML is returned as it is."""
    from lxml import html

    document = html.document_fromstring(html_text)
    if not mark_blocks(document):
        return html_text
    backs: dict[str, int] = {}
    for _ in range(MAX_ROUNDS):
        if not _repaginate(document, measure(document), backs):
            break
    return _clean(document)
