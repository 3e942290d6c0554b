"""annotate: a laid-out screen and the callouts of a step (or of a block of steps sharing the
screen) → the same layout with numbered badges, outlines and notes on top.

Told apart without colour: a control to use has a solid 2 pt outline and its step's number;
one to avoid has a dashed outline, a × badge, its text struck through and its note. A badge
or a note never covers text: each goes to the first place around its control that is free
of every text and icon of the screen and of the badges already placed; a note keeps off the
other controls too, and on a screenshot both keep off its regions (its controls; its texts
are unknown).
"""

from __future__ import annotations

from ..document import Callout
from .fonts import text_width
from .layout import AnnotatedView, ScreenLayout
from .palette import ACCENT, WHITE
from .shapes import Box, Circle, Line, Rect, Shape, Text

BADGE_R = 8.0
OUTLINE_GROW = 3.5
OUTLINE_GAP = 3.0  # between the outlines of two neighbouring controls
TEXT_CLEAR = 4.5  # from a control's text to the middle of its outline
NOTE_CLEAR = 1.5  # a note's room above and below a line of text (its accents and descenders)


def annotate(layout: ScreenLayout, callouts: tuple[Callout, ...]) -> AnnotatedView:
    """Numbered badges and outlines for the controls to use; the ones to avoid struck through."""
    shapes: list[Shape] = []
    frame = layout.frame
    outlines = _outlines(layout, callouts)
    taken: list[Box] = []  # badges and notes placed so far
    placed: list[tuple[str, Box, Box | None]] = []
    texts = [t.box for t in layout.texts] + list(layout.marks)  # what a badge or a note must not cover
    if layout.kind == "screenshot":  # a picture's texts are unknown: its regions (its controls) are kept clear
        texts += list(layout.boxes.values())
    # a note is wider than a badge: it keeps off the glyphs' ascenders and descenders too, and off
    # the other controls (a button's edge, a field's box), not only off their texts
    padded = [Box(t.box.x - 0.5, t.box.y - NOTE_CLEAR, t.box.w + 1, t.box.h + 2 * NOTE_CLEAR) for t in layout.texts]
    for index, (callout, box) in enumerate(zip(callouts, outlines, strict=True)):
        others = [o for i, o in enumerate(outlines) if i != index and callouts[i].control != callout.control]
        own = layout.boxes[callout.control]
        controls = [b for c, b in layout.boxes.items() if c != callout.control and not b.overlaps(own)]  # not
        # its container (a group, a section, the dialog) nor a part of it
        # a drawn screen's other controls are soft obstacles (their texts are hard ones); a
        # screenshot's regions are all it knows of its texts, so they are hard
        note_obstacles = padded + list(layout.marks) + (controls + [own] if layout.kind == "screenshot" else [])
        if callout.avoid:
            shapes.append(Rect(box, fill=None, stroke=ACCENT, width=1.4, radius=4, dash=(3.5, 2.5)))
            struck = [t for t in layout.texts if t.element == callout.control]
            for text in struck:  # strike through every line of its text
                mid = text.box.y + text.box.h * 0.5
                shapes.append(Line(((text.box.x - 1, mid), (text.box.x + text.box.w + 1, mid)), ACCENT, 1.2))
            if not struck and layout.boxes[callout.control].h <= 48:  # a screenshot region (a button, a line)
                mid = box.y + box.h / 2
                shapes.append(Line(((box.x + 3, mid), (box.right - 3, mid)), ACCENT, 1.2))
            note = None
            if callout.note:
                shapes += _note(
                    callout.note, box, frame, note_obstacles, taken, others, WHITE, ACCENT, 7.5, 14, controls
                )
                note = taken[-1]
            badge = "×"
        else:
            shapes.append(Rect(box, fill=None, stroke=ACCENT, width=2.0, radius=4))
            badge = callout.label
            note = None
        near = box.grow(2 * BADGE_R + 20)  # only what is near the control can be covered
        cx, cy = _badge_place(box, frame, [t for t in texts if t.overlaps(near)], taken + others)
        taken.append(Box(cx - BADGE_R - 1.2, cy - BADGE_R - 1.2, 2 * BADGE_R + 2.4, 2 * BADGE_R + 2.4))
        shapes.append(Circle(cx, cy, BADGE_R + 1.2, fill=WHITE))
        shapes.append(Circle(cx, cy, BADGE_R, fill=ACCENT))
        shapes.append(Text(cx, cy + 3.3, badge, "bold", 9 if len(badge) < 3 else 7, WHITE, "middle"))
        if callout.note and not callout.avoid:
            shapes += _note(callout.note, box, frame, note_obstacles, taken, others, ACCENT, WHITE, 7.5, 13.5, controls)
            note = taken[-1]
        placed.append((callout.control, Box(cx - BADGE_R, cy - BADGE_R, 2 * BADGE_R, 2 * BADGE_R), note))
    return AnnotatedView(layout, tuple(shapes), tuple(placed))


