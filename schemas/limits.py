"""The caps on an input file (columns, rows, cell length, workbook size): part of the contract."""

from __future__ import annotations

HEADER_LIMIT = 64 * 1024  # bytes of a CSV's first line: a register's header is a few hundred
MAX_COLUMNS = 256  # a register has about 20 columns; 256 is Excel 2003's width
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell: more is a broken export, not a value
MAX_ROWS = 100_000_000  # rows of one CSV file (a national register has a few million)
XLSX_MAX_ROWS = 1_048_576  # Excel's own limit for one sheet
XLSX_MAX_UNPACKED = 2**30  # 1 GB unpacked: parsing holds a few times this in memory
# A workbook part that unpacks to more than 100 times its packed size is a zip bomb (Apache POI's
# rule); parts under 1 MB unpacked are not judged by it.
XLSX_MAX_RATIO = 100
XLSX_RATIO_GRACE = 2**20
