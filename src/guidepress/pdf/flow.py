"""paginate: where a handout's pages break, chosen over the whole guide, as a typesetter would.

The story of a handout is a column of pieces: the title block, headings, paragraphs, and the
step blocks (a step with its picture, or several steps beside the one picture they share, with
the checklist under the last). Platypus alone fills page by page: a block that does not fit goes
to the next page whole, and the page it leaves may be half empty. Here the breaks are chosen
for the whole guide at once, by a small dynamic programme over the pieces, and the story comes
back with a `PageBreak` at each chosen place. For each page it weighs:

- keeping every block whole;
- drawing the page's pictures smaller, all by one factor (so that one screen is never shown
  at two sizes on a page), down to the factor at which the smallest text in any of them is
  still `LEGIBLE` points on paper (never below 0.7);
- opening the gaps between blocks, each by at most `STRETCH` points, on a page that would
  otherwise end more than a quarter empty (and only so far as to end it at three quarters: the
  pages are ragged at the foot, as most manuals are);
- breaking a `Breakable` block at one of the places it offers: a group of steps that share a
  picture after a step (the rest of the steps follow on the next page, their callouts on the
  picture before them), a checklist after an item (its title repeated over the rest).

A page's cost grows with the square of its empty foot, steeply beyond `MOST_EMPTY` (a quarter of
the text area), and with how much its pictures shrink and how often a block breaks; every page
costs a little, so fewer pages win among otherwise equal layouts. The last page is free to end
early. A heading (anything that keeps with the next) never ends a page. A piece that fits no page
even at the smallest factor is left to platypus, which says so.

Heights are platypus's own: each piece is wrapped at the frame's width, and the gaps between
pieces follow `Frame._add` (the larger of one's space after and the next's space before; none
at the top of a page, and the last one's space after is not needed to fit).
"""

from __future__ import annotations

import io
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from ..mockup.layout import AnnotatedView
from ..mockup.pdf import MockupFlowable
from ..mockup.shapes import Text
from .flowables import Columns, KeptTogether

LEGIBLE = 6.0  # points on paper: the smallest text a mockup may be drawn at
FACTORS = (1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7)  # how much smaller a page's pictures may be drawn
MOST_EMPTY = 0.25  # of the text area's height: more than this at a page's foot is a gap
AIM = MOST_EMPTY - 0.05  # what the plan aims below: the white under a block's last line and padding reads as empty too
SLACK = 0.5  # points kept free at a page's foot, against rounding
STRETCH = 40.0  # points a gap between two blocks may open, on a page that would end a quarter empty

# The weights of a page's cost (see the module's docstring).
PAGE = 1.0
EMPTY = 20.0
GAP = 2000.0
SHRINK = 30.0
STRETCHED = 15.0
TOO_TALL = 1e6
BREAK_CHECKLIST = 3.0  # a checklist broken after an item, its title repeated
BREAK_GROUP = 6.0  # steps that share a picture broken after a step: the rest read their callouts overleaf


class Breakable(KeptTogether):
    """Flowables kept together on one page, with places where the page flow may break them
    instead: `splits` is a list of (head, tail, cost), the head ending one page and the tail
    starting the next. Outside `paginate` (inside other flowables) it is a `KeptTogether`."""

    def __init__(self, content: list[Flowable], splits: Sequence[tuple[list[Flowable], list[Flowable], float]]) -> None:
        super().__init__(content)
        self.splits = list(splits)


@dataclass
class _Form:
    """One way of setting a piece (whole, or a head or a tail of it) at each factor: its height
    from its first flowable's top to its last one's foot, and the spaces around it."""

    flowables: list[Flowable]
    least: float
    foot: float = 0.0  # a step row's bottom padding: not needed at a page's foot
    keep_with_next: bool = False  # the smallest factor its pictures stay legible at
    heights: dict[float, tuple[float, float, float]] = field(default_factory=dict)  # factor → height, before, after
    scaled: dict[float, list[Flowable]] = field(default_factory=dict)


@dataclass
class _Page:
    """A page of the plan: its forms, its pictures' factor, the points each gap opens, its cost."""

    forms: list[_Form]
    factor: float
    stretch: float
    cost: float


@dataclass
class _Piece:
    whole: _Form
    keep_with_next: bool
    splits: list[tuple[_Form, _Form, float]]


