"""How values read on screen: choice labels, local dates and times."""
from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from commrel.models import choices
from commrel.timeutil import from_utc_naive


def choice_label(options: dict[str, str], code: str | None) -> str:
    """The person-readable (and translatable) label of a stored code."""
    return QCoreApplication.translate("choices", choices.label(options, code)) if code else ""


def local_datetime(value: datetime | None) -> datetime | None:
    """A stored (naive UTC) instant as naive local time."""
    local = from_utc_naive(value)
    return None if local is None else local.replace(tzinfo=None)


def date_text(value: date | datetime | None) -> str:
    """A date in the user's short format; a stored timestamp is shown in local time first."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local_datetime(value).date()
    if _plain_locale():
        return value.isoformat()
    return QLocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)


def datetime_text(value: datetime | None) -> str:
    """A stored (naive UTC) timestamp in local time, short format."""
    if value is None:
        return ""
    local = local_datetime(value)
    if _plain_locale():
        return local.strftime("%Y-%m-%d %H:%M")
    qdt = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    return QLocale().toString(qdt, QLocale.FormatType.ShortFormat)


def _plain_locale() -> bool:
    # The "C" locale's short format ("1 03 2025") reads worse than ISO dates.
    return QLocale().language() == QLocale.Language.C


def counted(n: int, one: str, many: str) -> str:
    """``one`` or ``many`` (each already translated, ``{0}`` standing for the number) to suit ``n``."""
    return (one if n == 1 else many).format(f"{n:,}")
