"""Figures for the dashboard and the printable reports (no Qt here)."""
