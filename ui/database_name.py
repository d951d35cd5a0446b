"""How the open database is named in the window title and the status bar."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from commrel import db, engines


def database_names() -> tuple[str, str, str]:
    """(short name for the title, status bar text, the full place for a tooltip)."""
    where = db.describe()
    if not where:
        none = QCoreApplication.translate("MainWindow", "(no database)")
        return none, QCoreApplication.translate("MainWindow", "Database: {0}").format("—"), ""
    if db.current_engine() == engines.POSTGRESQL:
        address = engines.parse_server_url(where)
        short = QCoreApplication.translate("MainWindow", "{0} on {1}").format(address.database, address.host)
        return short, QCoreApplication.translate("MainWindow", "Team database: {0}").format(where), where
    path = db.current_path()
    short = path.name if path is not None else where
    return short, QCoreApplication.translate("MainWindow", "Database: {0}").format(where), where
