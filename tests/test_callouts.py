"""Callouts on small guides written for the case: what a step may point at, where a note goes,
how outlines sit around what they mark, and a screen drawn behind a dialog."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from guidepress.build import make_handout
from guidepress.document import Callout
from guidepress.errors import GuideErrors
from guidepress.l10n.translator import translator_for
from guidepress.mockup.callouts import annotate
from guidepress.mockup.palette import ACCENT
from guidepress.mockup.shapes import Rect
from guidepress.project import Project
from guidepress.source.loader import closed_options, control_ids, load_guide

HEAD = """\
id: case
title: A case
product: Example App
version: "1"
updated: 2026-12-01
summary: One case.
"""


def guide_of(tmp_path: Path, body: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "guide_src" / "case.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEAD + body, encoding="utf-8")
    return load_guide(path, tmp_path / "assets")


def handout_of(guide):  # type: ignore[no-untyped-def]
    return make_handout(guide, translator_for(ROOT / "locales", "en"), {}, guide.updated)


CLOSED_SELECT = """\
screens:
  form:
    elements:
      - id: kind
        type: select
        label: Account
        options:
          - {id: own, text: Own account}
          - {id: joint, text: Joint account}
sections:
  - title: Go
    steps:
      - text: Choose your own account.
        screen: form
        %s
"""


@pytest.mark.parametrize("entry", ["marks: [own]", "avoid: [joint]", "marks: [{control: own, note: Yours}]"])
def test_an_option_of_a_closed_select_is_a_located_error_not_a_crash(tmp_path: Path, entry: str) -> None:
    with pytest.raises(GuideErrors) as caught:
        guide_of(tmp_path, CLOSED_SELECT % entry)
    [problem] = caught.value.errors
    assert "case.yaml:21:" in str(problem)
    assert "closed select 'kind'" in str(problem) and "open: true" in str(problem)


def test_the_closed_select_itself_and_an_open_ones_options_can_be_marked(tmp_path: Path) -> None:
    guide = guide_of(tmp_path, CLOSED_SELECT % "marks: [kind]")
    assert handout_of(guide).views[1].placed
    opened = CLOSED_SELECT.replace("label: Account", "label: Account\n        open: true")
    opened %= "marks: [own]\n        avoid: [joint]"
    view = handout_of(guide_of(tmp_path, opened)).views[1]
    assert [control for control, _badge, _note in view.placed] == ["own", "joint"]


def test_every_control_a_step_may_name_can_be_marked_and_avoided() -> None:
    """Each id the reference checks accept on the gallery's screens (every element type) has a box."""
    gallery = Project(ROOT / "docs" / "gallery")
    guide = load_guide(gallery.guide_dir / "widget-gallery.yaml", gallery.assets_dir)
    made = make_handout(guide, translator_for(gallery.locales_dir, "en"), {}, guide.updated)
    layouts = {layout.screen_id: layout for layout in made.layouts()}
    for name, screen in guide.screens.items():
        if name not in layouts:
            continue
        for control in set(control_ids(screen)) - set(closed_options(screen)):
            for avoid in (False, True):
                view = annotate(layouts[name], (Callout(control, "1", "A note", avoid),))
                assert view.placed[0][0] == control


BEHIND = """\
screens:
  settings:
    layout: settings
    elements:
      - id: menu
        type: menu
        placement: side
        selected: accounts
        items:
          - {id: profile, text: Profile, icon: user}
          - {id: accounts, text: Accounts, icon: key}
      - {id: heading, type: heading, text: Accounts}
      - id: accounts_table
        type: table
        columns: [Account, Number, Owner]
        rows:
          - {id: current_row, cells: [Current account, 1234.56.78901, Kari Nordmann]}
          - {id: savings_row, cells: [Savings account, 1234.56.78902, Kari Nordmann]}
  change_form:
    behind: settings
    elements:
      - id: dialog
        type: dialog
        title: Change the account
        elements:
          - {id: sure, type: paragraph, text: "Do you want to change it?"}
          - id: actions
            type: buttons
            buttons:
              - {id: cancel, text: Cancel, style: secondary}
              - {id: ok, text: Change}
sections:
  - title: Go
    steps:
      - text: Open the account.
        screen: settings
        marks: [current_row]
      - text: Confirm.
        screen: change_form
        marks: [ok]
"""


