"""One formula-safe way to write CSV and XLSX: every export of the site goes through it.

Text from the public (a proposal, an organisation's name) can start like a formula: `=HYPERLINK(...)`,
`+cmd|' /C calc'!A0`, `@SUM(...)`. A spreadsheet opening the export must show it, never run it.
- CSV: a text cell starting with = + - @ tab or carriage return gets a leading apostrophe (OWASP,
  "CSV injection"); spreadsheets hide the apostrophe and show the rest as text.
- XLSX: every text cell is written as a string cell (data type `s`), which no spreadsheet
  evaluates, so the text is kept exactly. Numbers and dates stay numbers and dates in both.
"""

import csv
import io

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """A CSV cell as a spreadsheet should read it: text that would start a formula gets a leading
    apostrophe; None is empty; booleans are true/false; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class SafeCsvWriter:
    """csv.writer whose cells go through safe_cell. `writerow` returns what it wrote."""

    def __init__(self, fileobj, **kwargs):
        self._writer = csv.writer(fileobj, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


class _Echo:
    """A file that hands back what is written: lets a CSV be streamed line by line."""

    def write(self, value):
        return value


def csv_lines(rows):
    """Lines of a UTF-8 CSV with a BOM (so Excel shows Kazakh letters), for a streamed response."""
    writer = SafeCsvWriter(_Echo())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow(row)


def csv_bytes(rows) -> bytes:
    return "".join(csv_lines(rows)).encode("utf-8")


def xlsx_row(sheet, values) -> list:
    """Cells for `sheet.append`: text as string cells whatever it starts with."""
    from openpyxl.cell import Cell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cells = []
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters XML cannot carry
        # The column is set again by append; a write-only sheet needs it to take a ready cell.
        cell = Cell(sheet, row=1, column=column, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # openpyxl would otherwise make `=...` a formula
        cells.append(cell)
    return cells


def xlsx_bytes(sheets: dict[str, list], *, widths: dict[str, list[int]] | None = None) -> bytes:
    """An XLSX workbook of {sheet title: rows}, each row a list of values; optional column widths."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for index, width in enumerate((widths or {}).get(title, []), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        for row in rows:
            sheet.append(xlsx_row(sheet, row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class SpreadsheetError(Exception):
    """The bytes are not a readable XLSX workbook."""


# A real sheet of 20,000 proposals unpacks to ~30 MB; a "zip bomb" unpacks to gigabytes.
XLSX_MAX_UNPACKED_BYTES = 200 * 1024 * 1024


def read_xlsx_rows(data: bytes) -> list[tuple]:
    """The rows (tuples of values) of the first sheet of an XLSX file.

    Raises SpreadsheetError for anything that is not a sound workbook: not a ZIP, a ZIP that
    unpacks to more than XLSX_MAX_UNPACKED_BYTES, or XML that openpyxl cannot read (it raises
    many kinds of exception on a damaged file, some only while the rows are read).
    """
    import zipfile

    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > XLSX_MAX_UNPACKED_BYTES:
                raise SpreadsheetError("unpacks too large")
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return [tuple(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
        finally:
            workbook.close()
    except SpreadsheetError:
        raise
    except Exception as error:  # noqa: BLE001 -- any failure to parse means "not a workbook"
        raise SpreadsheetError(str(error)) from error
