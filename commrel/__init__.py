"""Commrel core: the product without a screen.

Nothing under this package imports Qt; the desktop application in ``ui/``
and the command line in ``commrel.cli`` both stand on it.
"""

__version__ = "0.1.0"
APP_NAME = "Commrel"


def _without_server_driver_at_import() -> None:
    """Import peewee without the PostgreSQL driver it would load eagerly (a fifth of a second).

    Most officers work on a local file; ``commrel.engines`` loads the driver
    when a team database is opened.
    """
    import sys

    if "peewee" in sys.modules or "psycopg" in sys.modules:
        return
    sys.modules["psycopg"] = None  # makes "import psycopg" fail inside peewee's import
    try:
        import peewee  # noqa: F401
    finally:
        del sys.modules["psycopg"]


_without_server_driver_at_import()
