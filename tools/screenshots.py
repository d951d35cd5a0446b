"""Screenshots of every main panel and the key dialogs, on a fresh sample database, without a screen.

    python tools/screenshots.py [FOLDER]        # PNGs go to FOLDER (default ./shots)

Builds a 1,000-stakeholder demo database in a temporary folder, opens the main
window offscreen, and saves one PNG per screen. Nothing outside the temporary
folder and FOLDER is touched (settings included).
"""
from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WINDOW_SIZE = (1440, 900)


def _settle(app, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def _save(app, widget, folder: Path, name: str) -> None:
    _settle(app)
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    print(f"saved {path}")


def _dialog(app, dialog, folder: Path, name: str, prepare=None) -> None:
    dialog.show()
    _settle(app)
    if prepare:
        prepare(dialog)
        _settle(app)
    _save(app, dialog, folder, name)
    dialog.reject()
    dialog.deleteLater()
    _settle(app)


def take(folder: Path, workdir: Path) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from commrel import db, demo, users
    from commrel.services import engagement, stakeholders
    from commrel.services import stakeholder_queries as queries
    from ui import settings, tasks

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    settings.use_settings_file(str(workdir / "settings.ini"))
    tasks.set_runner(tasks.TaskRunner(synchronous=True))
    users.set_current_user("Sam Officer")

    # A brand-new database first: the empty states.
    db.init_db(workdir / "empty.sqlite3")
    from ui.main_window import MainWindow

    window = MainWindow()
    window.resize(*WINDOW_SIZE)
    window.show()
    window.show_panel("stakeholders")
    _save(app, window, folder, "01-stakeholders-empty")
    window.close()

    db.init_db(workdir / "demo.sqlite3")
    demo.generate(demo.DemoSize(1000), seed=7, today=date.today())
    settings.use_settings_file(str(workdir / "settings-demo.ini"))
    window = MainWindow()
    window.resize(*WINDOW_SIZE)
    window.show()
    _settle(app)
    _save(app, window, folder, "02-dashboard")

    # Someone with an organisation, a busy timeline and a few recorded edits.
    members = [r for r in queries.page(queries.StakeholderFilter(kinds=["person"]), limit=300) if r.organisation_name]
    busiest = max(members, key=lambda r: len(engagement.for_stakeholder(r.id)))
    stakeholders.update(busiest.id, phone="07700 900461", position="leaning_supportive")
    stakeholders.set_tags(busiest.id, ["flood group", "newsletter"])
    busiest = queries.rows_by_id([busiest.id])[0]
    panel = window.show_panel("stakeholders")
    panel.open_record(busiest.id)
    _save(app, window, folder, "03-stakeholders-detail")
    panel.detail.tabs.setCurrentIndex(1)
    _save(app, window, folder, "04-stakeholders-timeline")
    panel.detail.tabs.setCurrentIndex(2)
    _save(app, window, folder, "05-stakeholders-history")
    panel.detail.tabs.setCurrentIndex(0)

    panel.filters.search.setText("ro")
    panel.filters.flush()
    panel.filters.type.setCurrentIndex(panel.filters.type.findText("People"))
    panel.table.selectAll()
    _save(app, window, folder, "06-stakeholders-filtered-multi")
    panel.filters.clear()

    panel.tabs.setCurrentWidget(panel.follow_ups)
    _save(app, window, folder, "07-follow-ups")
    panel.tabs.setCurrentIndex(0)

    # Every other panel, whatever the window holds today.
    for n, key in enumerate(k for k in window.panels if k not in ("dashboard", "stakeholders")):
        window.show_panel(key)
        _save(app, window, folder, f"{8 + n:02d}-{key}")

    from ui.dialogs.bulk_tag_dialog import BulkTagDialog
    from ui.dialogs.interaction_dialog import InteractionDialog
    from ui.dialogs.merge_dialog import MergeDialog
    from ui.dialogs.stakeholder_dialog import StakeholderDialog

    window.show_panel("stakeholders")
    _dialog(app, StakeholderDialog(window, record_id=busiest.id), folder, "20-edit-person")
    _dialog(app, StakeholderDialog(window, record_id=busiest.id), folder, "21-edit-person-links",
            lambda d: d.tabs.setCurrentWidget(d.links))
    _dialog(app, StakeholderDialog(window, record_id=busiest.id), folder, "22-edit-person-history",
            lambda d: d.tabs.setCurrentWidget(d.history))

    def duplicate_and_bad_email(d):
        QTest.keyClicks(d.form.given_name, busiest.display_name.split()[0])
        QTest.keyClicks(d.form.family_name, busiest.display_name.split()[-1])
        QTest.keyClicks(d.form.email, "not-an-email")
        d.check_duplicates()
        d.save()

    _dialog(app, StakeholderDialog(window), folder, "23-new-person-duplicate-and-error", duplicate_and_bad_email)
    org = queries.page(queries.StakeholderFilter(kinds=["organisation"]), limit=1)[0]
    _dialog(app, StakeholderDialog(window, record_id=org.id), folder, "24-edit-organisation")
    _dialog(app, InteractionDialog([busiest], window), folder, "25-log-interaction",
            lambda d: d.follow_up.setText("Send the traffic management plan"))
    twins = queries.page(queries.StakeholderFilter(kinds=["person"]), limit=2)
    _dialog(app, MergeDialog(twins[0].id, twins[1].id, window), folder, "26-merge")
    _dialog(app, BulkTagDialog(12, window), folder, "27-bulk-tag")
    window.close()
    db.close_db()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    folder = Path(argv[0] if argv else "shots").resolve()
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="commrel-shots-") as tmp:
        take(folder, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
