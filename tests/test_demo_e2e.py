"""The README's demo command, end to end: a report for every sample call, paths printed."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analyzer.ingest import iter_call_files

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    first_screen = (ROOT / "README.md").read_text().split("---")[0]
    return re.findall(r"^    (make \w+)", first_screen, re.M)


def test_readme_first_screen_has_exactly_two_commands():
    assert readme_commands() == ["make demo", "make test"]


@pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")
def test_demo_writes_a_report_for_every_sample_call():
    shutil.rmtree(ROOT / "out", ignore_errors=True)
    res = subprocess.run(["make", "demo"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stdout + res.stderr
    calls = iter_call_files(ROOT / "sample_calls")
    discovery = iter_call_files(ROOT / "sample_calls_discovery")
    assert len(calls) >= 12 and len(discovery) >= 4
    # one store, two rubrics: a team summary for each, the discovery one from its calls only
    summaries = re.findall(r"^team summary: (\S+\.html)$", res.stdout, re.M)
    assert len(summaries) == 2 and all((ROOT / s).exists() for s in summaries)
    assert "Agenda set at the start" in (ROOT / summaries[0]).read_text()
    assert "Value recap before the timeline" in (ROOT / summaries[1]).read_text()
    printed = re.findall(r"-> (\S+\.html)", res.stdout)
    assert len(printed) == len(calls) + len(discovery)
    for path in printed:
        html = Path(path) if Path(path).is_absolute() else ROOT / path
        assert html.exists() and html.with_suffix(".md").exists() and html.with_suffix(".json").exists()
        heading = "Discovery call review" if "discovery" in path else "Backward path"
        assert heading in html.read_text()


def test_readme_python_api_snippet_runs(tmp_path, monkeypatch):
    """The README's Python API example, executed as written (output folder redirected)."""
    block = re.search(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S).group(1)
    monkeypatch.chdir(ROOT)
    code = block.replace('"out/reports"', repr(str(tmp_path)))
    exec(compile(code, "README.md", "exec"), {})
    assert list(tmp_path.glob("*.html"))
