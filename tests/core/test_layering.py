"""The core must work with no Qt installed (command line, servers, tests)."""
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_commrel_imports_and_works_with_pyside6_unavailable(tmp_path):
    script = textwrap.dedent(f"""
        import importlib, pkgutil, sys

        class BlockQt:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "shiboken6", "ui"):
                    raise ImportError(f"{{name}} is blocked in this test")
                return None

        sys.meta_path.insert(0, BlockQt())
        import commrel
        for mod in pkgutil.walk_packages(commrel.__path__, "commrel."):
            if not mod.name.endswith("__main__"):
                importlib.import_module(mod.name)
        from commrel import db, demo
        from commrel.services import stakeholder_queries
        db.init_db(r"{tmp_path / 'noqt.sqlite3'}")
        demo.generate(demo.DemoSize(50), seed=3)
        print(stakeholder_queries.count())
        assert not any(m.startswith("PySide6") for m in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) > 0


def test_no_module_in_core_mentions_qt():
    offenders = [p for p in (ROOT / "commrel").rglob("*.py")
                 if "PySide6" in p.read_text(encoding="utf-8") or "from ui" in p.read_text(encoding="utf-8")]
    assert offenders == []
