"""Writes the test guides of tests/test_page_fill.py: a dozen guides of different shapes (many
short steps, few long ones, tall phone screens, wide browser pages, a long checklist, long notes,
steps sharing a screen, Norwegian compounds …), written against the documented guide format as
another author would. Run it to regenerate the YAML files beside it; the files are committed."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

HERE = Path(__file__).parent

LOREM = (
    "Check that the address in the bar is the one your employer gave you, and that the page shows the padlock. "
    "If the page asks you to accept cookies, accept only the necessary ones. "
    "Write down what you did, so that support can help you if something goes wrong later. "
    "Keep the window open until you have finished all the steps in this section. "
    "Do not share the code or the password with anyone, not even with support."
)
NB = (
    "Kontroller at adressen i adressefeltet er den arbeidsgiveren din har gitt deg, og at siden viser hengelåsen. "
    "Dersom siden ber deg godta informasjonskapsler, godtar du bare de nødvendige. "
    "Noter hva du gjorde, slik at brukerstøtten kan hjelpe deg hvis noe går galt senere. "
    "Hold vinduet åpent til du har fullført alle trinnene i kontoinnstillingene. "
    "Ikke del totrinnsbekreftelseskoden eller passordet med noen, heller ikke med brukerstøtten."
)


def sentences(n: int, text: str = LOREM) -> str:
    parts = [s.strip() + "." for s in text.split(". ") if s.strip()]
    return " ".join(parts[i % len(parts)].rstrip(".") + "." for i in range(n)).replace("..", ".")


def form(fields: int, title: str = "Settings") -> dict:
    elements: list[dict] = [{"id": "heading", "type": "heading", "text": title}]
    for i in range(fields):
        elements.append(
            {"id": f"f{i}", "type": "text_field", "label": f"Field number {i + 1}", "placeholder": "Write here"}
        )
    elements.append({"id": "actions", "type": "buttons", "buttons": [{"id": "save", "text": "Save"}]})
    return {"layout": "form", "address": "https://example.com/settings", "product": "Example", "elements": elements}


def phone(items: int) -> dict:
    return {
        "kind": "phone",
        "title": "Example App",
        "elements": [
            {"id": "intro", "type": "paragraph", "text": "Choose what to set up."},
            {
                "id": "ways",
                "type": "list",
                "items": [
                    {"id": f"i{i}", "title": f"Option {i + 1}", "icon": "key", "opens": True} for i in range(items)
                ],
            },
            {"id": "go", "type": "button", "text": "Continue"},
        ],
    }


def wide(rows: int) -> dict:
    return {
        "layout": "settings",
        "address": "https://example.com/list",
        "product": "Example",
        "elements": [
            {
                "id": "menu",
                "type": "menu",
                "placement": "side",
                "selected": "m1",
                "items": [
                    {"id": "m0", "text": "Home", "icon": "home"},
                    {"id": "m1", "text": "Lists", "icon": "document"},
                ],
            },
            {"id": "heading", "type": "heading", "text": "Lists"},
            {
                "id": "table",
                "type": "table",
                "columns": ["Name", "Date", "Status"],
                "rows": [{"cells": [f"Entry {i + 1}", "Mar 3", "Open"]} for i in range(rows)],
            },
        ],
    }


def email() -> dict:
    return {
        "kind": "email",
        "subject": "Your account is ready",
        "sender": "Example",
        "sender_address": "no-reply@example.com",
        "date": "2026-03-16T09:12:00Z",
        "elements": [
            {"id": "p", "type": "paragraph", "text": "Your account is ready. Click the button to sign in."},
            {"id": "open", "type": "button", "text": "Sign in"},
        ],
    }


def step(text: str, screen: str | None = None, mark: str | None = None, **more: object) -> dict:
    s: dict = {"text": text}
    if screen:
        s["screen"] = screen
        s["marks"] = [mark or "heading"]
    s.update(more)
    return s


def guide(
    gid: str, title: str, screens: dict, sections: list[dict], checklists: dict | None = None, text: str = LOREM
) -> dict:
    g: dict = {
        "id": gid,
        "title": title,
        "product": "Example",
        "version": "1.0",
        "updated": "2026-12-01",
        "summary": sentences(2, text),
        "introduction": [sentences(3, text)],
        "variables": {"organisation": {"default": "Eksempel kommune", "description": "The employer."}},
    }
    if checklists:
        g["checklists"] = checklists
    g["screens"] = screens
    g["sections"] = sections
    return g


def shapes() -> dict[str, dict]:
    out: dict[str, dict] = {}
    # 1 many short steps, a small screen every third
    steps = [
        step(f"Click Next on page {i + 1}.", "small" if i % 3 == 0 else None, "save" if i % 3 == 0 else None)
        for i in range(24)
    ]
    out["many-short-steps"] = guide(
        "many-short-steps",
        "Many short steps",
        {"small": form(1)},
        [{"title": f"Part {k + 1}", "steps": steps[k * 8 : (k + 1) * 8]} for k in range(3)],
    )
    # 2 few long steps with tall screens
    out["few-long-steps"] = guide(
        "few-long-steps",
        "Few long steps",
        {"tall": form(7), "mid": form(4)},
        [{"title": "Everything", "steps": [step(sentences(7), "tall" if i % 2 else "mid", "save") for i in range(5)]}],
    )
    # 3 tall phone screens
    out["tall-phones"] = guide(
        "tall-phones",
        "Tall phone screens",
        {"p1": phone(9), "p2": phone(6)},
        [
            {
                "title": f"Phone part {k}",
                "steps": [step(sentences(1 + i % 3), "p1" if i % 2 else "p2", "go") for i in range(4)],
            }
            for k in range(2)
        ],
    )
    # 4 wide browser pages with tables
    out["wide-pages"] = guide(
        "wide-pages",
        "Wide browser pages",
        {"w1": wide(9), "w2": wide(4)},
        [{"title": "Lists", "steps": [step(sentences(2), "w1" if i % 2 else "w2", "table") for i in range(7)]}],
    )
    # 5 a long checklist
    items = [f"Item {i + 1} of the list is checked and written down." for i in range(22)]
    out["long-checklist"] = guide(
        "long-checklist",
        "A long checklist",
        {"s": form(3)},
        [
            {
                "title": "Before",
                "steps": [step(sentences(2), "s", "save") for _ in range(3)]
                + [step("Go through the list.", checklist="big")],
            }
        ],
        {"big": {"title": "Check each of these", "items": items}},
    )
    # 6 long notes and warnings
    out["long-notes"] = guide(
        "long-notes",
        "Long notes",
        {"s": form(2), "t": form(5)},
        [
            {
                "title": "Careful",
                "steps": [
                    step(
                        sentences(2),
                        "s" if i % 2 else "t",
                        "save",
                        note=sentences(3),
                        warning=sentences(2) if i % 3 == 0 else None,
                    )
                    if i % 3
                    else step(sentences(2), "t", "save", note=sentences(4))
                    for i in range(6)
                ],
            }
        ],
    )
    for s in out["long-notes"]["sections"][0]["steps"]:
        if s.get("warning") is None:
            s.pop("warning", None)
    # 7 groups of steps that share a screen
    out["shared-groups"] = guide(
        "shared-groups",
        "Steps that share a screen",
        {"a": form(6), "b": form(3)},
        [
            {
                "title": f"Group {k}",
                "steps": [
                    step(sentences(1 + i % 2), "a" if k % 2 else "b", f"f{i}" if i < 3 else "save") for i in range(4)
                ],
            }
            for k in range(4)
        ],
    )
    # 8 phones and browsers mixed
    out["mixed"] = guide(
        "mixed",
        "Phones and browsers",
        {"p": phone(5), "b": form(5), "m": email()},
        [
            {
                "title": "Mixed",
                "steps": [step(sentences(2), ["p", "b", "m"][i % 3], ["go", "save", "open"][i % 3]) for i in range(9)],
            }
        ],
    )
    # 9 no pictures at all
    out["text-only"] = guide(
        "text-only",
        "Text only",
        {},
        [
            {
                "title": f"Section {k}",
                "steps": [
                    step(sentences(1 + (i * 7 + k) % 4), note=sentences(2) if i % 4 == 0 else None) for i in range(6)
                ],
            }
            for k in range(4)
        ],
    )
    for sec in out["text-only"]["sections"]:
        for s in sec["steps"]:
            if s.get("note") is None:
                s.pop("note", None)
    # 10 Norwegian source text with long compounds
    out["norsk-sammensetninger"] = guide(
        "norsk-sammensetninger",
        "Totrinnsbekreftelse i kontoinnstillingene",
        {"k": form(4, "Kontoinnstillinger"), "p": phone(7)},
        [
            {
                "title": "Kontoinnstillingene",
                "steps": [
                    step(sentences(2 + i % 3, NB), "k" if i % 2 else "p", "save" if i % 2 else "go") for i in range(8)
                ],
            }
        ],
        text=NB,
    )
    # 11 every step a screen of another height
    out["varied-heights"] = guide(
        "varied-heights",
        "Screens of every height",
        {f"h{n}": form(n) for n in (1, 3, 5, 8)},
        [
            {
                "title": "Heights",
                "steps": [step(sentences(1 + i % 2), f"h{(1, 3, 5, 8)[i % 4]}", "save") for i in range(10)],
            }
        ],
    )
    # 12 a checklist in the middle and emails
    mid = [f"Point {i + 1} is done." for i in range(9)]
    out["mid-checklist"] = guide(
        "mid-checklist",
        "A checklist in the middle",
        {"m": email(), "s": form(4)},
        [
            {
                "title": "First",
                "steps": [step(sentences(2), "s", "save"), step(sentences(1), "m", "open", checklist="mid")],
            },
            {"title": "Then", "steps": [step(sentences(3), "s", "save") for _ in range(4)]},
        ],
        {"mid": {"title": "Check that", "items": mid}},
    )
    return out


if __name__ == "__main__":
    for name, g in shapes().items():
        text = yaml.safe_dump(g, sort_keys=False, allow_unicode=True, width=110)
        text = re.sub(r"'(\d{4}-\d\d-\d\d(T[\d:]+Z)?)'", r"\1", text)  # dates as YAML dates
        text = "# yaml-language-server: $schema=../../../schema/guide.schema.json\n" + text
        (HERE / f"{name}.yaml").write_text(text, encoding="utf-8")
