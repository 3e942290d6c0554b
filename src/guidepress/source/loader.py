"""load_guide: read one guide's YAML, check it against the model, and cross-check references.

Loading is safe (PyYAML's safe composer), strict (unknown keys and wrong types are
errors) and precise (every error names file, line and column). All problems found in
one pass are raised together as `GuideErrors`.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import GuideError, GuideErrors, Location, display_path
from .located import LocStr, compose
from .messages import iter_templates, placeholders
from .model import POLICY_CHECKLIST, Guide, Mark, Screen, Section, element_label
from .schema import NodeConverter
from .variables import value_problem

MAX_STEPS = 2_000  # a handout of a hundred pages; more is not one guide


def load_guide(path: Path) -> Guide:
    """Load and validate one guide file."""
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise GuideError(Location(shown, 1, 1), f"not UTF-8 text: {exc.reason}") from None
    except OSError as exc:
        raise GuideError(Location(shown), f"cannot read: {exc.strerror}") from None
    node = compose(text, shown)
    guide: Guide = NodeConverter(shown).load(Guide, node)
    steps = sum(len(section.steps) for section in guide.sections)
    if steps > MAX_STEPS:
        raise GuideError(guide.loc, f"too large: {steps:,} steps (a guide has at most {MAX_STEPS:,}; split it)")
    problems = list(check_references(guide))
    if guide.id != path.stem:
        problems.insert(0, GuideError(guide.id.loc, f"id {guide.id!r} must match the file name {path.stem!r}"))
    if problems:
        raise GuideErrors(problems)
    return guide


def _element_ids(screen: Screen) -> dict[str, object]:
    ids: dict[str, object] = {}
    for element in screen.elements:
        ids[element.id] = element
        if isinstance(element, Section):
            for child in element.elements:
                ids[child.id] = child
    for element in list(ids.values()):
        for account in getattr(element, "accounts", ()):
            ids[account.id] = account
    return ids


def check_references(guide: Guide) -> list[GuideError]:
    """Every reference in the guide resolves: screens, controls, checklists, placeholders."""
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
        screen_ids[name] = _element_ids(screen)
        if screen_has_policy(screen) and guide.password_policy is None:
            fail(screen.loc, f"screen {name!r} has a policy_list but the guide has no password_policy")

    for name, var in guide.variables.items():
        problem = value_problem(var.kind, var.default)
        if problem:
            fail(var.default, f"variable {name!r}: default: {problem}")

    checklists = set(guide.checklists) | ({POLICY_CHECKLIST} if guide.password_policy else set())
    for section in guide.sections:
        for step in section.steps:
            if step.screen and step.screen not in guide.screens:
                fail(step.screen, f"unknown screen {step.screen!r}{_suggest(step.screen, guide.screens)}")
            controls = screen_ids.get(step.screen, {})
            for mark in [*step.marks, *step.avoid]:
                control = mark.control if isinstance(mark, Mark) else mark
                if not step.screen:
                    fail(control, f"marks control {control!r} but the step shows no screen")
                elif step.screen in guide.screens and control not in controls:
                    fail(control, f"screen {step.screen!r} has no control {control!r}{_suggest(control, controls)}")
            if step.checklist and step.checklist not in checklists:
                fail(step.checklist, f"unknown checklist {step.checklist!r}{_suggest(step.checklist, checklists)}")

    names = set(guide.variables) | set(guide.labels)
    for screen_name, ids in screen_ids.items():
        names |= {f"{screen_name}.{i}" for i, element in ids.items() if element_label(element)}
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
                    fail(text, f"undefined variable {{{name}}}{_suggest(name, allowed)}")
    problems += label_cycles(guide, screen_ids)
    return problems


def label_cycles(guide: Guide, screen_ids: dict[str, dict[str, object]]) -> list[GuideError]:
    """A UI label that names itself, directly or through others ({screen.element} in its own text),
    could never be filled in: each such loop is an error at the first label's text."""
    texts: dict[str, LocStr] = {name: text for name, text in guide.labels.items()}
    for screen_name, ids in screen_ids.items():
        for element_id, element in ids.items():
            if element_label(element):
                texts[f"{screen_name}.{element_id}"] = element_label(element)  # type: ignore[assignment]

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


def screen_has_policy(screen: Screen) -> bool:
    return any(getattr(e, "type", "") == "policy_list" for e in _walk(screen.elements))


def _walk(elements):  # type: ignore[no-untyped-def]
    for element in elements:
        yield element
        if isinstance(element, Section):
            yield from element.elements


def _all_ids(screen: Screen) -> list[LocStr]:
    ids = []
    for element in _walk(screen.elements):
        ids.append(element.id)
        ids.extend(account.id for account in getattr(element, "accounts", ()))
    return ids


def _suggest(name: str, known) -> str:  # type: ignore[no-untyped-def]
    import difflib

    close = difflib.get_close_matches(str(name), [str(k) for k in known], n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
