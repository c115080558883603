"""Team commands end to end: batch → override → reports, export and eval-overrides."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from synth import write_calls  # noqa: E402


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analyzer", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


def test_batch_override_export_and_eval(tmp_path: Path):
    inbox, db, out = tmp_path / "inbox", tmp_path / "team.db", tmp_path / "out"
    write_calls(inbox, 9, seed=5)
    res = cli("batch", str(inbox), "--db", str(db), "--out", str(out), "--week", "2026-W48")
    assert res.returncode == 0, res.stderr
    summary = [line for line in res.stdout.splitlines() if line.startswith("team summary: ")]
    assert summary and Path(summary[0].split(": ", 1)[1]).exists()
    assert "team-2026-W48.html" in summary[0]

    assert cli("override", "synth-00000", "pause", "maybe", "--db", str(db)).returncode == 2
    assert cli("override", "no-such-call", "pause", "fail", "--db", str(db)).returncode == 1
    res = cli("override", "synth-00000", "risk_relief", "fail", "--note", "pilot was not offered",
              "--db", str(db))
    assert res.returncode == 0, res.stderr

    csv_path = tmp_path / "calls.csv"
    assert cli("export", "--week", "2026-W48", "--format", "csv", "--out", str(csv_path),
               "--db", str(db)).returncode == 0
    frame = pd.read_csv(csv_path)
    assert len(frame) == 9
    assert frame.set_index("call_id").loc["synth-00000", "risk_relief"] == "fail"
    pq = tmp_path / "findings.parquet"
    assert cli("export", "--format", "parquet", "--kind", "findings", "--out", str(pq),
               "--db", str(db)).returncode == 0
    assert len(pd.read_parquet(pq)) > 9

    res = cli("eval-overrides", "--json", "--db", str(db))
    data = json.loads(res.stdout)
    assert data["labels"] == 1 and data["items"]["risk_relief"]["labels"] == 1

    assert cli("batch", str(inbox), "--week", "48", "--db", str(db)).returncode == 2
