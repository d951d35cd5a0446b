"""The file-format libraries load when a file is read or written, not when a screen opens.

openpyxl and icalendar each take about a tenth of a second to import; a window
or dialog that waits for them opens that much later. Run in a fresh interpreter:
this test process has imported everything already.
"""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_panel_and_both_reports_open_without_the_file_format_libraries(tmp_path):
    script = textwrap.dedent(f"""
        import sys
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from commrel import db, demo
        db.init_db(r"{tmp_path / 'lazy.sqlite3'}")
        demo.generate(demo.DemoSize(40), seed=5)
        from ui import tasks
        from ui.main_window import MainWindow
        window = MainWindow()
        window.show()
        for key in ("dashboard", "stakeholders", "events", "concerns", "media"):
            window.show_panel(key)
            app.processEvents()
            tasks.runner().wait_idle()
        window.panels["dashboard"].open_engagement_report()
        window.panels["concerns"].show_report()
        app.processEvents()
        tasks.runner().wait_idle()
        print(sorted(m for m in ("openpyxl", "icalendar", "python_calamine") if m in sys.modules))
        tasks.runner().shutdown()
    """)
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"
