"""Charts that read: every label on the confusion-matrix axes, long Chinese labels wrapped, the CJK font."""

from __future__ import annotations

from evaluation.metrics import ConfusionMatrix
from ui.charts import FONT, confusion_chart, wrap_label

LABELS = ["物流配送延迟投诉", "商品质量问题与退换货", "客服态度", "价格与优惠券争议", "账户安全", "发票", "其他咨询", "表扬"]


def test_every_label_is_on_both_axes_wrapped_and_in_the_cjk_font():
    n = len(LABELS)
    matrix = ConfusionMatrix(labels=LABELS, matrix=[[int(i == j) * 3 + 1 for j in range(n)] for i in range(n)], n_items=n * n + 2 * n)
    spec = confusion_chart(matrix, "标注员甲", "标注员乙").to_dict()
    layer = spec["layer"][0]
    for channel in ("x", "y"):
        encoding = layer["encoding"][channel]
        assert encoding["sort"] == [wrap_label(label) for label in LABELS]  # all eight, in order
        axis = encoding["axis"]
        assert axis["labelOverlap"] is False and axis["labelLimit"] == 0  # no label hidden or cut
        assert "split(datum.label" in axis["labelExpr"]  # wrapped lines
        assert axis["labelFont"] == FONT and "Noto Sans CJK SC" in FONT
    assert spec["config"]["font"] == FONT
    values = {row["compared"] for row in spec["datasets"][next(iter(spec["datasets"]))]}
    assert values == {wrap_label(label) for label in LABELS}


def test_long_labels_wrap_into_short_lines():
    assert wrap_label("商品质量问题与退换货") == "商品质量问题\n与退换货"
    assert wrap_label("表扬") == "表扬"
    assert max(len(line) for line in wrap_label("delivery was late and the box was damaged").split("\n")) <= 12
