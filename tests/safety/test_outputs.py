"""Outputs never destroy inputs or special files (issue 14): every command with an output option."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLES = Path(__file__).resolve().parents[2] / "evaluation" / "samples"


@pytest.fixture
def files(tmp_path: Path) -> Path:
    shutil.copy(DATA / "rulebook_complaints_zh.json", tmp_path / "rb.json")
    for name in ("items.csv", "human_a.csv", "human_b.csv"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    return tmp_path


# Each case: the arguments, and the input file that must come out unchanged.
SAME_FILE_CASES = [
    (["prelabel", "-r", "rb.json", "-i", "items.csv", "-o", "rb.json"], "rb.json"),
    (["prelabel", "-r", "rb.json", "-i", "items.csv", "-o", "human_a.csv", "-f", "csv", "--gold", "human_a.csv"], "human_a.csv"),
    (["export", "rb.json", "--out", "rb.json", "--format", "json"], "rb.json"),
    (["export", "rb.json", "--out", "./sub/../rb.json", "--format", "md"], "rb.json"),
    (["train", "pack", "rb.json", "--out", "rb.json"], "rb.json"),
    (["train", "pack", "rb.json", "--docx", "rb.json"], "rb.json"),
    (["train", "quiz", "rb.json", "--out", "q.csv", "--answer-key", "rb.json"], "rb.json"),
    (["agree", "--a", "human_a.csv", "--b", "human_b.csv", "--report", "human_a.csv"], "human_a.csv"),
    (["qa", "sample", "--input", "human_a.csv", "--out", "human_a.csv"], "human_a.csv"),
    (["check", "rb.json"], None),  # no output: runs normally
]


@pytest.mark.parametrize("args,victim", SAME_FILE_CASES, ids=[" ".join(case[0][:2]) + f"-{i}" for i, case in enumerate(SAME_FILE_CASES)])
def test_an_output_that_is_an_input_is_refused_and_the_input_kept(cli, files, args, victim):
    (files / "sub").mkdir()
    before = {path.name: path.read_bytes() for path in files.iterdir() if path.is_file()}
    code, out, err = cli(*args)
    if victim is None:
        assert "same file as the input" not in err
        return
    assert code == 2, (out, err)
    assert "same file as the input" in err and "Traceback" not in err
    assert len(err.strip().splitlines()[-1]) < 300
    after = {path.name: path.read_bytes() for path in files.iterdir() if path.is_file()}
    assert after == before  # nothing overwritten, nothing new


def test_a_hard_link_to_an_input_is_the_same_file(cli, files):
    os.link(files / "rb.json", files / "alias.json")
    before = (files / "rb.json").read_bytes()
    code, _, err = cli("export", "rb.json", "--format", "md", "--out", "alias.json")
    assert code == 2 and "same file as the input" in err
    assert (files / "rb.json").read_bytes() == before


def test_the_prelabel_records_side_file_is_an_output_too(cli, files):
    side = files / "pre.csv.records.jsonl"
    shutil.copy(files / "items.csv", files / "side.csv")
    # a CSV output keeps its records in OUT.records.jsonl; using that file as the input is refused
    side.write_bytes((files / "items.csv").read_bytes())
    code, _, err = cli("prelabel", "-r", "rb.json", "-i", str(side), "-o", "pre.csv", "-f", "csv")
    assert code == 2 and "same file as the input" in err
    assert side.read_bytes() == (files / "items.csv").read_bytes()


def test_two_outputs_of_one_command_must_differ(cli, files):
    code, _, err = cli("draft", "--request", "识别投诉", "--out", "x.md", "--json", "x.md")
    assert code == 2 and "same file" in err
    assert not (files / "x.md").exists()


def test_a_symlink_output_is_refused_and_its_target_kept(cli, files):
    (files / "precious.txt").write_text("keep me", encoding="utf-8")
    (files / "link.md").symlink_to(files / "precious.txt")
    code, _, err = cli("export", "rb.json", "--format", "md", "--out", "link.md")
    assert code == 2 and "symbolic link" in err and "Traceback" not in err
    assert (files / "link.md").is_symlink() and (files / "precious.txt").read_text(encoding="utf-8") == "keep me"


@pytest.fixture
def special_file(tmp_path: Path) -> Path:
    """A device like /dev/full (made in the test folder, so nothing real is at stake), else a pipe."""
    import stat

    path = tmp_path / "full-device"
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # the numbers of /dev/full
    except (PermissionError, AttributeError):
        os.mkfifo(path)
    return path


def test_a_device_output_is_refused_and_stays_a_device(cli, files, special_file):
    import stat

    kind = "a device" if stat.S_ISCHR(os.lstat(special_file).st_mode) else "a pipe"
    for args in (("prelabel", "-r", "rb.json", "-i", "items.csv", "-o", str(special_file)),
                 ("export", "rb.json", "--format", "md", "--out", str(special_file)),
                 ("qa", "sample", "--input", "human_a.csv", "--out", str(special_file))):
        code, _, err = cli(*args)
        assert code == 2 and f"is {kind}" in err and "Traceback" not in err, err
        mode = os.lstat(special_file).st_mode
        assert not stat.S_ISREG(mode)  # still the device (or pipe), not replaced by a file


def test_the_atomic_writer_itself_replaces_only_regular_files(tmp_path):
    from assistant.core.errors import InputError
    from assistant.core.safe_paths import atomic_writer

    target = tmp_path / "t.txt"
    target.write_text("old", encoding="utf-8")
    (tmp_path / "l.txt").symlink_to(target)
    with pytest.raises(InputError, match="symbolic link"):
        with atomic_writer(tmp_path / "l.txt") as stream:
            stream.write("new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


@contextmanager
def read_only_directory(path: Path):
    """A directory nobody may write into: mode 555, and immutable when we are root (root ignores modes)."""
    path.mkdir()
    os.chmod(path, 0o555)
    immutable = os.geteuid() == 0
    if immutable and subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("running as root without chattr: cannot make a read-only directory")
    try:
        yield path
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], capture_output=True)
        os.chmod(path, 0o755)


def test_a_read_only_output_directory_gives_one_clear_line(files, tmp_path):
    """A real `rulebook` process writes into a read-only directory."""
    with read_only_directory(tmp_path / "locked") as locked:
        result = subprocess.run(
            [sys.executable, "-m", "assistant.cli.main", "export", "rb.json", "--format", "md", "--out", str(locked / "rb.md")],
            cwd=str(files), capture_output=True, text=True, timeout=120,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        )
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert f"cannot write {locked / 'rb.md'}: permission denied in {locked}" in result.stderr
        assert list(locked.iterdir()) == []


def test_feedback_sheets_of_look_alike_annotators_do_not_collide(cli, files):
    from assistant.training.materials import make_quiz  # noqa: F401 - the command below makes the quiz
    code, _, err = cli("train", "quiz", "rb.json", "--out", "quiz.csv", "--size", "6")
    assert code == 0, err
    import csv

    key = list(csv.DictReader((files / "quiz_key.csv").open(encoding="utf-8-sig")))
    names = ["a_b", "a/b", "a b", "A_B", "x" * 300, "y" * 300 + "z", "张三", "张三/李四"]
    rows = [{"id": row["id"], "answer": row["answer"], "annotator": name} for name in names for row in key]
    with (files / "answers.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=["id", "answer", "annotator"])
        writer.writeheader()
        writer.writerows(rows)
    code, _, err = cli("train", "score", "--key", "quiz_key.csv", "--answers", "answers.csv", "--rulebook", "rb.json",
                       "--feedback-dir", "feedback")
    assert code == 0, err
    sheets = sorted((files / "feedback").iterdir())
    assert len(sheets) == len(set(names)) and f"wrote {len(set(names))} feedback sheets" in err
    assert all(len(sheet.name.encode("utf-8")) <= 255 for sheet in sheets)
    # every annotator's sheet names that annotator
    texts = [sheet.read_text(encoding="utf-8") for sheet in sheets]
    for name in names:
        assert sum(name.strip() in text for text in texts) >= 1
