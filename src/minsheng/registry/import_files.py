"""Reading the lists that universities and employment offices send: CSV or XLSX, Chinese headers.

CSV arrives as UTF-8 (with or without the BOM Excel writes) or as GB18030 (Excel's "CSV" on a
Chinese Windows); the encoding is detected, not asked for. XLSX is streamed from the first
sheet's XML a row at a time, so a 100,000-row file never sits in memory as cells (openpyxl
reads unusual packages). Many lists carry a title line ("2025届未就业毕业生名单") above the
header, so the header is the first of the top rows that names an identity-number column; row
numbers stay those the user sees in Excel.
"""

import csv
import datetime
import io
import itertools
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree import ElementTree

import openpyxl
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

# Field name → header spellings seen on real lists (compared after `normalise_header`).
COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "人员姓名", "学生姓名", "name", "fullname"),
    "identity_number": (
        "身份证号", "公民身份号码", "身份证号码", "身份证", "证件号码", "身份证件号码",
        "identitynumber", "idnumber", "idcard", "residentid",
    ),
    "sex": ("性别", "sex", "gender"),
    "birth_date": ("出生日期", "出生年月", "出生年月日", "birthdate", "dateofbirth"),
    "phone": (
        "手机号", "联系电话", "手机号码", "手机", "联系方式", "电话", "电话号码",
        "phone", "mobile", "telephone",
    ),
    "education": ("学历", "文化程度", "最高学历", "education"),
    "school": ("毕业院校", "学校", "院校", "毕业学校", "学校名称", "school", "university"),
    "major": ("专业", "所学专业", "专业名称", "major"),
    "graduation_date": ("毕业时间", "毕业日期", "毕业年月", "graduationdate", "graduated"),
    "region": (
        "户籍地", "所在地区", "所在地", "户籍所在地", "常住地", "行政区划", "行政区划代码",
        "地区", "区县", "region", "regioncode",
    ),
    "groups": ("人员类别", "重点群体", "人员类型", "群体类别", "类别", "group", "keygroup"),
    "registered_on": (
        "登记日期", "登记时间", "登记年月", "入库日期", "入账日期", "registeredon",
        "registrationdate", "dateregistered",
    ),
}  # fmt: skip
REQUIRED_FIELDS = ("identity_number", "name")
HEADER_SEARCH_ROWS = 5
XLSX_MAGIC = b"PK\x03\x04"
UTF8_BOM = b"\xef\xbb\xbf"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
CELL_TAG, ROW_TAG, VALUE_TAG = f"{MAIN}c", f"{MAIN}row", f"{MAIN}v"
STRING_ITEM_TAG, INLINE_STRING_TAG, TEXT_TAG = f"{MAIN}si", f"{MAIN}is", f"{MAIN}t"
DIGITS = "0123456789"
NO_VALUES = frozenset({None, ""})


def normalise_header(text: object) -> str:
    """ "身份证号（必填）*" and " ID Number " both reduce to their bare words."""
    words = re.sub(r"[（(][^）)]*[）)]", "", str(text or ""))
    return re.sub(r"[\s*:：_\-]", "", words).lower()


HEADER_TO_FIELD = {
    normalise_header(spelling): field
    for field, spellings in COLUMN_SYNONYMS.items()
    for spelling in spellings
}


class UnreadableFile(Exception):
    pass


@dataclass
class Table:
    """A list as read: its header cells, which field each column carries, and the data rows."""

    headers: list[str]
    header_row: int
    columns: dict[str, int]  # field → column index
    rows: Iterator[tuple[int, tuple]]  # (row number as in Excel, cell values)
    estimated_rows: int

    def header_of(self, field: str) -> str:
        return self.headers[self.columns[field]]

    @property
    def missing_fields(self) -> list[str]:
        return [field for field in REQUIRED_FIELDS if field not in self.columns]


def read_table(data: bytes) -> Table:
    if data.startswith(XLSX_MAGIC):
        return read_xlsx(data)
    return read_csv(data)


