"""``python -m benchmarks [--scale small|full|N] [--json FILE]``: run the speed suite."""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import cases as C
from .runner import measure, table

SCALES = {"small": 2_000, "full": 100_000}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks")
    p.add_argument("--scale", default="small", help="small (2,000), full (100,000) or a number of stakeholders")
    p.add_argument("--repeat", type=int, default=5, help="repetitions of each case (some cases fix their own)")
    p.add_argument("--only", default="", help="run only cases whose name contains this text")
    p.add_argument("--json", metavar="FILE", help="also write the results as JSON (to compare commits)")
    p.add_argument("--no-memory", action="store_true", help="skip the extra run that measures peak memory")
    p.add_argument("--keep", action="store_true", help="keep the working folder (sample database, files written)")
    args = p.parse_args(argv)
    scale = SCALES.get(args.scale) or int(args.scale)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from commrel import db, demo

    work = Path(tempfile.mkdtemp(prefix="commrel-bench-"))
    try:
        db_path = work / "sample.sqlite3"
        started = time.perf_counter()
        db.init_db(db_path, backup_before_migrate=False)
        demo.generate(demo.DemoSize(scale), seed=7)
        print(f"sample database: {scale:,} stakeholders, built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        ctx = C.Context(db_path=db_path, work=work, scale=scale)

        groups = [C.core_cases, C.extra_cases, C.startup_cases]
        results = []
        for group in groups:
            for case in group(ctx):
                if args.only and args.only not in case.name:
                    continue
                db.init_db(db_path, backup_before_migrate=False)
                print(f"… {case.name}", file=sys.stderr)
                results.append(measure(case, args.repeat, memory=not args.no_memory))
        gen = C.build_sample(ctx)
        if not args.only or args.only in gen.name:
            results.append(measure(gen, 1, memory=False))
        db.close_db()
    finally:
        db.close_db()
        if args.keep:
            print(f"working folder kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)

    machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"\nScale: {scale:,} stakeholders — {machine}\n")
    print(table(results))
    failed = [r.name for r in results if not r.ok]
    print(f"\n{len(results) - len(failed)} passed, {len(failed)} failed")
    if args.json:
        Path(args.json).write_text(json.dumps({"scale": scale, "machine": machine,
                                               "results": [r.as_dict() for r in results]}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