def _badge_place(box: Box, frame: Box, texts: list[Box], taken: list[Box]) -> tuple[float, float]:
    """Left of the outline where there is room, else right of it, else on its left edge; if that
    covers a text or another badge: on the corners of its top edge, at its right end inside."""
    r = BADGE_R
    edge = r + 2  # a spot (the badge and its white ring, r + 1) must lie inside frame.grow(-1)
    cy = max(edge, box.y + min(box.h / 2, r + 2))
    room_left = box.x - 2 * r - 3 >= 0
    first = (box.x - r - 1.5, cy) if room_left else (max(edge, box.x), cy)
    candidates = [
        *([first] if room_left else []),
        (box.right + r + 1.5, cy),  # outside, on the right: covers nothing of the control
        *([] if room_left else [first]),  # on the left edge: may cover the control's own mark
        (box.x + r + 2, box.y),
        (box.right - r - 2, box.y),
        (box.right - r - 3, box.y + box.h / 2),
        (box.x + r + 2, box.bottom),
        (box.right - r - 2, box.bottom),
        (box.x + r + 2, box.y - r - 1.5),  # above the outline, clear of it
        (box.right - r - 2, box.y - r - 1.5),
        (box.x + r + 2, box.bottom + r + 1.5),  # under it
    ]
    inner = frame.grow(-1)
    spots = [Box(cx - r - 1, cy - r - 1, 2 * r + 2, 2 * r + 2) for cx, cy in candidates]
    best = _least_covering(spots, inner, texts, taken)
    return candidates[best] if best is not None else first


def _note(
    note: str,
    box: Box,
    frame: Box,
    texts: list[Box],
    taken: list[Box],
    others: list[Box],
    fill: str,
    ink: str,
    size: float,
    h: float,
    controls: list[Box] | None = None,
) -> list[Shape]:
    """A short note in a pill on the outline's top edge (right end, else left end, else bottom edge,
    else above, beside or under the outline), off the texts, icons and other controls (`texts`),
    the badges and notes placed so far (`taken`, where it goes) and the other controls' outlines."""
    tw = text_width(note, "bold", size)
    inner = frame.grow(-2)
    right_end = box.right - tw - 10 - (6 if fill == WHITE else 0)
    # an outline just above (stacked options) leaves no room on the top edge: lower the pill below it
    above = [o.bottom for o in others if o.bottom <= box.y + 0.01 and o.x < box.right and box.x < o.right]
    lowered = max(above, default=-1e9) + 1
    after_badge = box.x + 2 * BADGE_R + 4
    # The tag on an option to avoid has one place: the right end of its outline's top edge, or of
    # its bottom edge where an option above takes the top (never lowered into its text).
    avoid = fill == WHITE
    candidates = [
        Box(right_end, box.y - h / 2, tw + 10, h),
        *([Box(right_end, box.bottom - h / 2, tw + 10, h)] if avoid else []),
        *([Box(right_end, lowered, tw + 10, h)] if lowered > box.y - h / 2 and not avoid else []),
        Box(after_badge, box.y - h / 2, tw + 10, h),
        Box(box.right - tw - 10, box.bottom - h / 2, tw + 10, h),
        Box(after_badge, box.bottom - h / 2, tw + 10, h),  # on the bottom edge, past a badge on the left
        Box(box.right - tw - 10, box.y - h - 2, tw + 10, h),  # above it
        Box(box.x, box.y - h - 2, tw + 10, h),
        Box(box.right + 3, box.y + box.h / 2 - h / 2, tw + 10, h),  # beside it, on the right
        Box(box.right + 2 * BADGE_R + 6, box.y + box.h / 2 - h / 2, tw + 10, h),  # past a badge on the right
        Box(box.right - tw - 10, box.bottom + 2, tw + 10, h),  # under it
        Box(box.x, box.bottom + 2, tw + 10, h),
        Box(box.right - tw - 14, box.y + box.h / 2 - h / 2, tw + 10, h),  # inside its right end
        # close under it, over its outline's edge, as far down as the picture allows (a screenshot's
        # button at the picture's foot)
        Box(box.right - tw - 10, min(box.bottom - OUTLINE_GROW + 0.5, inner.bottom - h), tw + 10, h),
    ]
    best = _least_covering(candidates, inner, texts, taken + others, controls or [])
    pill = candidates[best] if best is not None else _clamp(candidates[0], inner)
    taken.append(pill)
    outline = Rect(pill, fill=fill, stroke=ink if fill == WHITE else None, width=1.0, radius=h / 2)
    return [outline, Text(pill.x + 5, pill.y + h * 0.7, note, "bold", size, ink)]


