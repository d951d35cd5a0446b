import json
import sqlite3

from commrel import cli


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_stats_json(tmp_path, capsys):
    path = tmp_path / "demo.sqlite3"
    code, out, _ = run(capsys, "--db", str(path), "demo", "--stakeholders", "200", "--seed", "7")
    assert code == 0 and "200 stakeholders" in out
    code, out, _ = run(capsys, "--db", str(path), "stats", "--json")
    figures = json.loads(out)
    assert figures["stakeholders"] + figures["archived"] == 200
    assert figures["events"] == 40 and figures["concerns"] == 100
    assert figures["interactions"] >= 1000


def test_demo_is_deterministic(tmp_path, capsys):
    names = []
    for n in (1, 2):
        path = tmp_path / f"d{n}.sqlite3"
        run(capsys, "--db", str(path), "demo", "--stakeholders", "60", "--seed", "5")
        con = sqlite3.connect(path)
        names.append(con.execute("SELECT display_name, email, neighbourhood FROM stakeholder ORDER BY id").fetchall())
        con.close()
    assert names[0] == names[1]


def test_unknown_format_is_a_one_line_user_error(tmp_path, capsys):
    code, out, err = run(capsys, "--db", str(tmp_path / "x.sqlite3"), "export", str(tmp_path / "out.pdf"))
    assert code == 1
    assert "out.pdf" in err and "Traceback" not in err and err.count("\n") == 1


def test_bad_usage_exits_2(tmp_path, capsys):
    try:
        cli.main(["--db", str(tmp_path / "x.sqlite3"), "frobnicate"])
    except SystemExit as exc:
        assert exc.code == 2
    else:
        raise AssertionError("bad usage must exit 2")


def test_backup_writes_a_readable_copy(tmp_path, capsys):
    path = tmp_path / "b.sqlite3"
    run(capsys, "--db", str(path), "demo", "--stakeholders", "30")
    code, out, _ = run(capsys, "--db", str(path), "backup", str(tmp_path / "copy.sqlite3"))
    assert code == 0
    con = sqlite3.connect(tmp_path / "copy.sqlite3")
    assert con.execute("SELECT COUNT(*) FROM stakeholder").fetchone()[0] == 30
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
