"""load_guide: read one guide's YAML, check it against the model, and cross-check references.

Loading is safe (PyYAML's safe composer), strict (unknown keys and wrong types are
errors) and precise (every error names file, line and column). The image files the guide
names are found and checked in the project's assets/ folder (`assets.py`). All problems
found in one pass are raised together as `GuideErrors`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from ..errors import GuideError, GuideErrors, Location, braced, did_you_mean, display_path, quoted
from .assets import Asset, find_asset
from .controls import CodeInput, RadioGroup, Select
from .elements import Dialog, Image, Menu, Section, Table, Tabs, element_label, walk_elements
from .located import LocStr, compose, read_text
from .messages import iter_templates, placeholders
from .model import POLICY_CHECKLIST, AnyScreen, EmailScreen, Guide, Mark, Screenshot
from .schema import NodeConverter
from .variables import value_problem

MAX_STEPS = 2_000  # a handout of a hundred pages; more is not one guide

CHOOSERS = {"select": "options", "radio_group": "options", "tabs": "tabs", "menu": "items"}


def load_guide(path: Path, assets_dir: Path | None = None) -> Guide:
    """Load and validate one guide file; its images are looked up in `assets_dir` (default: the
    assets/ folder beside the guide's folder, as in a guides project)."""
    shown = display_path(path)
    node = compose(read_text(path), shown)
    guide: Guide = NodeConverter(shown).load(Guide, node)
    steps = sum(len(section.steps) for section in guide.sections)
    if steps > MAX_STEPS:
        raise GuideError(guide.loc, f"too large: {steps:,} steps (a guide has at most {MAX_STEPS:,}; split it)")
    problems = list(check_references(guide))
    if guide.id != path.stem:
        problems.insert(0, GuideError(guide.id.loc, f"id {guide.id!r} must match the file name {path.stem!r}"))
    assets, asset_problems = find_assets(guide, assets_dir or path.resolve().parent.parent / "assets")
    problems += asset_problems
    if problems:
        raise GuideErrors(problems)
    return replace(guide, assets=assets)


def find_assets(guide: Guide, assets_dir: Path) -> tuple[dict[str, Asset], list[GuideError]]:
    """Every image the guide names, checked; a screenshot's regions must lie inside its image."""
    assets: dict[str, Asset] = {}
    problems: list[GuideError] = []
    for name, screen in guide.screens.items():
        files = [e.file for e in walk_elements(getattr(screen, "elements", ())) if isinstance(e, Image)]
        if isinstance(screen, Screenshot):
            files.append(screen.image)
        for file in files:
            if file in assets:
                continue
            optional = isinstance(screen, Screenshot) and screen.optional and file == screen.image
            try:
                assets[file] = find_asset(file, file.loc, assets_dir, required=not optional)
            except GuideError as exc:
                problems.append(exc)
        if isinstance(screen, Screenshot) and screen.image in assets:
            source = assets[screen.image].source
            for region_name, region in screen.regions.items():
                if region.width <= 0 or region.height <= 0:
                    problems.append(GuideError(region.loc, f"region {region_name!r} has no area"))
                elif source is not None and (
                    region.x < 0
                    or region.y < 0
                    or region.x + region.width > source.width
                    or region.y + region.height > source.height
                ):
                    problems.append(
                        GuideError(
                            region.loc,
                            f"region {region_name!r} ({region.x}, {region.y}, {region.width} × {region.height}) "
                            f"lies outside the {source.width:.0f} × {source.height:.0f} image on screen {name!r}",
                        )
                    )
    return assets, problems


def control_ids(screen: AnyScreen) -> dict[str, object]:
    """The ids a step's marks and avoid may name on a screen: elements, their items, a screenshot's regions."""
    if isinstance(screen, Screenshot):
        return dict(screen.regions)
    return {element.id: element for element in walk_elements(screen.elements)}


def closed_options(screen: AnyScreen) -> dict[str, str]:
    """The options a step cannot point at, as they are not drawn: those of a closed select (its id)."""
    return {
        option.id: element.id
        for element in walk_elements(getattr(screen, "elements", ()))
        if isinstance(element, Select) and not element.open
        for option in element.options
    }


def check_references(guide: Guide) -> list[GuideError]:
    """Every reference in the guide resolves: screens, controls, checklists, placeholders, choices."""
    problems: list[GuideError] = []

    def fail(where: LocStr | Location, message: str) -> None:
        problems.append(GuideError(where.loc if isinstance(where, LocStr) else where, message))

    screen_ids: dict[str, dict[str, object]] = {}
    for name, screen in guide.screens.items():
        seen: dict[str, object] = {}
        for element in _all_ids(screen):
            if element in seen:
                fail(element, f"id {element!r} is used twice on screen {name!r}")
            seen[element] = True
        screen_ids[name] = control_ids(screen)
        if screen_has_policy(screen) and guide.password_policy is None:
            fail(screen.loc, f"screen {name!r} has a policy_list but the guide has no password_policy")
        problems += _screen_structure(guide, name, screen)

    for name, var in guide.variables.items():
        problem = value_problem(var.kind, var.default)
        if problem:
            fail(var.default, f"variable {name!r}: default: {problem}")
    if guide.introduction_screen and guide.introduction_screen not in guide.screens:
        fail(
            guide.introduction_screen,
            f"unknown screen {guide.introduction_screen!r}{did_you_mean(guide.introduction_screen, guide.screens)}",
        )
    checklists = set(guide.checklists) | ({POLICY_CHECKLIST} if guide.password_policy else set())
    closed = {name: closed_options(screen) for name, screen in guide.screens.items()}
    for section in guide.sections:
        for step in section.steps:
            if step.screen and step.screen not in guide.screens:
                fail(step.screen, f"unknown screen {step.screen!r}{did_you_mean(step.screen, guide.screens)}")
            controls = screen_ids.get(step.screen, {})
            hidden = closed.get(step.screen, {})
            marked: set[str] = set()
            twice: set[str] = set()
            for mark in [*step.marks, *step.avoid]:
                control = mark.control if isinstance(mark, Mark) else mark
                if control in marked:  # one badge per control and step (1,000 of them took seconds)
                    if control not in twice:
                        fail(control, f"marks control {control!r} twice in one step")
                    twice.add(str(control))
                    continue
                marked.add(str(control))
                if not step.screen:
                    fail(control, f"marks control {control!r} but the step shows no screen")
                elif step.screen in guide.screens and control not in controls:
                    fail(control, f"screen {step.screen!r} has no control {control!r}{did_you_mean(control, controls)}")
                elif control in hidden:
                    select = hidden[control]
                    fail(
                        control,
                        f"{control!r} is an option of the closed select {select!r}, which does not show its options: "
                        f"name {select!r} itself, or give the select `open: true`",
                    )
            if step.checklist and step.checklist not in checklists:
                fail(step.checklist, f"unknown checklist {step.checklist!r}{did_you_mean(step.checklist, checklists)}")

    labels = label_texts(guide, screen_ids)
    names = set(guide.variables) | set(labels)
    for message in iter_templates(guide):
        allowed = set(names)
        if message.plural is not None:
            allowed.add("count")
        if message.field == "date_label":
            allowed.add("date")
        for text in filter(None, (message.text, message.plural)):
            try:
                used = placeholders(text)
            except ValueError as exc:
                fail(text, str(exc))
                continue
            for name in used:
                if name not in allowed:
                    fail(text, _unknown_placeholder(name, allowed, screen_ids))
    problems += label_cycles(labels)
    return problems


def _unknown_placeholder(name: str, allowed: set[str], screen_ids: dict[str, dict[str, object]]) -> str:
    screen, dot, element = name.partition(".")
    if element in screen_ids.get(screen, {}):
        return f"{{{name}}}: element {element!r} on screen {screen!r} has no title, label or text to show"
    if dot and screen in screen_ids:  # a mistyped element of a screen the guide has
        return f"screen {screen!r} has no element {quoted(element)}{did_you_mean(element, screen_ids[screen])}"
    if dot and screen not in screen_ids and not any(n.startswith(f"{screen}.") for n in allowed):
        return f"no screen {quoted(screen)} for {braced(name)}{did_you_mean(screen, screen_ids)}"
    return f"undefined variable {braced(name)}{did_you_mean(name, allowed)}"


def label_texts(guide: Guide, screen_ids: dict[str, dict[str, object]]) -> dict[str, LocStr]:
    """Every UI label a text may name: the guide's `labels` and each labelled control as `{screen.id}`."""
    texts: dict[str, LocStr] = dict(guide.labels)
    for screen_name, ids in screen_ids.items():
        for element_id, element in ids.items():
            label = element_label(element)
            if label:
                texts[f"{screen_name}.{element_id}"] = label
    return texts


def label_cycles(texts: dict[str, LocStr]) -> list[GuideError]:
    """A UI label that names itself, directly or through others ({screen.element} in its own text),
    could never be filled in: each such loop is an error at the first label's text."""

    def refers_to(name: str) -> list[str]:
        try:
            return [used for used in placeholders(texts[name]) if used in texts]
        except ValueError:  # a broken placeholder, reported above
            return []

    problems: list[GuideError] = []
    reported: set[str] = set()
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for used in refers_to(name):
            if state.get(used) == "open":
                loop = [*trail[trail.index(used) :], used]
                if not reported & set(loop):
                    reported.update(loop)
                    start = texts[loop[0]]
                    path = " → ".join(f"{{{n}}}" for n in loop)
                    problems.append(GuideError(start.loc, f"the label refers to itself: {path}"))
            elif used not in state:
                visit(used, [*trail, used])
        state[name] = "done"

    for name in texts:
        if name not in state:
            visit(name, [name])
    return problems


def _screen_structure(guide: Guide, name: str, screen: AnyScreen) -> Iterator[GuideError]:
    """Where dialogs and menus may stand, what `selected` and `behind` name, a table's cells."""
    if isinstance(screen, Screenshot):
        return
    top = list(screen.elements)
    dialogs = [e for e in top if isinstance(e, Dialog)]
    for extra in dialogs[1:]:
        yield GuideError(extra.loc, f"screen {name!r} has a second dialog (one at a time)")
    placements: dict[str, Menu] = {}
    for menu in top:
        if isinstance(menu, Menu):
            if menu.placement in placements:
                yield GuideError(menu.loc, f"screen {name!r} has a second {menu.placement} menu")
            placements[menu.placement] = menu
    for element in walk_elements(tuple(top)):
        for child in getattr(element, "elements", ()) or ():
            if isinstance(element, (Section, Dialog)) and isinstance(child, Menu) and child.placement != "top":
                yield GuideError(
                    child.loc, f"a {child.placement} menu belongs to the screen, not inside a {element.type}"
                )
        if isinstance(element, (Select, RadioGroup, Tabs, Menu)) and element.selected:
            ids = [option.id for option in getattr(element, CHOOSERS[element.type])]
            if element.selected not in ids:
                yield GuideError(
                    element.selected.loc,
                    f"{element.id!r} has no option {element.selected!r}{did_you_mean(element.selected, ids)}",
                )
        if isinstance(element, Table):
            for row in element.rows:
                if len(row.cells) > len(element.columns):
                    yield GuideError(
                        row.loc,
                        f"a row of table {element.id!r} has {len(row.cells)} cells for {len(element.columns)} columns",
                    )
        if isinstance(element, CodeInput) and element.value and len(element.value) > element.length:
            yield GuideError(element.value.loc, f"{len(element.value)} digits typed in a code of {element.length}")
    behind = "" if isinstance(screen, EmailScreen) else screen.behind
    if behind:
        other = guide.screens.get(behind)
        if other is None:
            yield GuideError(behind.loc, f"unknown screen {behind!r}{did_you_mean(behind, guide.screens)}")
        elif isinstance(other, Screenshot) or behind == name or (not isinstance(other, EmailScreen) and other.behind):
            yield GuideError(
                behind.loc,
                f"screen {behind!r} cannot stand behind {name!r}: use a drawn screen without a `behind` of its own",
            )
        if not dialogs:
            yield GuideError(behind.loc, f"screen {name!r} has `behind` but no dialog to stand in front")


def screen_has_policy(screen: AnyScreen) -> bool:
    return any(getattr(e, "type", "") == "policy_list" for e in walk_elements(getattr(screen, "elements", ())))


def _all_ids(screen: AnyScreen) -> list[LocStr]:
    if isinstance(screen, Screenshot):
        return []
    return [element.id for element in walk_elements(screen.elements) if isinstance(element.id, LocStr)]  # all of them
