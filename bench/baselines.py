"""The baselines, as the bare scripts a child process runs with ``python -c``.

Each is the least a program could do with the same file: open it with the library and touch every
row (reads), or write the same values (the export's baseline; and the bare sqlite3 write of the
rows the import stored, the floor its own SQLite writes put under the import). They import
nothing of GooseTier or of the bench, so start-up is the interpreter plus the one library, as for
a real program.
"""

from __future__ import annotations

# python -c CALAMINE_READ FILE → prints the number of rows
CALAMINE_READ = """\
import sys
from python_calamine import CalamineWorkbook
book = CalamineWorkbook.from_path(sys.argv[1])
sheet = book.get_sheet_by_index(0)
n = 0
for row in sheet.iter_rows():
    n += 1
print(n)
"""

# python -c OPENPYXL_READ FILE → prints the number of rows
OPENPYXL_READ = """\
import sys
from openpyxl import load_workbook
book = load_workbook(sys.argv[1], read_only=True)
n = 0
for row in book.worksheets[0].iter_rows(values_only=True):
    n += 1
book.close()
print(n)
"""

# python -c XLSXWRITER_WRITE ROWS.pickle OUT.xlsx → prints the wall and CPU seconds spent loading
# the pickle, which the harness subtracts: the baseline is start-up + import + the write alone.
XLSXWRITER_WRITE = """\
import pickle, sys, time
import xlsxwriter
start, start_cpu = time.perf_counter(), time.process_time()
with open(sys.argv[1], "rb") as fh:
    rows = pickle.load(fh)
load, load_cpu = time.perf_counter() - start, time.process_time() - start_cpu
book = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True})
sheet = book.add_worksheet()
for r, row in enumerate(rows):
    sheet.write_row(r, 0, row)
book.close()
print(load, load_cpu)
"""

# python -c SQLITE_WRITE ROWS.pickle COPY.sqlite3 → prints the wall and CPU seconds spent loading
# the pickle, which the harness subtracts. The pickle (bench.children dump-rows) holds the rows
# the first import stored, per table, as SQLite gave them back: replaying them into a copy of the
# empty registry the way GooseTier's import writes (same pragmas, one transaction, the batch row
# first, plain indexes of the big tables dropped and rebuilt, executemany in chunks of 5,000,
# columns NULL in every row left out of the statement) is the least any program storing the same
# rows in the same schema could do, so it is the import's floor for its SQLite writes.
SQLITE_WRITE = """\
import pickle, sqlite3, sys, time
start, start_cpu = time.perf_counter(), time.process_time()
with open(sys.argv[1], "rb") as fh:
    data = pickle.load(fh)
load, load_cpu = time.perf_counter() - start, time.process_time() - start_cpu
chunk = data["chunk"]
con = sqlite3.connect(sys.argv[2], isolation_level=None)
con.execute("PRAGMA foreign_keys=ON")
con.execute("PRAGMA synchronous=NORMAL")
con.execute("PRAGMA cache_size=-65536")
con.execute("BEGIN IMMEDIATE")

def insert(table, columns, rows):
    names = ", ".join('"' + c + '"' for c in columns)
    marks = ", ".join("?" * len(columns))
    sql = 'INSERT INTO "' + table + '" (' + names + ") VALUES (" + marks + ")"
    for i in range(0, len(rows), chunk):
        con.executemany(sql, rows[i:i + chunk])

insert(*data["batch"])
dropped = []
for table in data["defer"]:
    for name, sql in con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL", (table,)).fetchall():
        if sql.lstrip().upper().startswith("CREATE INDEX"):
            con.execute('DROP INDEX "' + name + '"')
            dropped.append(sql)
for table, columns, rows in data["tables"]:
    insert(table, columns, rows)
for sql in dropped:
    con.execute(sql)
con.execute("COMMIT")
con.close()
print(load, load_cpu)
"""

PYTHON_PASS = "pass"

# python -c CLI_IMPORTS → "heavy:" and the heavy libraries `goosetier --version` loaded (none)
CLI_IMPORTS = """\
import sys
from goosetier.cli import main
try:
    main(["--version"])
except SystemExit:
    pass
heavy = ("PySide6", "sqlalchemy", "alembic", "openpyxl", "python_calamine", "xlsxwriter",
         "pyqtgraph", "rapidfuzz")
print("heavy:" + ",".join(m for m in heavy if m in sys.modules))
"""
