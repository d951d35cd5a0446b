"""Helpers that write the kinds of sheets partners send: titles above headers, odd encodings."""
from __future__ import annotations

import csv

import pytest
from openpyxl import Workbook

from db_probe import write_counter


@pytest.fixture
def write_xlsx(tmp_path):
    """write_xlsx(rows, name="in.xlsx", sheet="Sheet1", extra_sheets=()) -> path; str values stay text cells."""
    def write(rows, name="in.xlsx", sheet="Sheet1", extra_sheets=()):
        wb = Workbook()
        ws = wb.active
        ws.title = sheet
        for row in rows:
            ws.append(list(row))
        for title in extra_sheets:
            wb.create_sheet(title)
        path = tmp_path / name
        wb.save(path)
        return path
    return write


@pytest.fixture
def write_csv(tmp_path):
    """write_csv(rows, name="in.csv", encoding="utf-8-sig", delimiter=",") -> path."""
    def write(rows, name="in.csv", encoding="utf-8-sig", delimiter=","):
        path = tmp_path / name
        with open(path, "w", encoding=encoding, newline="") as fh:
            csv.writer(fh, delimiter=delimiter).writerows(rows)
        return path
    return write


@pytest.fixture
def changes():
    """changes() -> how much was written to the database since the fixture was taken (0: nothing)."""
    return write_counter()