def decode_csv(data: bytes) -> str:
    if data.startswith(UTF8_BOM):
        return data[len(UTF8_BOM) :].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise UnreadableFile("neither UTF-8 nor GB18030") from None


def read_csv(data: bytes) -> Table:
    text = decode_csv(data)
    if "\x00" in text:
        raise UnreadableFile("binary content")
    lines = text.splitlines()
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines[:HEADER_SEARCH_ROWS]), delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    numbered = enumerate(csv.reader(io.StringIO(text), dialect), start=1)
    return table_from_rows(numbered, estimated_rows=max(len(lines) - 1, 0))


def read_xlsx(data: bytes) -> Table:
    """The first worksheet, streamed; openpyxl's own reader when the package is unusual."""
    try:
        rows, estimated = stream_first_sheet(data)
    except (KeyError, ValueError, ElementTree.ParseError, zipfile.BadZipFile):
        rows, estimated = openpyxl_rows(data)
    return table_from_rows(rows, estimated_rows=estimated)


def openpyxl_rows(data: bytes) -> tuple[Iterator[tuple[int, tuple]], int]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for damaged files
        raise UnreadableFile(str(error)) from None
    sheet = workbook.worksheets[0]
    return enumerate(sheet.iter_rows(values_only=True), start=1), max((sheet.max_row or 1) - 1, 0)


def stream_first_sheet(data: bytes) -> tuple[Iterator[tuple[int, tuple]], int]:
    """Rows of the first worksheet from the XML stream, values typed as openpyxl types them.

    openpyxl's read-only mode builds an object per cell (and scans a sheet without a
    <dimension> twice), about six times the cost of the XML parse itself, which dominated
    the import of a large list; openpyxl's helpers still decide which styles are dates.
    """
    archive = zipfile.ZipFile(io.BytesIO(data))
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    first_sheet = workbook.find(f"{MAIN}sheets/{MAIN}sheet")
    relation_id = first_sheet.get(f"{RELATIONSHIPS}id")
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next(r.get("Target") for r in relations if r.get("Id") == relation_id)
    path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    properties = workbook.find(f"{MAIN}workbookPr")
    epoch = (
        CALENDAR_MAC_1904
        if properties is not None and properties.get("date1904") in ("1", "true")
        else CALENDAR_WINDOWS_1900
    )
    shared = shared_strings(archive)
    date_styles = date_style_ids(archive)
    return sheet_rows(archive.open(path), shared, date_styles, epoch), estimate_rows(archive, path)


def estimate_rows(archive: zipfile.ZipFile, path: str) -> int:
    """From the sheet's <dimension> when it has one, else from its size (for progress only)."""
    with archive.open(path) as source:
        start = source.read(4096).decode("utf-8", "ignore")
    match = re.search(r'<dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"', start)
    return int(match.group(1)) - 1 if match else archive.getinfo(path).file_size // 400


def shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings = []
    for _event, element in ElementTree.iterparse(archive.open("xl/sharedStrings.xml")):
        if element.tag == STRING_ITEM_TAG:
            strings.append(string_text(element))
            element.clear()
    return strings


def string_text(element) -> str:
    """The text of an <si> or an inline string's <is>: its <t>, or its rich-text runs joined."""
    if len(element) == 1 and element[0].tag == TEXT_TAG:  # plain text, nearly every string
        return element[0].text or ""
    return "".join(t.text or "" for t in element.iter(TEXT_TAG))


def date_style_ids(archive: zipfile.ZipFile) -> frozenset[int]:
    if "xl/styles.xml" not in archive.namelist():
        return frozenset()
    styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    formats = dict(BUILTIN_FORMATS)
    for number_format in styles.iter(f"{MAIN}numFmt"):
        formats[int(number_format.get("numFmtId"))] = number_format.get("formatCode", "")
    cell_formats = styles.find(f"{MAIN}cellXfs")
    if cell_formats is None:
        return frozenset()
    return frozenset(
        index
        for index, xf in enumerate(cell_formats)
        if is_date_format(formats.get(int(xf.get("numFmtId", 0)), ""))
    )


