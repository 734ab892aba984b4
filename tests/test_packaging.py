"""What a non-editable install needs (issue 13, item 5): every data file is package data, and
`rulebook app` finds app.py through the installed `ui` package. `.ci/wheel_check.sh` builds and
installs the real wheel; these checks catch a file that would be left out, in seconds."""

from __future__ import annotations

import fnmatch
import subprocess
import tomllib
from pathlib import Path

from assistant.cli.workbench import app_script

ROOT = Path(__file__).resolve().parents[1]


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _packages() -> list[str]:
    """The packages the wheel ships, found as setuptools finds them from pyproject's include patterns."""
    from setuptools import find_packages

    return find_packages(where=str(ROOT), include=_config()["tool"]["setuptools"]["packages"]["find"]["include"])


def test_every_data_file_of_a_package_is_package_data():
    setuptools = _config()["tool"]["setuptools"]
    packages, package_data = _packages(), setuptools["package-data"]
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.splitlines()
    missing = []
    for file in tracked:
        if file.endswith(".py") or "/" not in file:
            continue
        folder, name = file.rsplit("/", 1)
        owners = [p for p in packages if folder == p.replace(".", "/") or folder.startswith(p.replace(".", "/") + "/")]
        if not owners:
            continue  # not under a package (tests/, benchmarks/, .ci/...)
        shipped = any(
            fnmatch.fnmatch(file, f"{owner.replace('.', '/')}/{pattern}")
            for owner in owners
            for pattern in package_data.get(owner, [])
        )
        if not shipped:
            missing.append(file)
    assert not missing, f"not in the wheel (add to [tool.setuptools.package-data]): {missing}"


def test_every_package_folder_is_listed():
    packages = set(_packages())
    for top in ("assistant", "knowledge", "evaluation", "prompts", "ui"):
        for init in (ROOT / top).rglob("__init__.py"):
            if "__pycache__" not in init.parts:
                assert ".".join(init.parent.relative_to(ROOT).parts) in packages, init
    for pages in (ROOT / "ui").rglob("pages"):
        assert ".".join(pages.relative_to(ROOT).parts) in packages


def test_the_app_and_its_libraries_are_declared():
    config = _config()
    assert "app" in config["tool"]["setuptools"]["py-modules"]
    declared = {dep.split(">")[0].split("<")[0].split("=")[0].split("[")[0].strip() for dep in config["project"]["dependencies"]}
    assert {"streamlit", "pandas", "altair"} <= declared


def test_rulebook_app_finds_the_script_beside_the_ui_package():
    script = app_script()
    assert script.name == "app.py" and (script.parent / "ui" / "pages").is_dir()


def test_the_app_s_example_rulebook_is_the_tests_copy():
    from evaluation import SAMPLES_DIR

    shipped = SAMPLES_DIR / "rulebook_complaints_zh.json"
    assert shipped.read_bytes() == (ROOT / "tests" / "data" / "rulebook_complaints_zh.json").read_bytes()