def test_the_screen_behind_a_dialog_is_laid_out_with_its_own_layout(tmp_path: Path) -> None:
    made = handout_of(guide_of(tmp_path, BEHIND))
    assert not made.warnings, made.warnings
    alone, behind = made.views[1].layout, made.views[2].layout
    assert not behind.overflows
    # the page behind the dialog is the settings page as drawn alone: its table and menu where they are there
    assert behind.extents["accounts_table"] == alone.extents["accounts_table"]
    menu, menu_alone = behind.extents["menu"], alone.extents["menu"]
    assert (menu.x, menu.y, menu.w) == (menu_alone.x, menu_alone.y, menu_alone.w)  # down to the taller page's end
    assert "current_row" not in behind.boxes  # a control of the page, not of the dialog's screen


def test_what_does_not_fit_behind_a_dialog_is_reported_once_in_the_name_of_the_screen_behind(tmp_path: Path) -> None:
    long = BEHIND.replace("text: Accounts}", "text: Accountsthatnobodycouldeverfitonasinglelineofthepage}")
    dialog = long[long.index("  change_form:") : long.index("sections:")]
    long = long.replace("sections:", dialog.replace("change_form", "other_form") + "sections:")
    long += "      - text: Or the other.\n        screen: other_form\n        marks: [cancel]\n"
    made = handout_of(guide_of(tmp_path, long))
    assert len(made.views) == 3
    [warning] = [w for w in made.warnings if "does not fit" in w.message]
    assert "'heading' on screen 'settings'" in warning.message
    lines = (HEAD + long).splitlines()  # at the heading's text in the guide
    [line] = [n for n, text in enumerate(lines, 1) if "text: Accountsthat" in text]
    column = lines[line - 1].index("Accountsthat") + 1
    assert warning.location.path.endswith("case.yaml")
    assert (warning.location.line, warning.location.column) == (line, column)
    for view in made.views.values():
        assert [o.screen for o in view.layout.overflows] == ["settings"]


NOTES = """\
screens:
  mail:
    kind: email
    subject: Someone signed in
    sender: Example Portal
    sender_address: no-reply@example.com
    elements:
      - id: hello
        type: paragraph
        text: Someone signed in to your account from a new device on Monday. If it was you, you need not do anything.
      - {id: wrong, type: link, text: This was not me}
  page:
    elements:
      - {id: heading, type: heading, text: Signed in}
      - {id: go, type: button, text: Continue}
      - {id: wrong, type: link, text: This was not me}
sections:
  - title: Go
    steps:
      - text: Click the link.
        screen: mail
        marks: [{control: wrong, note: Only if it was not you}]
      - text: Click the link.
        screen: page
        marks: [{control: wrong, note: Only if it was not you}]
"""


def test_a_note_stands_clear_of_the_texts_and_controls_around_its_control(tmp_path: Path) -> None:
    """The pill sat over the paragraph's last line (its descenders) and over the button's bottom edge."""
    made = handout_of(guide_of(tmp_path, NOTES))
    for view in made.views.values():
        [(_control, _badge, note)] = view.placed
        assert note is not None
        for text in view.layout.texts:
            if text.element != "wrong":
                assert not note.overlaps(text.box.grow(1.5)), (view.layout.screen_id, text.text)
        for control, box in view.layout.boxes.items():
            if control != "wrong":
                assert not note.overlaps(box), (view.layout.screen_id, control)


