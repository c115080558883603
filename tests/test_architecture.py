"""The layers and the no-circle rule of docs/architecture.md, as import-linter contracts
(pyproject.toml [tool.importlinter]); `make test` and CI run them with the other tests."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_are_kept(capsys):
    from importlinter.application.use_cases import lint_imports
    from importlinter.configuration import configure

    configure()  # what the `lint-imports` command sets up before it reads the contracts

    here = os.getcwd()
    os.chdir(ROOT)  # the contracts name modules relative to the repository's pyproject.toml
    try:
        kept = lint_imports(config_filename=str(ROOT / "pyproject.toml"), cache_dir=None, no_logo=True)
    finally:
        os.chdir(here)
    report = capsys.readouterr().out
    assert kept, report
    assert report.count(" KEPT") == 3


@pytest.mark.parametrize("old", ["cli_team", "cli_web", "cli_users", "cli_meaning"])
def test_the_cli_is_one_package(old):
    assert not (ROOT / "analyzer" / f"{old}.py").exists()
    assert (ROOT / "analyzer" / "cli" / "app.py").exists()
