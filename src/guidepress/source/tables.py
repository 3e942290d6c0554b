"""CSV files as an HR or CRM system exports them, read cell by cell with each cell's location.

The `csv` module reads the records; this module finds where each cell starts in the file,
so that an error points at `file:line:col` of the very cell. The delimiter is the one of
`,`, `;` and tab that the header line uses (a spreadsheet set to Norwegian saves with `;`);
a UTF-8 byte order mark (Excel's "CSV UTF-8") is skipped; text in another encoding is an
error that says how to save the file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import GuideError, Location, display_path, quoted
from .located import LocStr, read_text

DELIMITERS = ",;\t"
CELL_LIMIT = 2000  # characters in a cell: an address, a name, a paragraph; more fails its row


@dataclass(frozen=True)
class Row:
    """One record: as many cells as the header (each a `LocStr`, an empty cell too), and its own problems."""

    loc: Location
    cells: tuple[LocStr, ...]
    problems: tuple[GuideError, ...] = ()


@dataclass(frozen=True)
class Table:
    """A CSV file's header and rows, and the header's problems (a column without a name or named
    twice: no row can be read for sure)."""

    loc: Location
    header: tuple[LocStr, ...]
    rows: tuple[Row, ...]
    problems: tuple[GuideError, ...] = ()


def _delimiter(first_line: str) -> str:
    counts = {d: _outside_quotes(first_line).count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _outside_quotes(line: str) -> str:
    return "".join(part for i, part in enumerate(line.split('"')) if i % 2 == 0)


def _cell_starts(record: str, delimiter: str) -> list[int]:
    """The offset in the record's text where each cell starts (quotes respected)."""
    starts = [0]
    quoted = False
    for i, ch in enumerate(record):
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            starts.append(i + 1)
    return starts


def read_table(path: Path) -> Table:
    """Read a CSV file with a header row. Blank lines are skipped; a row with more cells than
    the header is an error, a shorter row is filled with empty cells."""
    shown = display_path(path)
    text = read_text(path, hint=' (in a spreadsheet, save as "CSV UTF-8")')
    lines = text.splitlines(keepends=True)
    if not text.strip():
        raise GuideError(Location(shown, 1, 1), "the file is empty")
    delimiter = _delimiter(lines[0])
    # the csv module refuses a cell over 131,072 characters for the whole file; a cell over
    # CELL_LIMIT fails its own row below, whatever its size (the file's size is the bound)
    limit = csv.field_size_limit(max(len(text), csv.field_size_limit()))
    try:
        return _read(text, lines, delimiter, shown)
    finally:
        csv.field_size_limit(limit)


def _read(text: str, lines: list[str], delimiter: str, shown: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: tuple[LocStr, ...] = ()
    rows: list[Row] = []
    end = 0
    while True:
        start = end + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):  # end of file inside quotes
                raise GuideError(
                    Location(shown, start, 1), 'a quoted cell that starts here never ends (a lone ")'
                ) from None
            raise GuideError(Location(shown, reader.line_num, 1), f"CSV error: {exc}") from None
        end = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        raw = "".join(lines[start - 1 : end])
        cells = []
        for cell, offset in zip(record, _cell_starts(raw, delimiter), strict=False):
            before = raw[:offset]
            line = start + before.count("\n")
            column = offset - (before.rfind("\n") + 1) + 1
            cells.append(LocStr(cell.strip(), Location(shown, line, column)))
        if not header:
            header = tuple(cells)
            continue
        # a cell too long is said by its size, never quoted (it may be a person's)
        problems = [
            GuideError(cell.loc, f"a cell of {len(cell):,} characters, at most {CELL_LIMIT:,}")
            for cell in cells[: len(header)]
            if len(cell) > CELL_LIMIT
        ]
        if len(cells) > len(header):
            extra = cells[len(header)]
            problems.append(
                GuideError(extra.loc, f"this row has {len(cells)} cells, the header names {len(header)} columns")
            )
            cells = cells[: len(header)]
        cells += [LocStr("", Location(shown, start, 1)) for _ in range(len(header) - len(cells))]
        rows.append(Row(Location(shown, start, 1), tuple(cells), tuple(problems)))
    return Table(Location(shown, 1, 1), header, tuple(rows), _header_problems(header))


def _header_problems(header: tuple[LocStr, ...]) -> tuple[GuideError, ...]:
    names = [str(cell) for cell in header]
    problems = []
    for i, cell in enumerate(header):
        if not cell:
            problems.append(GuideError(cell.loc, f"column {i + 1} has no name"))
        elif names.index(cell) != i:
            problems.append(GuideError(cell.loc, f"column {quoted(cell)} is named twice"))
    return tuple(problems)
