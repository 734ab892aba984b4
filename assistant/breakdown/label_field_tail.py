"""The last field of a list of things to mark, named by what it is to the item: "投诉的商品", "提到的药名".

"需要标出里面的：客户姓名、手机号、订单号、投诉的商品": a list of fields after a verb of marking or pulling
out (标出 / 找出 / 抽出 / 提取 / 圈出 …) often ends with a field described by a short relative clause
(投诉的商品, 下单的时间, 涉及的金额). A 的 inside an item usually means words of a sentence, so the list
reader stops before it; after an extraction verb the last such item is a field and joins the list. A
longer tail ("…、投诉的商品最好也标一下", "…，标注员最好有电商经验") is a sentence and stays out.
"""

from __future__ import annotations

import re

from assistant.breakdown.label_candidates import Candidate
from assistant.breakdown.label_lexicon import CLAUSE_WORDS_ZH

__all__ = ["extend_field_tail"]

# a verb of pulling fields out of each item, with "里面的" / "其中的" / a colon between it and the list
_EXTRACT_BEFORE = re.compile(
    r"(?:标出|找出|抽出|挑出|摘出|圈出|框出|划出|提取|抽取|标记出|识别出)(?:来)?(?:它们|这些|每条|文本|对话)?(?:里面|里头|里边|里|其中|当中|中)?的?\s*[:：]?\s*$"
    r"|把[^，。；\n]{0,12}(?:里面|里头|里边|里|中)的\s*[:：]?\s*$"  # "把每条评论里的：品牌、型号、提到的价格，标出来"
)
_TAIL = re.compile(r"\s*(?:、|和|及|以及|还有)\s*(?P<name>[\u4e00-\u9fff]{1,4}的[\u4e00-\u9fff]{1,4})(?=\s*(?:[。；;，,！!？?\n]|$))")
_CLAUSE = re.compile(CLAUSE_WORDS_ZH)


def extend_field_tail(candidate: Candidate, text: str) -> None:
    """Append the "X的Y" field that ends a list of fields after an extraction verb."""
    if len(candidate.labels) < 2 or not candidate.labels[-1]:
        return
    first = text.find(candidate.labels[0], candidate.start)
    if first < 0 or not _EXTRACT_BEFORE.search(text[max(0, first - 16) : first]):
        return
    last = text.find(candidate.labels[-1], first)
    if last < 0:
        return
    tail = _TAIL.match(text, last + len(candidate.labels[-1]))
    if tail is None or tail.group("name") in candidate.labels or _CLAUSE.search(tail.group("name")):
        return
    candidate.labels.append(tail.group("name"))
    quote_at = text.find(candidate.quote)
    if tail.group("name") not in candidate.quote and 0 <= quote_at <= last:
        candidate.quote = text[quote_at : tail.end("name")]  # the quote runs on to the field added
    candidate.end = max(candidate.end, tail.end("name"))
