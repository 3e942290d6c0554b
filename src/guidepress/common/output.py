"""Output choices: which shape of handout to make, and the file name that says so.

Two profiles serve two audiences. `print` is for paper: binding margins mirrored for
duplex, boxes to tick with a pen, optionally a booklet or print-shop bleed. `ticket` is
for a support ticket or a screen: even margins, checkboxes a reader can tick in a PDF
viewer. Either comes on A4 or US Letter. `simplex` is print for a single-sided printer:
margins not mirrored, and a pack's guides start on any page, with no blank backs. The default
(print, A4) is written as `<guide-id>.pdf`; every other choice adds a suffix, e.g.
`<guide-id>.ticket.letter.pdf` or `<guide-id>.simplex.pdf`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

Profile = Literal["print", "ticket"]
Paper = Literal["a4", "letter"]
PROFILES: tuple[Profile, ...] = ("print", "ticket")
PAPERS: tuple[Paper, ...] = ("a4", "letter")


@dataclass(frozen=True)
class Output:
    profile: Profile = "print"
    paper: Paper = "a4"
    booklet: bool = False
    bleed: bool = False
    simplex: bool = False

    def overridden(
        self,
        profile: Profile | None = None,
        paper: Paper | None = None,
        booklet: bool | None = None,
        bleed: bool | None = None,
        simplex: bool | None = None,
    ) -> Output:
        """This output with the choices that were made (None: keep this one's)."""
        return replace(
            self,
            profile=self.profile if profile is None else profile,
            paper=self.paper if paper is None else paper,
            booklet=self.booklet if booklet is None else booklet,
            bleed=self.bleed if bleed is None else bleed,
            simplex=self.simplex if simplex is None else simplex,
        )

    def problem(self) -> str | None:
        """Why this combination cannot be made, or None."""
        if self.profile == "ticket" and (self.booklet or self.bleed):
            what = "a booklet" if self.booklet else "bleed"
            return f"{what} is for print; it cannot be combined with the ticket profile"
        if self.booklet and self.bleed:
            return "a booklet is printed on an office printer; it cannot be combined with bleed"
        if self.simplex and self.profile == "ticket":
            return "simplex is for print; the ticket profile has no blank pages to drop"
        if self.simplex and self.booklet:
            return "a booklet is printed on both sides; it cannot be combined with simplex"
        return None

    @property
    def fillable(self) -> bool:
        """Checklists as form checkboxes (ticket) or boxes for a pen (print)."""
        return self.profile == "ticket"

    @property
    def suffix(self) -> str:
        parts = [
            self.profile if self.profile != "print" else "",
            self.paper if self.paper != "a4" else "",
            "simplex" if self.simplex else "",
            "booklet" if self.booklet else "",
            "bleed" if self.bleed else "",
        ]
        return "".join(f".{p}" for p in parts if p)

    def file_name(self, guide_id: str) -> str:
        return f"{guide_id}{self.suffix}.pdf"

    def page_name(self, guide_id: str) -> str:
        """The HTML edition's file: named like the PDF it links, so that a build with other choices
        (a ticket's) writes a page of its own and never replaces another build's."""
        return f"{guide_id}{self.suffix}.html"
