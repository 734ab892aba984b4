"""The layers of the house hold: no module imports a layer above its own (pyproject's import-linter contract)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    return subprocess.run([exe], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_no_import_points_up():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout[-3000:]


def test_the_contract_catches_an_upward_import(tmp_path):
    # the same contract on a copy with one core module importing the CLI must fail, naming the import
    for name in ("assistant", "evaluation", "knowledge", "ui"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    errors = tmp_path / "assistant" / "core" / "errors.py"
    errors.write_text(errors.read_text(encoding="utf-8") + textwrap.dedent("""
        from assistant.cli import main as _upward  # noqa: E402
    """), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, '.'); from importlinter.cli import lint_imports_command; lint_imports_command()"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode != 0
    assert "assistant.core.errors -> assistant.cli" in result.stdout