def sheet_rows(source, shared: list[str], date_styles, epoch) -> Iterator[tuple[int, tuple]]:
    """Each <row> is read whole when its end tag arrives, then cleared.

    Working per row rather than per cell event, and remembering column letters, date styles
    and date serials already converted, keeps the Python work per cell small: a list of
    100,000 people has over a million cells.
    """
    cell_reader = CellReader(shared, date_styles, epoch)
    column_of: dict[str, int] = {}
    number = 0
    for _event, element in ElementTree.iterparse(source):
        if element.tag != ROW_TAG:
            continue
        reference = element.get("r")
        number = int(reference) if reference else number + 1  # r is optional: the next row
        cells: list = []
        for cell in element:
            if cell.tag != CELL_TAG:
                continue
            reference = cell.get("r")
            letters = reference.rstrip(DIGITS) if reference else ""
            if letters:
                column = column_of.get(letters)
                if column is None:
                    column = column_of[letters] = column_index_from_string(letters) - 1
            else:  # r is optional: the cell after the previous one
                column = len(cells)
            if column == len(cells):
                cells.append(cell_reader.value(cell))
            elif column > len(cells):  # empty cells are left out: None fills the gap
                cells.extend([None] * (column - len(cells)))
                cells.append(cell_reader.value(cell))
            else:  # out of order: the later cell wins
                cells[column] = cell_reader.value(cell)
        element.clear()
        yield number, tuple(cells)


class CellReader:
    """A <c> element's value, typed as openpyxl types it."""

    def __init__(self, shared: list[str], date_styles, epoch) -> None:
        self.shared, self.date_styles, self.epoch = shared, date_styles, epoch
        self.is_date_style: dict[str | None, bool] = {None: 0 in date_styles}
        self.dates: dict[str, datetime.datetime] = {}  # serial as written → date

    def value(self, element) -> object:
        kind = element.get("t")
        if kind == "s":
            raw = element.findtext(VALUE_TAG)
            return None if raw is None else self.shared[int(raw)]
        if kind == "inlineStr":
            box = element.find(INLINE_STRING_TAG)
            return "" if box is None else string_text(box)
        raw = element.findtext(VALUE_TAG)
        if raw is None:
            return None
        if kind in ("str", "e", "d"):
            return raw
        if kind == "b":
            return raw == "1"
        style = element.get("s")
        is_date = self.is_date_style.get(style)
        if is_date is None:
            is_date = self.is_date_style[style] = int(style) in self.date_styles
        if is_date:
            day = self.dates.get(raw)
            if day is None:
                day = self.dates[raw] = from_excel(float(raw), self.epoch)
            return day
        number = float(raw)
        return int(number) if number.is_integer() else number


def table_from_rows(numbered: Iterator[tuple[int, tuple]], *, estimated_rows: int) -> Table:
    """The header is the first top row that names an identity-number column (else row 1)."""
    top = list(itertools.islice(numbered, HEADER_SEARCH_ROWS))
    if not top:
        raise UnreadableFile("empty file")
    cleaned = [(number, [clean_header(cell) for cell in cells]) for number, cells in top]
    chosen = next(
        (i for i, (_n, headers) in enumerate(cleaned) if "identity_number" in columns_of(headers)),
        0,
    )
    header_row, headers = cleaned[chosen]
    data_rows = (
        (number, tuple(cells))
        for number, cells in itertools.chain(top[chosen + 1 :], numbered)
        if not NO_VALUES.issuperset(cells)  # a row with no value at all is skipped
    )
    return Table(
        headers, header_row, columns_of(headers), data_rows, max(estimated_rows - chosen, 0)
    )


def clean_header(cell: object) -> str:
    return "" if cell is None else str(cell).strip()


def columns_of(headers: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, header in enumerate(headers):
        field = HEADER_TO_FIELD.get(normalise_header(header))
        if field and field not in columns:
            columns[field] = index
    return columns
