"""PNG charts: written atomically, real PNGs, Chinese labels, graceful without a CJK font."""

from __future__ import annotations

import warnings

import pytest

pytest.importorskip("matplotlib")

from evaluation import plots  # noqa: E402
from evaluation.metrics import confusion, per_label_prf  # noqa: E402

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
LABELS = ["愤怒投诉", "一般不满", "中性咨询", "正面反馈"]
REF = ["愤怒投诉", "一般不满", "中性咨询", "正面反馈", "一般不满", "中性咨询", "愤怒投诉"]
PRED = ["愤怒投诉", "愤怒投诉", "中性咨询", "中性咨询", "一般不满", "一般不满", "愤怒投诉"]


def _is_png(path):
    data = path.read_bytes()
    return len(data) > 1000 and data.startswith(PNG_MAGIC)


def test_confusion_heatmap_writes_a_png(tmp_path):
    path = plots.confusion_heatmap(
        confusion(REF, PRED, labels=LABELS), tmp_path / "out" / "cm.png", "标注员A vs 标注员B",
        reference_name="A", compared_name="B",
    )
    assert path == tmp_path / "out" / "cm.png"
    assert _is_png(path)
    assert [p.name for p in path.parent.iterdir()] == ["cm.png"]  # no temporary file left behind


def test_per_label_bars_from_scores_and_from_a_mapping(tmp_path):
    bars = plots.per_label_bars(per_label_prf(REF, PRED, labels=LABELS), tmp_path / "bars.png", "每个标签")
    assert _is_png(bars)
    single = plots.per_label_bars({"positive": 0.9, "negative": None}, tmp_path / "agree.png", "agreement")
    assert _is_png(single)


def test_empty_confusion_still_renders(tmp_path):
    assert _is_png(plots.confusion_heatmap(confusion([], []), tmp_path / "empty.png", "nothing"))


def test_without_a_cjk_font_it_warns_and_still_writes(tmp_path, monkeypatch):
    monkeypatch.setattr(plots, "find_cjk_font", lambda: None)
    with pytest.warns(plots.CJKFontWarning, match="fonts-noto-cjk"):
        path = plots.confusion_heatmap(confusion(REF, PRED, labels=LABELS), tmp_path / "cm.png", "中文")
    assert _is_png(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error", plots.CJKFontWarning)  # Latin-only charts need no CJK font: no warning
        plots.per_label_bars({"yes": 1.0, "no": 0.5}, tmp_path / "latin.png", "latin only")


def test_a_cjk_font_is_used_when_installed():
    font = plots.find_cjk_font()
    if font is None:
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    assert plots._rc(["中文"])["font.sans-serif"][0] == font
