"""Options declared once, with their types and defaults, over QSettings."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    type: type
    default: Any

    def get(self, settings: QSettings | None = None) -> T:
        s = settings or _settings()
        value = s.value(self.key, self.default)
        if value is None:
            return self.default
        if self.type is bool and isinstance(value, str):
            return value.lower() in ("true", "1")
        if self.type is list:
            return list(value) if isinstance(value, (list, tuple)) else ([value] if value else [])
        if self.type is QByteArray:
            return value if isinstance(value, QByteArray) else QByteArray()
        try:
            return self.type(value)
        except (TypeError, ValueError):
            return self.default

    def set(self, value: T, settings: QSettings | None = None) -> None:
        (settings or _settings()).setValue(self.key, value)


_override: QSettings | None = None


def _settings() -> QSettings:
    return _override if _override is not None else QSettings()


def use_settings_file(path: str) -> None:
    """Keep settings in ``path`` (tests, portable installs) instead of the system store."""
    global _override
    _override = QSettings(path, QSettings.Format.IniFormat)


LAST_DATABASE = Option[str]("database/last", str, "")
RECENT_DATABASES = Option[list]("database/recent", list, [])
USER_NAME = Option[str]("user/name", str, "")
WINDOW_GEOMETRY = Option[QByteArray]("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = Option[QByteArray]("window/state", QByteArray, QByteArray())
LAST_PANEL = Option[str]("window/panel", str, "dashboard")
BACKUPS_TO_KEEP = Option[int]("backups/keep", int, 10)
LAST_IMPORT_FOLDER = Option[str]("exchange/import_folder", str, "")
LAST_EXPORT_FOLDER = Option[str]("exchange/export_folder", str, "")
# Printed on concern receipts: who runs the mechanism and how to reach them.
RECEIPT_CONTACT = Option[str]("concerns/receipt_contact", str, "")
# The grievance report's period: a preset key, or "custom" with the dates (YYYY-MM-DD).
REPORT_PERIOD = Option[str]("concerns/report_period", str, "last_quarter")
REPORT_START = Option[str]("concerns/report_start", str, "")
REPORT_END = Option[str]("concerns/report_end", str, "")
MAX_RECENT = 8


def panel_option(panel: str, name: str, type_: type = QByteArray, default: Any = None) -> Option:
    """Per-panel state such as splitter positions and column widths."""
    return Option(f"panels/{panel}/{name}", type_, QByteArray() if default is None and type_ is QByteArray else default)


def remember_database(path: str) -> None:
    recent = [p for p in RECENT_DATABASES.get() if p != path]
    RECENT_DATABASES.set([path] + recent[:MAX_RECENT - 1])
    LAST_DATABASE.set(path)


# Exchange: the last export profile, and the calendar feed kept up to date (empty path: not published).
EXPORT_PROFILE = Option[str]("exchange/export_profile", str, "full")
PUBLISH_PATH = Option[str]("exchange/publish_path", str, "")
PUBLISH_PROFILE = Option[str]("exchange/publish_profile", str, "public")
