"""Hostile and careless inputs end in one clear line, never a traceback (issue 14)."""

from __future__ import annotations

import pytest

SAMPLES = __import__("pathlib").Path(__file__).resolve().parents[2] / "evaluation" / "samples"


@pytest.mark.parametrize("args,expected", [
    (("--volume", "1000", "--seconds-per-item", "nan", "--annotators", "2"), "seconds_per_item (--seconds-per-item) must be a finite number, got nan"),
    (("--volume", "1000", "--seconds-per-item", "inf", "--annotators", "2"), "must be a finite number, got inf"),
    (("--volume", "1000", "--seconds-per-item", "30", "--hours-per-day", "nan", "--annotators", "2"), "hours_per_day (--hours-per-day) must be a finite number"),
    (("--volume", "1000", "--seconds-per-item", "30", "--hourly-rate", "inf", "--annotators", "2"), "hourly_rate (--hourly-rate) must be a finite number"),
    (("--volume", "99999999999999999999", "--seconds-per-item", "10", "--annotators", "3"), "volume (--volume) must be >= 0 and <= 1,000,000,000,000, got 100,000,000,000,000,000,000"),
    (("--volume", "900000000000", "--seconds-per-item", "600", "--annotators", "1"), "working days (over 100 years)"),
])
def test_plan_refuses_numbers_it_cannot_plan_with(cli, args, expected):
    code, out, err = cli("plan", *args)
    assert code == 2, (out, err)
    assert expected in err and "Traceback" not in err
    assert len([line for line in err.splitlines() if line.startswith("error:")]) == 1


def test_bootstrap_has_an_upper_bound(cli):
    code, _, err = cli("agree", "--a", str(SAMPLES / "human_a.csv"), "--b", str(SAMPLES / "human_b.csv"),
                       "--bootstrap", "1000000000")
    assert code == 2 and "--bootstrap must be 0 (no CIs) or a number of resamples up to 100,000" in err
    code, _, err = cli("agree", "--a", str(SAMPLES / "human_a.csv"), "--b", str(SAMPLES / "human_b.csv"), "--bootstrap", "200")
    assert code == 0, err


def test_a_postgresql_url_without_its_driver_names_the_extra(cli, monkeypatch):
    import importlib.util

    if importlib.util.find_spec("psycopg") is not None:
        pytest.skip("the PostgreSQL driver is installed here")
    monkeypatch.setenv("RULEBOOK_DATABASE_URL", "postgresql+psycopg://rb:pw@127.0.0.1:9/rulebook")
    code, _, err = cli("projects", "list")
    assert code == 3 and "Traceback" not in err
    assert "PostgreSQL driver is not installed" in err and 'pip install "rulebook[postgres]"' in err
    code, out, _ = cli("doctor")
    assert code == 1 and 'pip install "rulebook[postgres]"' in out


def test_a_wide_file_with_a_duplicate_column_is_refused_by_name(cli, tmp_path):
    """160,000 columns (the check used to be quadratic: 26 s; see benchmarks/bench_safety.py)."""
    names = ["text", *(f"c{i}" for i in range(159_998)), "c5"]
    (tmp_path / "wide.csv").write_text(",".join(names) + "\n" + ",".join(["x"] * len(names)) + "\n", encoding="utf-8")
    code, _, err = cli("qa", "sample", "--input", "wide.csv", "--out", "s.csv")
    assert code == 2 and "wide.csv: duplicate column names ['c5']" in err
