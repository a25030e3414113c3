"""Reading XLSX lists: what Excel writes (shared strings, dates as day numbers, left-out cells)
reads as the values a clerk sees, row numbers as in Excel."""

import datetime
import io
import zipfile

import openpyxl

from minsheng.registry.import_files import read_table

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Cell styles: 0 general, 1 a built-in date format, 2 a custom Chinese date format, 3 "0.00".
STYLES = f"""<styleSheet xmlns="{MAIN}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="2"/></cellXfs>
</styleSheet>"""  # noqa: E501


def excel_file(rows_xml: str, *, shared: list[str] = (), date1904: bool = False) -> bytes:
    """A workbook as Excel writes it: the sheet's XML given, strings in the shared table."""
    items = "".join(
        f"<si>{text}</si>" if text.startswith("<") else f"<si><t>{text}</t></si>" for text in shared
    )
    calendar = '<workbookPr date1904="1"/>' if date1904 else ""
    parts = {
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">{calendar}'
            '<sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            f'<worksheet xmlns="{MAIN}"><dimension ref="A1:F9"/>'
            f"<sheetData>{rows_xml}</sheetData></worksheet>"
        ),
        "xl/styles.xml": STYLES,
        "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}" count="{len(shared)}">{items}</sst>',
    }
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return output.getvalue()


HEADER = (
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
    '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>'
)
SHARED = ["姓名", "身份证号", "出生日期", "手机号"]


def rows_of(data: bytes) -> list[tuple[int, tuple]]:
    return list(read_table(data).rows)


def test_shared_and_inline_strings_numbers_and_dates_read_as_in_excel():
    shared = [
        *SHARED,
        "陈明",
        "330106200303150114",
        '<r><t>浙江</t></r><r><t xml:space="preserve">大学 </t></r>',
    ]
    data = excel_file(
        HEADER + '<row r="2" spans="1:8"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s"><v>5</v></c>'
        '<c r="C2" s="1"><v>37695</v></c><c r="D2"><v>13912345678</v></c>'
        '<c r="E2" t="inlineStr"><is><t>男</t></is></c><c r="F2" s="3"><v>2.5</v></c>'
        '<c r="G2" t="b"><v>1</v></c><c r="H2" t="s"><v>6</v></c></row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>林&amp;芳</t></is></c>'
        '<c r="B3" t="str"><v>330106200507200221</v></c><c r="C3" s="2"><v>38553</v></c>'
        '<c r="D3" t="n"><v>1.39E10</v></c></row>',
        shared=shared,
    )

    table = read_table(data)

    assert table.headers == ["姓名", "身份证号", "出生日期", "手机号"]
    assert table.columns == {"name": 0, "identity_number": 1, "birth_date": 2, "phone": 3}
    assert list(table.rows) == [
        (
            2,
            (
                "陈明",
                "330106200303150114",
                datetime.datetime(2003, 3, 15),
                13912345678,
                "男",
                2.5,
                True,
                "浙江大学 ",
            ),
        ),
        (3, ("林&芳", "330106200507200221", datetime.datetime(2005, 7, 20), 13900000000)),
    ]


def test_left_out_cells_read_as_empty_and_row_numbers_follow_excel():
    data = excel_file(
        HEADER
        # Cells B and C left out (Excel writes no empty cells); F beyond the header.
        + '<row r="2"><c r="A2" t="s"><v>4</v></c><c r="D2"><v>1</v></c>'
        '<c r="F2" t="inlineStr"><is><t>备注</t></is></c></row>'
        # A row of empty cells only is skipped; row 4 is missing altogether.
        '<row r="3"><c r="A3" t="inlineStr"/><c r="B3" t="s"/><c r="C3" s="1"/></row>'
        # Without r, a row follows the previous one and a cell the previous cell.
        '<row r="5"><c r="B5" t="s"><v>5</v></c><c><v>7</v></c></row>'
        "<row><c><v>8</v></c><c/><c><v>9</v></c></row>",
        shared=[*SHARED, "陈明", "330106200303150114"],
    )

    assert rows_of(data) == [
        (2, ("陈明", None, None, 1, None, "备注")),
        (5, (None, "330106200303150114", 7)),
        (6, (8, None, 9)),
    ]


def test_day_numbers_of_a_1904_workbook():
    data = excel_file(
        HEADER + '<row r="2"><c r="C2" s="1"><v>366</v></c></row>', shared=SHARED, date1904=True
    )

    assert rows_of(data) == [(2, (None, None, datetime.datetime(1905, 1, 1)))]


def test_a_workbook_saved_by_openpyxl_reads_as_openpyxl_reads_it():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["2025届未就业毕业生名单"])
    sheet.append(["姓名", "身份证号", "出生日期", "毕业时间", "手机号", "备注"])
    sheet.append(["陈明", "330106200303150114", datetime.date(2003, 3, 15), None, 13912345678])
    sheet.append(["林芳", "330106200507200221", None, datetime.datetime(2025, 6, 30), 0.5, "  "])
    sheet["C5"] = datetime.date(1990, 1, 1)  # a row with one date only
    output = io.BytesIO()
    workbook.save(output)

    table = read_table(output.getvalue())

    assert table.header_row == 2
    expected = openpyxl.load_workbook(io.BytesIO(output.getvalue()), data_only=True).active
    assert [(number, list(cells)) for number, cells in table.rows] == [
        (row[0].row, trimmed([cell.value for cell in row])) for row in expected.iter_rows(min_row=3)
    ]


def trimmed(values: list) -> list:
    while values and values[-1] is None:
        values.pop()
    return values
