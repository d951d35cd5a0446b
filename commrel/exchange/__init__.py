"""File formats Commrel reads and writes; the file dialogs and the CLI read this registry.

Each format module registers a :class:`FileFormat`. Import is two steps:
``plan(path, kind, ...)`` parses and validates into an :class:`ImportPlan`
touching nothing, then ``apply(plan)`` writes it in one transaction and
records a batch that can be undone.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import UnsupportedFormat

KINDS = ("stakeholders", "interactions", "events", "concerns", "coverage", "all")

OUTCOMES = ("create", "update", "unchanged", "skip", "conflict")


@dataclass
class PlannedRow:
    """What importing one row (or one calendar component) would do."""

    location: str  # "row 12", "line 40 (VEVENT)"
    outcome: str  # one of OUTCOMES
    entity: str  # stakeholder, event, ...
    entity_id: int | None = None
    label: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    # field -> (stored value, value in the file), for updates and conflicts
    differences: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    message: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportPlan:
    source: str
    format: str
    kind: str
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        out = {o: 0 for o in OUTCOMES}
        for r in self.rows:
            out[r.outcome] = out.get(r.outcome, 0) + 1
        return out

    def summary(self) -> str:
        c = self.counts()
        parts = [f"{c['create']} new", f"{c['update']} updated", f"{c['unchanged']} unchanged",
                 f"{c['skip']} skipped", f"{c['conflict']} conflicts"]
        text = ", ".join(parts)
        if self.errors:
            text += f"; {len(self.errors)} errors"
        return text


@dataclass
class ImportResult:
    batch_id: int | None
    created: int
    updated: int
    unchanged: int
    skipped: int

    def summary(self) -> str:
        return (f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.skipped} skipped")


@dataclass
class ExportResult:
    path: Path
    count: int
    message: str = ""


@dataclass(frozen=True)
class FileFormat:
    name: str  # "xlsx"
    description: str  # "Excel workbook"
    extensions: tuple[str, ...]  # (".xlsx", ".xlsm")
    kinds: tuple[str, ...]  # which KINDS it carries
    export: Callable[..., ExportResult] | None = None
    plan_import: Callable[..., ImportPlan] | None = None
    apply_import: Callable[..., ImportResult] | None = None


_REGISTRY: dict[str, FileFormat] = {}


def register(fmt: FileFormat) -> FileFormat:
    _REGISTRY[fmt.name] = fmt
    return fmt


def _load_builtin() -> None:
    # Format modules are imported on first use so startup stays fast.
    import importlib

    for module in ("ics", "xlsx", "csv_format"):
        try:
            importlib.import_module(f"{__name__}.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{module}":
                raise


def formats() -> list[FileFormat]:
    _load_builtin()
    return list(_REGISTRY.values())


def for_path(path: str | Path, *, purpose: str = "import") -> FileFormat:
    ext = Path(path).suffix.lower()
    for fmt in formats():
        if ext in fmt.extensions:
            if purpose == "import" and fmt.plan_import is None or purpose == "export" and fmt.export is None:
                break
            return fmt
    known = sorted({e for f in formats() for e in f.extensions
                    if (f.plan_import if purpose == "import" else f.export)})
    if known:
        raise UnsupportedFormat(f"{Path(path).name}: Commrel cannot {purpose} “{ext or 'no extension'}” files; "
                                f"it can {purpose} {', '.join(known)}.")
    raise UnsupportedFormat(f"{Path(path).name}: {purpose} of {ext or 'this'} files is not available yet.")


def dialog_filters(purpose: str = "import") -> list[str]:
    """Filter strings for file dialogs, e.g. "Excel workbook (*.xlsx *.xlsm)"."""
    out = []
    for f in formats():
        if (f.plan_import if purpose == "import" else f.export):
            out.append(f"{f.description} ({' '.join('*' + e for e in f.extensions)})")
    return out