def paginate(story: list[Flowable], width: float, height: float) -> list[Flowable]:
    """The story with its page breaks chosen over the whole of it, and each page's pictures at
    the page's factor (see the module's docstring)."""
    canvas = Canvas(io.BytesIO())
    pieces = [_piece(f, canvas, width) for f in story]
    if not pieces:
        return story
    room = height - SLACK

    def measure(form: _Form, factor: float) -> tuple[float, float, float]:
        if not form.least:
            factor = 1.0  # no picture in it: the same at every factor
        found = form.heights.get(factor)
        if found is None:
            flowables = _scaled(form, factor)
            total, before, after = 0.0, 0.0, 0.0
            for i, f in enumerate(flowables):
                h = f.wrapOn(canvas, width, height)[1]
                if i == 0:
                    before = f.getSpaceBefore()
                    total = h
                else:
                    total += max(after, f.getSpaceBefore()) + h
                after = f.getSpaceAfter()
            found = form.heights[factor] = (total, before, after)
        return found

    def joined(total: float, after: float | None, form: _Form, factor: float) -> tuple[float, float]:
        h, before, form_after = measure(form, factor)
        return (h if after is None else total + max(after, before) + h), form_after

    class Stack:
        """The forms set on a page so far, and their height at each factor asked (kept up to
        date as forms are added, so that a longer page costs one form's height, not all of them)."""

        def __init__(self, forms: list[_Form]) -> None:
            self.forms = forms
            self.at: dict[float, tuple[float, float | None]] = {}

        def add(self, form: _Form) -> None:
            self.forms.append(form)
            for factor, (total, after) in self.at.items():
                self.at[factor] = joined(total, after, form, factor)

        def height(self, factor: float, head: _Form | None = None) -> float:
            found = self.at.get(factor)
            if found is None:
                total, after = 0.0, None
                for form in self.forms:
                    total, after = joined(total, after, form, factor)
                found = self.at[factor] = (total, after)
            return joined(*found, head, factor)[0] if head is not None else found[0]

    n = len(pieces)
    # A state is where a page starts: (piece, -1) at a piece's top, (piece, s) at the tail of its split s.
    best: dict[tuple[int, int], tuple[float, list[_Page]]] = {}

    def solve(start: tuple[int, int]) -> tuple[float, list[_Page]]:
        if start in best:
            return best[start]
        i, tail = start
        whole_from = i + 1 if tail >= 0 else i
        stack = Stack([pieces[i].splits[tail][1]] if tail >= 0 else [])
        options: list[tuple[float, list[_Page]]] = []
        for j in range(whole_from, n + 1):
            if j > whole_from:
                stack.add(pieces[j - 1].whole)
            # End after piece j-1 whole (a page must hold something, and a heading never ends one) …
            if stack.forms and (j == n or not pieces[j - 1].keep_with_next):
                options.append(option(stack, None, (j, -1), j == n, 0.0))
            # … or with the head of piece j broken, the rest of it starting the next page.
            if j < n:
                for s, (head, _tail, cost) in enumerate(pieces[j].splits):
                    options.append(option(stack, head, (j, s), False, cost))
            if stack.forms:
                smallest = max(FACTORS[-1], min(1.0, max(form.least for form in stack.forms)))
                if stack.height(math.ceil(smallest * 1000) / 1000) > room:
                    break  # more pieces only make the page taller (and its pictures no smaller)
        found = min(options, key=lambda o: o[0])
        best[start] = found
        return found

    def option(
        stack: Stack, head: _Form | None, after: tuple[int, int], last: bool, split_cost: float
    ) -> tuple[float, list[_Page]]:
        page = set_page(stack, head, last, split_cost)
        if last:
            return page.cost, [page]
        rest_cost, rest = solve(after)
        return page.cost + rest_cost, [page, *rest]

    def set_page(stack: Stack, head: _Form | None, last: bool, split_cost: float) -> _Page:
        forms = [*stack.forms, head] if head is not None else list(stack.forms)
        least = max(form.least for form in forms)
        # the factors down to the least legible one, and that one itself; the largest that fits is
        # the best (a smaller one only leaves the page emptier, its pictures smaller)
        exact = {math.ceil(least * 1000) / 1000} if least < 1.0 else set()
        for factor in sorted({f for f in FACTORS if f >= least} | exact, reverse=True):
            if factor < FACTORS[-1]:
                break
            used = stack.height(factor, head) - forms[-1].foot  # the last block's bottom padding is the page's foot
            if used > room:
                continue
            empty = 0.0 if last else max(room - used, 0.0) / height
            # Ragged at the foot, but no more than a quarter empty where the gaps between blocks can open.
            gaps = sum(not form.keep_with_next for form in forms[:-1])
            stretch = min(max(empty - AIM, 0.0) * height, gaps * STRETCH)
            empty -= stretch / height
            cost = PAGE + split_cost + SHRINK * (1.0 - factor) + EMPTY * empty * empty + STRETCHED * stretch / height
            if empty > AIM:
                cost += GAP * (empty - AIM + 0.01)
            return _Page(forms, factor, stretch / gaps if gaps else 0.0, cost)
        return _Page(forms, 1.0, 0.0, TOO_TALL * (1 + stack.height(1.0, head) / height))  # left to platypus to say

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * n + 100))
    try:
        _cost, pages = solve((0, -1))
    finally:
        sys.setrecursionlimit(limit)
    out: list[Flowable] = []
    for k, page in enumerate(pages):
        if k:
            out.append(PageBreak())
        for i, form in enumerate(page.forms):
            if i and page.stretch and not page.forms[i - 1].keep_with_next:
                # A spacer adds to the spaces around it where the frame would take the larger of them.
                _h, before, _a = measure(form, page.factor)
                after = measure(page.forms[i - 1], page.factor)[2]
                out.append(Spacer(1, max(page.stretch - min(before, after), 0.0)))
            out += _scaled(form, page.factor)
        if page.forms[-1].foot:  # the page's foot takes the place of the last block's bottom padding
            end = out[-1]
            out[-1] = Columns(end.columns, bottom=0)
    return out


