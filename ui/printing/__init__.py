"""Printed forms: receipts and reports laid out as HTML and written to PDF."""
