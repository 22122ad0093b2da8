"""Cases from a sheet, in the layout a filing division exports (A14): one row per party,
the case's columns repeated on each of its rows (or left blank after the first), a
header row naming the columns in any order. Reading checks every row and saves nothing;
the services file the cases once the whole sheet is valid (`services.upload_import`,
`confirm_import`, `run_import`).

Cells hold what a clerk reads: the Chinese labels of the choices (自然人, 原告,
居民身份证, …), their English labels, or the stored values; the division and the judge
by name among the court's divisions and quota judges in post. A number is checked as
filing checks it (`services.parse_number_of`), for the chosen court; one already
registered is an error. Every error names its row and column, in the reader's language."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
from collections import defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from benchguard.cases.choices import PartyKind, PartyRole
from benchguard.cases.models import Case, CaseImport
from benchguard.cases.selectors import divisions_of, judges_of
from benchguard.cases.services import PartyData, check_filing_year, parse_number_of
from benchguard.core import exports
from benchguard.core.documents import DocumentType, mask_document, validate_document
from benchguard.core.identity import check_character
from benchguard.core.validators import HAPPENED
from benchguard.organization.models import Court, Department, Person

MAX_ROWS = 5000  # a filing division's export of a busy month; larger sheets are split
LANGUAGES = ("zh-hans", "en")


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    required: bool
    case: bool  # a column of the case, repeated on each of its parties' rows


COLUMNS = (
    Column("number", pgettext_lazy("case import column", "Case number"), True, True),
    Column("cause", pgettext_lazy("case import column", "Cause of action"), True, True),
    Column("filed_on", pgettext_lazy("case import column", "Filing date"), True, True),
    Column("division", pgettext_lazy("case import column", "Division in charge"), False, True),
    Column("judge", pgettext_lazy("case import column", "Judge in charge"), False, True),
    Column("kind", pgettext_lazy("case import column", "Kind of party"), True, False),
    Column("role", pgettext_lazy("case import column", "Standing"), True, False),
    Column("name", pgettext_lazy("case import column", "Party's name"), True, False),
    Column("document_kind", pgettext_lazy("case import column", "Document type"), False, False),
    Column("document_number", pgettext_lazy("case import column", "Document number"), False, False),
)
BY_KEY = {column.key: column for column in COLUMNS}
# A division or judge named in a cell: the message when the court has none of that name,
# and when it has more than one.
BY_NAME = {
    "division": (
        _("“%(name)s” is not a division of this court that tries or enforces cases."),
        _("This court has more than one division named “%(name)s”."),
    ),
    "judge": (
        _("“%(name)s” is not a quota judge in post at this court."),
        _("This court has more than one judge named “%(name)s”: enter the case by hand."),
    ),
}
# What filing divisions' exports call an organisation party besides our own label.
ORGANISATION_NAMES = ("法人或其他组织", "法人", "其他组织", "非法人组织", "单位")


@dataclass(frozen=True)
class RowError:
    """What is wrong, where: the sheet's row number (None: the sheet as a whole) and the
    column's label (empty: the row as a whole)."""

    row: int | None
    column: str
    message: str


@dataclass
class PartyRow:
    row: int
    data: PartyData

    @property
    def name(self) -> str:
        return self.data["name"]

    @property
    def kind_label(self) -> str:
        return str(PartyKind(self.data["kind"]).label)

    @property
    def role_label(self) -> str:
        return str(PartyRole(self.data["role"]).label)

    @property
    def document(self) -> str:
        kind = self.data.get("document_kind", "")
        if not kind:
            return ""
        return f"{DocumentType(kind).label} {mask_document(self.data.get('document_number', ''))}"


@dataclass
class CaseRow:
    """A case of the sheet as it would be filed, with the row it starts on."""

    row: int
    number: str
    cause: str
    filed_on: dt.date
    division: Department | None
    judge: Person | None
    parties: list[PartyRow] = field(default_factory=list)


@dataclass
class Sheet:
    cases: list[CaseRow]
    errors: list[RowError]

    @property
    def valid(self) -> bool:
        return bool(self.cases) and not self.errors

    def summary(self, most: int = 20) -> str:
        """The errors as one text (the reason an import failed), the first `most` of them."""
        lines = [
            _("Row %(row)s, %(column)s: %(message)s")
            % {"row": error.row, "column": error.column, "message": error.message}
            if error.row
            else error.message
            for error in self.errors[:most]
        ]
        return "\n".join(str(line) for line in lines)

    @property
    def party_count(self) -> int:
        return sum(len(case.parties) for case in self.cases)


def _norm(value: Any) -> str:
    return "".join(str(value).split()).lstrip("*")


def _text(value: Any) -> str:
    """A cell as text: a whole number typed into a number cell loses its ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _labels(choices: Iterable[tuple[str, Any]], **extra: str) -> dict[str, str]:
    """Each choice's stored value, found by its Chinese or English label or the value."""
    table = {value: value for value, _label in choices}
    for language in LANGUAGES:
        with translation.override(language):
            table.update({_norm(label): value for value, label in choices})
    table.update({_norm(name): value for name, value in extra.items()})
    return table


