"""Spreadsheet export and import, each beside the raw libraries doing the same work alone."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from .runner import Case


def cases(ctx) -> list[Case]:
    from python_calamine import CalamineWorkbook
    from openpyxl import Workbook, load_workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from commrel import db
    from commrel.exchange import spreadsheet_import, xlsx

    out = ctx.work / "export.xlsx"
    raw_out = ctx.work / "baseline.xlsx"
    xlsx.export(out, "stakeholders")
    # The baseline writes exactly the cells the export wrote, from memory. Calamine reads a
    # missing cell as "" (openpyxl would write an empty cell for it) and every number as a float.
    sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Stakeholders").to_python()
    cells = [[None if v == "" else int(v) if isinstance(v, float) and v.is_integer() else v for v in row]
             for row in sheet]

    # And each cell's number format, as the export wrote it: phone numbers and postcodes
    # formatted as text ("@"), dates and times with theirs. openpyxl writes a cell with a
    # format as a cell object, the way its documentation shows.
    formats: list[list[tuple[int, str]]] = []
    read = load_workbook(out, read_only=True)
    for row in read["Stakeholders"].iter_rows():
        formats.append([(i, c.number_format) for i, c in enumerate(row)
                        if c.value is not None and c.number_format not in (None, "General")])
    read.close()
    bold = Font(bold=True)

    def baseline_write():
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Stakeholders")
        for row in cells:
            ws.append(row)
        wb.save(raw_out)

    def baseline_write_formatted():
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Stakeholders")
        header = []
        for value in cells[0]:
            cell = WriteOnlyCell(ws, value)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for row, formatted in zip(cells[1:], formats[1:]):
            if formatted:
                row = list(row)
                for i, fmt in formatted:
                    cell = WriteOnlyCell(ws, row[i])
                    cell.number_format = fmt
                    row[i] = cell
            ws.append(row)
        wb.save(raw_out)

    # A partner's sheet of new people: same columns, no Commrel IDs, fresh emails, and names
    # no stored record has (the sample reuses names, and a stored person without an email
    # and the same name would be matched, not added), so every row is a new record.
    incoming = ctx.work / "incoming.xlsx"
    header = list(sheet[0])
    col = header.index
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Stakeholders")
    ws.append(header)
    for n, row in enumerate(sheet[1:], start=1):
        row = list(row)
        row[col("Commrel ID")] = row[col("Row version")] = None
        row[col("Email")] = f"new{n}@partner.example"
        if row[col("Kind")] == "Person":
            row[col("Family name")] = f"{row[col('Family name')]} {n}"
            row[col("Name")] = f"{row[col('Given name')]} {row[col('Family name')]}".strip()
        else:
            row[col("Name")] = f"{row[col('Name')]} {n}"
        ws.append(row)
    wb.save(incoming)
    rows = len(sheet) - 1
    import_db = ctx.work / "import.sqlite3"

    def fresh_copy():
        db.close_db()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{import_db}{suffix}").unlink(missing_ok=True)
        src = sqlite3.connect(ctx.db_path)
        dst = sqlite3.connect(import_db)
        src.backup(dst)
        src.close()
        dst.close()
        db.init_db(import_db, backup_before_migrate=False)

    def run_import():
        plan = spreadsheet_import.plan_import(incoming, "stakeholders")
        spreadsheet_import.apply_import(plan)

    scratch = ctx.work / "scratch.sqlite3"

    def baseline_import():
        data = CalamineWorkbook.from_path(str(incoming)).get_sheet_by_name("Stakeholders").to_python()
        scratch.unlink(missing_ok=True)
        con = sqlite3.connect(scratch)
        cols = len(data[0])
        con.execute(f"CREATE TABLE t ({', '.join(f'c{i}' for i in range(cols))})")
        with con:
            con.executemany(f"INSERT INTO t VALUES ({', '.join('?' * cols)})",
                            ([str(v) if v is not None else None for v in r] for r in data[1:]))
        con.close()

    # What the database itself needs for the same import, with no Python per row: as many
    # register rows (copied from the register, made unique; prepared here, untimed) written
    # through the register's own indexes and into its search index, after the sheet is read as
    # in the baseline.
    con = sqlite3.connect(ctx.db_path)
    names = [r[1] for r in con.execute("PRAGMA table_info(stakeholder)") if r[1] != "id"]
    copied = con.execute(f"SELECT {', '.join(names)} FROM stakeholder ORDER BY id LIMIT ?", (rows,)).fetchall()
    con.close()
    unique = {names.index(n) for n in ("email", "sort_name", "display_name")}
    copied = [tuple(f"{v} {n}" if i in unique else v for i, v in enumerate(row)) for n, row in enumerate(copied)]

    def database_share():
        CalamineWorkbook.from_path(str(incoming)).get_sheet_by_name("Stakeholders").to_python()
        db.close_db()
        con = sqlite3.connect(import_db)
        con.execute("PRAGMA synchronous = normal")  # as Commrel opens it
        con.execute("PRAGMA cache_size = -32000")
        with con:
            first = con.execute("SELECT MAX(id) FROM stakeholder").fetchone()[0] + 1
            con.executemany(f"INSERT INTO stakeholder ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                            copied)
            con.execute("INSERT INTO stakeholder_fts (rowid, name, email, notes, extra) SELECT id, display_name,"
                        " email, notes, phone || ' ' || postcode || ' ' || neighbourhood FROM stakeholder"
                        " WHERE id >= ?", (first,))
        con.close()

    return [
        Case(f"xlsx export of {rows:,} stakeholders", lambda: xlsx.export(out, "stakeholders"),
             baseline_write_formatted, "openpyxl write-only, same cells and formats", max_ratio=1.3,
             max_peak_mb=250, repeat=3, interleave=True),
        Case("xlsx export against the cells' values alone (no target)", lambda: xlsx.export(out, "stakeholders"),
             baseline_write, "openpyxl write-only, same values, no formats", repeat=3, interleave=True,
             memory=False),
        Case(f"xlsx import of {rows:,} new rows (preview + commit)", run_import, baseline_import,
             "calamine read + executemany", max_ratio=2.0, setup=fresh_copy, repeat=3, interleave=True),
        Case(f"xlsx import: the database's own share of {rows:,} rows (no target)", database_share,
             baseline_import, "calamine read + executemany", setup=fresh_copy, repeat=3, interleave=True),
    ]
