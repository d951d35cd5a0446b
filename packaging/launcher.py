"""Entry script for the frozen app: the same ``ui.app:main`` the ``commrel`` gui-script runs."""
import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
