"""Static files the application ships: icons and translations."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    """Absolute path of a shipped resource, e.g. ``path("icons", "commrel.svg")``."""
    return ROOT.joinpath(*parts)
