"""The speed suite is a tool, not a test; CI only checks every case still runs at a small scale."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_benchmark_case_runs_at_small_scale(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, "-m", "benchmarks", "--scale", "300", "--repeat", "1", "--no-memory",
                           "--json", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = json.loads(out.read_text())
    names = [r["name"] for r in data["results"]]
    assert any(n.startswith("search:") for n in names)
    assert any(n.startswith("cold start") for n in names)
    assert all(r["median"] > 0 for r in data["results"])
    assert "| case" in proc.stdout
