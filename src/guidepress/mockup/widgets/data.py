"""Widgets that show data: label/value rows, a table, a status card, an account chooser, the
password policy and a list of entries (a phone app's list, a settings list)."""

from __future__ import annotations

from ...document import Widget
from ..fonts import text_width
from ..palette import FAINT, INK, LINE, MUTED, WHITE
from ..palette import LINK as BRAND
from ..shapes import Box, Circle, Line, Rect, Text
from ..text import Sheet
from .registry import CARD_BORDER, OK_GREEN, widget


@widget("rows")
def rows(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    label_w = max(text_width(label, "regular", 7.5) for label, _v, _l in w.rows) + 8
    label_w = min(label_w, width * 0.42)
    top = y
    for label, value, is_link in w.rows:
        hl = s.paragraph(w.id, label, x, top, label_w - 6, size=7.5, color=MUTED)
        hv = s.paragraph(
            w.id, value, x + label_w, top, width - label_w, size=7.5, color=BRAND if is_link else INK, underline=is_link
        )
        top += max(hl, hv) + 3.5
    return top - y


CELL_PAD = 5.0


@widget("table")
def table(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    """Headings and rows; each column as wide as its text asks, in proportion, the text wrapped."""
    widths = column_widths(w, width)
    start = len(s.shapes)
    top = y
    head_h = _table_row(s, w.id, w.columns, widths, x, top, "bold", 7.5, MUTED) + 2 * CELL_PAD
    s.under(start, Rect(Box(x + 0.6, y + 0.6, width - 1.2, head_h - 0.6), fill="#F3F5F8", radius=2.5))
    top += head_h
    s.add(Line(((x, top), (x + width, top)), LINE, 0.6))
    for i, row in enumerate(w.items):
        if i:
            s.add(Line(((x + 4, top), (x + width - 4, top)), FAINT, 0.6))
        h = _table_row(s, row.id or w.id, row.columns, widths, x, top, "regular", 7.5, INK) + 2 * CELL_PAD
        if row.id:
            s.boxes[row.id] = Box(x, top, width, h)
        top += h
    s.under(start, Rect(Box(x, y, width, top - y), fill=WHITE, stroke=CARD_BORDER, width=0.6, radius=3))
    return top - y


def column_widths(w: Widget, width: float) -> list[float]:
    """Each column gets at least its longest word, then a share of the rest as its text asks:
    a table too narrow for its words reports them (a word is wider than the element)."""
    n = len(w.columns)
    rows = [w.columns, *(row.columns for row in w.items)]
    natural = [2 * CELL_PAD + 12.0] * n
    least = [2 * CELL_PAD + 12.0] * n
    for r, cells in enumerate(rows):
        style, size = ("bold", 7.5) if r == 0 else ("regular", 7.5)
        for i, cell in enumerate(cells[:n]):
            natural[i] = max(natural[i], text_width(cell, style, size) + 2 * CELL_PAD)
            words = [text_width(word, style, size) for word in cell.split()] or [0.0]
            least[i] = max(least[i], max(words) + 2 * CELL_PAD)
    if sum(natural) <= width:
        return [v + (width - sum(natural)) * v / sum(natural) for v in natural]
    if sum(least) > width:
        return [width * low / sum(least) for low in least]
    # short columns keep their whole text on one line; the long ones share what is left alike
    low, high = 0.0, max(natural)
    for _ in range(40):
        cap = (low + high) / 2
        if sum(min(nat, max(least_i, cap)) for nat, least_i in zip(natural, least, strict=True)) > width:
            high = cap
        else:
            low = cap
    widths = [min(nat, max(least_i, low)) for nat, least_i in zip(natural, least, strict=True)]
    spare = width - sum(widths)
    return [w + spare / n for w in widths]


def _table_row(
    s: Sheet,
    element: str,
    cells: tuple[str, ...],
    widths: list[float],
    x: float,
    y: float,
    style: str,
    size: float,
    color: str,
) -> float:
    height = 0.0
    for cell, cw in zip(cells, widths, strict=False):
        if cell:
            h = s.paragraph(
                element, cell, x + CELL_PAD, y + CELL_PAD, cw - 2 * CELL_PAD, style=style, size=size, color=color
            )
            height = max(height, h)
        x += cw
    return max(height, size * 1.3)


@widget("status_card")
def status_card(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    tx, inner = x + 30, width - 40
    start = len(s.shapes)
    h = 8 + s.paragraph(w.id, w.text, tx, y + 8, inner, style="bold", size=9)
    if w.detail:
        h += 2 + s.paragraph(w.id, w.detail, tx, y + h + 2, inner, size=7.5)
    if w.value:
        h += 3 + s.paragraph(w.id, w.value, tx, y + h + 3, inner, size=7.5, color=MUTED)
    box = Box(x, y, width, h + 9)
    s.under(start, Rect(box, fill="#F3F8F4", stroke="#8FB99A", width=0.75, radius=3))
    s.add(Circle(x + 15, y + 14, 7, fill=OK_GREEN))
    s.add(Line(((x + 11.8, y + 14.2), (x + 14.2, y + 16.6), (x + 18.4, y + 11.6)), WHITE, 1.4))
    return box.h


@widget("account_list")
def account_list(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    top = y
    for i, account in enumerate(w.items):
        if i:
            s.add(Line(((x, top), (x + width, top)), FAINT, 0.75))
        start = top
        tx, inner = x + 34, width - 42
        h = s.paragraph(account.id, account.text, tx, top + 8, inner, style="bold", size=8.5)
        if account.detail:
            h += s.paragraph(account.id, account.detail, tx, top + 8 + h, inner, size=7.5, color=MUTED)
        entry_h = max(34, h + 16)
        s.add(Circle(x + 16, start + entry_h / 2, 10, fill=FAINT, stroke=LINE, width=0.5))
        initials = "".join(initial_letters(account.text)).upper() or "?"
        s.add(Text(x + 16, start + entry_h / 2 + 2.6, initials, "bold", 7.5, MUTED, "middle"))
        s.boxes[account.id] = Box(x, start, width, entry_h)
        top += entry_h
    return top - y


@widget("policy_list")
def policy_list(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    top = y
    for rule in w.items:
        s.add(Circle(x + 4, top + 4.6, 1.6, fill=MUTED))
        top += s.paragraph(w.id, rule.text, x + 11, top, width - 11, size=7.5, color=INK) + 1.5
    return top - y


@widget("list")
def entry_list(s: Sheet, w: Widget, x: float, y: float, width: float) -> float:
    """Entries one under another: an icon, a bold title, a second line, a one-time code in large
    digits, a chevron when the entry opens something."""
    top = y
    for i, item in enumerate(w.items):
        if i:
            s.add(Line(((x, top), (x + width, top)), FAINT, 0.75))
        start = top
        tx = x + (30 if item.icon else 2)
        inner = x + width - tx - (14 if item.checked else 2)
        h = s.paragraph(item.id, item.text, tx, top + 7, inner, style="bold", size=8.5)
        if item.detail:
            h += s.paragraph(item.id, item.detail, tx, top + 7 + h, inner, size=7.5, color=MUTED)
        if item.value:
            h += 2 + s.paragraph(item.id, item.value, tx, top + 9 + h, inner, style="bold", size=14, color=BRAND)
        entry_h = max(30.0, h + 14)
        if item.icon:
            s.add(Circle(x + 13, start + entry_h / 2, 10, fill="#E8EEF6"))
            s.icon(item.icon, x + 13, start + entry_h / 2, 11, BRAND)
        if item.checked:
            s.icon("chevron_right", x + width - 6, start + entry_h / 2, 10, MUTED)
        s.boxes[item.id] = Box(x, start, width, entry_h)
        top += entry_h
    return top - y


def initial_letters(name: str) -> list[str]:
    """The first letter of the name's first two words ("[Áççöûñţ áţ …" gives Á and á)."""
    letters = []
    for word in name.split():
        first = next((c for c in word if c.isalpha()), "")
        if first:
            letters.append(first)
        if len(letters) == 2:
            break
    return letters
