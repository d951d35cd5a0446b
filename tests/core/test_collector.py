"""Long jobs pause the cyclic garbage collector and always give it back."""
import gc
import threading

import pytest

from commrel import collector


@pytest.fixture(autouse=True)
def collector_on():
    gc.enable()
    yield
    gc.enable()


def test_paused_inside_and_back_after_also_when_the_job_fails():
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with collector.paused():
            raise RuntimeError("the import failed")
    assert gc.isenabled()


def test_it_stays_off_until_the_last_of_overlapping_jobs_ends():
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def second_job():
        with collector.paused():
            second_in.set()
            first_out.wait(5)
            seen["after the first ended"] = gc.isenabled()

    with collector.paused():
        first_in.set()
        worker = threading.Thread(target=second_job)
        worker.start()
        second_in.wait(5)
    first_out.set()
    worker.join(5)
    assert seen == {"after the first ended": False}
    assert gc.isenabled()


def test_a_collector_turned_off_before_stays_off():
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


class _Watching:
    """A progress sink noting whether the collector ran while the job reported."""

    cancelled = False

    def __init__(self):
        self.collecting: set[bool] = set()

    def report(self, done, total, message=""):
        self.collecting.add(gc.isenabled())


def test_imports_read_and_write_with_the_collector_paused(tmp_path):
    from commrel.exchange import ics, spreadsheet_import

    sheet = tmp_path / "people.csv"
    sheet.write_text("Given name,Family name\nAmina,Okafor\n", encoding="utf-8")
    watching = _Watching()
    plan = spreadsheet_import.plan_import(sheet, progress=watching)
    spreadsheet_import.apply_import(plan, progress=watching)
    calendar = tmp_path / "meeting.ics"
    calendar.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:a@t\r\n"
                         b"DTSTAMP:20260101T000000Z\r\nDTSTART:20260301T180000Z\r\nSUMMARY:Drop-in\r\n"
                         b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    plan = ics.plan_import(calendar, progress=watching)
    ics.apply_import(plan, progress=watching)
    assert watching.collecting == {False}
    assert gc.isenabled()