def _least_covering(
    spots: list[Box], frame: Box, texts: list[Box], taken: list[Box], controls: list[Box] | None = None
) -> int | None:
    """The first spot inside the frame that covers no text, no other callout and none of
    `controls`; failing that, the one that covers the least, text weighing most (a note may lie
    on a button's edge sooner than on a word). None if no spot is inside the frame."""
    best, least = None, float("inf")
    if spots:  # only what meets a spot can be covered: a step with 1,000 marks took seconds otherwise
        bound = Box(
            min(s.x for s in spots),
            min(s.y for s in spots),
            max(s.right for s in spots) - min(s.x for s in spots),
            max(s.bottom for s in spots) - min(s.y for s in spots),
        )
        texts = [t for t in texts if _area(bound, t) > 0]
        taken = [t for t in taken if _area(bound, t) > 0]
    for i, spot in enumerate(spots):
        if not spot.inside(frame):
            continue
        covered = 10 * sum(_area(spot, t) for t in texts) + 4 * sum(_area(spot, t) for t in taken)
        covered += sum(_area(spot, c) for c in controls or [])
        if covered == 0:
            return i
        if covered < least:
            best, least = i, covered
    return best


def _area(a: Box, b: Box) -> float:
    w = min(a.right, b.right) - max(a.x, b.x)
    h = min(a.bottom, b.bottom) - max(a.y, b.y)
    return w * h if w > 0 and h > 0 else 0.0


def _outlines(layout: ScreenLayout, callouts: tuple[Callout, ...]) -> list[Box]:
    """Each control's box grown by OUTLINE_GROW, and at least TEXT_CLEAR around its own texts (a
    label that starts at the control's edge, a toggle's or a link's, keeps the room a button's
    border gets); never into a neighbour's: where two outlined controls stand one above the other
    (stacked options, accounts) or side by side (a row of buttons), both stop short of the middle
    between them."""
    inner = layout.frame.grow(-1.5)
    boxes = [layout.boxes[c.control] for c in callouts]
    edges = []
    for callout, b in zip(callouts, boxes, strict=True):
        x0, y0, x1, y1 = b.x - OUTLINE_GROW, b.y - OUTLINE_GROW, b.right + OUTLINE_GROW, b.bottom + OUTLINE_GROW
        for t in layout.texts:
            if t.element == callout.control and t.box.inside(b, 1.0):
                x0, y0 = min(x0, t.box.x - TEXT_CLEAR), min(y0, t.box.y - TEXT_CLEAR)
                x1, y1 = max(x1, t.box.right + TEXT_CLEAR), max(y1, t.box.bottom + TEXT_CLEAR)
        edges.append([x0, y0, x1, y1])
    for i, (callout, a) in enumerate(zip(callouts, boxes, strict=True)):
        for other, b in zip(callouts, boxes, strict=True):
            if other.control == callout.control or a.overlaps(b):  # itself, what holds it, what it holds
                continue
            gap = OUTLINE_GAP / 2
            if min(a.right, b.right) - max(a.x, b.x) > 0:  # one above the other
                if a.bottom <= b.y + 0.01:
                    edges[i][3] = min(edges[i][3], (a.bottom + b.y) / 2 - gap)
                elif b.bottom <= a.y + 0.01:
                    edges[i][1] = max(edges[i][1], (b.bottom + a.y) / 2 + gap)
            elif min(a.bottom, b.bottom) - max(a.y, b.y) > 0:  # side by side
                if a.right <= b.x + 0.01:
                    edges[i][2] = min(edges[i][2], (a.right + b.x) / 2 - gap)
                elif b.right <= a.x + 0.01:
                    edges[i][0] = max(edges[i][0], (b.right + a.x) / 2 + gap)
    return [_clamp(Box(x0, y0, x1 - x0, y1 - y0), inner) for x0, y0, x1, y1 in edges]


def _clamp(box: Box, frame: Box) -> Box:
    w, h = min(box.w, frame.w), min(box.h, frame.h)
    x = min(max(box.x, frame.x), frame.x + frame.w - w)
    y = min(max(box.y, frame.y), frame.y + frame.h - h)
    return Box(x, y, w, h)