def header_names() -> dict[str, str]:
    """The column key of each header a sheet may use: the Chinese or English label."""
    names: dict[str, str] = {}
    for language in LANGUAGES:
        with translation.override(language):
            names.update({_norm(column.label): column.key for column in COLUMNS})
    return names


class _Refused(Exception):
    def __init__(self, message: Any) -> None:
        self.message = str(message)


def _message(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", _norm(_text(value)))
        try:
            if match is None:
                raise ValueError
            value = dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            raise _Refused(_("Write the date as 2026-11-30.")) from None
    try:
        HAPPENED(value)
    except ValidationError as error:
        raise _Refused(_message(error)) from None
    return value


def _one_named(rows: Iterable[Any], value: Any, *, missing: Any, several: Any) -> Any:
    """The one row of `rows` with the cell's name; None for a blank cell."""
    name = _text(value)
    if not name:
        return None
    found = [row for row in rows if row.name == name]
    if not found:
        raise _Refused(missing % {"name": name})
    if len(found) > 1:
        raise _Refused(several % {"name": name})
    return found[0]


class _Reader:
    """Reads rows against one court's divisions, judges and registered numbers."""

    def __init__(self, court: Court) -> None:
        self.court = court
        self.divisions = list(divisions_of([court.pk]))
        self.judges = list(judges_of([court.pk]))
        self.kinds = _labels(PartyKind.choices, **dict.fromkeys(ORGANISATION_NAMES, PartyKind.ORGANISATION))
        self.roles = _labels(PartyRole.choices)
        self.documents = _labels(DocumentType.choices)
        self.errors: list[RowError] = []
        self.cases: dict[str, CaseRow] = {}
        self.first_cells: dict[str, dict[str, str]] = {}

    def refuse(self, row: int | None, key: str, message: Any) -> None:
        self.errors.append(RowError(row, str(BY_KEY[key].label) if key else "", str(message)))

    def cell(self, row: int, key: str, cells: dict[str, Any], read: Any) -> Any:
        """The cell read by `read`, or None with its error listed."""
        try:
            return read(cells.get(key))
        except _Refused as refused:
            self.refuse(row, key, refused.message)
            return None

    def required(self, value: Any) -> str:
        text = _text(value)
        if not text:
            raise _Refused(_("This column is required."))
        return text

    def choice(self, table: dict[str, str]) -> Any:
        def read(value: Any) -> str:
            text = self.required(value)
            if _norm(text) not in table:
                raise _Refused(_("“%(value)s” is not one of the choices of this column.") % {"value": text})
            return table[_norm(text)]

        return read

    def number(self, value: Any) -> str:
        try:
            return str(parse_number_of(self.court, self.required(value)))
        except ValidationError as error:
            raise _Refused(" ".join(error.message_dict["number"])) from None

    def named(self, key: str) -> Callable[[Any], Any]:
        """Reads a cell naming one of the court's divisions or quota judges (BY_NAME)."""
        rows = self.divisions if key == "division" else self.judges
        missing, several = BY_NAME[key]
        return lambda value: _one_named(rows, value, missing=missing, several=several)

    def read_row(self, row: int, cells: dict[str, Any]) -> None:
        before = len(self.errors)
        number = self.cell(row, "number", cells, self.number)
        case = self.cases.get(number) if number else None
        if case is None:
            cause = self.cell(row, "cause", cells, self.required)
            filed_on = self.cell(row, "filed_on", cells, _date)
            if number and filed_on:
                try:
                    check_filing_year(int(number[1:5]), filed_on)
                except ValidationError as error:
                    self.refuse(row, "filed_on", " ".join(error.message_dict["filed_on"]))
            division = self.cell(row, "division", cells, self.named("division"))
            judge = self.cell(row, "judge", cells, self.named("judge"))
        else:
            self.same_case(row, number, cells)
        party = self.party(row, cells)
        if len(self.errors) > before or number is None or party is None:
            return
        if case is None:
            case = self.cases[number] = CaseRow(row, number, cause, filed_on, division, judge)
            self.first_cells[number] = {key: _norm(_text(cells.get(key))) for key in BY_KEY}
        case.parties.append(PartyRow(row, party))

    def same_case(self, row: int, number: str, cells: dict[str, Any]) -> None:
        """A later row of a case repeats its columns or leaves them blank."""
        first = self.first_cells[number]
        for column in COLUMNS:
            value = _norm(_text(cells.get(column.key)))
            if column.case and column.key != "number" and value and value != first[column.key]:
                self.refuse(
                    row,
                    column.key,
                    _("Differs from row %(row)s of the same case.") % {"row": self.cases[number].row},
                )

    def party(self, row: int, cells: dict[str, Any]) -> PartyData | None:
        before = len(self.errors)
        kind = self.cell(row, "kind", cells, self.choice(self.kinds))
        role = self.cell(row, "role", cells, self.choice(self.roles))
        name = self.cell(row, "name", cells, self.required)
        document_kind = self.cell(
            row,
            "document_kind",
            cells,
            lambda value: self.choice(self.documents)(value) if _text(value) else "",
        )
        document_number = _text(cells.get("document_number"))
        if document_kind is None:
            return None
        if document_number and not document_kind:
            self.refuse(row, "document_kind", _("Choose the type of the document."))
        elif document_kind and kind and kind != PartyKind.PERSON:
            self.refuse(row, "document_kind", _("Only a natural person's identity document is recorded."))
        elif document_kind:
            try:
                document_number = validate_document(document_kind, document_number)
            except ValidationError as error:
                self.refuse(row, "document_number", _message(error))
        if len(self.errors) > before:
            return None
        return PartyData(
            kind=kind, role=role, name=name, document_kind=document_kind, document_number=document_number
        )

    def document_kind(self, value: Any) -> str:
        return self.choice(self.documents)(value) if _text(value) else ""

    def registered(self) -> None:
        """A number already registered at the court is an error on the case's first row."""
        taken = set(
            Case.objects.filter(court=self.court, number__in=list(self.cases)).values_list(
                "number", flat=True
            )
        )
        for number in sorted(taken, key=lambda number: self.cases[number].row):
            self.refuse(self.cases[number].row, "number", _("This case number is already registered."))


def _rows(content: bytes) -> Generator[Sequence[Any], None, None]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        yield from book.worksheets[0].iter_rows(values_only=True)
    finally:
        book.close()


def read_sheet(court: Court, content: bytes) -> Sheet:
    """Every row of the workbook's first sheet checked against `court`; nothing saved."""
    reader = _Reader(court)
    rows = _rows(content)
    try:
        header = next(rows, ())
        data = list(_data_rows(rows))
    except Exception:  # openpyxl raises many kinds on a damaged workbook
        return Sheet([], [RowError(None, "", str(_("The file could not be read as an Excel workbook.")))])
    finally:
        rows.close()
    errors = _header_errors(header)
    if errors:
        return Sheet([], errors)
    names = header_names()
    keys = [names.get(_norm(_text(cell))) for cell in header]
    if not data:
        return Sheet([], [RowError(None, "", str(_("The sheet has no rows of cases under its header.")))])
    if len(data) > MAX_ROWS:
        message = _("A sheet holds at most %(max)s rows: split it and import each part.") % {"max": MAX_ROWS}
        return Sheet([], [RowError(None, "", str(message))])
    for number, row in data:
        reader.read_row(number, {key: cell for key, cell in zip(keys, row, strict=False) if key})
    reader.registered()
    cases = list(reader.cases.values()) if not reader.errors else []
    return Sheet(cases, sorted(reader.errors, key=lambda error: error.row or 0))


def _data_rows(rows: Iterator[Sequence[Any]]) -> Iterator[tuple[int, Sequence[Any]]]:
    """The non-empty rows under the header with their sheet row numbers, one past
    MAX_ROWS at most: a sheet of a million rows is not read to the end to be refused."""
    found = 0
    for number, row in enumerate(rows, start=2):
        if any(_text(cell) for cell in row):
            yield number, row
            found += 1
            if found > MAX_ROWS:
                return


def sheet_of(case_import: CaseImport) -> Sheet:
    """An import's stored sheet read and checked again against its court as it is now."""
    return read_sheet(case_import.court, base64.b64decode(case_import.content))


def _header_errors(header: Sequence[Any]) -> list[RowError]:
    names = header_names()
    keys = [names.get(_norm(_text(cell))) for cell in header]
    found: dict[str, int] = defaultdict(int)
    for key in keys:
        if key:
            found[key] += 1
    errors = [
        RowError(1, str(column.label), str(_("The header has no column of this name.")))
        for column in COLUMNS
        if column.required and not found[column.key]
    ]
    errors += [
        RowError(1, str(BY_KEY[key].label), str(_("The header names this column more than once.")))
        for key, count in found.items()
        if count > 1
    ]
    return errors


# A made-up resident ID of the right form (Shinan district, born 1 January 1990).
EXAMPLE_ID = "37020219900101001" + check_character("37020219900101001")


def template_sheet() -> bytes:
    """The layout to fill in: the header in the reader's language and two example rows
    of one case (a person with a resident ID and an organisation), every cell text."""
    header = [column.label for column in COLUMNS]
    example = ["（2026）鲁02民初1号", "买卖合同纠纷", "2026-11-30", "民事审判第一庭", ""]
    rows = [
        [
            *example,
            PartyKind.PERSON.label,
            PartyRole.PLAINTIFF.label,
            "张三",
            DocumentType.RESIDENT_ID.label,
            EXAMPLE_ID,
        ],
        [*example, PartyKind.ORGANISATION.label, PartyRole.DEFENDANT.label, "某某有限公司", "", ""],
    ]
    return exports.xlsx(
        title=str(_("Cases to import")), header=header, rows=[[str(cell) for cell in row] for row in rows]
    )
