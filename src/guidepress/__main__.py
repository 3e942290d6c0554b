"""`python -m guidepress`."""

from .command import entry

entry()
