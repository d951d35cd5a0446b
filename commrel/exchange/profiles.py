"""Export profiles: how much of the register a sheet may carry.

* ``full`` — everything, for the team's own use and backups people can read.
* ``partner`` — for partner organisations: no internal notes, no consent
  details, nobody who asked not to be contacted, and no name for a
  complainant who is anonymous or confidential.
* ``public`` — for publication: organisations only, no personal data, no
  assessments or internal fields, no participant lists or concern timelines.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import ExchangeError
from .columns import Column, SheetDef


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    description: str
    # Columns carrying any of these sensitivities are left out.
    drops: frozenset[str]
    exclude_do_not_contact: bool
    organisations_only: bool
    hide_protected_complainants: bool
    # Sheets that are left out whole.
    drops_sheets: frozenset[str] = frozenset()

    def keeps(self, column: Column) -> bool:
        return not (set(column.sensitivity) & self.drops)

    def columns(self, sheet: SheetDef) -> tuple[Column, ...]:
        return tuple(c for c in sheet.columns if self.keeps(c))

    def keeps_sheet(self, sheet: SheetDef) -> bool:
        return sheet.name not in self.drops_sheets


PROFILES = {
    "full": Profile("full", "Full", "Every column and every record.", frozenset(),
                    exclude_do_not_contact=False, organisations_only=False, hide_protected_complainants=False),
    "partner": Profile(
        "partner", "Partner",
        "For partner organisations: no notes, no consent details, no one who asked not to be contacted, "
        "no names of anonymous or confidential complainants.",
        frozenset({"notes", "consent"}), exclude_do_not_contact=True, organisations_only=False,
        hide_protected_complainants=True),
    "public": Profile(
        "public", "Public",
        "For publication: organisations only, without personal data, assessments or internal fields.",
        frozenset({"notes", "consent", "personal", "assessment", "internal"}), exclude_do_not_contact=True,
        organisations_only=True, hide_protected_complainants=True,
        drops_sheets=frozenset({"event_participants", "concern_timeline"})),
}


def get(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise ExchangeError(f"There is no export profile “{name}”; choose one of: "
                            f"{', '.join(PROFILES)}.") from None
