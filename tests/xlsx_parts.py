"""Hand-built XLSX files for the tests: the parts of a workbook written with zipfile, so a test
can give them any size, any row number and any shared-string table (openpyxl would not)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

_OOXML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_XML = '<?xml version="1.0" encoding="UTF-8"?>'


def _override(part: str, kind: str) -> str:
    return f'<Override PartName="{part}" ContentType="{_OOXML}.{kind}+xml"/>'


def _relationship(rid: str, kind: str, target: str) -> str:
    return f'<Relationship Id="{rid}" Type="{_REL}/{kind}" Target="{target}"/>'


CONTENT_TYPES = (
    f'{_XML}<Types xmlns="{_PKG}/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    + _override("/xl/workbook.xml", "sheet.main")
    + _override("/xl/worksheets/sheet1.xml", "worksheet")
    + _override("/xl/sharedStrings.xml", "sharedStrings")
    + "</Types>"
)
ROOT_RELS = (
    f'{_XML}<Relationships xmlns="{_PKG}/relationships">'
    + _relationship("rId1", "officeDocument", "xl/workbook.xml")
    + "</Relationships>"
)
WORKBOOK = (
    f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
    '<sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'{_XML}<Relationships xmlns="{_PKG}/relationships">'
    + _relationship("rId1", "worksheet", "worksheets/sheet1.xml")
    + _relationship("rId2", "sharedStrings", "sharedStrings.xml")
    + "</Relationships>"
)
SHEET_HEAD = f'{_XML}<worksheet xmlns="{_MAIN}"><sheetData>'
SHEET_TAIL = "</sheetData></worksheet>"
SST_HEAD = f'{_XML}<sst xmlns="{_MAIN}">'


def row(number: int, *cells: str) -> str:
    """A row of inline strings."""
    out = [f'<row r="{number}">']
    for i, text in enumerate(cells):
        out.append(f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{text}</t></is></c>')
    out.append("</row>")
    return "".join(out)


def shared_row(number: int, *indices: int) -> str:
    """A row whose cells are shared strings."""
    cells = "".join(
        f'<c r="{chr(65 + i)}{number}" t="s"><v>{k}</v></c>' for i, k in enumerate(indices)
    )
    return f'<row r="{number}">{cells}</row>'


def write_xlsx(
    path: Path,
    rows: Iterable[str],
    shared: Iterable[str] | None = None,
    *,
    extra: dict[str, bytes] | None = None,
) -> Path:
    """A workbook of one sheet; ``shared`` (chunks of the shared-string part after its head) is
    streamed into the zip, so a test can make it expand to hundreds of MB from a small file."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        zf.writestr("xl/worksheets/sheet1.xml", SHEET_HEAD + "".join(rows) + SHEET_TAIL)
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as sst:
            sst.write(SST_HEAD.encode())
            for chunk in shared or ():
                sst.write(chunk.encode())
            sst.write(b"</sst>")
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path