def test_a_dialog_control_named_like_an_element_of_the_page_behind_is_the_one_marked(tmp_path: Path) -> None:
    same = BEHIND.replace("{id: sure,", "{id: heading,").replace("marks: [ok]", "marks: [heading]")
    view = handout_of(guide_of(tmp_path, same)).views[2]
    assert view.layout.boxes["heading"].inside(view.layout.extents["dialog"])
    # the page's texts the dialog hides are nothing a badge must keep off: under it, only its own
    under = [t.text for t in view.layout.texts if t.box.inside(view.layout.extents["dialog"])]
    assert under == ["Change the account", "Do you want to change it?", "Cancel", "Change"]


def outlines_of(view):  # type: ignore[no-untyped-def]
    """Each callout's outline (solid or dashed), in the order of `view.placed`."""
    return [s for s in view.annotations if isinstance(s, Rect) and s.fill is None and s.stroke == ACCENT]


@pytest.mark.parametrize("locale", ["nb", "en"])
@pytest.mark.parametrize("path", sorted((ROOT / "guide_src").glob("*.yaml")), ids=lambda p: p.stem)
def test_an_outline_keeps_room_around_its_controls_text_and_off_its_neighbours(path: Path, locale: str) -> None:
    """The text "Virker uten nett." touched its outline, a toggle's label sat against its outline's left edge."""
    guide = load_guide(path)
    made = make_handout(guide, translator_for(ROOT / "locales", locale), {}, guide.updated)
    for number, view in made.views.items():
        outlines = outlines_of(view)
        assert len(outlines) == len(view.placed)
        for (control, _badge, _note), outline in zip(view.placed, outlines, strict=True):
            box, inner = view.layout.boxes[control], outline.box.grow(-outline.width / 2 - 3.0)
            for text in view.layout.texts:
                if text.element == control and text.box.inside(box, 1.0):
                    assert text.box.inside(inner), f"step {number}: {text.text!r} is near its outline's edge"
        for i, a in enumerate(outlines):
            for b in outlines[i + 1 :]:
                across = max(b.box.x - a.box.right, a.box.x - b.box.right)
                apart = max(across, b.box.y - a.box.bottom, a.box.y - b.box.bottom)
                assert apart - (a.width + b.width) / 2 >= 0.9, f"step {number}: two outlines touch"


def test_on_a_screenshot_a_note_keeps_off_every_region_its_own_too() -> None:
    """On the gallery's screenshot the "Not this one" tag sat on the border of the Get help button."""
    gallery = Project(ROOT / "docs" / "gallery")
    guide = load_guide(gallery.guide_dir / "widget-gallery.yaml", gallery.assets_dir)
    made = make_handout(guide, translator_for(gallery.locales_dir, "en"), {}, guide.updated)
    [view] = [v for v in made.views.values() if v.layout.kind == "screenshot"]
    notes = [note for _control, _badge, note in view.placed if note is not None]
    assert notes
    for note in notes:
        for region, box in view.layout.boxes.items():  # the picture's foot leaves room for all but a sliver
            assert not note.overlaps(box.grow(-1.1)), region


def test_an_element_of_the_dialogs_screen_named_like_one_behind_it_keeps_its_box(tmp_path: Path) -> None:
    """The dialog's screen may have elements of its own beside the dialog (a top menu): one named
    like an element of the page behind is still this screen's, and can be marked."""
    own_menu = """\
      - id: top
        type: menu
        placement: top
        items:
          - {id: accounts, text: Accounts}
      - id: dialog
        type: dialog
"""
    same = BEHIND.replace("      - id: dialog\n        type: dialog\n", own_menu, 1).replace(
        "marks: [ok]", "marks: [accounts]"
    )
    assert same.count("placement: top") == 1
    view = handout_of(guide_of(tmp_path, same)).views[2]
    assert (
        view.layout.boxes["accounts"].bottom <= view.layout.extents["top"].bottom
    )  # the top menu's, not the side menu's
