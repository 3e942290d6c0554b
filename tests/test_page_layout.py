"""How the handouts use their pages: consecutive steps on one screen share its picture, each callout
with its own step's number; no page but the last ends more than a quarter empty; a checklist
stays with its step; a callout never covers the text of its control."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak

from conftest import ROOT
from guidepress.build import BuildOptions, build, document_date, make_handout
from guidepress.common.output import Output
from guidepress.document import step_blocks
from guidepress.l10n.pseudo import PSEUDO_LOCALE
from guidepress.l10n.translator import translator_for
from guidepress.mockup.callouts import BADGE_R
from guidepress.mockup.shapes import Text
from guidepress.pdf.paper import page_setup
from guidepress.pdf.render import render_pdf
from guidepress.project import Project
from guidepress.source.loader import load_guide
from pdftext import pdf_text

PROJECT = Project(ROOT)
GUIDES = sorted(PROJECT.guide_dir.glob("*.yaml"))
ABSENCE = PROJECT.guide_dir / "register-absence.yaml"
OUTPUTS = {
    "print": Output(),
    "ticket": Output(profile="ticket"),
    "letter": Output(paper="letter"),
    "booklet": Output(booklet=True),
}


def handout(path: Path, locale: str):  # type: ignore[no-untyped-def]
    guide = load_guide(path, PROJECT.assets_dir)
    return guide, make_handout(guide, translator_for(PROJECT.locales_dir, locale), {}, guide.updated)


def test_consecutive_steps_on_one_screen_share_one_picture(tmp_path: Path) -> None:
    _guide, made = handout(ABSENCE, "en")
    [first_section, second, _third] = made.document.sections
    assert [tuple(s.number for s in block) for block in step_blocks(first_section.steps)] == [(1,), (2, 3)]
    assert [tuple(s.number for s in block) for block in step_blocks(second.steps)] == [(4,), (5, 6, 7)]
    assert 3 not in made.views and made.last_steps[2] == 3 and made.last_steps[5] == 7
    view = made.views[5]
    numbers = [s.text for s in view.annotations if isinstance(s, Text) and s.color == "#FFFFFF"]
    marked = dict(zip([control for control, _badge, _note in view.placed], numbers, strict=True))
    assert marked == {"from": "5", "to": "5", "comment": "6", "send": "7"}
    for control, badge, _note in view.placed:  # each number stands beside the control its own step names
        box = view.layout.boxes[control]
        assert box.grow(2 * BADGE_R + 4).overlaps(badge) and badge.y < box.bottom and badge.bottom > box.y - 8
    report = build(PROJECT, BuildOptions(out_dir=tmp_path, locales=("en",)), [ABSENCE])
    assert not report.errors
    names = sorted(p.name for p in (tmp_path / "en" / "register-absence").glob("*.png"))
    assert names == ["02-03-absences.png", "04-absence-type.png", "05-07-absence-form.png",
                     "08-absences-sent.png", "09-approved-mail.png"]  # fmt: skip
    text = pdf_text(tmp_path / "en" / "register-absence.pdf")
    for step in ("Click Register absence.", "If you want, write a comment to your manager."):
        assert step in text
    # the form is drawn once for its three steps: its heading shows twice (the type's screen and the form)
    assert text.count("Comment to your manager (optional)") == 1


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("locale", ["nb", "nn", "en"])
@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_no_page_but_the_last_ends_a_quarter_empty(path: Path, locale: str, output: str) -> None:
    """As the layout itself counts it, in nn too (tests/test_page_fill.py measures the rendered
    pages of nb and en); and the page flow leaves nothing to platypus: each page ends where the
    plan put a page break. An A5 booklet page holds one step with its picture under the text,
    and most of those steps fill 60-85 % of it: there the flow does what it can, and only the
    planned breaks are held to (two-step-verification's booklet has pages 28-59 % empty)."""
    guide, made = handout(path, locale)
    setup = page_setup(OUTPUTS[output])
    ends: list = []
    render_pdf(
        made.document,
        lambda step: made.views.get(step.number),
        document_date(guide)[1],
        setup,
        introduction=made.introduction,
        page_ends=ends,
    )
    assert len(ends) > 1
    for end in ends[:-1]:
        assert output == "booklet" or end.space_left <= 0.25 * setup.frame_height, (
            f"page {end.page} ends {end.space_left / setup.frame_height:.0%} empty"
        )
        assert isinstance(end.next, PageBreak), f"page {end.page} ended before {end.next!r}, not at a planned break"


def test_a_checklist_stays_on_its_steps_page() -> None:
    """The BankID handout's last step and its checklist end the same page (its picture a little smaller)."""
    guide, made = handout(PROJECT.guide_dir / "bankid-visma-connect.yaml", "en")
    pdf = render_pdf(
        made.document,
        lambda step: made.views.get(step.number),
        document_date(guide)[1],
        page_setup(Output()),
        introduction=made.introduction,
    )
    from pypdf import PdfReader

    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    [last] = [i for i, text in enumerate(pages) if "Before you go on, check that" in text]
    assert "After the BankID login you see a list" in pages[last].replace("\n", " ")
    assert len(pages) == 5


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("locale", ["nb", "nn", "en"])
@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_no_value_under_the_title_breaks_across_lines(path: Path, locale: str, output: str) -> None:
    """Product, language, version, date and organisation each stand on one line ("20. november
    2026", "Sokndal kommune"), on A5 booklet pages too: fewer to a row where the page is narrow."""
    from pypdf import PdfReader

    from guidepress.pdf.render import _meta_table as meta_table
    from guidepress.pdf.render import keep_whole_words, styles_for

    _guide, made = handout(path, locale)
    document = made.document
    width = page_setup(OUTPUTS[output]).frame_width
    table = meta_table(document, styles_for(document.text_locale, keep_whole_words(document)), width)
    out = io.BytesIO()
    canvas = Canvas(out)
    assert table.wrapOn(canvas, width, 800)[0] <= width + 0.01
    table.drawOn(canvas, 0, 100)
    canvas.save()
    lines: list[str] = []
    PdfReader(out).pages[0].extract_text(visitor_text=lambda text, *_: lines.append(text.strip()))
    values = [document.product, document.language_name, document.version, document.date_text, document.organisation]
    for value in values:
        assert value in lines, (value, [line for line in lines if line])


@pytest.mark.parametrize("output", ["print", "booklet"])
def test_the_online_address_stands_apart_from_the_summary(output: str) -> None:
    """The line "This guide online" is not set right under the summary's last line: the gap
    between their baselines is more than the summary's own line pitch (16 pt)."""
    from pypdf import PdfReader

    guide, made = handout(PROJECT.guide_dir / "bankid-visma-connect.yaml", "en")
    pdf = render_pdf(
        made.document, lambda step: made.views.get(step.number), document_date(guide)[1], page_setup(OUTPUTS[output])
    )
    lines: list[tuple[str, float]] = []
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    page.extract_text(visitor_text=lambda text, cm, tm, *_: lines.append((text.strip(), cm[5] + tm[5])))
    texts = [text for text, _ in lines]
    online = texts.index("This guide online")
    summary_end = max(i for i, text in enumerate(texts[:online]) if text.endswith("Visma Connect."))
    assert lines[summary_end][1] - lines[online][1] > 16 + 2


@pytest.mark.parametrize("locale", ["nb", "nn", "en", PSEUDO_LOCALE])
@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_a_callout_never_covers_the_text_of_its_control(path: Path, locale: str) -> None:
    _guide, made = handout(path, locale)
    for view in made.views.values():
        assert view.placed
        for control, badge, note in view.placed:
            for text in view.layout.texts:
                if text.element == control:
                    where = f"{view.layout.screen_id} ({locale})"
                    assert not badge.overlaps(text.box), f"{where}: the badge covers {text.text!r}"
                    assert note is None or not note.overlaps(text.box), f"{where}: the note covers {text.text!r}"


@pytest.mark.parametrize("locale", ["nb", "nn", "en", PSEUDO_LOCALE])
@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_a_callout_covers_no_icon(path: Path, locale: str) -> None:
    """A side menu item's badge sat on the icon of the item above it (the Profil icon)."""
    _guide, made = handout(path, locale)
    assert any(view.layout.marks for view in made.views.values())
    for view in made.views.values():
        for control, badge, note in view.placed:
            for mark in view.layout.marks:
                where = f"{view.layout.screen_id} ({locale}), callout on {control}"
                assert not badge.overlaps(mark), f"{where}: the badge covers an icon at {mark}"
                assert note is None or not note.overlaps(mark), f"{where}: the note covers an icon at {mark}"


@pytest.mark.parametrize("locale", ["nb", "nn", "en", PSEUDO_LOCALE])
@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_the_not_this_one_tag_covers_no_text_at_all(path: Path, locale: str) -> None:
    """The tag on an option to avoid ("Ikke denne") sat over the struck option's second line;
    it keeps off every text of the screen, with room for accents and descenders."""
    _guide, made = handout(path, locale)
    for view in made.views.values():
        for _control, _badge, note in view.placed:
            if note is None:
                continue
            for text in view.layout.texts:
                clear = text.box.grow(1.0)
                assert not note.overlaps(clear), f"{view.layout.screen_id} ({locale}): the tag covers {text.text!r}"
