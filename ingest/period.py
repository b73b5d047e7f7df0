"""The year and round of a file's rows when it has no column for them: given by the person (`--year`, the import
page's field), else stated in the title block above the table (ingest.reading.title). A column that disagrees
with the title or with the given value is an error naming both; a file with no year anywhere asks for one."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from ingest.problems import Problem, error, note
from ingest.reading.table import RawTable
from ingest.reading.title import KEY, TitlePeriod, period_of
from ingest.values import parse_count

HEADINGS = {"year": "Năm", "inspection_round": "Đợt kiểm tra"}  # the form's own headings, for the filled columns


@dataclass(frozen=True)
class Period:
    """Where the rows' year and round come from ("column", "title", "given" or "": nowhere), and the values
    that fill a column the file lacks (None when it has the column or nothing gives one)."""

    year: int | None = None
    round: int | None = None
    year_from: str = ""
    round_from: str = ""
    title: TitlePeriod | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def needs_year(self) -> bool:
        """Whether nothing says the year: no column, no title, none given."""
        return not self.year_from


def apply_period(raw: RawTable, year: int | None = None, rnd: int | None = None) -> Period:
    """Fill the year and round columns a file lacks from the given values or its title, in place; the title's
    note is replaced by one saying where each came from, and conflicts become errors."""
    title = period_of(raw.notes)
    raw.notes[:] = [p for p in raw.notes if p.key != KEY]
    said: list[Problem] = []
    y, y_from = _one(raw, "year", year, title.year if title else None, title, said)
    r, r_from = _one(raw, "inspection_round", rnd, title.round if title else None, title, said)
    said += _notes(y, y_from, r, r_from, title)
    raw.notes[:0] = said
    return Period(y, r, y_from, r_from, title, said)


def _one(raw: RawTable, column: str, given: int | None, titled: int | None, title: TitlePeriod | None,
         said: list[Problem]) -> tuple[int | None, str]:
    """One field: checked against its column when the file has one, else filled from the given value or the title."""
    if column in raw.frame.column_names:
        _conflicts(raw, column, given, titled, title, said)
        return None, "column"
    value = given if given is not None else titled
    if value is None:
        return None, ""
    raw.frame = raw.frame.append_column(column, pa.array([str(value)] * raw.frame.num_rows, pa.string()))
    raw.headers[column] = HEADINGS[column]
    return value, "given" if given is not None else "title"


def _conflicts(raw: RawTable, column: str, given: int | None, titled: int | None, title: TitlePeriod | None,
               said: list[Problem]) -> None:
    """An error when the column holds another value than the given one or the title's."""
    found = sorted({v for v, _ in map(parse_count, pc.drop_null(pc.unique(raw.frame.column(column))).to_pylist())
                    if v is not None})
    heading = raw.headers.get(column, column)
    kind = "year" if column == "year" else "round"
    for expected, key in ((given, f"period.{kind}_conflict_given"), (titled, f"period.{kind}_conflict_title")):
        other = [v for v in found if v != expected]
        if expected is not None and other:
            row = title.row if title else None
            said.append(error(None, heading, str(other[0]), key, column=heading, found=other[0], expected=expected,
                              row=row or ""))
            return


def _notes(year: int | None, y_from: str, rnd: int | None, r_from: str, title: TitlePeriod | None) -> list[Problem]:
    """Where the filled year and round came from, in one note when both come from the title."""
    row = title.row if title else None
    if y_from == r_from == "title":
        return [note(row, None, None, "period.from_title", year=year, round=rnd, row=row)]
    out = []
    for kind, value, source, titled in (("year", year, y_from, title and title.year),
                                        ("round", rnd, r_from, title and title.round)):
        if source == "title":
            out.append(note(row, None, None, f"period.{kind}_from_title", value=value, row=row))
        elif source == "given" and titled and titled != value:
            out.append(note(None, None, None, f"period.{kind}_given_over", value=value, title=titled, row=row))
        elif source == "given":
            out.append(note(None, None, None, f"period.{kind}_given", value=value))
    return out