def _piece(flowable: Flowable, canvas: Canvas, width: float) -> _Piece:
    content, splits_of = _flat(flowable)
    whole = _form(content, canvas, width)
    splits = [(_form(head, canvas, width), _form(tail, canvas, width), cost) for head, tail, cost in splits_of]
    keep = bool(flowable.getKeepWithNext()) if hasattr(flowable, "getKeepWithNext") else False
    whole.keep_with_next = keep
    return _Piece(whole, keep, splits)


def _flat(flowable: Flowable) -> tuple[list[Flowable], list[tuple[list[Flowable], list[Flowable], float]]]:
    """A piece's flowables, kept-together ones unpacked (a `KeepTogether` wraps to an endless
    height to make platypus split it), and where it may break: a `Breakable`'s places, and those
    of a `Breakable` that ends a kept-together group (a section's heading with its first block)."""
    if not isinstance(flowable, KeepTogether):
        return [flowable], []
    content: list[Flowable] = []
    splits = [(list(head), list(tail), cost) for head, tail, cost in getattr(flowable, "splits", [])]
    inner = flowable._content
    for i, f in enumerate(inner):
        flat, inner_splits = _flat(f)
        if i == len(inner) - 1:
            splits += [([*content, *head], tail, cost) for head, tail, cost in inner_splits]
        content += flat
    return content, splits


def _form(flowables: list[Flowable], canvas: Canvas, width: float) -> _Form:
    for f in flowables:
        if isinstance(f, MockupFlowable | Columns | KeepTogether):  # the pictures' full sizes, to shrink from
            f.wrapOn(canvas, width, 1e6)  # (a table is wrapped when a page needs its height)
    return _Form(
        flowables, max((least_factor(f) for f in flowables), default=0.0), _foot(flowables[-1]) if flowables else 0.0
    )


def _foot(flowable: Flowable) -> float:
    return flowable.bottom if isinstance(flowable, Columns) else 0.0


def _scaled(form: _Form, factor: float) -> list[Flowable]:
    if not form.least:
        return form.flowables  # no picture in it: nothing to scale (and nothing to wrap again)
    found = form.scaled.get(factor)
    if found is None:
        found = form.scaled[factor] = [
            f.shrunk(factor) if factor < 1.0 and hasattr(f, "shrunk") else f for f in form.flowables
        ]
    return found


def legible_height(view: AnnotatedView, height: float, page: float) -> float:
    """`height`, or the height at which the view's smallest text is `LEGIBLE` on paper if that is
    more: the most a picture may be made to fit a page (a tall screen on an A5 page). Never more
    than nine tenths of the `page`: a screen that tall (a label of a thousand letters, wrapped)
    is drawn smaller still, with the warning its text already has."""
    sizes = [s.size for s in view.shapes if isinstance(s, Text)]
    legible = max(height, view.height * LEGIBLE / min(sizes)) if sizes else height
    return min(legible, max(height, page * 0.9))


def least_factor(flowable: Flowable) -> float:
    """The smallest factor a wrapped flowable's pictures can be drawn at with every text in them
    still `LEGIBLE` on paper (1.0 or more where they are at that size already)."""
    if isinstance(flowable, MockupFlowable):
        sizes = [s.size for s in flowable.view.shapes if isinstance(s, Text)]
        return LEGIBLE / (min(sizes) * flowable.scale) if sizes else 0.0
    if isinstance(flowable, Columns):
        return max((least_factor(f) for _, stack in flowable.columns for f in stack), default=0.0)
    if isinstance(flowable, KeepTogether):
        return max((least_factor(f) for f in flowable._content), default=0.0)
    return 0.0
