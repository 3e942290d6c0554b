"""Project: where a guides project keeps its inputs (guide_src/, packs/, locales/, assets/)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .l10n.catalogs import available_locales
from .l10n.pseudo import PSEUDO_LOCALE


@dataclass(frozen=True)
class Project:
    """A guides project: this repository, or one that `guidepress init` made."""

    root: Path

    @property
    def guide_dir(self) -> Path:
        return self.root / "guide_src"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def assets_dir(self) -> Path:
        """The project's own images (logos, screenshots); files a guide names must lie inside it."""
        return self.root / "assets"

    @property
    def packs_dir(self) -> Path:
        """Packs of guides bound into one PDF (`packs/<pack-id>.yaml`)."""
        return self.root / "packs"

    def packs(self) -> list[Path]:
        return sorted(self.packs_dir.glob("*.yaml"))

    def guides(self) -> list[Path]:
        return sorted(self.guide_dir.glob("*.yaml"))

    def locales(self) -> list[str]:
        return available_locales(self.locales_dir)

    def known_locales(self) -> list[str]:
        """The locales a build may name: those with a catalog, and the pseudo-locale."""
        return [*self.locales(), PSEUDO_LOCALE]
