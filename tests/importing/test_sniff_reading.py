"""Sniffing the real kind of a file and reading its rows; every file is built here in tmp_path."""

from __future__ import annotations

import datetime as dt
import re
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest

from goosetier.importing import reading
from goosetier.importing.reading import ReadError, SheetInfo, open_roster
from goosetier.importing.sniff import ole_stream_names, sniff

HEADER = ["序号", "企业名称", "统一社会信用代码", "营业收入（万元）"]
ROWS = [
    [1, "青岛甲机械有限公司", "91370211MA3C0X5Q7B", 1200.5],
    [2, "青岛乙电子有限公司", None, 88],
]


def write_xlsx(path: Path, rows: list[list[object]], **sheets: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名单"
    for row in rows:
        ws.append(row)
    for name, more in sheets.items():
        extra = wb.create_sheet(name)
        for row in more:
            extra.append(row)
    wb.save(path)
    return path


def rewrite_part(path: Path, part: str, edit) -> None:  # noqa: ANN001 - edit: bytes -> bytes
    """Rewrite one member of a zip in place (how a WPS file or a hand-made cell is faked)."""
    with zipfile.ZipFile(path) as zin:
        items = [(info, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in items:
            zout.writestr(info, edit(data) if info.filename == part else data)


def write_xls(path: Path) -> Path:
    xlwt = pytest.importorskip("xlwt", reason="xlwt writes the legacy .xls test file")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("名单")
    for c, text in enumerate(HEADER):
        sheet.write(0, c, text)
    sheet.write_merge(1, 2, 4, 4, "黄岛区")  # a 地区 cell merged over two data rows
    for r, row in enumerate(ROWS, start=1):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    hidden = book.add_sheet("隐藏")
    hidden.write(0, 0, "x")
    hidden.visibility = 1
    book.save(str(path))
    return path


def write_ole(path: Path, streams: list[str]) -> Path:
    """A minimal OLE2 compound file whose directory lists ``streams`` (all empty).

    Enough for sniffing: an encrypted xlsx is such a container holding EncryptionInfo and
    EncryptedPackage; an .xls holds Workbook; a .doc holds WordDocument.
    """
    free, end, fat_sector, none = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
    header += struct.pack(
        "<HHHHH6xIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, 0, 1, 1, 0, 4096, end, 0, end, 0
    )
    header += struct.pack("<109I", 0, *[free] * 108)
    fat = struct.pack("<128I", fat_sector, end, *[free] * 126)

    def entry(name: str, kind: int, child: int = none, right: int = none) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0"
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", none, right, child)
            + bytes(36)
            + struct.pack("<IQ", end, 0)
        )

    entries = [entry("Root Entry", 5, child=1)]
    for i, name in enumerate(streams, start=1):
        entries.append(entry(name, 2, right=i + 1 if i < len(streams) else none))
    directory = b"".join(entries).ljust(512 * ((len(entries) + 3) // 4), b"\0")
    assert len(directory) == 512, "one directory sector is enough for these tests"
    path.write_bytes(header + fat + directory)
    return path


def write_ods(path: Path) -> Path:
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )

    def cell(v: object) -> str:
        if isinstance(v, int | float):
            return f'<table:table-cell office:value-type="float" office:value="{v}"/>'
        return (
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
        )

    body = "".join(
        "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>"
        for row in [HEADER[:2], [1, "青岛甲机械有限公司"]]
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="名单">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


# --- sniff ----------------------------------------------------------------------------------


def test_sniff_by_bytes_not_name(tmp_path: Path) -> None:
    xlsx = write_xlsx(tmp_path / "a.xlsx", [HEADER])
    (tmp_path / "a.xlsm").write_bytes(xlsx.read_bytes())
    (tmp_path / "really_xlsx.xls").write_bytes(xlsx.read_bytes())
    (tmp_path / "a.csv").write_text("序号,企业名称\n1,甲\n", encoding="utf-8")
    (tmp_path / "csv.xlsx").write_text("序号,企业名称\n1,甲\n", encoding="utf-8")
    assert sniff(xlsx) == "xlsx"
    assert sniff(tmp_path / "a.xlsm") == "xlsx"
    assert sniff(tmp_path / "really_xlsx.xls") == "xlsx"
    assert sniff(tmp_path / "a.csv") == "csv"
    assert sniff(tmp_path / "csv.xlsx") == "csv"
    assert sniff(write_ods(tmp_path / "a.ods")) == "ods"
    assert sniff(write_ole(tmp_path / "book.xlsx", ["Workbook"])) == "xls"
    assert sniff(write_ole(tmp_path / "book95.xls", ["Book"])) == "xls"


def test_sniff_encrypted_ole(tmp_path: Path) -> None:
    path = write_ole(tmp_path / "locked.xlsx", ["EncryptionInfo", "EncryptedPackage"])
    assert ole_stream_names(path.read_bytes()) == [
        "Root Entry",
        "EncryptionInfo",
        "EncryptedPackage",
    ]
    assert sniff(path) == "encrypted"
    with pytest.raises(ReadError) as err:
        open_roster(path)
    assert err.value.code == "file_encrypted"


def test_sniff_real_xls_directory(tmp_path: Path) -> None:
    names = ole_stream_names(write_xls(tmp_path / "a.xls").read_bytes())
    assert "Workbook" in names


def test_sniff_problems(tmp_path: Path) -> None:
    ole = write_ole(tmp_path / "w.bin", ["Workbook"]).read_bytes()
    cases = {
        "empty.xlsx": (b"", "file_empty"),
        "cut.xlsx": (
            write_xlsx(tmp_path / "w.xlsx", [HEADER]).read_bytes()[:700],
            "file_truncated",
        ),
        "image.xlsx": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "file_not_spreadsheet"),
        "cut.xls": (ole[:1100], "file_truncated"),
        "letter.xls": (
            write_ole(tmp_path / "d.doc", ["WordDocument"]).read_bytes(),
            "file_not_spreadsheet",
        ),
    }
    doc = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(doc, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    for name, (data, code) in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(ReadError) as err:
            sniff(tmp_path / name)
        assert err.value.code == code, name
    with pytest.raises(ReadError) as err:
        sniff(doc)
    assert (err.value.code, err.value.params["detected"]) == ("file_not_spreadsheet", "zip")
    with pytest.raises(ReadError) as err:
        open_roster(tmp_path / "missing.xlsx")
    assert err.value.code == "file_not_found"


def test_html_saved_as_xls_is_named(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text("<html><body><table><tr><td>企业名称</td></tr></table></body></html>")
    assert sniff(path) == "html"
    with pytest.raises(ReadError) as err:
        open_roster(path)
    assert err.value.code == "file_html"


# --- workbooks --------------------------------------------------------------------------------


def test_xlsx_rows_and_types(tmp_path: Path) -> None:
    extra = [3, "丙", "x", dt.date(2023, 5, 1), dt.time(8, 30), " 乙 "]
    path = write_xlsx(tmp_path / "a.xlsx", [HEADER, *ROWS, extra])
    with open_roster(path) as roster:
        assert roster.kind == "xlsx"
        assert roster.notes == []
        rows = roster.read_rows()
    assert rows[0] == [*HEADER, None, None]  # rows are as wide as the sheet's used range
    assert rows[1] == [1, "青岛甲机械有限公司", "91370211MA3C0X5Q7B", 1200.5, None, None]
    assert rows[2][2] is None  # an empty cell is None, never ""
    assert rows[3][3] == dt.date(2023, 5, 1)
    assert rows[3][4:] == ["08:30:00", " 乙 "]  # a time becomes text; nothing is stripped


def test_positions_match_excel(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["C3"] = "企业名称"
    wb.active["D5"] = "青岛甲"
    wb.save(tmp_path / "offset.xlsx")
    rows = open_roster(tmp_path / "offset.xlsx").read_rows()
    assert rows[2][2] == "企业名称"  # Excel row 3, column C
    assert rows[4][3] == "青岛甲"
    assert rows[0] == [None, None, None, None]


def test_wps_wrong_dimension_still_reads_every_row(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "wps.xlsx", [HEADER] + [[i, f"企业{i}", None, i] for i in range(1, 301)]
    )
    rewrite_part(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:A1"', xml),
    )
    with zipfile.ZipFile(path) as zf:
        assert b'<dimension ref="A1:A1"' in zf.read("xl/worksheets/sheet1.xml")
    rows = open_roster(path).read_rows()
    assert len(rows) == 301
    assert rows[-1][:2] == [300, "企业300"]


def test_hidden_sheets_listed(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "名单"
    wb.create_sheet("旧表").sheet_state = "hidden"
    wb.create_sheet("参数").sheet_state = "veryHidden"
    wb.create_sheet("附件2")["A1"] = "企业名称"
    wb.save(tmp_path / "h.xlsx")
    roster = open_roster(tmp_path / "h.xlsx")
    assert roster.sheets == [
        SheetInfo("名单", False),
        SheetInfo("旧表", True),
        SheetInfo("参数", True),
        SheetInfo("附件2", False),
    ]
    assert roster.read_rows("附件2") == [["企业名称"]]
    with pytest.raises(ReadError) as err:
        roster.read_rows("附件9")
    assert err.value.code == "sheet_not_found"


def test_default_sheet_skips_hidden(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "模板"
    wb.active.sheet_state = "hidden"
    wb.create_sheet("名单")["A1"] = "企业名称"
    wb.active = 1
    wb.save(tmp_path / "d.xlsx")
    roster = open_roster(tmp_path / "d.xlsx")
    assert roster.default_sheet() == "名单"
    assert roster.read_rows() == [["企业名称"]]


def test_merged_cells_fill_down_not_across(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2023年青岛市专精特新中小企业名单"])
    ws.merge_cells("A1:D1")
    ws.append(["地区", "序号", "企业名称", "备注"])
    ws.append(["黄岛区", 1, "甲", None])
    ws.append([None, 2, "乙", None])
    ws.append([None, 3, "丙", None])
    ws.append(["城阳区", 4, "丁", None])
    ws.merge_cells("A3:A5")
    ws.merge_cells("C6:D6")  # a name spilling into the next column must not fill it
    wb.save(tmp_path / "m.xlsx")
    roster = open_roster(tmp_path / "m.xlsx")
    rows = roster.read_rows()
    assert rows[0] == ["2023年青岛市专精特新中小企业名单", None, None, None]
    assert [r[0] for r in rows[2:6]] == ["黄岛区", "黄岛区", "黄岛区", "城阳区"]
    assert rows[5] == ["城阳区", 4, "丁", None]
    assert (2, 0, 4, 0) in roster.merged_ranges()
    assert [r[0] for r in roster.read_rows(fill_merged=False)[2:5]] == ["黄岛区", None, None]


def test_formula_without_cached_value(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["企业名称", "营业收入（万元）", "合计"])
    ws.append(["甲", 100, "=B2*2"])  # openpyxl saves formulas with no cached value
    ws.append(["乙", 200, 400])
    wb.save(tmp_path / "f.xlsx")
    with open_roster(tmp_path / "f.xlsx") as roster:
        rows = roster.read_rows()
        findings = roster.cell_findings()
    assert rows[1][2] is None  # calamine has no value to give
    assert [(f.code, f.row, f.column, f.params["cell"]) for f in findings] == [
        ("formula_no_cache", 2, 2, "C2")
    ]


def test_cached_formulas_and_error_cells(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [["企业名称", "a", "b", "c"]] + [[f"企业{i}", 1, 2, 3] for i in range(2, 80)]
    path = write_xlsx(tmp_path / "c.xlsx", rows)

    def edit(xml: bytes) -> bytes:
        xml = xml.replace(b'<c r="B5" t="n"><v>1</v></c>', b'<c r="B5"><f>1+0</f><v>1</v></c>')
        xml = xml.replace(  # a formula whose cached result is the empty string: fine
            b'<c r="C6" t="n"><v>2</v></c>', b'<c r="C6" t="str"><f>IF(1,"","")</f><v></v></c>'
        )
        xml = xml.replace(b'<c r="D7" t="n"><v>3</v></c>', b'<c r="D7" t="e"><v>#N/A</v></c>')
        xml = xml.replace(  # a shared formula with nothing cached
            b'<c r="B70" t="n"><v>1</v></c>', b'<c r="B70"><f t="shared" si="0"/></c>'
        )
        return xml

    rewrite_part(path, "xl/worksheets/sheet1.xml", edit)
    monkeypatch.setattr(reading, "_CHUNK", 512)  # force many chunks: cells cut across them
    findings = open_roster(path).cell_findings()
    assert [(f.code, f.row, f.column, f.params) for f in findings] == [
        ("cell_error", 7, 3, {"cell": "D7", "value": "#N/A"}),
        ("formula_no_cache", 70, 1, {"cell": "B70"}),
    ]


def test_cell_findings_other_sheet_and_kinds(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "s.xlsx", [["企业名称"]], 附件2=[["企业名称", "x"], ["甲", "=1+1"]]
    )
    roster = open_roster(path)
    assert roster.cell_findings() == []
    assert [f.params["cell"] for f in roster.cell_findings("附件2")] == ["B2"]
    assert open_roster(write_ods(tmp_path / "a.ods")).cell_findings() == []


def test_xls_legacy(tmp_path: Path) -> None:
    roster = open_roster(write_xls(tmp_path / "a.xls"))
    assert roster.kind == "xls"
    assert roster.sheets == [SheetInfo("名单", False), SheetInfo("隐藏", True)]
    rows = roster.read_rows()
    assert rows[0] == [*HEADER, None]
    assert rows[1][:4] == [1, "青岛甲机械有限公司", "91370211MA3C0X5Q7B", 1200.5]
    assert [rows[1][4], rows[2][4]] == ["黄岛区", "黄岛区"]
    assert roster.cell_findings() == []  # .xls always stores formula results


def test_renamed_xlsx_read_by_content(tmp_path: Path) -> None:
    path = tmp_path / "名单.xls"
    path.write_bytes(write_xlsx(tmp_path / "a.xlsx", [HEADER]).read_bytes())
    roster = open_roster(path)
    assert (roster.kind, roster.notes) == ("xlsx", ["extension_mismatch"])
    assert roster.read_rows() == [HEADER]


def test_renamed_xls_read_by_content(tmp_path: Path) -> None:
    path = tmp_path / "名单.xlsx"
    path.write_bytes(write_xls(tmp_path / "a.xls").read_bytes())
    roster = open_roster(path)
    assert (roster.kind, roster.notes) == ("xls", ["extension_mismatch"])
    assert roster.read_rows()[0][:4] == HEADER


def test_ods(tmp_path: Path) -> None:
    roster = open_roster(write_ods(tmp_path / "a.ods"))
    assert roster.kind == "ods"
    assert roster.read_rows() == [["序号", "企业名称"], [1.0, "青岛甲机械有限公司"]]


def test_truncated_zip_member(tmp_path: Path) -> None:
    # The zip directory is intact but the sheet part is garbage: still a code, not a crash.
    path = write_xlsx(tmp_path / "bad.xlsx", [HEADER])
    rewrite_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    with pytest.raises(ReadError) as err:
        open_roster(path).read_rows()
    assert err.value.code in {"file_unreadable", "file_truncated"}


# --- CSV ------------------------------------------------------------------------------------

CSV_TEXT = '附件1\n序号,企业名称,营业收入（万元）\n1,青岛甲机械有限公司,"1,200.5"\n2,青岛乙,88\n'


@pytest.mark.parametrize(
    ("encoding", "note"),
    [("utf-8", None), ("utf-8-sig", None), ("gb18030", "csv_gb18030"), ("utf-16", None)],
)
def test_csv_encodings(tmp_path: Path, encoding: str, note: str | None) -> None:
    path = tmp_path / "名单.csv"
    path.write_bytes(CSV_TEXT.encode(encoding))
    roster = open_roster(path)
    assert roster.kind == "csv"
    assert roster.notes == ([note] if note else [])
    assert roster.sheets == [SheetInfo("名单", False)]
    rows = roster.read_rows()
    assert rows[0] == ["附件1"]
    assert rows[1] == ["序号", "企业名称", "营业收入（万元）"]
    assert rows[2] == ["1", "青岛甲机械有限公司", "1,200.5"]  # text stays text


@pytest.mark.parametrize("delimiter", ["\t", ";", ","])
def test_csv_delimiters(tmp_path: Path, delimiter: str) -> None:
    lines = ["序号|企业名称|备注", "1|青岛甲||", "2|青岛乙|新增"] + [
        f"{i}|企业{i}|" for i in range(3, 9)
    ]
    path = tmp_path / "d.csv"
    path.write_text("\n".join(lines).replace("|", delimiter), encoding="utf-8")
    rows = open_roster(path).read_rows()
    assert rows[0] == ["序号", "企业名称", "备注"]
    assert rows[2] == ["2", "青岛乙", "新增"]


def test_csv_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "名单.xlsx"
    path.write_bytes(CSV_TEXT.encode("gb18030"))
    roster = open_roster(path)
    assert roster.kind == "csv"
    assert roster.notes == ["csv_renamed", "csv_gb18030"]
    assert roster.read_rows()[3] == ["2", "青岛乙", "88"]


def test_read_ahead_gives_the_same_rows_and_findings(tmp_path: Path) -> None:
    rows = [["企业名称", "营业收入（万元）", "合计"]] + [[f"企业{i}", i, f"=B{i + 2}*2"]
                                                  for i in range(300)]
    path = write_xlsx(tmp_path / "r.xlsx", rows, 附件2=[["企业名称"], ["乙"]])
    with open_roster(path) as plain:
        expected = (plain.read_rows(), plain.cell_findings(), plain.read_rows("附件2"))
    with open_roster(path) as ahead:
        ahead.prefetch()  # the first visible sheet, on a background thread
        assert ahead._ahead is not None and ahead._ahead[0] == "名单"
        got = (ahead.read_rows(), ahead.cell_findings(), ahead.read_rows("附件2"))
        assert ahead.read_rows() == expected[0]  # read again without the read-ahead
    assert got == expected
    assert len(expected[1]) == 300  # every formula without a cached value was found


def test_read_ahead_of_another_sheet_or_a_missing_one(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", ROWS, 附件2=[["企业名称"], ["乙"]])
    with open_roster(path) as roster:
        roster.prefetch("附件2")
        assert roster.read_rows() == open_roster(path).read_rows()  # waits, then reads 名单
        assert roster._ahead is not None and roster._ahead[2] == {}  # 附件2 not kept aside
        assert roster.read_rows("附件2") == [["企业名称"], ["乙"]]
    with open_roster(path) as roster:
        roster.prefetch("没有这张表")  # nothing to read ahead; the read says what is wrong
        assert roster._ahead is None
        with pytest.raises(ReadError) as err:
            roster.read_rows("没有这张表")
        assert err.value.code == "sheet_not_found"


def test_closing_while_reading_ahead_does_not_wait_or_fail(tmp_path: Path) -> None:
    rows = [["企业名称", "x"]] + [[f"企业{i}", i] for i in range(20_000)]
    path = write_xlsx(tmp_path / "big.xlsx", rows)
    roster = open_roster(path)
    roster.prefetch()
    thread = roster._ahead[1] if roster._ahead else None
    roster.close()  # the window closed the wizard: the thread finishes on its own
    assert roster._book is None and roster._ahead is None
    assert thread is not None
    thread.join(30)
    assert not thread.is_alive()
