"""Commrel core: the product without a screen.

Nothing under this package imports Qt; the desktop application in ``ui/``
and the command line in ``commrel.cli`` both stand on it.
"""

__version__ = "0.1.0"
APP_NAME = "Commrel"
