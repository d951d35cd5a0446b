"""``commrel-cli``: the core from a terminal, for batch work and automation.

Exit status: 0 success, 1 a user error (one line on stderr saying what and
where), 2 bad usage.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from . import __version__, exchange
from .errors import CommrelError

log = logging.getLogger(__name__)


class _TerminalProgress:
    """Shows progress on stderr when it is a terminal; silent in scripts."""

    cancelled = False

    def __init__(self) -> None:
        self._tty = sys.stderr.isatty()

    def report(self, done: int, total: int | None, message: str = "") -> None:
        if self._tty:
            of = f"/{total}" if total else ""
            print(f"\r{message} {done}{of}   ", end="", file=sys.stderr, flush=True)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="commrel-cli", description="Commrel from the command line.")
    p.add_argument("--db", metavar="PATH_OR_URL",
                   help="database file or team database address postgresql://user@host:5432/name "
                        "(default: the file in your user data folder); a server password comes from "
                        "PGPASSWORD or ~/.pgpass")
    p.add_argument("--version", action="version", version=f"commrel {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    d = sub.add_parser("demo", help="fill a database with sample data")
    d.add_argument("--stakeholders", type=int, default=1000)
    d.add_argument("--interactions", type=int)
    d.add_argument("--events", type=int)
    d.add_argument("--concerns", type=int)
    d.add_argument("--seed", type=int, default=1)

    s = sub.add_parser("stats", help="counts of every kind of record")
    s.add_argument("--json", action="store_true")

    e = sub.add_parser("export", help="export to FILE; the format follows its extension (.xlsx .csv .ics)")
    e.add_argument("file")
    e.add_argument("--kind", choices=exchange.KINDS, default=None)
    e.add_argument("--profile", default="full", help="what to leave out when sharing: full, partner, public")

    i = sub.add_parser("import", help="import FILE; prints what would be / was created, updated, skipped")
    i.add_argument("file")
    i.add_argument("--kind", choices=exchange.KINDS, default=None)
    i.add_argument("--dry-run", action="store_true", help="show what would happen; write nothing")

    b = sub.add_parser("backup", help="write a consistent copy of the database to FILE")
    b.add_argument("file")

    c = sub.add_parser("copy", help="copy a whole database into a new, empty one: a file to a team server "
                                    "(postgresql://user@host:5432/name) or back; counts are checked")
    c.add_argument("--from", dest="source", metavar="FILE_OR_URL", help="what to copy (default: --db)")
    c.add_argument("--to", dest="dest", metavar="FILE_OR_URL", required=True,
                   help="where to copy it; must hold no records")

    sub.add_parser("imports", help="list past imports (newest first)")
    u = sub.add_parser("undo-import", help="undo a past import by its number")
    u.add_argument("batch", type=int)
    return p


def _open(args) -> str:
    from . import db, engines, paths

    target = getattr(args, "source", None) or args.db
    if target and engines.is_server_url(target):
        db.init_db(target)
        return target
    path = Path(target).expanduser() if target else paths.default_database()
    db.init_db(path)
    return str(path)


def _cmd_demo(args) -> int:
    from . import demo

    counts = demo.generate(demo.DemoSize(args.stakeholders, args.interactions, args.events, args.concerns),
                           seed=args.seed, progress=_TerminalProgress())
    print(", ".join(f"{v} {k}" for k, v in counts.items()) + " added.")
    return 0


def _cmd_stats(args) -> int:
    from .reports import counts

    figures = counts.record_counts()
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        width = max(len(k) for k in figures)
        for k, v in figures.items():
            print(f"{k.replace('_', ' '):<{width}}  {v:>9,}")
    return 0


def _cmd_export(args) -> int:
    fmt = exchange.for_path(args.file, purpose="export")
    kind = args.kind or ("events" if fmt.name == "ics" else "stakeholders")
    if kind not in fmt.kinds:
        raise CommrelError(f"{fmt.description} files cannot hold {kind}; choose one of {', '.join(fmt.kinds)}.")
    result = fmt.export(Path(args.file), kind, profile=args.profile, progress=_TerminalProgress())
    print(f"Exported {result.count} {kind} to {result.path}." + (f" {result.message}" if result.message else ""))
    return 0


def _cmd_import(args) -> int:
    fmt = exchange.for_path(args.file, purpose="import")
    kind = args.kind or ("events" if fmt.name == "ics" else "stakeholders")
    if kind not in fmt.kinds:
        raise CommrelError(f"{fmt.description} files cannot hold {kind}; choose one of {', '.join(fmt.kinds)}.")
    plan = fmt.plan_import(Path(args.file), kind, progress=_TerminalProgress())
    for row in plan.rows:
        if row.outcome in ("skip", "conflict"):
            print(f"{row.location}: {row.outcome}: {row.label} {('— ' + row.message) if row.message else ''}".rstrip())
    for error in plan.errors:
        print(f"error: {error}")
    if args.dry_run:
        print(f"Would import: {plan.summary()}. Nothing was written (dry run).")
        return 0
    result = fmt.apply_import(plan, progress=_TerminalProgress())
    print(f"Imported: {result.summary()}." + (f" Undo with: commrel-cli undo-import {result.batch_id}"
                                              if result.batch_id else ""))
    return 0


def _cmd_copy(args) -> int:
    from . import db, engines, transfer
    from .models import database

    source = db.describe()
    dest = args.dest if engines.is_server_url(args.dest) else str(Path(args.dest).expanduser())
    counts = transfer.copy_database(database.obj, dest, progress=_TerminalProgress())
    if sys.stderr.isatty():
        print(file=sys.stderr)
    rows = sum(counts.values())
    print(f"Copied {rows:,} rows from {source} to {engines.strip_password(dest)}; "
          f"every table's count matches ({counts['stakeholder']:,} stakeholders, {counts['event']:,} events, "
          f"{counts['concern']:,} concerns).")
    return 0


def _cmd_backup(args) -> int:
    from . import backups

    dest = backups.copy_to(Path(args.file))
    print(f"Backup written to {dest}.")
    return 0


def _cmd_imports(args) -> int:
    from .services import batches

    rows = batches.history()
    if not rows:
        print("No imports yet.")
    for b in rows:
        state = f" (undone {b.undone_at:%Y-%m-%d})" if b.undone_at else ""
        print(f"#{b.id}  {b.at:%Y-%m-%d %H:%M}  {b.format:<5} {b.kind:<12} {b.source}  "
              f"{b.created} created, {b.updated} updated{state}")
    return 0


def _cmd_undo_import(args) -> int:
    from .services import batches

    n = batches.undo(args.batch)
    print(f"Import #{args.batch} undone ({n} records reverted).")
    return 0


COMMANDS = {"demo": _cmd_demo, "stats": _cmd_stats, "export": _cmd_export, "import": _cmd_import,
            "backup": _cmd_backup, "imports": _cmd_imports, "undo-import": _cmd_undo_import,
            "copy": _cmd_copy}


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        _open(args)
        return COMMANDS[args.command](args)
    except CommrelError as exc:
        print(f"commrel-cli: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        name = exc.filename or ""
        print(f"commrel-cli: {name}{': ' if name else ''}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("commrel-cli: interrupted; nothing more was written.", file=sys.stderr)
        return 1
    finally:
        from . import db

        db.close_db()


if __name__ == "__main__":
    sys.exit(main())
